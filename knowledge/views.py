"""Public pages of the knowledge base. Every page reads through the public selectors."""

from functools import lru_cache
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from modeltranslation.utils import build_localized_fieldname, get_language

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
    Treaty,
    TreatyStatus,
    WorldRegion,
)
from knowledge.comparison import normalise_averaging
from knowledge.comparison_service import AVERAGING_CHOICES, DEFAULT_CHOICE, ComparisonForm, build_comparison
from knowledge.filters import InstrumentFilter, SearchEntryFilter
from knowledge.geo import spans_antimeridian, svg_viewbox_for, world_svg_paths
from knowledge.search import CANDIDATES, MAX_QUERY_CHARS, join_cjk
from knowledge.search import highlights as search_highlights
from knowledge.templatetags.limits import averaging_label
from knowledge.templatetags.verified import verified_tag
from portal.choices import Sector
from portal.db import QueryTooSlow, statement_timeout
from portal.errors import http_status
from portal.templatetags.numbers import limit_value
from portal.throttle import search_throttle_wait

PAGE_SIZE = 25
COMPARABLE_PERIODS = {code for code, _label in AVERAGING_CHOICES if code}


def jurisdiction_label(code: str, names: dict[str, str]) -> str:
    return str(INTERNATIONAL_JURISDICTIONS.get(code, names.get(code, code)))


def _labels(choices) -> dict[str, str]:
    """A choice's label by value, translated once per request (``get_FOO_display`` builds and
    hashes a dict of every lazy choice label on each call, once per table cell)."""
    return {value: str(label) for value, label in choices}


def _labelled(rows, **labels) -> list:
    """``rows`` as a list, each given ``<attr>`` = the label of its ``field`` for every
    ``attr=(field, choices)``, the labels translated once for all rows."""
    rows = list(rows)
    for attr, (field, choices) in labels.items():
        by_value = _labels(choices)
        for row in rows:
            value = getattr(row, field)
            setattr(row, attr, by_value.get(value, value))
    return rows


def _risk_rows(risks) -> list:
    return _labelled(
        risks, dimension_label=("dimension", RiskDimension.choices), level_label=("level", RiskLevel.choices)
    )


def _treaty_rows(treaties) -> list:
    return _labelled(treaties, treaty_label=("treaty", Treaty.choices), status_label=("status", TreatyStatus.choices))


def _with_instrument_rows(groups: dict) -> dict:
    """The guidance's applicable and unconfirmed instruments with their row labels."""
    instrument_rows(groups["applicable"] + groups["unconfirmed"])
    return groups


def url_template(name: str, params: int = 1) -> str:
    """The address of URL ``name`` as a ``str.format`` template with ``params`` fields, from one
    ``reverse()``: list rows fill in their key, slug or code instead of reversing per row."""
    marks = [f"urlparam{i}" for i in range(params)]
    url = reverse(name, args=marks)
    for mark in marks:
        url = url.replace(mark, "{}")
    return url


def instrument_rows(instruments, names: dict[str, str] | None = None) -> list:
    """The instruments with what a row of ``_instrument_table.html`` shows, computed once:
    address, type and status labels and, with ``names``, the jurisdiction's label."""
    instruments = list(instruments)
    types, statuses = _labels(InstrumentType.choices), _labels(LegalStatus.choices)
    # Every instrument's address is the same but for its key (a slug, nothing to quote).
    address = url_template("knowledge:instrument-detail")
    for instrument in instruments:
        instrument.url = address.format(instrument.key)
        instrument.type_label = types.get(instrument.type, instrument.type)
        instrument.status_label = statuses.get(instrument.legal_status, instrument.legal_status)
        if names is not None:
            instrument.jurisdiction_label = jurisdiction_label(instrument.jurisdiction, names)
    return instruments


@lru_cache(maxsize=8)
def _land_markup(profiled: frozenset[str]) -> str:
    """The map's outlines of the places without a published profile, as SVG markup (outline
    data from the shipped files, escaped once)."""
    return mark_safe(  # noqa: S308 - built from escaped path data only
        "".join(
            format_html('<path d="{}" class="land" aria-hidden="true"></path>', d)
            for code, d in world_svg_paths().items()
            if code not in profiled
        )
    )


@lru_cache(maxsize=8)
def _map_viewbox(codes: tuple[str, ...]) -> str:
    """The map's box around these countries (outlines are shipped files: the same every time)."""
    return svg_viewbox_for([code for code in codes if not spans_antimeridian(code)] or ["CN"])


class KnowledgeHomeView(TemplateView):
    """The map of host countries shaded by a chosen risk dimension, and the ways in."""

    template_name = "knowledge/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        dimension = self.request.GET.get("risk", RiskDimension.BIODIVERSITY)
        if dimension not in RiskDimension.values:
            dimension = RiskDimension.BIODIVERSITY
        countries = list(selectors.country_map_list_public(dimension=dimension))
        dimension_label = str(RiskDimension(dimension).label)
        level_labels = _labels(RiskLevel.choices)
        region_labels = _labels(WorldRegion.choices)
        no_rating = _("No rating")
        # Every profile's address but for the lower-case code (Country.get_absolute_url).
        address = url_template("knowledge:country-detail")
        # The map's tooltip, the same text as the template's blocktranslate gave (one msgid).
        tooltip = _("%(country)s — %(dim)s risk: %(level)s")
        for c in countries:
            c.risk_level = c.risk_level or ""
            c.level_label = level_labels[c.risk_level] if c.risk_level else ""
            c.url = address.format(c.iso2.lower())
            c.map_label = tooltip % {"country": c.name, "dim": dimension_label, "level": c.level_label or no_rating}
        by_code = {c.iso2: c for c in countries}
        # Land without a profile is the same on every request: its markup is made once per process.
        # The 69 shapes and table rows are made here with format_html (every value escaped), at
        # a third of the cost of the same markup from template variables.
        shapes = format_html_join(
            "",
            '<a href="{}" aria-label="{}"><path d="{}" class="country risk-{}"><title>{}</title></path></a>',
            (
                (c.url, c.map_label, d, c.risk_level or "none", c.map_label)
                for code, d in world_svg_paths().items()
                if (c := by_code.get(code)) is not None
            ),
        )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>',
            (
                (
                    c.url,
                    c.name,
                    region_labels.get(c.region, c.region),
                    format_html('<span class="level risk-{}">{}</span>', c.risk_level, c.level_label)
                    if c.risk_level
                    else "—",
                )
                for c in countries
            ),
        )
        # Draw the profiled countries last so their outlines sit on top.
        land = _land_markup(frozenset(by_code))
        ctx.update(
            {
                "dimension": dimension,
                "dimensions": RiskDimension.choices,
                "levels": RiskLevel.choices,
                "land": land,
                "shapes": shapes,
                # Centre on the Belt and Road region: a country cut by the antimeridian
                # (Russia) would stretch the box to the whole world's width.
                "viewbox": _map_viewbox(tuple(c.iso2 for c in countries)),
                "dimension_label": dimension_label,
                "countries": countries,
                "rows": rows,
                "sectors": Sector.choices,
                "guides": _guide_rows(selectors.article_guide_list_public()),
            }
        )
        return ctx


def _guide_rows(articles) -> list:
    """The guides with their addresses (Article.get_absolute_url, one reverse() for all)."""
    articles = list(articles)
    address = url_template("knowledge:article-detail")
    for article in articles:
        article.url = address.format(article.slug)
    return articles


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
        country = selectors.country_profile_get_public(iso2=iso2, preview=preview)
        if country is None:
            raise Http404(_("No published profile for this country."))
        guidance = list(selectors.guidance_links_for_country_public(country=country))
        return render(
            request,
            "knowledge/country_detail.html",
            {
                **preview_context(country, preview),
                "country": country,
                "risks": _risk_rows(sorted(country.risks.all(), key=lambda r: RiskDimension.values.index(r.dimension))),
                "treaties": _treaty_rows(country.treaties.all()),
                "instruments": instrument_rows(selectors.instrument_rows_public(jurisdiction=country.iso2)),
                "guidance": guidance,
                "regions": _region_links(selectors.region_links_for_country_public(country=country)),
                "sectors_without_guidance": selectors.sectors_without(guidance, selectors.sector_list()),
                "outline": world_svg_paths(detail="50m").get(country.iso2, ""),
                "outline_viewbox": svg_viewbox_for([country.iso2], pad=2),
            },
        )


def _region_links(regions) -> list:
    """The regions with their addresses (Region.get_absolute_url, one reverse() for all)."""
    regions = list(regions)
    address = url_template("knowledge:region-detail", 2)
    for region in regions:
        region.url = address.format(region.code[:2].lower(), region.code.lower())
    return regions


def _region_risk_rows(risks) -> list:
    """The region's risks in the dimensions' order (then as entered), with their labels."""
    order = RiskDimension.values
    rows = sorted(risks, key=lambda r: (order.index(r.dimension) if r.dimension in order else len(order), r.pk))
    return _risk_rows(rows)


def _fallback_language(record, field: str) -> str:
    """ "en" when ``field`` has no text in the active language and the page shows the English
    (modeltranslation's fallback), so the template marks that text as English, left to right,
    inside a Russian or Arabic page; "" when the text is in the page's language."""
    column = build_localized_fieldname(field, get_language())
    return "en" if get_language() != "en" and not getattr(record, column, "") else ""


class RegionDetailView(View):
    """A sub-national profile (issue 16.7): a Belt and Road province of China and its risks."""

    def get(self, request, iso2, code):
        preview = editor_preview(request, "region")
        region = selectors.region_get_public(iso2=iso2, code=code, preview=preview)
        if region is None:
            raise Http404(_("No published profile for this region."))
        titles = {
            "route_role": _("Place on the Belt and Road routes"),
            "ecological_status": _("Ecological status"),
            "pressures": _("Regional environmental pressures"),
        }
        sections = [
            {"title": titles[field], "text": text, "lang": _fallback_language(region, field)}
            for field in selectors.REGION_PROFILE_SECTIONS
            if (text := getattr(region, field))
        ]
        risks = _region_risk_rows(region.risks.all())
        for risk in risks:
            risk.lang = _fallback_language(risk, "justification")
        return render(
            request,
            "knowledge/region_detail.html",
            {
                **preview_context(region, preview),
                "region": region,
                "country": region.country,
                "sections": sections,
                "risks": risks,
            },
        )


def _options(choices, current: str | None) -> list[tuple[str, str, bool]]:
    return [(value, str(label), value == current) for value, label in choices]


class InstrumentListView(View):
    def get(self, request):
        names = selectors.country_names_public()
        filterset = InstrumentFilter(request.GET, queryset=selectors.instrument_rows_public())
        # Options come from the (few) countries and bodies, not from a scan of the instruments.
        jurisdictions = sorted(
            [(code, str(label)) for code, label in INTERNATIONAL_JURISDICTIONS.items()] + list(names.items()),
            key=lambda x: x[1],
        )
        get = request.GET
        context = {
            "filter": filterset,
            # (value, label, selected): the template compares nothing per option.
            "jurisdictions": _options(jurisdictions, (get.get("jurisdiction") or "").upper()),
            "types": _options(InstrumentType.choices, get.get("type")),
            "statuses": _options(LegalStatus.choices, get.get("legal_status")),
            "sorts": _options(
                [
                    ("", _("Country, newest first")),
                    ("title", _("Title (A–Z)")),
                    ("-year", _("Newest first")),
                    ("year", _("Oldest first")),
                    ("number", _("Number")),
                ],
                # Absent, no option is selected (the browser shows the first).
                get.get("sort"),
            ),
        }
        if not filterset.is_valid():
            return render(
                request, "knowledge/instrument_list.html", {**context, "instruments": [], "count": 0}, status=400
            )
        qs = filterset.qs
        if not request.GET.get("sort"):
            qs = qs.order_by("jurisdiction", "-year", "title")
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        instruments = instrument_rows(page.object_list, names)
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
        limits = list(instrument.limits.all())
        # The cells of each row, made here once rather than per cell by filters and reverse().
        compare_url = reverse("knowledge:compare")
        country_param = (
            f"&countries={instrument.jurisdiction}"
            if len(instrument.jurisdiction) == 2 and instrument.jurisdiction != "CN"
            else ""
        )
        media = _labels(Medium.choices)
        compare_label = _("compare with China")

        def row(limit):
            code = normalise_averaging(limit.averaging)
            averaging = f"&averaging={code}" if code in COMPARABLE_PERIODS else ""
            return (
                limit.pk,
                limit.parameter,
                media.get(limit.medium, limit.medium),
                limit.category,
                limit_value(limit),
                limit.unit,
                verified_tag(limit.verified),
                averaging_label(limit.averaging),
                limit.conditions,
                f"{compare_url}?parameter={quote(limit.parameter)}&medium={limit.medium}{averaging}{country_param}",
                compare_label,
            )

        # The table's rows (up to a few hundred) made once here with format_html, every value
        # escaped: a third of the cost of the same cells from template variables and filters.
        limit_rows = format_html_join(
            "\n",
            '<tr id="limit-{}"><td>{}</td><td>{}</td><td>{}</td><td class="num">{} {} {}</td><td>{}</td>'
            '<td>{}</td><td><a href="{}">{}</a></td></tr>',
            (row(limit) for limit in limits),
        )
        return render(
            request,
            "knowledge/instrument_detail.html",
            {
                **preview_context(instrument, preview),
                "instrument": instrument,
                "jurisdiction": jurisdiction_label(instrument.jurisdiction, _jurisdiction_names(instrument)),
                "limits": limits,
                "limit_rows": limit_rows,
                "relations_out": instrument.public_relations_out,
                "relations_in": instrument.public_relations_in,
                "guidance": selectors.guidance_links_public(instrument=instrument),
            },
        )


def _jurisdiction_names(instrument) -> dict[str, str]:
    """The name of the instrument's country if it is public, from the row already loaded; the
    published names only when the country link and the jurisdiction disagree."""
    country = instrument.country
    if country is not None and country.iso2 == instrument.jurisdiction:
        return {country.iso2: country.name} if country.is_public else {}
    return selectors.country_names_public()


class GuidanceListView(View):
    """The full country x sector grid: a cell without guidance says so instead of vanishing."""

    def get(self, request):
        sectors, rows = selectors.guidance_grid_public()
        written = sum(row.written for row in rows)
        # The grid's ~1,200 cells made once here with format_html (every value escaped), the
        # links from one reverse() each, not per cell by template tags and get_absolute_url.
        guidance_label, missing = _("Guidance"), _("No guidance yet")
        country_url = url_template("knowledge:country-detail")
        guidance_url = url_template("knowledge:guidance-detail", 2)
        missing_cell = format_html('<td><span class="meta">{}</span></td>', missing)

        def cells(row):
            iso2 = row.country.iso2.lower()
            # Each part is already escaped by format_html: joined as they are.
            return mark_safe(  # noqa: S308
                "".join(
                    (
                        format_html(
                            '<td><a href="{}">{}<span class="visually-hidden">: {}, {}</span></a></td>',
                            guidance_url.format(iso2, sector.code),
                            guidance_label,
                            sector.name,
                            row.country.name,
                        )
                        if g
                        else missing_cell
                    )
                    for sector, g in row.cells
                )
            )

        body = format_html_join(
            "\n",
            '<tr><th scope="row"><a href="{}">{}</a></th>{}</tr>',
            ((country_url.format(row.country.iso2.lower()), row.country.name, cells(row)) for row in rows),
        )
        return render(
            request,
            "knowledge/guidance_list.html",
            {
                "sectors": sectors,
                "rows": rows,
                "grid_body": body,
                "written": written,
                "cells": len(rows) * len(sectors),
            },
        )


class GuidanceDetailView(View):
    def get(self, request, iso2, sector):
        preview = editor_preview(request, "sectorguidance")
        guidance = selectors.guidance_get_public(iso2=iso2, sector=sector, preview=preview)
        if guidance is None:
            raise Http404(_("No published guidance for this sector in this country."))
        return render(
            request,
            "knowledge/guidance_detail.html",
            {
                **preview_context(guidance, preview),
                "guidance": guidance,
                "groups": _with_instrument_rows(selectors.guidance_instrument_groups(guidance)),
                "country_instruments": instrument_rows(
                    selectors.instrument_rows_public(jurisdiction=guidance.country.iso2)[:50]
                ),
                "risks": _risk_rows(selectors.risk_list_for_country(country=guidance.country)),
            },
        )


class _QueryLinks:
    """Links to the current query with one parameter changed, written exactly as
    ``QueryDict.urlencode()`` writes them (same order), without copying the QueryDict for each
    of the hundred facet links of a page."""

    def __init__(self, query):
        self.keys = list(query)
        self.parts = {key: "&".join(self._encode(key, v) for v in query.getlist(key)) for key in self.keys}

    @staticmethod
    def _encode(key, value) -> str:
        return urlencode({key.encode(): str(value).encode()})

    def with_value(self, param: str, value) -> str:
        """``param`` set to ``value`` (in its place, or last), and back to the first page."""
        parts = [self._encode(param, value) if k == param else self.parts[k] for k in self.keys if k != "page"]
        if param not in self.parts:
            parts.append(self._encode(param, value))
        return "?" + "&".join(parts)

    def without(self, param: str) -> str:
        return "?" + "&".join(self.parts[k] for k in self.keys if k != param)


def _facet_items(values, *, chosen, label_of, link_of):
    """A facet group's items (up to 40 links), made once here with every value escaped: the
    chosen value in bold, the others as links to the query with that value set."""
    items = []
    for value, count in values:
        label = label_of(value) or value
        if chosen == str(value):
            items.append(format_html('<li><strong>{}</strong> <span class="count">({})</span></li>', label, count))
        else:
            items.append(
                format_html(
                    '<li><a href="{}">{}</a> <span class="count">({})</span></li>', link_of(value), label, count
                )
            )
    return mark_safe("".join(items))  # noqa: S308 (each item is format_html output)


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
        facets = selectors.search_facets(filterset.qs, bounded=bool(q))
        if q:
            # A search's facets read every candidate once, and each has exactly one kind: their
            # kind counts add up to the count, with no query of its own.
            total = sum(n for _kind, n in facets["kind"])
        else:
            # Counting stops past the candidate limit: "more than 1,000" needs no exact count.
            total = filterset.qs.order_by().values("pk")[: CANDIDATES + 1].count()
        items = list(results[(page - 1) * PAGE_SIZE : min(page * PAGE_SIZE, CANDIDATES)])
        snippets = search_highlights(items, q) if q else {}
        lang_suffix = {"zh-hans": "zh_hans"}.get(request.LANGUAGE_CODE, request.LANGUAGE_CODE)
        names = dict(selectors.country_list_public().values_list("iso2", "name"))
        kinds = _labels(EntryKind.choices)
        for item in items:
            item.kind_label = kinds.get(item.kind, item.kind)
            item.display_snippet = snippets.get(item.pk, "")
            item.display_title = join_cjk(getattr(item, f"title_{lang_suffix}", "") or item.title_en)
            item.country_label = jurisdiction_label(item.country, names) if item.country else ""
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
        links = _QueryLinks(request.GET)
        for key, param, title in (
            ("kind", "kind", _("Kind")),
            ("country", "country", _("Country or body")),
            ("type", "type", _("Type")),
            ("sectors", "sector", _("Sector")),
            ("topics", "topic", _("Topic")),
            ("legal_status", "legal_status", _("Legal status")),
            ("year", "year", _("Year")),
        ):
            label_of = (lambda v: jurisdiction_label(v, names)) if key == "country" else labels.get(key, {}).get
            items_html = _facet_items(
                facets[key],
                chosen=request.GET.get(param),
                label_of=label_of,
                link_of=lambda v, param=param: links.with_value(param, v),
            )
            if facets[key]:
                facet_groups.append(
                    {
                        "title": title,
                        "items_html": items_html,
                        "clear_url": links.without(param),
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
                "instruments": instrument_rows(article.instruments.all()),
            },
        )
