"""Project site geometry: parsing GeoJSON and KML, validating it against the host country,
and measuring it against sensitive areas.

Distances and areas use a local equirectangular projection centred on the site (metres);
over the tens of kilometres that site screening looks at, its error is well under 1%.
"""

import json
import math
import re
import xml.etree.ElementTree as ET  # noqa: S405 - expat resolves no external entities

import numpy as np
import shapely
from django.utils.translation import gettext as _
from shapely.errors import ShapelyError
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.validation import explain_validity

from knowledge.geo import country_geometry
from portal.errors import ServiceError

MAX_SITE_AREA_KM2 = 5000
MAX_LINE_KM = 3000
MAX_VERTICES = 5000
COUNTRY_TOLERANCE_KM = 25


def parse_geojson(text: str):
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ServiceError(_("The site is not valid GeoJSON: %(error)s") % {"error": exc}) from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if not isinstance(features, list):
            raise ServiceError(_("“features” must be a list of features."))
        if len(features) != 1:
            raise ServiceError(_("Give exactly one site feature (this file has %(n)s).") % {"n": len(features)})
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Point", "Polygon", "MultiPolygon", "LineString"):
        raise ServiceError(_("The site must be a point, a line or a polygon."))
    try:
        # Altitudes are valid GeoJSON; screening is on the ground plane, so they are dropped.
        return _checked(shapely.force_2d(shape(data)))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ShapelyError) as exc:
        raise ServiceError(_("The site geometry cannot be read: %(error)s") % {"error": exc}) from exc


def _checked(geom):
    """Refuse what shapely accepts but no site can be: empty shapes and non-finite coordinates."""
    if geom.is_empty:
        raise ServiceError(_("The site geometry is empty."))
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        raise ServiceError(_("The site has coordinates that are not numbers."))
    if geom.geom_type == "LineString" and len(coords) < 2:
        raise ServiceError(_("A line needs at least two points."))
    return geom


_KML_DTD = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_kml(text: str):
    """The one geometry of a KML document. A DTD is refused, as the document upload check
    does: KML never needs one, and entity declarations are how "billion laughs" expansion
    attacks reach an XML parser."""
    if _KML_DTD.search(text):
        raise ServiceError(
            _(
                "This KML file contains a DOCTYPE declaration, which KML does not need and which can be used "
                "to attack programs that read it. Please export it again as KML from your mapping tool."
            )
        )
    try:
        root = ET.fromstring(text)  # noqa: S314 - no external entities are fetched by expat
    except ET.ParseError as exc:
        raise ServiceError(_("The KML file cannot be read: %(error)s") % {"error": exc}) from exc
    geometries = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag not in ("Point", "Polygon", "LineString"):
            continue
        coords_el = next((e for e in element.iter() if e.tag.rsplit("}", 1)[-1] == "coordinates"), None)
        if coords_el is None or not (coords_el.text or "").strip():
            continue
        points = []
        for token in coords_el.text.split():
            parts = token.split(",")
            try:
                points.append((float(parts[0]), float(parts[1])))
            except (ValueError, IndexError) as exc:
                raise ServiceError(_("The KML coordinates cannot be read.")) from exc
        try:
            if tag == "Point":
                geometries.append(_checked(Point(points[0])))
            elif tag == "LineString":
                geometries.append(_checked(LineString(points)))
            else:
                # Only the outer boundary: the first <coordinates> of the polygon.
                geometries.append(_checked(Polygon(points)))
        except (ValueError, IndexError, ShapelyError) as exc:
            raise ServiceError(
                _(
                    "The KML %(shape)s cannot be drawn: a line needs 2 points, "
                    "a polygon 4 (the last repeating the first)."
                )
                % {"shape": tag}
            ) from exc
        if tag == "Polygon":
            break
    if len(geometries) != 1:
        raise ServiceError(_("The KML file must hold exactly one point, line or polygon."))
    return geometries[0]


def to_metres(geom, lat0: float):
    """The geometry in metres, in an equirectangular projection centred on latitude ``lat0``."""
    scale = np.array([111_320 * math.cos(math.radians(lat0)), 110_574])
    return shapely.transform(geom, lambda coords: coords * scale)


def area_km2(geom) -> float:
    return to_metres(geom, geom.centroid.y).area / 1e6


def validate_site(geom, *, country_iso2: str):
    """Refuse invalid, empty, outsized geometry and geometry outside the host country."""
    if geom.is_empty:
        raise ServiceError(_("The site is empty."))
    coords = list(_coords(geom))
    if len(coords) > MAX_VERTICES:
        raise ServiceError(
            _("The site has too many vertices (%(n)s; at most %(max)s).") % {"n": len(coords), "max": MAX_VERTICES}
        )
    for lon, lat in coords:
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ServiceError(
                _("Coordinates must be longitude, latitude in degrees (got %(lon)s, %(lat)s).")
                % {"lon": lon, "lat": lat}
            )
    if not geom.is_valid:
        raise ServiceError(
            _("The site outline is not valid: %(why)s. Redraw it without crossing edges.")
            % {"why": explain_validity(geom)}
        )
    if isinstance(geom, (Polygon, MultiPolygon)):
        area = area_km2(geom)
        if area > MAX_SITE_AREA_KM2:
            raise ServiceError(
                _("The site covers %(area)s km²; a project site may cover at most %(max)s km².")
                % {"area": round(area), "max": MAX_SITE_AREA_KM2}
            )
        if area < 0.0001:
            raise ServiceError(_("The site polygon is too small to be a site (under 100 m²). Give a point instead."))
    if isinstance(geom, LineString) and to_metres(geom, geom.centroid.y).length / 1000 > MAX_LINE_KM:
        raise ServiceError(_("The route is longer than %(max)s km.") % {"max": MAX_LINE_KM})
    country = country_geometry(country_iso2)
    if country is None:
        raise ServiceError(_("There is no outline for the host country to check the site against."))
    tolerance_deg = COUNTRY_TOLERANCE_KM / 111.0
    allowed = country.buffer(tolerance_deg)
    if not allowed.contains(geom):
        raise ServiceError(
            _(
                "The site lies outside the host country. "
                "Check the country and the coordinates (longitude first in GeoJSON)."
            )
        )
    return geom


def _coords(geom):
    if isinstance(geom, (MultiPolygon, GeometryCollection)):
        for part in geom.geoms:
            yield from _coords(part)
    elif isinstance(geom, Polygon):
        yield from geom.exterior.coords
        for ring in geom.interiors:
            yield from ring.coords
    else:
        yield from geom.coords


def distance_m(site, area, lat0: float) -> float:
    """Shortest distance in metres between the site and an area (0 when they touch)."""
    return to_metres(site, lat0).distance(to_metres(area, lat0))


def as_geojson(geom) -> dict:
    return json.loads(json.dumps(mapping(geom)))
