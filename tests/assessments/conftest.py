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


# --- Review personas and a submitted project --------------------------------------------------
# rita (tests/conftest.py) is the lead reviewer of the Kazakh authority (all sectors); ray is a
# plain reviewer there; pat leads Pakistan's authority and must never see a Kazakh project; will
# reviews Kazakh wind projects only, so a solar project is out of his scope too.


def complete_project(project, user):
    """Everything a category C project needs before it can be submitted, through the services."""
    import datetime as dt
    import json

    from assessments import services
    from assessments.rules.questionnaire import QUESTIONS

    services.project_update(
        project=project,
        updated_by=user,
        description="A 20 MW solar farm.",
        construction_start=dt.date(2027, 3, 1),
        operation_start=dt.date(2028, 1, 1),
    )
    services.project_set_site(project=project, site_text=json.dumps(KZ_POINT), fmt="geojson", updated_by=user)
    services.project_set_answers(
        project=project, answers={q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}, updated_by=user
    )
    services.project_screen(project=project, screened_by=user)
    for m in project.measures.filter(active=True):
        services.measure_answer(measure=m, answered_by=user, response="accepted")
    project.refresh_from_db()
    return project


@pytest.fixture
def ray(authority):
    from portal.choices import Role
    from tests.factories import member_of

    return member_of(authority, email="ray@authority.test", role=Role.REVIEWER, preferred_language="ru")


@pytest.fixture
def pat(db):
    from portal.choices import OrganisationKind, Role
    from portal.models import Jurisdiction
    from tests.factories import OrganisationFactory, member_of

    org = OrganisationFactory(kind=OrganisationKind.AUTHORITY, name="Pakistan Authority", registration_number="")
    Jurisdiction.objects.create(organisation=org, country="PK", sector="")
    return member_of(org, email="pat@pk-authority.test", role=Role.LEAD_REVIEWER)


@pytest.fixture
def will(db):
    from portal.choices import OrganisationKind, Role
    from portal.models import Jurisdiction
    from tests.factories import OrganisationFactory, member_of

    org = OrganisationFactory(kind=OrganisationKind.AUTHORITY, name="Kazakh Wind Office", registration_number="")
    Jurisdiction.objects.create(organisation=org, country="KZ", sector="wind")
    return member_of(org, email="will@wind.test", role=Role.LEAD_REVIEWER)


@pytest.fixture
def submitted(project, alice, rita):
    from assessments import services

    complete_project(project, alice)
    return services.project_submit(project=project, submitted_by=alice)
