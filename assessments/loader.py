"""Loading of the shipped assessment data: the first screening rule set, sensitive-area
buffers, the hazard and measure catalogue, and sensitive areas (GeoJSON, as WDPA/KBA exports)."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from shapely.geometry import shape

from assessments.choices import SensitiveAreaType
from assessments.models import (
    ControlMeasure,
    HazardTemplate,
    MeasureTemplate,
    RiskItem,
    ScreeningRule,
    ScreeningRuleSet,
    SensitiveArea,
    SensitiveAreaKind,
)
from assessments.rules.geometry import area_km2, as_geojson
from portal.errors import ServiceError

DATA_DIR = Path(settings.BASE_DIR) / "assessments" / "data"


def _rule_column(key: str) -> str:
    # The shipped explanations are English; the other languages come from catalogue_i18n.json.
    return "explanation_en" if key == "explanation" else key


@transaction.atomic
def load_ruleset(path: Path = DATA_DIR / "screening_rules_v1.json") -> ScreeningRuleSet | None:
    """Create rule set v1 once; later versions are made by staff in the admin."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for code, metres in data["buffers"].items():
        SensitiveAreaKind.objects.get_or_create(code=code, defaults={"buffer_m": metres})
    if ScreeningRuleSet.objects.filter(version=data["version"]).exists():
        return None
    ruleset = ScreeningRuleSet.objects.create(
        version=data["version"],
        name=data["name"],
        threshold_a=data["threshold_a"],
        threshold_b=data["threshold_b"],
        notes=data["notes"],
        is_active=not ScreeningRuleSet.objects.filter(is_active=True).exists(),
    )
    ScreeningRule.objects.bulk_create(
        ScreeningRule(
            ruleset=ruleset,
            **{_rule_column(k): (Decimal(str(v)) if k == "threshold" else v) for k, v in rule.items()},
        )
        for rule in data["rules"]
    )
    return ruleset


@transaction.atomic
def load_catalogue(path: Path = DATA_DIR / "catalogue.json") -> tuple[int, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for h in data["hazards"]:
        HazardTemplate.objects.update_or_create(
            code=h["code"],
            defaults={
                "sectors": h["sectors"],
                "dimension": h["dimension"],
                "title_en": h["title"],
                "description_en": h["description"],
                "likelihood": h["likelihood"],
                "severity": h["severity"],
                "site_amplifiers": h.get("site_amplifiers", []),
                "ruled_out_by_no": h.get("ruled_out_by_no", ""),
            },
        )
    for m in data["measures"]:
        template, _ = MeasureTemplate.objects.update_or_create(
            code=m["code"],
            defaults={
                "title_en": m["title"],
                "description_en": m["description"],
                "phase": m["phase"],
                "references": m.get("references", []),
                "evidence_en": m.get("evidence", ""),
            },
        )
        template.treats.set(m["treats"])
    load_catalogue_translations()
    return len(data["hazards"]), len(data["measures"])


# Languages other than English, as modeltranslation names their columns.
OTHER_LANGUAGES = ("zh_hans", "ru", "ar")


@transaction.atomic
def load_catalogue_translations(path: Path = DATA_DIR / "catalogue_i18n.json") -> int:
    """Fill the Chinese, Russian and Arabic columns of the catalogue, of every rule set's rules
    and of the projects' copies from the shipped (machine-assisted) translations. Returns the
    number of rows written; idempotent."""
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    written = 0
    targets = (
        ("hazards", HazardTemplate.objects, "code", {"title": "title", "description": "description"}),
        ("hazards", RiskItem.objects, "code", {"title": "title", "description": "description"}),
        (
            "measures",
            MeasureTemplate.objects,
            "code",
            {"title": "title", "description": "description", "evidence": "evidence"},
        ),
        (
            "measures",
            ControlMeasure.objects.filter(proposed_by_enterprise=False),
            "code",
            {"title": "title", "description": "description", "evidence": "evidence_expected"},
        ),
        ("rules", ScreeningRule.objects, "code", {"explanation": "explanation"}),
    )
    for section, queryset, key, fields in targets:
        for code, by_language in data.get(section, {}).items():
            values = {
                f"{column}_{lang}": by_language[lang][source]
                for lang in OTHER_LANGUAGES
                if lang in by_language
                for source, column in fields.items()
                if by_language[lang].get(source)
            }
            if values:
                written += queryset.filter(**{key: code}).update(**values)
    return written


def import_sensitive_areas(geojson_text: str, *, default_type: str = "", default_country: str = "") -> int:
    """Import a GeoJSON FeatureCollection (WDPA and KBA exports come in this form). Every
    feature is validated first; nothing is imported when one is bad."""
    try:
        data = json.loads(geojson_text)
    except ValueError as exc:
        raise ServiceError(f"not valid JSON: {exc}") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ServiceError("expected a GeoJSON FeatureCollection")
    rows, errors = [], []
    for i, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        area_type = props.get("type") or default_type
        name = props.get("name") or props.get("NAME") or ""
        country = (props.get("country") or props.get("ISO3166") or default_country or "")[:2].upper()
        try:
            geom = shape(feature.get("geometry"))
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            errors.append(f"feature {i} ({name or '?'}): geometry cannot be read: {exc}")
            continue
        if area_type not in SensitiveAreaType.values:
            errors.append(
                f"feature {i} ({name or '?'}): type {area_type!r} is not one of {', '.join(SensitiveAreaType.values)}"
            )
        if not name or len(country) != 2:
            errors.append(f"feature {i}: name and a two-letter country are required")
        if geom.is_empty or not geom.is_valid:
            errors.append(f"feature {i} ({name}): geometry is empty or invalid")
        if not props.get("source_url"):
            errors.append(f"feature {i} ({name}): source_url is required")
        rows.append((props, area_type, name, country, geom))
    if errors:
        raise ServiceError("; ".join(errors))
    with transaction.atomic():
        for props, area_type, name, country, geom in rows:
            minx, miny, maxx, maxy = geom.bounds
            SensitiveArea.objects.update_or_create(
                country=country,
                type=area_type,
                name=name,
                defaults={
                    "name_local": props.get("name_local", "") or "",
                    "designation": props.get("designation", "") or "",
                    "geometry": as_geojson(geom),
                    "min_lon": minx,
                    "min_lat": miny,
                    "max_lon": maxx,
                    "max_lat": maxy,
                    "area_km2": props.get("area_km2")
                    if props.get("area_km2") is not None
                    else (round(area_km2(geom), 2) if geom.geom_type != "Point" else None),
                    "source_url": props["source_url"],
                    "simplified": bool(props.get("simplified")),
                    "simplification_note": (props.get("simplification_note") or props.get("note") or "")[:300],
                    "verified": bool(props.get("verified")),
                },
            )
    return len(rows)
