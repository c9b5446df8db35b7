"""Projects for the assessment tests: a Kazakh solar project of Acme with real outlines."""

import pytest

from assessments.loader import load_catalogue, load_ruleset
from assessments.models import SensitiveArea
from assessments.services import project_create
from knowledge.choices import PublicationStatus
from knowledge.models import Country, CountryRisk

# A point in the Kazakh steppe south of Astana (inside Kazakhstan's outline).
KZ_POINT = {"type": "Point", "coordinates": [71.0, 50.5]}
KZ_SQUARE = {
    "type": "Polygon",
    "coordinates": [[[71.0, 50.5], [71.05, 50.5], [71.05, 50.53], [71.0, 50.53], [71.0, 50.5]]],
}


@pytest.fixture
def kazakhstan(db):
    kz = Country.objects.create(iso2="KZ", name="Kazakhstan", status=PublicationStatus.PUBLISHED, region="Central Asia")
    CountryRisk.objects.create(country=kz, dimension="biodiversity", level="medium")
    CountryRisk.objects.create(country=kz, dimension="water", level="high")
    return kz


@pytest.fixture
def rules(db):
    load_ruleset()
    load_catalogue()


@pytest.fixture
def wetland(db):
    # A square "wetland" 0.1° east of KZ_POINT (about 7 km away) — test geometry only.
    return SensitiveArea.objects.create(
        type="wetland",
        name="Test Wetland",
        country="KZ",
        geometry={
            "type": "Polygon",
            "coordinates": [[[71.1, 50.45], [71.2, 50.45], [71.2, 50.55], [71.1, 50.55], [71.1, 50.45]]],
        },
        min_lon=71.1,
        min_lat=50.45,
        max_lon=71.2,
        max_lat=50.55,
        source_url="https://example.org/test",
        simplified=True,
    )


@pytest.fixture
def project(acme, alice, kazakhstan, rules):
    return project_create(
        organisation=acme,
        created_by=alice,
        name="Steppe Solar 20 MW",
        host_country=kazakhstan,
        sector="solar",
        capacity=20,
        capacity_unit="MW",
    )
