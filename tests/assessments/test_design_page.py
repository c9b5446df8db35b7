"""The design-compliance page with the shipped knowledge base (issue 10.1).

A 660 MW coal-fired boiler in Pakistan is judged against boiler or any-combustion rows of
Pakistan's NEQS, GB 13223 and the IFC thermal-power guideline, never an engine row.
"""

import pytest
from django.urls import reverse

from assessments import services
from knowledge.importer import import_dataset, read_dataset
from knowledge.models import Country


@pytest.fixture
def shipped_knowledge(db):
    import_dataset(read_dataset())


@pytest.fixture
def coal_project(shipped_knowledge, acme, alice, rules):
    return services.project_create(
        organisation=acme,
        created_by=alice,
        name="Thar Coal Block Power 660 MW",
        host_country=Country.objects.get(iso2="PK"),
        sector="thermal_power",
        capacity=660,
        capacity_unit="MW",
    )


def _add(client, project, **data):
    url = reverse("assessments:project-design", args=[project.pk])
    return client.post(url, data)


@pytest.mark.django_db
def test_it_judges_a_coal_boiler_against_boiler_rows_never_an_engine_row(login, alice, coal_project):
    client = login(alice)
    response = _add(
        client,
        coal_project,
        parameter="NOx",
        medium="air_emissions",
        value="510",
        unit="mg/Nm³",
        conditions="6% O2, 0 °C, dry gas",
        source_type="boiler",
        fuel="coal",
        plant_age="new",
        airshed="degraded",
    )
    assert response.status_code == 302
    page = client.get(reverse("assessments:project-design", args=[coal_project.pk])).content.decode()
    assert "NEQS" in page or "National Environmental Quality Standards" in page
    assert "13223" in page
    assert "boiler, solid fuel (pulverized coal), degraded airshed" in page
    matrix = page.split("Add a design value")[0]
    assert "engine" not in matrix.lower()
    # Nothing could be compared on a stated basis, and the page says so beside each limit.
    assert "cannot be judged yet" in page
    assert "reference O2 is not recorded" in page
    assert "complies" not in matrix


@pytest.mark.django_db
def test_a_lowercase_so2_in_grams_is_kept_not_dropped(login, alice, coal_project):
    client = login(alice)
    response = _add(
        client,
        coal_project,
        parameter="so2",
        medium="air_emissions",
        value="0.4",
        unit="g/Nm³",
        conditions="6% O2, 0 °C",
        source_type="boiler",
        fuel="coal",
        plant_age="new",
        airshed="non_degraded",
    )
    assert response.status_code == 302
    (value,) = coal_project.design_values.all()
    assert value.parameter == "SO2" and value.unit == "g/Nm³"
    page = client.get(reverse("assessments:project-design", args=[coal_project.pk])).content.decode()
    assert "SO2" in page and "13223" in page


@pytest.mark.django_db
def test_the_form_offers_what_the_knowledge_base_holds(login, alice, coal_project):
    client = login(alice)
    page = client.get(reverse("assessments:project-design", args=[coal_project.pk])).content.decode()
    assert '<option value="NOx">' in page and '<option value="BOD5">' in page
    response = _add(client, coal_project, parameter="Radon", medium="air_emissions", value="1", unit="mg/Nm³")
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_demo_coal_boiler_is_judged_against_boiler_rows_never_an_engine_row(login, shipped_knowledge, rules):
    from assessments.demo import load_demo_coal_project
    from portal.demo import load_demo_accounts

    load_demo_accounts()
    project = load_demo_coal_project()
    assert load_demo_coal_project() is None  # created once
    client = login(project.created_by)
    page = client.get(reverse("assessments:project-design", args=[project.pk])).content.decode()
    matrix = page.split("Add a design value")[0]
    for instrument in ("National Environmental Quality Standards", "13223", "Thermal Power Plants"):
        assert instrument in matrix, instrument
    # The IFC boiler row is for degraded airsheds; the demo does not say, and the page asks.
    assert "state whether the airshed is degraded" in matrix
    assert "engine" not in matrix.lower()
    air = [sec for sec in matrix.split('<section class="panel matrix-row"') if "Emissions to air" in sec]
    assert len(air) == 3
    # No stack value can be compared on a stated basis: none is declared compliant.
    assert all("cannot be judged yet" in sec and "complies" not in sec for sec in air)
