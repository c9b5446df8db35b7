"""Reads of the site: sensitive areas to draw on the map and the project's distances to them."""

from django.db.models import QuerySet
from shapely.geometry import mapping

from assessments.models import Project, SensitiveArea, SensitiveAreaKind, SiteScreeningResult
from knowledge.geo import country_geometry
from knowledge.reference_layers import has_layers, layer_paths

# Below this many sensitive areas for a country the site result warns that the portal's list
# is thin: the shipped file holds 3 to 7 per demo country, far from the national registers.
FEW_AREAS = 25


def sensitive_area_list_near(*, bounds: tuple[float, float, float, float]) -> QuerySet[SensitiveArea]:
    """Areas whose bounding box meets ``bounds`` (lon/lat), the cheap pre-filter of site screening."""
    minx, miny, maxx, maxy = bounds
    return SensitiveArea.objects.filter(min_lon__lte=maxx, max_lon__gte=minx, min_lat__lte=maxy, max_lat__gte=miny)


def sensitive_area_buffers() -> dict[str, int]:
    return dict(SensitiveAreaKind.objects.values_list("code", "buffer_m"))


def site_result_list(*, project: Project) -> QuerySet[SiteScreeningResult]:
    return project.site_results.select_related("area")


def site_map_data(*, project: Project) -> dict:
    """The country outline, the site and the sensitive areas of the country, for the site map."""
    country = country_geometry(project.host_country.iso2) if project.host_country_id else None
    areas = sensitive_area_list_near(bounds=country.bounds) if country is not None else []
    return {
        "country": mapping(country.simplify(0.01)) if country is not None else None,
        "site": project.site,
        "areas": [{"name": a.name, "type": a.get_type_display(), "geometry": a.geometry} for a in areas],
    }


def site_areas_geojson(*, project: Project) -> dict:
    """The areas the site screening found, as a GeoJSON FeatureCollection."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": r.area.geometry,
                "properties": {"name": r.area.name, "relation": r.relation, "distance_m": r.distance_m},
            }
            for r in site_result_list(project=project)
        ],
    }


def sensitive_area_count_for_country(*, iso2: str) -> int:
    """How many sensitive areas the portal holds for a country (for the "few areas" notice)."""
    return SensitiveArea.objects.filter(country=iso2.upper()).count()


def site_reference_layers(*, project: Project) -> dict[str, str]:
    """Static paths of the host country's province and place layers, when they are shipped."""
    if not project.host_country_id or not has_layers(project.host_country.iso2):
        return {}
    return layer_paths(project.host_country.iso2)
