"""Writes of the project site and its screening against sensitive areas."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import shape

from assessments.models import Project, SiteScreeningResult
from assessments.rules import geometry
from assessments.selectors.site import sensitive_area_buffers, sensitive_area_list_near
from assessments.services.projects import ensure_editable, lock_project
from portal.audit import audit_log
from portal.errors import ServiceError
from portal.models import User
from portal.uploads import check_text_upload

SITE_FILE_EXTENSIONS = {".geojson": "geojson", ".json": "geojson", ".kml": "kml"}


def _site_screen(project: Project) -> list[SiteScreeningResult]:
    """Distances from the site to every sensitive area near it (inside, within buffer).

    Private: it runs inside the audited writes that change the site or screen the project."""
    project.site_results.all().delete()
    if not project.site:
        return []
    site = shape(project.site)
    lat0 = site.centroid.y
    buffers = sensitive_area_buffers()
    reach = max(buffers.values(), default=5000)
    # Cheap bounding-box pre-filter, then exact distances with shapely.
    minx, miny, maxx, maxy = site.bounds
    pad = reach / 100_000 + 0.05
    results = []
    for area in sensitive_area_list_near(bounds=(minx - pad, miny - pad, maxx + pad, maxy + pad)):
        geom = shape(area.geometry)
        buffer_m = buffers.get(area.type, 0)
        if site.intersects(geom):
            relation, distance = "inside", 0
        else:
            distance = geometry.distance_m(site, geom, lat0)
            if distance > buffer_m:
                continue
            relation = "buffer"
        results.append(
            SiteScreeningResult(
                project=project, area=area, relation=relation, distance_m=round(distance), buffer_m=buffer_m
            )
        )
    SiteScreeningResult.objects.bulk_create(results)
    return results


@transaction.atomic
def project_set_site(
    *, project: Project, updated_by: User, site_text: str = "", fmt: str = "geojson", site_file=None
) -> Project:
    """Set the site from GeoJSON or KML (text, or an uploaded file checked by ``portal.uploads``)
    after validating it against the host country."""
    project = lock_project(project)
    ensure_editable(project, updated_by)
    if project.host_country is None:
        raise ServiceError(_("Choose the host country before the site."))
    if site_file is not None:
        site_text, fmt = check_text_upload(site_file, extensions=SITE_FILE_EXTENSIONS)
    if not site_text.strip():
        raise ServiceError(_("Draw the site on the map, paste GeoJSON or upload a file."))
    geom = geometry.parse_kml(site_text) if fmt == "kml" else geometry.parse_geojson(site_text)
    geometry.validate_site(geom, country_iso2=project.host_country.iso2)
    before = project.site
    project.site = geometry.as_geojson(geom)
    area = geometry.area_km2(geom) if geom.geom_type in ("Polygon", "MultiPolygon") else 0
    project.site_area_km2 = Decimal(str(round(area, 3)))
    project.save(update_fields=["site", "site_area_km2", "updated_at"])
    results = _site_screen(project)
    audit_log(
        actor=updated_by,
        action="project.site_set",
        target=project,
        before={"site": before},
        after={"site": project.site, "sensitive_areas_found": len(results)},
    )
    return project
