"""Public pages of the knowledge base. Every page reads through the public selectors."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from knowledge import selectors
from knowledge.choices import (
    INTERNATIONAL_JURISDICTIONS,
    EntryKind,
    InstrumentType,
    LegalStatus,
    Medium,
    RiskDimension,
    RiskLevel,
    Topic,
)
from knowledge.comparison import normalise_averaging
from knowledge.comparison_service import AVERAGING_CHOICES, DEFAULT_CHOICE, ComparisonForm, build_comparison
from knowledge.filters import InstrumentFilter, SearchEntryFilter
from knowledge.geo import spans_antimeridian, svg_viewbox_for, world_svg_paths
from knowledge.search import CANDIDATES, MAX_QUERY_CHARS, join_cjk
from knowledge.search import highlights as search_highlights
from portal.choices import Sector
from portal.db import QueryTooSlow, statement_timeout
from portal.errors import http_status
from portal.throttle import search_throttle_wait

PAGE_SIZE = 25
COMPARABLE_PERIODS = {code for code, _label in AVERAGING_CHOICES if code}


def jurisdiction_label(code: str, names: dict[str, str]) -> str:
    return str(INTERNATIONAL_JURISDICTIONS.get(code, names.get(code, code)))


class KnowledgeHomeView(TemplateView):
    """The map of host countries shaded by a chosen risk dimension, and the ways in."""

    template_name = "knowledge/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        dimension = self.request.GET.get("risk", RiskDimension.BIODIVERSITY)
        if dimension not in RiskDimension.values:
            dimension = RiskDimension.BIODIVERSITY
        countries = list(selectors.country_list_public())
        levels = selectors.risk_levels_by_country(dimension=dimension)
        paths = world_svg_paths()
        shapes = []
        by_code = {c.iso2: c for c in countries}
        for code, d in paths.items():
            country = by_code.get(code)
            level = levels.get(code, "")
            shapes.append(
                {
                    "code": code,
                    "d": d,
                    "country": country,
                    "level": level,
                    "level_label": RiskLevel(level).label if level else _("No rating"),
                }
            )
        # Draw the profiled countries last so their outlines sit on top.
        shapes.sort(key=lambda s: s["country"] is not None)
        ctx.update(
            {
                "dimension": dimension,
                "dimensions": RiskDimension.choices,
                "levels": RiskLevel.choices,
                "shapes": shapes,
                # Centre on the Belt and Road region: a country cut by the antimeridian
                # (Russia) would stretch the box to the whole world's width.
                "viewbox": svg_viewbox_for([c.iso2 for c in countries if not spans_antimeridian(c.iso2)] or ["CN"]),
                "dimension_label": RiskDimension(dimension).label,
                "countries": countries,
                "country_levels": [(c, levels.get(c.iso2, "")) for c in countries],
                "sectors": Sector.choices,
            }
        )
        return ctx


def editor_preview(request, model_name: str) -> bool:
    """``?preview=1`` from an editor who may view the record in the admin: the page shows it
    whatever its publication state, under a banner (never cached: signed-in requests are not)."""
    return request.GET.get("preview") == "1" and request.user.has_perm(f"knowledge.view_{model_name}")


def preview_context(record, preview: bool) -> dict:
    if not preview:
        return {}
    return {"preview_notice": record.get_status_display(), "preview_publish_at": record.publish_at}


class CountryDetailView(View):
    def get(self, request, iso2):
        preview = editor_preview(request, "country")
        country = selectors.country_get_public(iso2=iso2, preview=preview)
        if country is None:
            raise Http404(_("No published profile for this country."))
        instruments = selectors.instrument_list_public().filter(jurisdiction=country.iso2)
        guidance = selectors.guidance_list_public().filter(country=country)
        return render(
            request,
            "knowledge/country_detail.html",
            {
                **preview_context(country, preview),
                "country": country,
                "risks": sorted(country.risks.all(), key=lambda r: RiskDimension.values.index(r.dimension)),
                "instruments": instruments,
                "guidance": guidance,
                "outline": world_svg_paths(detail="50m").get(country.iso2, ""),
                "outline_viewbox": svg_viewbox_for([country.iso2], pad=2),
            },
        )


class InstrumentListView(View):
    def get(self, request):
        names = dict(selectors.country_list_public().values_list("iso2", "name"))
        filterset = InstrumentFilter(request.GET, queryset=selectors.instrument_list_public())
        # Options come from the (few) countries and bodies, not from a scan of the instruments.
        jurisdictions = sorted(
            [(code, str(label)) for code, label in INTERNATIONAL_JURISDICTIONS.items()] + list(names.items()),
            key=lambda x: x[1],
        )
        context = {
            "filter": filterset,
            "jurisdictions": jurisdictions,
            "types": InstrumentType.choices,
            "statuses": LegalStatus.choices,
            "sorts": [
                ("", _("Country, newest first")),
                ("title", _("Title (A–Z)")),
                ("-year", _("Newest first")),
                ("year", _("Oldest first")),
                ("number", _("Number")),
            ],
        }
        if not filterset.is_valid():
            return render(
                request, "knowledge/instrument_list.html", {**context, "instruments": [], "count": 0}, status=400
            )
        qs = filterset.qs
        if not request.GET.get("sort"):
            qs = qs.order_by("jurisdiction", "-year", "title")
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        instruments = list(page.object_list)
        for instrument in instruments:
            instrument.jurisdiction_label = jurisdiction_label(instrument.jurisdiction, names)
        base = request.GET.copy()
        base.pop("page", None)
        return render(
            request,
            "knowledge/instrument_list.html",
            {
                **context,
                "instruments": instruments,
                "page": page,
                "count": page.paginator.count,
                "page_query": base.urlencode(),
                "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            },
        )


class InstrumentDetailView(View):
    def get(self, request, key):
        preview = editor_preview(request, "instrument")
        instrument = selectors.instrument_get_public(key=key, preview=preview)
        if instrument is None:
            raise Http404(_("No published instrument with this key."))
        names = dict(selectors.country_list_public().values_list("iso2", "name"))
        limits = list(instrument.limits.all())
        for limit in limits:
            code = normalise_averaging(limit.averaging)
            limit.compare_averaging = code if code in COMPARABLE_PERIODS else ""
        return render(
            request,
            "knowledge/instrument_detail.html",
            {
                **preview_context(instrument, preview),
                "instrument": instrument,
                "jurisdiction": jurisdiction_label(instrument.jurisdiction, names),
                "limits": limits,
                "relations_out": instrument.relations_out.all(),
                "relations_in": instrument.relations_in.all(),
                "guidance": selectors.guidance_list_public().filter(instruments=instrument),
            },
        )


class GuidanceListView(View):
    def get(self, request):
        guidance = selectors.guidance_list_public().order_by("country__name", "sector__name")
        by_country: dict = {}
        for g in guidance:
            by_country.setdefault(g.country, []).append(g)
        return render(request, "knowledge/guidance_list.html", {"by_country": by_country.items()})


class GuidanceDetailView(View):
    def get(self, request, iso2, sector):
        preview = editor_preview(request, "sectorguidance")
        guidance = selectors.guidance_get_public(iso2=iso2, sector=sector, preview=preview)
        if guidance is None:
            raise Http404(_("No published guidance for this sector in this country."))
        media = (
            selectors.limit_list_public()
            .filter(instrument__jurisdiction=guidance.country.iso2)
            .order_by()
            .values_list("medium", flat=True)
            .distinct()
        )
        media_labels = dict(Medium.choices)
        return render(
            request,
            "knowledge/guidance_detail.html",
            {
                **preview_context(guidance, preview),
                "guidance": guidance,
                "groups": selectors.guidance_instrument_groups(guidance),
                "country_instruments": selectors.instrument_list_public().filter(jurisdiction=guidance.country.iso2)[
                    :50
                ],
                "risks": guidance.country.risks.all(),
                "limit_media": sorted(str(media_labels.get(m, m)) for m in media),
            },
        )


class SearchView(View):
    def get(self, request):
        filterset = SearchEntryFilter(request.GET, queryset=selectors.search_entry_list_public())
        q = request.GET.get("q", "").strip()
        if not filterset.is_valid():
            return self._answer(request, {"filter": filterset, "q": q[:MAX_QUERY_CHARS]}, status=400)
        wait = search_throttle_wait(request)
        if wait:
            response = self._answer(
                request,
                {
                    "filter": filterset,
                    "q": q,
                    "error": _("Too many searches from your address. Wait a minute and try again."),
                },
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        try:
            with statement_timeout():
                context = self._results(request, filterset, q)
        except QueryTooSlow as exc:
            return self._answer(request, {"filter": filterset, "q": q, "error": exc.message}, status=http_status(exc))
        return self._answer(request, context)

    def _answer(self, request, context, status=200):
        context = {"results": [], "total": 0, "facet_groups": [], **context}
        return render(request, "knowledge/search.html", context, status=status)

    def _results(self, request, filterset, q):
        results = filterset.qs if q else filterset.qs.order_by("kind", "title_en")
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        # Counting stops past the candidate limit: "more than 1,000" needs no exact count.
        total = results[: CANDIDATES + 1].count()
        items = list(results[(page - 1) * PAGE_SIZE : min(page * PAGE_SIZE, CANDIDATES)])
        snippets = search_highlights(items, q) if q else {}
        lang_suffix = {"zh-hans": "zh_hans"}.get(request.LANGUAGE_CODE, request.LANGUAGE_CODE)
        names = dict(selectors.country_list_public().values_list("iso2", "name"))
        for item in items:
            item.display_snippet = snippets.get(item.pk, "")
            item.display_title = join_cjk(getattr(item, f"title_{lang_suffix}", "") or item.title_en)
            item.country_label = jurisdiction_label(item.country, names) if item.country else ""
        facets = selectors.search_facets(filterset.qs, bounded=bool(q))
        labels = {
            "kind": dict(EntryKind.choices),
            "type": {
                **dict(InstrumentType.choices),
                "limit": _("Standard limit"),
                "country": _("Country profile"),
                "guidance": _("Sector guidance"),
                "article": _("Article"),
            },
            "legal_status": dict(LegalStatus.choices),
            "sectors": dict(Sector.choices),
            "topics": dict(Topic.choices),
        }
        facet_groups = []
        for key, param, title in (
            ("kind", "kind", _("Kind")),
            ("country", "country", _("Country or body")),
            ("type", "type", _("Type")),
            ("sectors", "sector", _("Sector")),
            ("topics", "topic", _("Topic")),
            ("legal_status", "legal_status", _("Legal status")),
            ("year", "year", _("Year")),
        ):
            values = []
            for value, count in facets[key]:
                label = jurisdiction_label(value, names) if key == "country" else labels.get(key, {}).get(value, value)
                query = request.GET.copy()
                query[param] = value
                query.pop("page", None)
                values.append(
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "url": "?" + query.urlencode(),
                        "active": request.GET.get(param) == str(value),
                    }
                )
            if values:
                clear = request.GET.copy()
                clear.pop(param, None)
                facet_groups.append(
                    {
                        "title": title,
                        "values": values,
                        "clear_url": "?" + clear.urlencode(),
                        "active": param in request.GET,
                    }
                )
        base = request.GET.copy()
        base.pop("page", None)
        return {
            "filter": filterset,
            "q": q,
            "results": items,
            "total": min(total, CANDIDATES),
            "more": total > CANDIDATES,
            "page": page,
            "has_next": page * PAGE_SIZE < min(total, CANDIDATES),
            "page_query": base.urlencode(),
            "facet_groups": facet_groups,
        }


class ComparisonView(View):
    """Limits of several countries converted to one unit, beside China, WHO and IFC."""

    def get(self, request):
        # Without a choice, compare the default (PM2.5, ambient air, annual) if the base holds it.
        data = request.GET or DEFAULT_CHOICE
        form = ComparisonForm(data)
        comparison = None
        status = 200
        if form.is_valid():
            comparison = build_comparison(**form.cleaned_data)
        elif request.GET:
            status = 400
        else:
            form = ComparisonForm(None)
        return render(
            request,
            "knowledge/comparison.html",
            {"form": form, "comparison": comparison},
            status=status,
        )


class ArticleDetailView(View):
    def get(self, request, slug):
        preview = editor_preview(request, "article")
        article = selectors.article_get_public(slug=slug, preview=preview)
        if article is None:
            raise Http404(_("No published article with this address."))
        return render(
            request,
            "knowledge/article_detail.html",
            {
                **preview_context(article, preview),
                "article": article,
                "paragraphs": [p for p in article.body.split("\n\n") if p.strip()],
            },
        )
