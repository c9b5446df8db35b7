"""The shipped country outlines: decoding, look-ups and the SVG world map (no database)."""

import pytest

from knowledge import geo

ASTANA = (71.45, 51.17)
ALMATY = (76.95, 43.24)
KARAGANDA = (73.10, 49.80)
# Arabian Sea south-west of Karachi, about 85 km off the Pakistani coast.
OPEN_SEA_OFF_KARACHI = (66.5, 24.0)
# Off the Karachi coast, 10–11 km from the 1:50m Pakistani outline.
OFFSHORE_KARACHI_10KM = (66.95, 24.72)


def _contains(bounds, lon, lat):
    minx, miny, maxx, maxy = bounds
    return minx <= lon <= maxx and miny <= lat <= maxy


def test_it_puts_astana_and_almaty_inside_kazakhstans_bounds():
    bounds = geo.country_bounds("KZ")
    assert bounds is not None
    assert _contains(bounds, *ASTANA)
    assert _contains(bounds, *ALMATY)
    assert geo.country_bounds("kz", "110m") is not None


def test_it_returns_none_for_unknown_countries():
    assert geo.country_geometry("XX") is None
    assert geo.country_bounds("XX") is None
    assert geo.point_in_country("XX", *ASTANA) is False
    # Natural Earth's Kosovo has no ISO numeric id, so it is skipped.
    assert geo.country_geometry("XK") is None


def test_it_rejects_an_unknown_level_of_detail():
    with pytest.raises(ValueError):
        geo.country_geometry("KZ", detail="10m")


def test_it_finds_a_point_in_kazakhstan_and_not_in_uzbekistan():
    assert geo.point_in_country("KZ", *KARAGANDA)
    assert geo.point_in_country("KZ", *KARAGANDA, tolerance_km=0)
    assert not geo.point_in_country("UZ", *KARAGANDA)
    assert geo.point_in_country("KZ", *ASTANA, tolerance_km=0)
    assert geo.point_in_country("KZ", *ALMATY, tolerance_km=0)


def test_it_keeps_the_sea_off_karachi_out_of_pakistan():
    # Really sea: no country's outline holds it.
    assert not any(geo.point_in_country(code, *OPEN_SEA_OFF_KARACHI, tolerance_km=0) for code in geo.country_codes())
    assert not geo.point_in_country("PK", *OPEN_SEA_OFF_KARACHI, tolerance_km=0)
    assert not geo.point_in_country("PK", *OPEN_SEA_OFF_KARACHI)


def test_it_accepts_a_point_10km_off_the_coast_within_the_tolerance():
    assert not geo.point_in_country("PK", *OFFSHORE_KARACHI_10KM, tolerance_km=0)
    assert not geo.point_in_country("PK", *OFFSHORE_KARACHI_10KM, tolerance_km=5)
    assert geo.point_in_country("PK", *OFFSHORE_KARACHI_10KM, tolerance_km=25)
    assert geo.point_in_country("PK", *OFFSHORE_KARACHI_10KM)


def test_it_handles_points_across_the_antimeridian():
    # Chukotka lies on the -180° side, the rest of Russia's far east on the +180° side.
    assert geo.point_in_country("RU", -175.0, 66.5, tolerance_km=0)
    assert geo.point_in_country("RU", 170.0, 65.0, tolerance_km=0)
    assert not geo.point_in_country("RU", 0.0, 0.0)


def test_it_draws_svg_paths_for_belt_and_road_countries():
    paths = geo.world_svg_paths()
    for code in ("CN", "KZ", "PK", "ID", "RU"):
        assert paths[code].startswith("M")
        assert paths[code].endswith("z")
    # Every subpath is closed.
    assert paths["ID"].count("M") == paths["ID"].count("z") > 1


def test_it_keeps_svg_coordinates_inside_the_map_with_one_decimal():
    paths = geo.world_svg_paths(width=1000, height=500)
    for subpath in geo.path_points(paths["CN"]):
        for x, y in subpath:
            assert 0 <= x <= 1000
            assert 0 <= y <= 500
            assert round(x, 1) == x
            assert round(y, 1) == y


@pytest.mark.parametrize("code", ["RU", "FJ", "US", "KZ"])
def test_it_draws_no_streak_across_the_map(code):
    width = 1000
    d = geo.world_svg_paths(width=width)[code]
    for subpath in geo.path_points(d):
        closed = [*subpath, subpath[0]]
        for (x0, _y0), (x1, _y1) in zip(closed, closed[1:], strict=False):
            assert abs(x1 - x0) <= width / 2


def test_it_caches_world_svg_paths_but_returns_a_fresh_dict():
    first = geo.world_svg_paths()
    first["KZ"] = "changed"
    assert geo.world_svg_paths()["KZ"] != "changed"


def test_it_fits_a_viewbox_around_kazakhstan_and_uzbekistan():
    minx, miny, w, h = (float(v) for v in geo.svg_viewbox_for(["KZ", "UZ"]).split())
    assert minx >= 0
    assert miny >= 0
    assert minx + w <= 1000 and miny + h <= 500
    assert 0 < w < 200 and 0 < h < 100
    # Astana is in view.
    x = (ASTANA[0] + 180) / 360 * 1000
    y = (90 - ASTANA[1]) / 180 * 500
    assert minx <= x <= minx + w
    assert miny <= y <= miny + h


def test_it_falls_back_to_the_whole_world_for_no_known_country():
    assert geo.svg_viewbox_for([]) == "0 0 1000 500"
    assert geo.svg_viewbox_for(["XX"], width=800, height=400) == "0 0 800 400"


def test_it_decodes_quantized_arcs_and_reversed_arc_indexes():
    # Two unit squares sharing the arc x=1 (arc 0, drawn upwards); the right square walks it
    # backwards (~0 == -1). Positions are delta-encoded and scaled by 0.5, shifted by 10, 20.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [
            [[2, 0], [0, 2]],  # (11, 20) -> (11, 21)
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (11, 21) -> (10, 21) -> (10, 20) -> (11, 20)
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (11, 20) -> (12, 20) -> (12, 21) -> (11, 21)
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "398"},
                    {"type": "MultiPolygon", "arcs": [[[2, -1]]], "id": "860"},
                    {"type": None, "id": "999"},
                ],
            }
        },
    }
    features = list(geo.iter_features(topology))
    assert [f[0] for f in features] == ["398", "860", "999"]
    (left,) = features[0][2]
    (right,) = features[1][2]
    assert left == [[(11, 20), (11, 21), (10, 21), (10, 20), (11, 20)]]
    assert right == [[(11, 20), (12, 20), (12, 21), (11, 21), (11, 20)]]
    assert features[2][2] == []


def test_relative_steps_land_on_the_same_points_as_absolute_coordinates():
    # Kazakhstan's first vertices, projected and rounded to one decimal, are where the relative
    # steps of its path lead: no rounding error builds up along the ring.
    geom = geo.country_geometry("KZ", "110m")
    ring = geom.exterior if geom.geom_type == "Polygon" else max(geom.geoms, key=lambda g: g.area).exterior
    expected = [(round((lon + 180) / 360 * 1000, 1), round((90 - lat) / 180 * 500, 1)) for lon, lat in ring.coords]
    drawn = {point for subpath in geo.path_points(geo.world_svg_paths()["KZ"]) for point in subpath}
    assert set(expected) <= drawn
