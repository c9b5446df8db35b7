"""A rule on a project's fields lives in the service once: the page and the API refuse the same
bad input with the same message, and neither stores anything."""

import html

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Project
from knowledge.choices import PublicationStatus
from knowledge.models import Country

BASE = {"name": "Steppe Wind 50 MW", "sector": "wind", "description": "A wind farm."}
CASES = {
    "operation before construction": (
        {"construction_start": "2027-05-01", "operation_start": "2026-01-01"},
        "Operation cannot start before construction.",
    ),
    "capacity without its unit": ({"capacity": "50"}, "Give the unit of the capacity."),
    "zero capacity": ({"capacity": "0", "capacity_unit": "MW"}, "The capacity must be greater than zero."),
    "unknown currency": ({"investment": "1000", "currency": "AAA"}, "“AAA” is not an ISO 4217 currency code."),
    "investment without currency": ({"investment": "1000"}, "Give the currency of the investment."),
    "China as host country": ({"host_country": "CN"}, "choose the host country, not China."),
}


@pytest.fixture
def countries(db):
    for iso2, name in (("KZ", "Kazakhstan"), ("CN", "China")):
        Country.objects.create(iso2=iso2, name=name, status=PublicationStatus.PUBLISHED, region="Asia")


def _page_payload(extra: dict, kazakhstan_pk: int, china_pk: int) -> dict:
    data = {**BASE, "host_country": kazakhstan_pk, **extra}
    if extra.get("host_country") == "CN":
        data["host_country"] = china_pk
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_page_and_api_refuse_the_same_input_with_the_same_message(case, countries, login, alice):
    extra, message = CASES[case]
    kz, cn = Country.objects.get(iso2="KZ"), Country.objects.get(iso2="CN")

    page = login(alice).post(reverse("assessments:project-create"), _page_payload(extra, kz.pk, cn.pk))
    api = APIClient()
    api.force_authenticate(alice)
    answer = api.post("/api/v1/projects/", {**BASE, "host_country": "KZ", **extra}, format="json")

    assert page.status_code == 400
    assert message in html.unescape(page.content.decode())
    assert answer.status_code == 400
    assert message in answer.json()["detail"]
    assert not Project.objects.exists()
