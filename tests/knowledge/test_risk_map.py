"""The risk map centres on the Belt and Road region and its tooltips give the level (10.14)."""

import re

import pytest

from knowledge.importer import import_dataset, read_dataset


@pytest.fixture
def shipped(db):
    import_dataset(read_dataset())


def _viewbox(html: str) -> tuple[float, float, float, float]:
    box = re.search(r'<figure class="risk-map">\s*<svg viewBox="([^"]+)"', html).group(1)
    return tuple(float(v) for v in box.split())


@pytest.mark.django_db
def test_the_map_centres_on_the_belt_and_road_region(client, shipped):
    html = client.get("/knowledge/").content.decode()
    minx, miny, width, height = _viewbox(html)
    # Equirectangular, 1000 × 500 for the world: x = (lon + 180) / 360 × 1000.
    centre_lon = (minx + width / 2) / 1000 * 360 - 180
    centre_lat = 90 - (miny + height / 2) / 500 * 180
    assert 40 < centre_lon < 110, centre_lon  # between the Gulf and South-East Asia
    assert 0 < centre_lat < 45, centre_lat
    assert width < 600  # not the whole world stretched by Russia's far east


@pytest.mark.django_db
def test_each_country_tooltip_gives_its_level(client, shipped):
    html = client.get("/knowledge/?risk=air").content.decode()
    assert "<title>Kazakhstan — Air risk: Very high</title>" in html
    assert 'aria-label="Kazakhstan — Air risk: Very high"' in html
