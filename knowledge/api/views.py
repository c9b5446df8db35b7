"""Read-only public API of the knowledge base, with the same FilterSets as the pages."""

from django.utils.decorators import method_decorator
from rest_framework import exceptions, viewsets
from rest_framework.permissions import AllowAny

from knowledge import selectors
from knowledge.api import serializers as s
from knowledge.filters import (
    CountryFilter,
    InstrumentFilter,
    RegionFilter,
    SearchEntryFilter,
    SectorGuidanceFilter,
    StandardLimitFilter,
)
from knowledge.search import highlights
from portal.db import statement_timeout
from portal.public_cache import cache_public
from portal.throttle import search_throttle_wait


class PublicReadOnly(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]

    @method_decorator(cache_public)
    def dispatch(self, request, *args, **kwargs):
        # Anonymous responses come from the public cache (portal/public_cache.py).
        return super().dispatch(request, *args, **kwargs)


class CountryViewSet(PublicReadOnly):
    lookup_field = "iso2"
    filterset_class = CountryFilter

    def get_queryset(self):
        qs = selectors.country_list_public().order_by("name")
        if self.action == "retrieve":
            qs = qs.prefetch_related("treaties", "indicators")
        return qs

    def get_object(self):
        self.kwargs["iso2"] = self.kwargs["iso2"].upper()
        return super().get_object()

    def get_serializer_class(self):
        return s.CountryDetailSerializer if self.action == "retrieve" else s.CountrySerializer


class InstrumentViewSet(PublicReadOnly):
    lookup_field = "key"
    filterset_class = InstrumentFilter

    def get_queryset(self):
        qs = (
            selectors.instrument_list_public()
            .prefetch_related("sectors", "topics")
            .order_by("jurisdiction", "-year", "key")
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related("limits__sector", "relations_out__target")
        return qs

    def get_serializer_class(self):
        return s.InstrumentDetailSerializer if self.action == "retrieve" else s.InstrumentSerializer


class LimitViewSet(PublicReadOnly):
    serializer_class = s.LimitSerializer
    filterset_class = StandardLimitFilter

    def get_queryset(self):
        return selectors.limit_list_public().order_by("parameter", "medium", "instrument__jurisdiction", "id")


class GuidanceViewSet(PublicReadOnly):
    serializer_class = s.GuidanceSerializer
    filterset_class = SectorGuidanceFilter

    def get_queryset(self):
        return selectors.guidance_list_public().order_by("country__iso2", "sector_id")


class RegionViewSet(PublicReadOnly):
    """China's Belt and Road provinces and regions (sub-national profiles) with their sourced
    regional risks; ``?country=CN`` narrows to one country."""

    lookup_field = "code"
    serializer_class = s.RegionSerializer
    filterset_class = RegionFilter

    def get_queryset(self):
        return selectors.region_list_public()

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


class ArticleViewSet(PublicReadOnly):
    lookup_field = "slug"
    serializer_class = s.ArticleSerializer

    def get_queryset(self):
        return selectors.article_list_public()


class SearchViewSet(PublicReadOnly):
    """Full-text search with facets' filters; ``q`` (web-style: "phrase", -word, or) ranks
    results, best first, with a highlighted ``snippet`` for the page returned."""

    serializer_class = s.SearchResultSerializer
    filterset_class = SearchEntryFilter

    def get_queryset(self):
        qs = selectors.search_entry_list_public()
        return qs if self.request.query_params.get("q") else qs.order_by("kind", "title_en")

    def list(self, request, *args, **kwargs):
        wait = search_throttle_wait(request)
        if wait:
            raise exceptions.Throttled(wait=wait)
        # A statement stopped at the timeout raises QueryTooSlow: 503 with its message, mapped once.
        with statement_timeout():
            return super().list(request, *args, **kwargs)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self._snippets = highlights(list(page), self.request.query_params.get("q", ""))
        return page

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "snippets": getattr(self, "_snippets", {})}
