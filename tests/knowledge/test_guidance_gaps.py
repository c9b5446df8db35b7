"""An empty country x sector guidance cell says so on the guidance list and the country profile."""

import pytest
from django.urls import reverse

from knowledge.models import Sector, SectorGuidance
from knowledge.services import content_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def solar_in_china(china, eddie):
    Sector.objects.create(code="wind", name="Wind power", name_zh_hans="风电")
    solar = Sector.objects.create(code="solar", name="Solar power", name_zh_hans="光伏发电")
    guidance = SectorGuidance.objects.create(country=china, sector=solar, eia_tier="Report form.")
    return content_publish(obj=guidance, published_by=eddie)


def test_the_guidance_list_names_the_sectors_a_country_has_no_guidance_for(client, solar_in_china):
    page = client.get(reverse("knowledge:guidance-list")).content.decode()
    section = page.split(">China</a></h2>", 1)[1]
    written, missing = section.split("No guidance written yet for:", 1)
    assert "Solar power" in written and "Solar power" not in missing
    assert "Wind power" in missing


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
    assert "No guidance written yet for:" not in client.get(reverse("knowledge:guidance-list")).content.decode()
