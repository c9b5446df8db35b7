"""An empty country x sector guidance cell says so on the guidance list (the whole grid) and the
country profile."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from knowledge.models import Sector, SectorGuidance
from knowledge.services import content_publish
from tests.knowledge import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def solar_in_china(china, eddie):
    Sector.objects.create(code="wind", name="Wind power", name_zh_hans="风电")
    solar = Sector.objects.create(code="solar", name="Solar power", name_zh_hans="光伏发电")
    guidance = SectorGuidance.objects.create(country=china, sector=solar, eia_tier="Report form.")
    return content_publish(obj=guidance, published_by=eddie)


def _grid(client) -> dict[str, dict[str, str]]:
    """The guidance list's grid as {country: {sector: cell text}}, read from its table."""
    page = client.get(reverse("knowledge:guidance-list"))
    assert page.status_code == 200
    table = pages.table_rows(page)
    if not table:
        return {}
    head, *rows = table
    return {row[0]: dict(zip(head[1:], row[1:], strict=True)) for row in rows}


def test_the_guidance_list_shows_every_cell_and_says_which_are_empty(client, solar_in_china):
    grid = _grid(client)
    assert grid["China"]["Solar power"].startswith("Guidance")
    assert grid["China"]["Wind power"] == "No guidance yet"


def test_the_guidance_list_shows_a_host_country_without_any_guidance(client, solar_in_china, make_country):
    make_country("VN", "Vietnam")
    make_country("LA", "Laos", publish=False)
    grid = _grid(client)
    assert grid["Vietnam"] == {"Solar power": "No guidance yet", "Wind power": "No guidance yet"}
    assert "Laos" not in grid  # an unpublished country is not listed at all


def test_the_reference_country_is_listed_only_with_guidance(client, china, make_country):
    Sector.objects.create(code="wind", name="Wind power")
    make_country("VN", "Vietnam")
    assert list(_grid(client)) == ["Vietnam"]


def test_the_guidance_list_costs_the_same_queries_for_more_countries(
    client, solar_in_china, make_country, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_country("VN", "Vietnam")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("knowledge:guidance-list"))
    for i in range(10):
        make_country(f"Q{i}", f"Country {i}")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("knowledge:guidance-list"))


def test_a_country_profile_names_its_sectors_without_guidance_in_chinese(client, solar_in_china):
    page = client.get(reverse("knowledge:country-detail", args=["CN"]), HTTP_ACCEPT_LANGUAGE="zh-hans").content
    page = page.decode()
    assert "尚未编写指南的行业：" in page
    assert "风电" in page.split("尚未编写指南的行业：", 1)[1]


def test_a_country_with_every_sector_covered_shows_no_gap_line(client, solar_in_china, eddie):
    wind = Sector.objects.get(code="wind")
    content_publish(
        obj=SectorGuidance.objects.create(country=solar_in_china.country, sector=wind, eia_tier="Full EIA."),
        published_by=eddie,
    )
    assert "No guidance yet" not in client.get(reverse("knowledge:guidance-list")).content.decode()
