"""Country outlines shipped with the repo, for the knowledge base map and site checks.

The data is Natural Earth's Admin 0 countries as TopoJSON from the npm package
``world-atlas`` (see ``knowledge/geodata/README.md``); nothing is fetched at run time.
Two levels of detail are shipped: ``"50m"`` (1:50m, the default for geometry checks) and
``"110m"`` (1:110m, the default for the SVG world map; it lacks many small states such as
Singapore, Bahrain, the Maldives, Malta and Hong Kong, which only ``"50m"`` has).

Both files are simplified small-scale outlines: borders and coasts can be off by several
kilometres, which is why :func:`point_in_country` takes a tolerance.

This module has no Django imports, so it can be used from anywhere (views, validators,
management commands, tests without a database).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

GEODATA_DIR = Path(__file__).resolve().parent / "geodata"
DETAILS = ("50m", "110m")

# Mean kilometres per degree of latitude, and per degree of longitude at the equator.
_KM_PER_DEG_LAT = 110.574
_KM_PER_DEG_LON = 111.320

_WORLD_BOX = box(-180.0, -90.0, 180.0, 90.0)

Ring = list[tuple[float, float]]


# --------------------------------------------------------------------------------------------
# TopoJSON decoding
# --------------------------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Decode a topology's arcs into lists of absolute ``(x, y)`` positions.

    With a ``transform`` the arcs are quantized: each position after the first is a delta
    from the previous one, and the running integer sums are mapped through
    ``x * scale + translate``. Without a transform the positions are already absolute.
    """
    transform = topology.get("transform")
    arcs: list[Ring] = []
    if transform is None:
        for arc in topology["arcs"]:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
        return arcs
    sx, sy = transform["scale"]
    tx, ty = transform["translate"]
    for arc in topology["arcs"]:
        x = y = 0
        out: Ring = []
        for p in arc:
            x += p[0]
            y += p[1]
            out.append((x * sx + tx, y * sy + ty))
        arcs.append(out)
    return arcs


def _ring(arc_indexes: Iterable[int], arcs: list[Ring]) -> Ring:
    """Stitch arcs into one ring; ``~i`` (a negative index) is arc ``i`` reversed."""
    ring: Ring = []
    for index in arc_indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        # Consecutive arcs share their joining position: keep it once.
        ring.extend(arc[1:] if ring else arc)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def decode_polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    """The polygons (each a list of rings, exterior first) of a Polygon or MultiPolygon.

    Other geometry types (points, lines, null geometries) give an empty list.
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []
    return [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]


def iter_features(
    topology: dict[str, Any], object_name: str = "countries"
) -> Iterator[tuple[str | None, dict[str, Any], list[list[Ring]]]]:
    """Yield ``(id, properties, polygons)`` for each geometry of a topology object."""
    arcs = decode_arcs(topology)
    obj = topology["objects"][object_name]
    geometries = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    for geometry in geometries:
        yield geometry.get("id"), geometry.get("properties") or {}, decode_polygons(geometry, arcs)


# --------------------------------------------------------------------------------------------
# Antimeridian
# --------------------------------------------------------------------------------------------
#
# Equirectangular drawing breaks where a ring runs across ±180°: two consecutive positions
# then lie almost 360° of longitude apart and a naive path draws a streak across the whole
# map. In world-atlas 2.0.2 this happens in Russia's mainland (Chukotka) and Wrangel Island, in a
# Fijian island ring and in Antarctica's coast. Fix chosen here: split properly, once, when
# decoding. A polygon with such a jump (more than 180° between consecutive positions) is
# "unwrapped" (longitudes made continuous, running past ±180°), then the parts beyond
# +180° / -180° are clipped off and shifted by ∓360° back into the world box. The result
# only has positions in [-180, 180] and no segment longer than 180° of longitude except
# along a pole, so neither geometry checks nor SVG paths ever see a streak across the map.
# A ring that winds once around a pole (Antarctica's coast) is first closed through that
# pole; its only long segment is then the one along the pole itself, i.e. the bottom edge
# of the map.


def _jumps(ring: Ring) -> bool:
    return any(abs(b[0] - a[0]) > 180.0 for a, b in zip(ring, ring[1:], strict=False))


def _unwrap(ring: Ring, near: float | None = None) -> Ring:
    """Make longitudes continuous; optionally shift the whole ring to start near ``near``."""
    out: Ring = []
    offset = 0.0
    if near is not None and ring:
        offset = 360.0 * round((near - ring[0][0]) / 360.0)
    prev = None
    for x, y in ring:
        if prev is not None:
            while x + offset - prev > 180.0:
                offset -= 360.0
            while x + offset - prev < -180.0:
                offset += 360.0
        prev = x + offset
        out.append((prev, y))
    return out


def _polygon(rings: list[Ring]) -> BaseGeometry:
    """A valid shapely (Multi)Polygon for one decoded polygon, cut at the antimeridian."""
    if not any(_jumps(r) for r in rings):
        return _valid(Polygon(rings[0], rings[1:]))
    area: BaseGeometry | None = None
    start: float | None = None
    for ring in rings:
        unwrapped = _unwrap(ring, near=start)
        if len({y for _x, y in unwrapped}) < 2:
            continue  # no area: 50m Antarctica has a ring running only along -89.999°
        first, last = unwrapped[0][0], unwrapped[-1][0]
        if start is None:
            start = first
        if abs(last - first) > 180.0:
            # The ring winds once around a pole (Antarctica): close it through that pole so
            # it becomes an ordinary 360°-wide ring, which the cut below folds into place.
            pole = -90.0 if sum(y for _x, y in unwrapped) < 0 else 90.0
            unwrapped = [*unwrapped, (last, pole), (first, pole), unwrapped[0]]
        piece = _valid(Polygon(unwrapped))
        # Even-odd: a ring inside another is a hole, whichever ring came first.
        area = piece if area is None else area.symmetric_difference(piece)
    if area is None:
        return Polygon()
    parts = []
    for shift in (-720.0, -360.0, 0.0, 360.0, 720.0):
        piece = shapely.affinity.translate(area, xoff=shift).intersection(_WORLD_BOX)
        if not piece.is_empty:
            parts.append(piece)
    return _valid(shapely.union_all(parts))


def _valid(geom: BaseGeometry) -> BaseGeometry:
    """Repair self-intersections left by quantization and keep only the polygonal parts."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys: list[Polygon] = []
    pending = [geom]
    while pending:
        part = pending.pop()
        if isinstance(part, Polygon):
            if not part.is_empty:
                polys.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            pending.extend(shapely.get_parts(part).tolist())
        # Points and lines (degenerate slivers) are dropped.
    polys.reverse()
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


# --------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------


def _check_detail(detail: str) -> None:
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")


@lru_cache(maxsize=len(DETAILS))
def _countries(detail: str) -> dict[str, BaseGeometry]:
    """All countries of one level of detail, keyed by ISO 3166-1 alpha-2 code."""
    _check_detail(detail)
    path = GEODATA_DIR / f"countries-{detail}.topo.json"
    with path.open(encoding="utf-8") as fh:
        topology = json.load(fh)
    parts: dict[str, list[BaseGeometry]] = {}
    for numeric, _properties, polygons in iter_features(topology):
        # Natural Earth leaves a few shapes without an ISO numeric code (Kosovo, N. Cyprus,
        # Somaliland, Siachen Glacier, Indian Ocean Ter.): skip whatever pycountry does not
        # know. Some codes occur twice (50m: Australia and Ashmore and Cartier Is. are both
        # "036"), so the parts of one code are merged.
        if not numeric or not polygons:
            continue
        country = pycountry.countries.get(numeric=str(numeric).zfill(3))
        if country is None:
            continue
        parts.setdefault(country.alpha_2, []).extend(_polygon(rings) for rings in polygons)
    countries: dict[str, BaseGeometry] = {}
    for alpha2, geoms in parts.items():
        polys: list[Polygon] = []
        for geom in geoms:
            polys.extend(part for part in shapely.get_parts(geom).tolist() if not part.is_empty)
        if not polys:
            continue
        merged = polys[0] if len(polys) == 1 else MultiPolygon(polys)
        merged = _valid(merged)
        shapely.prepare(merged)
        countries[alpha2] = merged
    return countries


def country_codes(detail: str = "50m") -> list[str]:
    """The alpha-2 codes that have an outline at this level of detail, sorted."""
    return sorted(_countries(detail))


@lru_cache(maxsize=1024)
def country_geometry(alpha2: str, detail: str = "50m") -> BaseGeometry | None:
    """The outline of a country as a shapely (Multi)Polygon in lon/lat degrees (WGS 84).

    ``alpha2`` is an ISO 3166-1 alpha-2 code (any case). Returns ``None`` for a code with no
    outline at this level of detail. The geometry is shared and prepared: do not mutate it.
    """
    _check_detail(detail)
    return _countries(detail).get((alpha2 or "").strip().upper())


def country_bounds(alpha2: str, detail: str = "50m") -> tuple[float, float, float, float] | None:
    """``(min_lon, min_lat, max_lon, max_lat)`` of a country, or ``None`` if unknown.

    Countries split by the antimeridian (Russia, Fiji, the USA with the Aleutians) span
    nearly the whole -180..180 range.
    """
    geom = country_geometry(alpha2, detail)
    if geom is None:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return (float(minx), float(miny), float(maxx), float(maxy))


def spans_antimeridian(alpha2: str, detail: str = "110m") -> bool:
    """Whether a country's outline reaches across the antimeridian (Russia, Fiji): its
    bounds then cover more than half the globe's longitudes."""
    bounds = country_bounds(alpha2, detail) or country_bounds(alpha2, "50m")
    return bounds is not None and bounds[2] - bounds[0] > 180


def _local_km(lat0: float) -> tuple[float, float]:
    """Kilometres per degree of longitude and latitude around ``lat0``."""
    return _KM_PER_DEG_LON * math.cos(math.radians(lat0)), _KM_PER_DEG_LAT


def point_in_country(
    alpha2: str,
    lon: float,
    lat: float,
    tolerance_km: float = 25,
    detail: str = "50m",
) -> bool:
    """Whether ``(lon, lat)`` is inside a country, or within ``tolerance_km`` of its outline.

    The outlines are Natural Earth's simplified small-scale ones (1:50m by default), so coasts
    and borders may be off by a few kilometres (more at 1:110m): a site on the coast or next
    to a border can fall just outside. The default tolerance of 25 km absorbs that; pass
    ``tolerance_km=0`` for a strict test against the simplified outline. The distance is
    measured in a local equirectangular approximation, good for tolerances of up to a few
    hundred kilometres. Unknown countries and out-of-range coordinates give ``False``.
    """
    geom = country_geometry(alpha2, detail)
    if geom is None:
        return False
    lon, lat = float(lon), float(lat)
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
        return False
    if geom.intersects(Point(lon, lat)):
        return True
    if tolerance_km <= 0:
        return False
    km_lon, km_lat = _local_km(lat)
    dlat = tolerance_km / km_lat
    dlon = 180.0 if km_lon <= tolerance_km / 180.0 else min(180.0, tolerance_km / km_lon)
    # Only the part of the outline near the point matters; look across ±180° too.
    for shift in (0.0, -360.0, 360.0):
        x = lon + shift
        near = shapely.clip_by_rect(geom, x - dlon, lat - dlat, x + dlon, lat + dlat)
        if near.is_empty:
            continue
        local = shapely.transform(near, lambda c, x=x: (c - (x, lat)) * (max(km_lon, 1e-6), km_lat))
        if local.distance(Point(0.0, 0.0)) <= tolerance_km:
            return True
    return False


# --------------------------------------------------------------------------------------------
# SVG
# --------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _tenths(tenths: int) -> str:
    """A number given in tenths, as short as SVG allows: ``-3`` → ``-.3``, ``25`` → ``2.5``."""
    whole, part = divmod(abs(tenths), 10)
    text = f"{whole}.{part}" if part else str(whole)
    if text.startswith("0."):
        text = text[1:]
    return f"-{text}" if tenths < 0 else text


def _ring_path(coords: Iterable[tuple[float, float]], width: float, height: float) -> str:
    """One closed subpath: the first point absolute (``M x y``), every next one relative to the
    one before (``l dx dy …``), all on the grid of one decimal. The steps are taken between
    points already rounded to that grid, so no rounding error accumulates along the ring; the
    same outline in about 40 % fewer bytes than absolute ``L x y`` pairs."""
    points: list[tuple[int, int]] = []
    for lon, lat in coords:
        point = (round((lon + 180.0) / 360.0 * width * 10), round((90.0 - lat) / 180.0 * height * 10))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # z closes the ring
    if len(points) < 3:
        return ""  # collapsed to less than an area at this scale
    out = [f"M{_tenths(points[0][0])} {_tenths(points[0][1])}l"]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        dx, dy = _tenths(x1 - x0), _tenths(y1 - y0)
        # A minus sign separates numbers by itself.
        out.append(f"{'' if len(out) == 1 or dx.startswith('-') else ' '}{dx}{'' if dy.startswith('-') else ' '}{dy}")
    return "".join(out) + "z"


def _geometry_path(geom: BaseGeometry, width: float, height: float) -> str:
    pieces: list[str] = []
    for poly in shapely.get_parts(geom).tolist():
        # Exterior counter-clockwise, holes clockwise: the default nonzero fill rule (and
        # evenodd) leaves the holes open.
        poly = orient(poly, 1.0)
        for ring in (poly.exterior, *poly.interiors):
            path = _ring_path(ring.coords, width, height)
            if path:
                pieces.append(path)
    return "".join(pieces)


@lru_cache(maxsize=16)
def _svg_paths(width: float, height: float, detail: str) -> tuple[tuple[str, str], ...]:
    paths = []
    for alpha2, geom in sorted(_countries(detail).items()):
        d = _geometry_path(geom, width, height)
        if d:
            paths.append((alpha2, d))
    return tuple(paths)


def world_svg_paths(width: float = 1000, height: float = 500, detail: str = "110m") -> dict[str, str]:
    """SVG path ``d`` strings per alpha-2 code, in an equirectangular projection.

    ``x = (lon + 180) / 360 * width`` and ``y = (90 - lat) / 180 * height``, rounded to one
    decimal; every ring is its own closed subpath (``M x y l dx dy … z``, the steps relative). Use it with
    ``viewBox="0 0 {width} {height}"``. Computed once per arguments and cached; a new dict is
    returned each call, so callers may change it. Countries too small to cover an area at
    this scale, or absent from this level of detail (1:110m has no Singapore, Bahrain,
    Maldives…), have no entry.
    """
    _check_detail(detail)
    return dict(_svg_paths(float(width), float(height), detail))


def svg_viewbox_for(
    alpha2_list: Iterable[str],
    width: float = 1000,
    height: float = 500,
    pad: float = 10,
    detail: str = "110m",
) -> str:
    """An SVG ``viewBox`` ``"minx miny w h"`` fitting tightly around some countries.

    Uses the same projection as :func:`world_svg_paths`, with ``pad`` units of margin,
    clamped to the world box ``0 0 width height``. Unknown codes are ignored; with no known
    code the whole world is returned. Countries cut by the antimeridian (Russia, Fiji) span
    the full width.
    """
    _check_detail(detail)
    # Fall back to 1:50m for small states that 1:110m lacks, so they still count.
    bounds = [country_bounds(code, detail) or country_bounds(code, "50m") for code in alpha2_list]
    known = [b for b in bounds if b is not None]
    if not known:
        return f"0 0 {_fmt(width)} {_fmt(height)}"
    min_lon = min(b[0] for b in known)
    min_lat = min(b[1] for b in known)
    max_lon = max(b[2] for b in known)
    max_lat = max(b[3] for b in known)
    x0 = max(0.0, (min_lon + 180.0) / 360.0 * width - pad)
    x1 = min(float(width), (max_lon + 180.0) / 360.0 * width + pad)
    y0 = max(0.0, (90.0 - max_lat) / 180.0 * height - pad)
    y1 = min(float(height), (90.0 - min_lat) / 180.0 * height + pad)
    # Round outwards to one decimal so the box never cuts into a country.
    x0, y0 = math.floor(x0 * 10) / 10, math.floor(y0 * 10) / 10
    x1, y1 = math.ceil(x1 * 10) / 10, math.ceil(y1 * 10) / 10
    return f"{_fmt(x0)} {_fmt(y0)} {_fmt(x1 - x0)} {_fmt(y1 - y0)}"


_PATH_COMMANDS = re.compile(r"([Mlz])([^Mlz]*)")
_PATH_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def path_points(d: str) -> list[list[tuple[float, float]]]:
    """Parse a path made by :func:`world_svg_paths` back into its subpaths' absolute points."""
    subpaths: list[list[tuple[float, float]]] = []
    for command, args in _PATH_COMMANDS.findall(d):
        if command == "z":
            continue
        numbers = [float(v) for v in _PATH_NUMBER.findall(args)]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
        if command == "M":
            subpaths.append([pairs[0]])
            continue
        x, y = subpaths[-1][-1]
        for dx, dy in pairs:
            x, y = round(x + dx, 1), round(y + dy, 1)
            subpaths[-1].append((x, y))
    return subpaths
