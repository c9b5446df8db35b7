"""Reads of the knowledge base. Public pages, search, feeds and the API read only through the
``*_public`` selectors: published records whose publication time has come."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from knowledge.choices import EntryKind, LegalStatus, Medium, PublicationStatus, RelationType
from knowledge.models import (
    Article,
    Country,
    CountryRisk,
    Instrument,
    InstrumentRelation,
    Region,
    RegionRisk,
    SearchEntry,
    Sector,
    SectorGuidance,
    StandardLimit,
    Topic,
)


def _public_q(prefix: str = "") -> Q:
    now = timezone.now()
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


def localized(*fields: str) -> list[str]:
    """The columns of translated fields (``name``, ``country__name``) that the active language
    reads: its own and its fallback's (English). For ``.only()``: a page shows one language, and
    loading every language's column of every long text cost more than the rest of the query."""
    languages = resolution_order(get_language())
    columns = []
    for field in fields:
        path, _sep, name = field.rpartition("__")
        prefix = f"{path}__" if path else ""
        columns += [f"{prefix}{build_localized_fieldname(name, language)}" for language in languages]
    return columns


def unread(*fields: str) -> list[str]:
    """The columns of translated fields that the active language does not read: the other
    languages'. For ``.defer()`` (which, given a field's own name, would defer every language:
    modeltranslation widens it, so the untranslated original column is still read)."""
    read = set(localized(*fields))
    columns = []
    for field in fields:
        path, _sep, name = field.rpartition("__")
        prefix = f"{path}__" if path else ""
        for language in mt_settings.AVAILABLE_LANGUAGES:
            column = f"{prefix}{build_localized_fieldname(name, language)}"
            if column not in read:
                columns.append(column)
    return columns


# What a row of an instrument table (and a link to an instrument) shows.
INSTRUMENT_ROW = ("id", "key", "jurisdiction", "type", "number", "year", "legal_status", "verified")
# What the instrument's page shows of it (besides its title and summary).
INSTRUMENT_DETAIL = (
    *INSTRUMENT_ROW,
    *("title_original", "issuing_body", "adopted", "in_force", "amended", "repealed", "source_url", "source_secondary"),
    *("machine_translated", "status", "publish_at", "country"),
)


def instrument_row_columns(prefix: str = "") -> list[str]:
    return [f"{prefix}{c}" for c in INSTRUMENT_ROW] + localized(f"{prefix}title")


# A country's long texts and sources: what only its own profile shows. (``.defer()`` of a
# translated field's name defers every language of it.)
_COUNTRY_PROFILE_COLUMNS = (
    *Country.PROFILE_SECTIONS,
    "profile_sources",
    "official_names",
    "local_name",
    "names_source_url",
)


# A unique lookup (``.filter(key=…)``) is fetched with ``.order_by().first()``: without the list
# ordering of its model (joins, translated columns), which costs more to compile than the
# primary-key query costs to run.


def country_list_public() -> QuerySet[Country]:
    return Country.objects.filter(_public_q()).prefetch_related("risks")


def country_profile_get_public(*, iso2: str, preview: bool = False) -> Country | None:
    """The country's page: the published profile (with ``preview``, whatever its state) in the
    active language, with its risks, treaties and indicators."""
    base = Country.objects.all() if preview else Country.objects.filter(_public_q())
    risks = CountryRisk.objects.defer("editor_note", *unread("justification"))
    return (
        base.filter(iso2=iso2.upper())
        .defer("published_at", "created_at", "updated_at", "updated_by", *unread("name", *Country.PROFILE_SECTIONS))
        .prefetch_related(Prefetch("risks", queryset=risks), "treaties", "indicators")
        .order_by()
        .first()
    )


# The region page's translated sections, in the order it shows them.
REGION_PROFILE_SECTIONS = Region.PROFILE_SECTIONS


def region_links_for_country_public(*, country: Country) -> QuerySet[Region]:
    """The country's published sub-national profiles, for its page's links: code and name."""
    return (
        Region.objects.filter(_public_q(), country=country)
        .only("code", "country", "verified", *localized("name"))
        .order_by("code")
    )


def _region_columns() -> list[str]:
    """What a public region shows, in the active language (and English)."""
    return [
        "code",
        "country",
        "sources",
        "verified",
        "machine_translated",
        *localized("name", *Region.PROFILE_SECTIONS),
    ]


def _region_risks() -> QuerySet[RegionRisk]:
    """A region's risks as readers see them: never the editors' notes."""
    return RegionRisk.objects.defer("editor_note", *unread("justification"))


def region_list_public() -> QuerySet[Region]:
    """Published sub-national profiles of published countries, with their risks, for the API:
    the active language's texts (and English), never the editors' notes."""
    return (
        Region.objects.filter(_public_q(), _public_q("country__"))
        .select_related("country")
        .only(*_region_columns(), "country__iso2")
        .prefetch_related(Prefetch("risks", queryset=_region_risks()))
        .order_by("code")
    )


def region_get_public(*, iso2: str, code: str, preview: bool = False) -> Region | None:
    """A sub-national profile in the active language, with its country (for the breadcrumb)
    and its risks. Public only when both the region and its country are published; with
    ``preview`` (an editor's), the region whatever its state. The editors' notes are never read."""
    base = Region.objects.all() if preview else Region.objects.filter(_public_q(), _public_q("country__"))
    return (
        base.filter(code=code.upper(), country__iso2=iso2.upper())
        .select_related("country")
        .only(
            *_region_columns(),
            "status",
            "publish_at",
            "country__iso2",
            *localized("country__name"),
        )
        .prefetch_related(Prefetch("risks", queryset=_region_risks()))
        .order_by()
        .first()
    )


def instrument_rows_public(**filters) -> QuerySet[Instrument]:
    """Published instruments as table rows (``INSTRUMENT_ROW`` and the title in the active
    language), filtered by ``filters``."""
    return Instrument.objects.filter(_public_q(), **filters).only(*instrument_row_columns())


def guidance_links_for_country_public(*, country: Country) -> QuerySet[SectorGuidance]:
    """The country's published guidance, for links: the sector's code and name."""
    return (
        guidance_list_public()
        .filter(country=country)
        .only("country", "sector", "country__iso2", "sector__code", *localized("country__name", "sector__name"))
    )


def country_get_public(*, iso2: str, preview: bool = False) -> Country | None:
    """The published profile; with ``preview`` (an editor's), the record whatever its state."""
    base = Country.objects.prefetch_related("risks") if preview else country_list_public()
    return base.filter(iso2=iso2.upper()).prefetch_related("treaties", "indicators").order_by().first()


def instrument_list_public() -> QuerySet[Instrument]:
    # No sectors and topics here: list tables do not show them, and the detail page and the API,
    # which do, prefetch them (two queries saved on every list).
    return Instrument.objects.filter(_public_q()).select_related("country")


def instrument_get_public(*, key: str, preview: bool = False) -> Instrument | None:
    """The published instrument; with ``preview`` (an editor's), the record whatever its state
    (its relations still show only published counterparts). Only the active language's
    columns are read, and of its relations and limits only what the page shows."""
    public_relations = InstrumentRelation.objects.select_related("source", "target").only(
        "source_id", "target_id", "type", *instrument_row_columns("source__"), *instrument_row_columns("target__")
    )
    limits = StandardLimit.objects.only(
        "instrument_id",
        "parameter",
        "medium",
        "category",
        "value",
        "value_min",
        "value_max",
        "unit",
        "averaging",
        "conditions",
        "verified",
    ).order_by("parameter", "medium", "pk")  # one instrument: no join for the list's ordering
    base = Instrument.objects.all() if preview else Instrument.objects.filter(_public_q())
    instrument = (
        base.filter(key=key)
        .select_related("country")
        .only(
            *INSTRUMENT_DETAIL,
            *localized("title", "summary"),
            # The country only for the jurisdiction's name (when it is public).
            *("country__iso2", "country__status", "country__publish_at", *localized("country__name")),
        )
        .prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.only("code", *localized("name"))),
            Prefetch("topics", queryset=Topic.objects.only("code", *localized("name"))),
            Prefetch("limits", queryset=limits),
        )
        .order_by()
        .first()
    )
    if instrument is None:
        return None
    # Both directions of relation in one query, each with a published counterpart only.
    relations = list(
        public_relations.filter(
            (Q(source=instrument) & _public_q("target__")) | (Q(target=instrument) & _public_q("source__"))
        )
    )
    instrument.public_relations_out = [r for r in relations if r.source_id == instrument.pk]
    instrument.public_relations_in = [r for r in relations if r.target_id == instrument.pk]
    return instrument


def limit_list_public() -> QuerySet[StandardLimit]:
    return StandardLimit.objects.filter(_public_q("instrument__")).select_related("instrument", "sector")


def limit_list_for_jurisdictions(*, jurisdictions) -> QuerySet[StandardLimit]:
    """The public limits of these jurisdictions, for the compliance matrix and its choices."""
    return limit_list_public().filter(instrument__jurisdiction__in=list(jurisdictions))


def design_parameter_options(*, jurisdictions, sector: str = "") -> list[dict]:
    """What the knowledge base holds for a project: each (parameter, medium, unit, averaging)
    with how many limits, so the design-value form offers real options (issue 10.1)."""
    rows = (
        limit_list_for_jurisdictions(jurisdictions=jurisdictions)
        .filter(Q(sector__isnull=True) | Q(sector_id=sector))
        .values_list("parameter", "medium", "unit", "averaging")
    )
    seen: dict[tuple, int] = {}
    for row in rows:
        seen[row] = seen.get(row, 0) + 1
    return [
        {"parameter": p, "medium": m, "medium_label": Medium(m).label, "unit": u, "averaging": a, "limits": n}
        for (p, m, u, a), n in sorted(seen.items())
    ]


def sector_list() -> list[Sector]:
    """Every sector guidance can be written for, in the active language, by name."""
    return sorted(Sector.objects.only("code", *localized("name")), key=lambda s: s.name)


def sectors_without(guidance, sectors: list[Sector]) -> list[Sector]:
    """Of ``sectors``, those no item of ``guidance`` covers: the cells that are empty."""
    covered = {g.sector_id for g in guidance}
    return [s for s in sectors if s.code not in covered]


def guidance_list_public() -> QuerySet[SectorGuidance]:
    """Published guidance of published countries; the editors' ``editor_note`` is never read."""
    return (
        SectorGuidance.objects.filter(_public_q())
        .filter(_public_q("country__"))
        .select_related("country", "sector")
        .defer("editor_note")
    )


@dataclass(frozen=True)
class GuidanceGridRow:
    """One country's row of the guidance grid: one cell per sector, the guidance or None."""

    country: Country
    cells: list[tuple[Sector, SectorGuidance | None]]

    @property
    def written(self) -> int:
        return sum(g is not None for _s, g in self.cells)


def guidance_grid_public() -> tuple[list[Sector], list[GuidanceGridRow]]:
    """The whole country x sector grid of published guidance, in the active language: every
    published host country (and any other country with published guidance) by name, every
    sector by name, and in each cell the guidance or None, so an empty cell can say so rather
    than vanish. Three queries, however many countries, sectors or cells."""
    sectors = sector_list()
    guidance = {
        (g.country_id, g.sector_id): g
        for g in guidance_list_public().only("country", "sector", "country__iso2", "sector__code")
    }
    with_guidance = {country_id for country_id, _sector in guidance}
    countries = sorted(
        (
            c
            for c in Country.objects.filter(_public_q()).only("id", "iso2", "is_reference", *localized("name"))
            if not c.is_reference or c.pk in with_guidance
        ),
        key=lambda c: c.name,
    )
    rows = [GuidanceGridRow(c, [(s, guidance.get((c.pk, s.code))) for s in sectors]) for c in countries]
    return sectors, rows


def guidance_links_public(*, instrument: Instrument) -> QuerySet[SectorGuidance]:
    """The published guidance citing an instrument, for links: country, sector and their names."""
    return (
        guidance_list_public()
        .filter(instruments=instrument)
        .only("country", "sector", "country__iso2", *localized("country__name", "sector__name"))
    )


def guidance_get_public(*, iso2: str, sector: str, preview: bool = False) -> SectorGuidance | None:
    """The published guidance (with ``preview``, whatever its state), in the active language:
    its country and sector for names and links, its instruments as table rows, each with the
    published instruments that replaced or repealed it (``successor_relations``)."""
    successors = (
        InstrumentRelation.objects.filter(
            type__in=[RelationType.REPLACES, RelationType.REPEALS], source__in=instrument_list_public()
        )
        .select_related("source")
        .only("target_id", "source", *instrument_row_columns("source__"))
    )
    base = SectorGuidance.objects.select_related("country", "sector") if preview else guidance_list_public()
    return (
        base.filter(country__iso2=iso2.upper(), sector_id=sector)
        .defer("published_at", "created_at", "updated_at", "updated_by", "editor_note", *unread("eia_tier", "notes"))
        .defer(*(f"country__{name}" for name in _COUNTRY_PROFILE_COLUMNS), *unread("country__name"))
        .defer(*unread("sector__name"))
        .prefetch_related(
            Prefetch(
                "instruments",
                queryset=Instrument.objects.filter(_public_q())
                .only(*instrument_row_columns(), "repealed")
                .prefetch_related(Prefetch("relations_in", queryset=successors, to_attr="successor_relations")),
            )
        )
        .order_by()
        .first()
    )


# Statuses under which an instrument is listed as applicable today.
APPLICABLE_STATUSES = (LegalStatus.IN_FORCE, LegalStatus.AMENDED)


def guidance_instrument_groups(guidance: SectorGuidance) -> dict:
    """The guidance's instruments in three groups (issue 10.2): ``applicable`` (in force),
    ``unconfirmed`` (draft or status not verified) and ``history`` (repealed, each with what
    replaced it). Uses what ``guidance_get_public`` prefetched."""
    groups = {"applicable": [], "unconfirmed": [], "history": []}
    for instrument in guidance.instruments.all():
        if instrument.legal_status == LegalStatus.REPEALED or instrument.repealed:
            replaced_by = [r.source for r in getattr(instrument, "successor_relations", [])]
            groups["history"].append({"instrument": instrument, "replaced_by": replaced_by})
        elif instrument.legal_status in APPLICABLE_STATUSES:
            groups["applicable"].append(instrument)
        else:
            groups["unconfirmed"].append(instrument)
    # Named instruments not linked to a record are listed as written, unless a linked one is it.
    # The names are written in English, whatever the reader's language: compare English titles.
    linked = [i.title_en.lower() for i in guidance.instruments.all()]
    groups["named"] = [t for t in guidance.instruments_text if not any(title in t.lower() for title in linked)]
    return groups


def article_list_public() -> QuerySet[Article]:
    return Article.objects.filter(_public_q()).prefetch_related("countries", "sectors", "topics", "instruments")


def article_guide_list_public() -> QuerySet[Article]:
    """The published articles for the knowledge home's guides: slug, title and summary in the
    active language only, in one query, in the order they were published."""
    return (
        Article.objects.filter(_public_q()).only("slug", *localized("title", "summary")).order_by("published_at", "pk")
    )


def _article_instruments() -> Prefetch:
    # The cited instruments as the article page lists them: link, title, number, type, status.
    return Prefetch(
        "instruments",
        queryset=Instrument.objects.only("key", "jurisdiction", "number", "type", "legal_status", *localized("title")),
    )


def article_get_public(*, slug: str, preview: bool = False) -> Article | None:
    base = Article.objects.all() if preview else Article.objects.filter(_public_q())
    return base.prefetch_related(_article_instruments()).filter(slug=slug).order_by().first()


def search_entry_list_public() -> QuerySet[SearchEntry]:
    now = timezone.now()
    # Guidance is public only with its country (as on its page); the index cannot know when a
    # country is unpublished or scheduled, so the check is made here.
    hidden_countries = Country.objects.exclude(_public_q()).values("iso2")
    return SearchEntry.objects.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now)).exclude(
        kind__in=[EntryKind.GUIDANCE, EntryKind.REGION], country__in=hidden_countries
    )


FACET_COLUMNS = ("kind", "country", "type", "legal_status", "year", "sectors", "topics")


def search_facets(queryset: QuerySet[SearchEntry], *, bounded: bool = False) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value over a result set (sectors and topics are space-separated lists).

    ``bounded``: the set is a search's short candidate list; one query reads the facet columns
    of its rows and Python counts them. Otherwise (browsing everything) the database counts."""
    base = queryset.order_by()
    if bounded:
        counters: dict[str, Counter] = {name: Counter() for name in FACET_COLUMNS}
        for row in base.values_list(*FACET_COLUMNS):
            for name, value in zip(FACET_COLUMNS, row, strict=True):
                if name in ("sectors", "topics"):
                    counters[name].update((value or "").split())
                elif value not in ("", None):
                    counters[name][value] += 1
        facets = {name: counters[name].most_common() for name in FACET_COLUMNS}
        facets["country"] = facets["country"][:40]
        facets["year"] = sorted(facets["year"], key=lambda kv: -kv[0])[:30]
        return facets
    facets = {
        "kind": list(base.values_list("kind").annotate(n=Count("id")).order_by("-n")),
        "country": list(base.exclude(country="").values_list("country").annotate(n=Count("id")).order_by("-n")[:40]),
        "type": list(base.exclude(type="").values_list("type").annotate(n=Count("id")).order_by("-n")),
        "legal_status": list(
            base.exclude(legal_status="").values_list("legal_status").annotate(n=Count("id")).order_by("-n")
        ),
        "year": list(base.exclude(year=None).values_list("year").annotate(n=Count("id")).order_by("-year")[:30]),
    }
    for name in ("sectors", "topics"):
        counts: dict[str, int] = {}
        for value in base.exclude(**{name: ""}).values_list(name, flat=True):
            for code in value.split():
                counts[code] = counts.get(code, 0) + 1
        facets[name] = sorted(counts.items(), key=lambda kv: -kv[1])
    return facets


def country_map_list_public(*, dimension: str) -> QuerySet[Country]:
    """The published countries for the knowledge map: iso2, region and the name in the active
    language, with ``risk_level`` on ``dimension`` ("" or None when not rated), in one query."""
    level = CountryRisk.objects.filter(country=OuterRef("pk"), dimension=dimension).values("level")[:1]
    return (
        Country.objects.filter(_public_q())
        .only("iso2", "region", *localized("name"))
        .annotate(risk_level=Subquery(level))
    )


def risk_list_for_country(*, country: Country) -> QuerySet[CountryRisk]:
    """The country's risk levels by dimension (no texts)."""
    return CountryRisk.objects.filter(country=country).only("country", "dimension", "level")


def country_names_public() -> dict[str, str]:
    """Published countries' names in the active language by ISO code (jurisdiction labels)."""
    return dict(Country.objects.filter(_public_q()).values_list("iso2", "name"))


def instrument_list_by_keys(*, keys) -> QuerySet[Instrument]:
    """Instruments by their dataset keys, as control measures cite them."""
    return Instrument.objects.filter(key__in=list(keys))
