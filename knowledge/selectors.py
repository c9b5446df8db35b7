"""Reads of the knowledge base. Public pages, search, feeds and the API read only through the
``*_public`` selectors: published records whose publication time has come."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from knowledge.choices import EntryKind, LegalStatus, Medium, PublicationStatus, RelationType
from knowledge.models import (
    Article,
    Country,
    CountryRisk,
    Instrument,
    InstrumentRelation,
    SearchEntry,
    SectorGuidance,
    StandardLimit,
)


def _public_q(prefix: str = "") -> Q:
    now = timezone.now()
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


def country_list_public() -> QuerySet[Country]:
    return Country.objects.filter(_public_q()).prefetch_related("risks")


def country_get_public(*, iso2: str, preview: bool = False) -> Country | None:
    """The published profile; with ``preview`` (an editor's), the record whatever its state."""
    base = Country.objects.prefetch_related("risks") if preview else country_list_public()
    return base.filter(iso2=iso2.upper()).prefetch_related("treaties", "indicators").first()


def instrument_list_public() -> QuerySet[Instrument]:
    # No sectors and topics here: list tables do not show them, and the detail page and the API,
    # which do, prefetch them (two queries saved on every list).
    return Instrument.objects.filter(_public_q()).select_related("country")


def instrument_get_public(*, key: str, preview: bool = False) -> Instrument | None:
    """The published instrument; with ``preview`` (an editor's), the record whatever its state
    (its relations still show only published counterparts)."""
    public_relations = InstrumentRelation.objects.select_related("source", "target")
    base = Instrument.objects.select_related("country") if preview else instrument_list_public()
    return (
        base.filter(key=key)
        .prefetch_related(
            "sectors",
            "topics",
            Prefetch("relations_out", queryset=public_relations.filter(_public_q("target__"))),
            Prefetch("relations_in", queryset=public_relations.filter(_public_q("source__"))),
            Prefetch("limits", queryset=StandardLimit.objects.select_related("sector")),
        )
        .first()
    )


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


def guidance_list_public() -> QuerySet[SectorGuidance]:
    return SectorGuidance.objects.filter(_public_q()).filter(_public_q("country__")).select_related("country", "sector")


def guidance_get_public(*, iso2: str, sector: str, preview: bool = False) -> SectorGuidance | None:
    successors = InstrumentRelation.objects.filter(
        type__in=[RelationType.REPLACES, RelationType.REPEALS], source__in=instrument_list_public()
    ).select_related("source")
    base = SectorGuidance.objects.select_related("country", "sector") if preview else guidance_list_public()
    return (
        base.filter(country__iso2=iso2.upper(), sector_id=sector)
        .prefetch_related(
            Prefetch(
                "instruments",
                queryset=instrument_list_public().prefetch_related(
                    Prefetch("relations_in", queryset=successors, to_attr="successor_relations")
                ),
            )
        )
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
    linked = [i.title.lower() for i in guidance.instruments.all()]
    groups["named"] = [t for t in guidance.instruments_text if not any(title in t.lower() for title in linked)]
    return groups


def article_list_public() -> QuerySet[Article]:
    return Article.objects.filter(_public_q()).prefetch_related("countries", "sectors", "topics")


def article_get_public(*, slug: str, preview: bool = False) -> Article | None:
    base = Article.objects.prefetch_related("countries", "sectors", "topics") if preview else article_list_public()
    return base.filter(slug=slug).first()


def search_entry_list_public() -> QuerySet[SearchEntry]:
    now = timezone.now()
    # Guidance is public only with its country (as on its page); the index cannot know when a
    # country is unpublished or scheduled, so the check is made here.
    hidden_countries = Country.objects.exclude(_public_q()).values("iso2")
    return SearchEntry.objects.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now)).exclude(
        kind=EntryKind.GUIDANCE, country__in=hidden_countries
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


def risk_levels_by_country(*, dimension: str) -> dict[str, str]:
    return dict(
        CountryRisk.objects.filter(dimension=dimension, country__in=country_list_public()).values_list(
            "country__iso2", "level"
        )
    )


def instrument_list_by_keys(*, keys) -> QuerySet[Instrument]:
    """Instruments by their dataset keys, as control measures cite them."""
    return Instrument.objects.filter(key__in=list(keys))
