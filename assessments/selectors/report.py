"""The project assessment report: the inputs its PDF template reads, as plain JSON.

``project_report_inputs`` is the context builder of the ``project_report`` artefact kind
(registered in ``AssessmentsConfig.ready``). It reads through this app's selectors and models
and returns only strings, numbers, lists and dicts, labels already translated into the active
language, so the artefact pipeline can hash it (same inputs → same artefact) and render it
again later exactly as hashed. Nothing volatile (no "now") goes in.
"""

from __future__ import annotations

import math

import shapely
from django.urls import reverse
from django.utils.translation import gettext as _
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from assessments import selectors  # the package; this module is not re-exported by it
from assessments.models import Project
from knowledge.choices import RiskDimension
from knowledge.geo import country_geometry
from portal.artefact_selectors import artefact_list_for_subject
from portal.artefact_views import artefact_state
from portal.audit import audit_trail_for

KIND = "project_report"
# Bump when the template shows something new, so unchanged projects still get a new version.
TEMPLATE_VERSION = 1
MAP_WIDTH, MAP_HEIGHT = 480.0, 300.0


def project_reference(project: Project) -> str:
    """The project's reference number (given at first submission; before that, the same form)."""
    return project.reference or f"GBR-{project.created_at:%Y}-{project.pk:06d}"


def _action_labels() -> dict[str, str]:
    return {
        "project.created": _("Project registered"),
        "project.updated": _("Project details changed"),
        "project.site_set": _("Site drawn and screened"),
        "project.answered": _("Questionnaire answered"),
        "project.screened": _("Screened"),
        "project.submitted": _("Submitted for review"),
        "project.withdrawn": _("Withdrawn"),
    }


# --- map ------------------------------------------------------------------------------------


def _project_xy(lon: float, lat: float, bounds, scale: float, lat0: float) -> tuple[float, float]:
    minx, _miny, _maxx, maxy = bounds
    return (lon - minx) * math.cos(math.radians(lat0)) * scale, (maxy - lat) * scale


def _path(geom: BaseGeometry, bounds, scale: float, lat0: float) -> str:
    pieces = []
    for poly in shapely.get_parts(geom).tolist():
        if poly.geom_type != "Polygon":
            continue
        poly = orient(poly, 1.0)
        for ring in (poly.exterior, *poly.interiors):
            pts = []
            for lon, lat in ring.coords:
                x, y = _project_xy(lon, lat, bounds, scale, lat0)
                p = f"{x:.1f} {y:.1f}"
                if not pts or pts[-1] != p:
                    pts.append(p)
            if len(pts) >= 3:
                pieces.append("M" + "L".join(pts) + "Z")
    return "".join(pieces)


def _frame(bounds, pad_ratio: float = 0.08):
    minx, miny, maxx, maxy = bounds
    w, h = max(maxx - minx, 1e-3), max(maxy - miny, 1e-3)
    return (minx - w * pad_ratio, miny - h * pad_ratio, maxx + w * pad_ratio, maxy + h * pad_ratio)


def _panel(layers: list[tuple[BaseGeometry, str]], bounds, site_point) -> dict:
    """One map panel: SVG paths in a box fitted to ``bounds`` (equirectangular, cos-corrected)."""
    minx, miny, maxx, maxy = bounds
    lat0 = (miny + maxy) / 2
    span_x = (maxx - minx) * math.cos(math.radians(lat0))
    scale = min(MAP_WIDTH / span_x, MAP_HEIGHT / (maxy - miny))
    clip = box(*bounds)
    tolerance = (maxx - minx) / 800  # about half an SVG unit: invisible, and keeps paths small
    paths = []
    for geom, css in layers:
        geom = geom.intersection(clip).simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        d = _path(geom, bounds, scale, lat0)
        if d:
            paths.append({"d": d, "class": css})
    x, y = _project_xy(site_point.x, site_point.y, bounds, scale, lat0)
    return {
        "width": round(span_x * scale, 1),
        "height": round((maxy - miny) * scale, 1),
        "paths": paths,
        "marker": {"x": round(x, 1), "y": round(y, 1)},
    }


def site_map(project: Project, results) -> dict | None:
    """Two panels: the host country with the site marked, and the site with nearby areas."""
    if not project.site:
        return None
    site = shape(project.site)
    point = site.representative_point()
    site_area = site if site.geom_type in ("Polygon", "MultiPolygon") else site.buffer(0.01)
    country = country_geometry(project.host_country.iso2) if project.host_country else None
    areas = [shape(r.area.geometry) for r in results]
    overview = None
    if country is not None:
        overview = _panel([(country, "country")], _frame(country.bounds, 0.04), point)
    near = shapely.union_all([site_area, *areas]) if areas else site_area
    detail_bounds = _frame(near.bounds, 0.25)
    layers = [(country, "country")] if country is not None else []
    layers += [(a, "area") for a in areas] + [(site_area, "site")]
    return {"overview": overview, "detail": _panel(layers, detail_bounds, point)}


# --- the report -----------------------------------------------------------------------------


def _num(value) -> str:
    """A decimal without trailing zeros and never in exponent form (50, not 5E+1)."""
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def _screening(project: Project) -> dict | None:
    screening = selectors.screening_latest(project)
    if screening is None:
        return None
    light_labels = {"green": _("Green"), "yellow": _("Yellow"), "red": _("Red")}
    dims = {"pollution": _("Pollution"), "biodiversity": _("Biodiversity"), "climate": _("Climate")}
    return {
        "category": screening.category,
        "category_label": screening.get_category_display(),
        "points": screening.points,
        "ruleset_version": screening.ruleset_version,
        "screened_at": screening.created_at.isoformat(),
        "lights": [
            {
                "dimension": dims.get(dim, dim),
                "light": entry.get("light", ""),
                "light_label": light_labels.get(entry.get("light", ""), entry.get("light", "")),
                "reasons": [str(r) for r in entry.get("reasons", [])],
            }
            for dim, entry in sorted(screening.lights.items())
        ],
        "factors": [
            {
                "explanation": str(f.get("explanation", "")),
                "fact": str(f.get("fact", "")),
                "points": f.get("points") if f.get("kind") != "total" else None,
                "floor": f.get("category_floor") or "",
            }
            for f in screening.factors
        ],
    }


def _matrix(project: Project) -> list[dict]:
    verdicts = {"pass": _("complies"), "fail": _("exceeds the governing limit"), "no_limit": _("no comparable limit")}
    rows = []
    for row in selectors.compliance_matrix_for_project(project=project):
        g = row.governing
        limit = ""
        if g is not None:
            c = g.converted
            limit = f"{c.value}" if c.value is not None else f"{c.value_min}–{c.value_max}"
            limit = f"{limit} {c.unit}"
        rows.append(
            {
                "parameter": row.design.parameter,
                "medium": row.design.get_medium_display(),
                "design": f"{_num(row.design.value)} {row.design.unit}",
                "averaging": row.design.averaging,
                "limit": limit,
                "instrument": str(g.limit.instrument) if g is not None else "",
                "rule": str(row.governing_rule),
                "verdict": row.verdict,
                "verdict_label": verdicts.get(row.verdict, row.verdict),
            }
        )
    return rows


def _trail(project: Project) -> list[dict]:
    labels = _action_labels()
    events = [e for e in audit_trail_for(project) if e.action.startswith("project.")]
    return [
        {
            "at": e.created_at.isoformat(),
            "action": e.action,
            "label": labels.get(e.action, e.action),
            "actor": e.actor_repr,
            "from": str(e.before.get("status", "")),
            "to": str(e.after.get("status", "")),
            "reason": e.reason,
        }
        for e in sorted(events, key=lambda e: (e.created_at, e.pk))
    ]


def project_report_inputs(*, subject: Project, language: str) -> dict:
    """Everything the project report shows, in the active language (see module docstring)."""
    project = subject
    results = list(project.site_results.select_related("area").order_by("distance_m", "area__name"))
    risks = list(selectors.risk_list_for_project(project=project))
    measures = list(selectors.measure_list_for_project(project=project))
    documents = list(selectors.document_list_for_project(project=project))
    return {
        "language": language,
        "reference": project_reference(project),
        "project": {
            "name": project.name,
            "status": project.status,
            "status_label": project.get_status_display(),
            "category": project.category,
            "organisation": project.organisation.name,
            "country": project.host_country.name if project.host_country else "",
            "country_code": project.host_country.iso2 if project.host_country else "",
            "sector": project.get_sector_display(),
            "capacity": f"{_num(project.capacity)} {project.get_capacity_unit_display()}".strip(),
            "investment": f"{_num(project.investment)} {project.currency}".strip(),
            "construction_start": project.construction_start.isoformat() if project.construction_start else "",
            "operation_start": project.operation_start.isoformat() if project.operation_start else "",
            "local_partner": project.local_partner,
            "description": project.description,
            "site_type": (project.site or {}).get("type", ""),
            "site_area_km2": _num(project.site_area_km2),
            "submitted_at": project.submitted_at.isoformat() if project.submitted_at else "",
        },
        "map": site_map(project, results),
        "site_results": [
            {
                "name": r.area.name,
                "type": r.area.get_type_display(),
                "relation": r.get_relation_display(),
                "distance_m": r.distance_m,
                "buffer_m": r.buffer_m,
            }
            for r in results
        ],
        "screening": _screening(project),
        "risks": [
            {
                "title": r.title,
                "dimension": RiskDimension(r.dimension).label,
                "likelihood": r.likelihood,
                "severity": r.severity,
                "rating": r.rating,
                "band": r.band,
                "amplified_by": [str(a) for a in r.amplified_by],
            }
            for r in risks
        ],
        "measures": [
            {
                "title": m.title,
                "description": m.description,
                "phase": m.get_phase_display(),
                "response": m.response,
                "response_label": m.get_response_display(),
                "alternative": m.alternative,
                "reason": m.reason,
                "owner": m.owner,
                "due_date": m.due_date.isoformat() if m.due_date else "",
                "status": m.get_status_display(),
                "risks": sorted(r.title for r in m.risks.all()),
                "references": sorted(str(i) for i in m.references.all()),
                "proposed_by_enterprise": m.proposed_by_enterprise,
            }
            for m in measures
        ],
        "matrix": _matrix(project),
        "documents": [
            {
                "title": d.title,
                "kind": d.get_kind_display(),
                "visibility": d.get_visibility_display(),
                "versions": [
                    {
                        "number": v.number,
                        "name": v.original_name,
                        "size": v.size,
                        "sha256": v.sha256,
                        "uploaded_at": v.created_at.isoformat(),
                        "uploaded_by": str(v.uploaded_by),
                    }
                    for v in d.versions.all()
                ],
            }
            for d in documents
        ],
        "trail": _trail(project),
    }


def project_report_title(inputs: dict) -> str:
    return _("Assessment report %(reference)s: %(name)s") % {
        "reference": inputs["reference"],
        "name": inputs["project"]["name"],
    }


def project_report_url(artefact) -> str:
    return reverse("assessments:project-detail", args=[artefact.subject_id]) + "#report"


# --- state shown on the project page and polled by it ---------------------------------------


def report_download_url(project_pk: int, artefact_pk: int) -> str:
    return reverse("assessments:project-report-download", args=[project_pk, artefact_pk])


def report_states(project) -> dict:
    """Every version of the project's report, newest first, as the page and the poll show it."""
    reports = [
        artefact_state(a, download_url=report_download_url(project.pk, a.pk))
        for a in artefact_list_for_subject(subject=project, kind=KIND)
    ]
    return {"reports": reports, "pending": any(r["state"] in ("queued", "rendering") for r in reports)}
