"""How much of the knowledge base is filled in: per country, per medium and per sector.

Read-only figures for ``manage.py knowledge_stats`` (editors and the issue tracker use them to
see where the base is thin). Nothing here writes.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from knowledge.choices import LegalStatus, Medium
from knowledge.models import Country, CountryRisk, Instrument, Region, RegionRisk, SectorGuidance, StandardLimit
from portal.choices import Sector

# The 65 countries usually listed as the Belt and Road's original scope since 2015 (China and
# 64 partners: Mongolia and Russia, 11 in South-East Asia, 8 in South Asia, 5 in Central Asia,
# 16 in West Asia and North Africa, 16 in Central and Eastern Europe, 6 other CIS states).
BELT_AND_ROAD_65 = [
    "CN",
    "MN",
    "RU",
    "SG",
    "MY",
    "ID",
    "MM",
    "TH",
    "LA",
    "KH",
    "VN",
    "BN",
    "PH",
    "TL",
    "IN",
    "PK",
    "BD",
    "AF",
    "NP",
    "BT",
    "LK",
    "MV",
    "KZ",
    "UZ",
    "TM",
    "KG",
    "TJ",
    "SA",
    "AE",
    "OM",
    "IR",
    "TR",
    "IL",
    "EG",
    "KW",
    "IQ",
    "QA",
    "JO",
    "LB",
    "BH",
    "YE",
    "SY",
    "PS",
    "PL",
    "AL",
    "EE",
    "LT",
    "SI",
    "BG",
    "CZ",
    "HU",
    "MK",
    "RS",
    "RO",
    "SK",
    "HR",
    "LV",
    "BA",
    "ME",
    "UA",
    "BY",
    "GE",
    "AZ",
    "AM",
    "MD",
]

# A limit on an instrument with one of these statuses must not be presented as applicable.
NOT_APPLICABLE = {LegalStatus.REPEALED}


@dataclass
class CountryCoverage:
    iso2: str
    name: str = ""
    profile: bool = False
    risks: int = 0
    risks_verified: int = 0
    instruments: int = 0
    instruments_verified: int = 0
    limits: int = 0
    limits_verified: int = 0
    limits_historical: int = 0
    media: Counter = field(default_factory=Counter)
    sectors: int = 0


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def coverage_by_country() -> dict[str, CountryCoverage]:
    """One row per country that has a profile, an instrument or is one of the 65."""
    rows: dict[str, CountryCoverage] = {}

    def row(iso2: str) -> CountryCoverage:
        return rows.setdefault(iso2, CountryCoverage(iso2=iso2))

    for iso2, name in Country.objects.values_list("iso2", "name"):
        r = row(iso2)
        r.profile, r.name = True, name
    for iso2, verified in CountryRisk.objects.values_list("country__iso2", "verified"):
        r = row(iso2)
        r.risks += 1
        r.risks_verified += verified
    for code, verified in Instrument.objects.values_list("jurisdiction", "verified"):
        r = row(code)
        r.instruments += 1
        r.instruments_verified += verified
    limits = StandardLimit.objects.values_list(
        "instrument__jurisdiction", "medium", "verified", "instrument__legal_status"
    )
    for code, medium, verified, status in limits:
        r = row(code)
        r.limits += 1
        r.limits_verified += verified
        r.limits_historical += status in NOT_APPLICABLE
        r.media[medium] += 1
    for iso2, n in Counter(SectorGuidance.objects.values_list("country__iso2", flat=True)).items():
        row(iso2).sectors = n
    for iso2 in BELT_AND_ROAD_65:
        row(iso2)
    return rows


def coverage_by_medium() -> list[dict]:
    """Limits per medium: count, verified, jurisdictions, and rows on repealed instruments."""
    out = []
    for medium in Medium:
        rows = StandardLimit.objects.filter(medium=medium)
        out.append(
            {
                "medium": medium.value,
                "limits": rows.count(),
                "verified": rows.filter(verified=True).count(),
                "historical": rows.filter(instrument__legal_status__in=NOT_APPLICABLE).count(),
                "jurisdictions": rows.values("instrument__jurisdiction").distinct().count(),
            }
        )
    return out


def coverage_by_sector() -> list[dict]:
    """Guidance cells per sector (out of the host countries with a profile) and tagged instruments."""
    hosts = Country.objects.filter(is_reference=False).count()
    cells = defaultdict(lambda: [0, 0])
    for sector, verified in SectorGuidance.objects.values_list("sector", "verified"):
        cells[sector][0] += 1
        cells[sector][1] += verified
    tagged = Counter(Instrument.sectors.through.objects.values_list("sector_id", flat=True))
    limits = Counter(StandardLimit.objects.exclude(sector=None).values_list("sector_id", flat=True))
    return [
        {
            "sector": sector.value,
            "guidance": cells[sector.value][0],
            "guidance_verified": cells[sector.value][1],
            "hosts": hosts,
            "instruments": tagged.get(sector.value, 0),
            "limits": limits.get(sector.value, 0),
        }
        for sector in Sector
    ]


def totals() -> dict[str, tuple[int, int]]:
    """(records, verified) per kind of record."""
    pairs = {
        "country profiles": Country.objects,
        "risk ratings": CountryRisk.objects,
        "instruments": Instrument.objects,
        "limits": StandardLimit.objects,
        "guidance cells": SectorGuidance.objects,
        # China's Belt and Road provinces (issue 16.7) and their sourced risk statements.
        "regions": Region.objects,
        "regional risks": RegionRisk.objects,
    }
    return {label: (qs.count(), qs.filter(verified=True).count()) for label, qs in pairs.items()}


# The content languages besides English, as ``machine_translated`` names them, and the column
# suffix of their translated fields.
CONTENT_LANGUAGES = {"zh-hans": "zh_hans", "ru": "ru", "ar": "ar"}


def content_languages() -> list[dict]:
    """Per content language: instruments with a title and a summary in it, and how many of
    those are machine-assisted (``machine_translated`` lists the language) or reviewed."""
    rows = list(
        Instrument.objects.values_list(
            "summary_en",
            "machine_translated",
            *(f"{field}_{suffix}" for suffix in CONTENT_LANGUAGES.values() for field in ("title", "summary")),
        )
    )
    out = []
    for i, code in enumerate(CONTENT_LANGUAGES):
        titled = [r for r in rows if r[2 + 2 * i]]
        summed = [r for r in titled if r[3 + 2 * i] or not r[0]]
        machine = sum(code in (r[1] or []) for r in titled)
        out.append(
            {
                "language": code,
                "instruments": len(rows),
                "titles": len(titled),
                "summaries": len(summed),
                "machine_assisted": machine,
                "reviewed": len(titled) - machine,
            }
        )
    return out


def share(part: int, whole: int) -> str:
    """A percentage for the report, or '-' when there is nothing to divide."""
    return _share(part, whole)
