"""One FilterSet per list, shared by the pages and the API."""

import re

import django_filters
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, TextField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from knowledge.choices import EntryKind, InstrumentType, LegalStatus, Medium
from knowledge.indexes import INSTRUMENT_TITLES_SQL
from knowledge.models import Country, Instrument, Region, SearchEntry, SectorGuidance, StandardLimit
from knowledge.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS, query_word_count, search
from portal.choices import Sector


def validate_query_words(value: str) -> None:
    """A long query costs the database in proportion to its words; nobody types twenty."""
    if query_word_count(value) > MAX_QUERY_WORDS:
        raise ValidationError(
            ngettext_lazy(
                "Use at most %(limit)d word.",
                "Use at most %(limit)d words.",
                "limit",
            )
            % {"limit": MAX_QUERY_WORDS},
            code="too_many_words",
        )


class SearchQueryFilter(django_filters.CharFilter):
    """The ``q`` of a search: capped in characters and words (a clear 400 beyond)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", MAX_QUERY_CHARS)
        kwargs.setdefault("validators", [validate_query_words])
        super().__init__(**kwargs)


class SearchEntryFilter(django_filters.FilterSet):
    q = SearchQueryFilter(method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EntryKind.choices)
    country = django_filters.CharFilter(label=_("Country or body"), method="filter_country")
    type = django_filters.CharFilter(label=_("Type"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, method="filter_word")
    topic = django_filters.CharFilter(label=_("Topic"), method="filter_word")
    legal_status = django_filters.ChoiceFilter(label=_("Legal status"), choices=LegalStatus.choices)
    year = django_filters.NumberFilter(label=_("Year"))
    verified = django_filters.BooleanFilter(label=_("Verified only"))

    class Meta:
        model = SearchEntry
        fields = [
            "q",
            "kind",
            "country",
            "type",
            "sector",
            "topic",
            "legal_status",
            "year",
            "verified",
        ]

    def filter_queryset(self, queryset):
        # The facets narrow first, then the query ranks what is left: ranking is bounded to a
        # candidate set (knowledge.search.CANDIDATES), which must be drawn from the narrowed set.
        data = dict(self.form.cleaned_data)
        q = data.pop("q", "")
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.filter_q(queryset, "q", q or "")

    def filter_q(self, queryset, name, value):
        return search(queryset, value) if value.strip() else queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())

    def filter_word(self, queryset, name, value):
        # sectors and topics are space-separated code lists: match a whole code.
        field = "sectors" if name == "sector" else "topics"
        return queryset.filter(**{f"{field}__regex": rf"(^| ){re.escape(value)}( |$)"})


class CountryFilter(django_filters.FilterSet):
    region = django_filters.CharFilter()

    class Meta:
        model = Country
        fields = ["region", "verified"]


class InstrumentFilter(django_filters.FilterSet):
    q = SearchQueryFilter(label=_("Title or number contains"), method="filter_text")
    jurisdiction = django_filters.CharFilter(label=_("Country or body"), method="filter_jurisdiction")
    type = django_filters.ChoiceFilter(choices=InstrumentType.choices)
    legal_status = django_filters.ChoiceFilter(choices=LegalStatus.choices)
    sector = django_filters.CharFilter(field_name="sectors__code")
    topic = django_filters.CharFilter(field_name="topics__code")
    year = django_filters.NumberFilter()
    verified = django_filters.BooleanFilter()
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("title", "title"), ("year", "year"), ("jurisdiction", "country"), ("number", "number")),
        field_labels={
            "title": _("Title"),
            "year": _("Year"),
            "jurisdiction": _("Country or body"),
            "number": _("Number"),
        },
    )

    class Meta:
        model = Instrument
        fields = ["q", "jurisdiction", "type", "legal_status", "sector", "topic", "year", "verified"]

    def filter_jurisdiction(self, queryset, name, value):
        return queryset.filter(jurisdiction=value.upper())

    def filter_text(self, queryset, name, value):
        """Every word in the title (any language), the official title or the number. On
        PostgreSQL one trigram-indexed expression holds them all (migration 0021)."""
        if connection.vendor == "postgresql":
            # A constant expression without parameters: nothing of the request reaches its SQL.
            titles = RawSQL(INSTRUMENT_TITLES_SQL, [], output_field=TextField())  # noqa: S611
            queryset = queryset.alias(titles=titles)
            for word in value.split():
                queryset = queryset.filter(titles__contains=word.lower())
            return queryset
        for word in value.split():
            queryset = queryset.filter(
                Q(title_en__icontains=word)
                | Q(title_zh_hans__icontains=word)
                | Q(title_ru__icontains=word)
                | Q(title_ar__icontains=word)
                | Q(title_original__icontains=word)
                | Q(number__icontains=word)
            )
        return queryset


class StandardLimitFilter(django_filters.FilterSet):
    parameter = django_filters.CharFilter(lookup_expr="iexact")
    medium = django_filters.ChoiceFilter(choices=Medium.choices)
    jurisdiction = django_filters.CharFilter(field_name="instrument__jurisdiction", method="filter_jurisdiction")
    instrument = django_filters.CharFilter(field_name="instrument__key")
    sector = django_filters.CharFilter(field_name="sector__code")
    verified = django_filters.BooleanFilter()

    class Meta:
        model = StandardLimit
        fields = ["parameter", "medium", "jurisdiction", "instrument", "sector", "verified"]

    def filter_jurisdiction(self, queryset, name, value):
        return queryset.filter(instrument__jurisdiction=value.upper())


class RegionFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__iso2", method="filter_country")
    verified = django_filters.BooleanFilter()

    class Meta:
        model = Region
        fields = ["country", "verified"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__iso2=value.upper())


class SectorGuidanceFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__iso2", method="filter_country")
    sector = django_filters.CharFilter(field_name="sector__code")
    verified = django_filters.BooleanFilter()

    class Meta:
        model = SectorGuidance
        fields = ["country", "sector", "verified"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__iso2=value.upper())
