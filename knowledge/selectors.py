"""Reads of the knowledge base. Public pages, search, feeds and the API read only through the
``*_public`` selectors: published records whose publication time has come."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from knowledge.choices import EntryKind, PublicationStatus
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


def country_get_public(*, iso2: str) -> Country | None:
    return country_list_public().filter(iso2=iso2.upper()).prefetch_related("treaties", "indicators").first()


def instrument_list_public() -> QuerySet[Instrument]:
    # No sectors and topics here: list tables do not show them, and the detail page and the API,
    # which do, prefetch them (two queries saved on every list).
    return Instrument.objects.filter(_public_q()).select_related("country")


def instrument_get_public(*, key: str) -> Instrument | None:
    public_relations = InstrumentRelation.objects.select_related("source", "target")
    return (
        instrument_list_public()
        .filter(key=key)
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


def guidance_list_public() -> QuerySet[SectorGuidance]:
    return SectorGuidance.objects.filter(_public_q()).filter(_public_q("country__")).select_related("country", "sector")


def guidance_get_public(*, iso2: str, sector: str) -> SectorGuidance | None:
    return (
        guidance_list_public()
        .filter(country__iso2=iso2.upper(), sector_id=sector)
        .prefetch_related(Prefetch("instruments", queryset=instrument_list_public()))
        .first()
    )


def article_list_public() -> QuerySet[Article]:
    return Article.objects.filter(_public_q()).prefetch_related("countries", "sectors", "topics")


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
