"""The country profile PDF: the inputs its template reads, as plain JSON.

``country_profile_inputs`` is the context builder of the ``country_profile`` artefact kind
(registered in ``KnowledgeConfig.ready``). It reads only through the public selectors, so the
PDF never shows a draft, and only plain values in the active language go in: the artefact
pipeline hashes them, and the same published content is served from the same file.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from knowledge import selectors
from knowledge.choices import LegalStatus, RiskDimension
from knowledge.geo import svg_viewbox_for, world_svg_paths
from knowledge.models import Country

KIND = "country_profile"
TEMPLATE_VERSION = 1
IN_FORCE = (LegalStatus.IN_FORCE, LegalStatus.AMENDED)


def _sections(country: Country) -> list[dict]:
    pairs = [
        (_("Sustainable-development level"), country.sustainable_development),
        (_("Ecological status"), country.ecological_status),
        (_("Environmental governance capacity"), country.governance_capacity),
        (_("Environmental infrastructure"), country.infrastructure),
        (_("Culture and religion"), country.culture_religion),
    ]
    return [{"title": str(title), "text": text} for title, text in pairs if text]


def country_profile_inputs(*, subject: Country, language: str) -> dict:
    """Everything the country profile PDF shows (published records only)."""
    country = selectors.country_get_public(iso2=subject.iso2) or subject
    instruments = list(
        selectors.instrument_list_public()
        .filter(jurisdiction=country.iso2, legal_status__in=IN_FORCE)
        .order_by("type", "title")
    )
    limits = list(
        selectors.limit_list_public()
        .filter(instrument__jurisdiction=country.iso2, instrument__legal_status__in=IN_FORCE)
        .order_by("instrument__title", "medium", "parameter", "pk")
    )
    guidance = list(
        selectors.guidance_list_public().filter(country=country).prefetch_related("instruments").order_by("sector")
    )
    risks = sorted(country.risks.all(), key=lambda r: RiskDimension.values.index(r.dimension))
    return {
        "language": language,
        "country": {
            "iso2": country.iso2,
            "name": country.name,
            "region": str(country.get_region_display()),
            "verified": country.verified,
            "updated": country.updated_at.date().isoformat() if country.updated_at else "",
            # The profile's text in this language is a machine-assisted translation (labelled so).
            "machine_translated": country.machine_translated_in(language),
        },
        "outline": world_svg_paths(detail="50m").get(country.iso2, ""),
        "outline_viewbox": svg_viewbox_for([country.iso2], pad=2),
        "sections": _sections(country),
        "risks": [
            {
                "dimension": r.get_dimension_display(),
                "level": r.level,
                "level_label": r.get_level_display(),
                "justification": r.justification,
                "source_url": r.source_url,
                "verified": r.verified,
            }
            for r in risks
        ],
        "treaties": [
            {"treaty": t.get_treaty_display(), "status": t.get_status_display(), "year": t.year or ""}
            for t in country.treaties.all()
        ],
        "instruments": [
            {
                "title": i.title,
                "title_original": i.title_original,
                "type": i.get_type_display(),
                "number": i.number,
                "issuing_body": i.issuing_body,
                "in_force": i.in_force,
                "amended": i.amended,
                "status": i.get_legal_status_display(),
                "source_url": i.source_url,
                "verified": i.verified,
            }
            for i in instruments
        ],
        "limits": [
            {
                "instrument": lim.instrument.title,
                "parameter": lim.parameter,
                "medium": lim.get_medium_display(),
                "category": lim.category,
                "value": lim.display_value,
                "unit": lim.unit,
                "averaging": lim.averaging,
                "conditions": lim.conditions,
                "verified": lim.verified,
            }
            for lim in limits
        ],
        "guidance": [
            {
                "sector": g.sector.name,
                "eia_tier": g.eia_tier,
                "permits": [str(p) for p in g.permits],
                "key_risks": [str(r) for r in g.key_risks],
                "instruments": sorted(i.title for i in g.instruments.all()) + [str(t) for t in g.instruments_text],
                "notes": g.notes,
                "sources": [str(s) for s in g.source_urls],
                "verified": g.verified,
            }
            for g in guidance
        ],
        "sources": [str(s) for s in country.profile_sources],
    }


def country_profile_title(inputs: dict) -> str:
    return _("Country profile: %(country)s") % {"country": inputs["country"]["name"]}


def country_profile_url(artefact) -> str:
    return reverse("knowledge:country-detail", args=[artefact.inputs["country"]["iso2"]])
