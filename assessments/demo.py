"""A demo draft project for the demo enterprise, so ``make run`` shows a screened project."""

import json

from assessments import services
from assessments.models import Project
from assessments.rules.questionnaire import QUESTIONS
from knowledge.models import Country
from portal.models import Organisation, User


def load_demo_project() -> Project | None:
    """Create once: a 50 MW solar farm of the demo enterprise in Kazakhstan (fictitious)."""
    org = Organisation.objects.filter(name="Acme Overseas Power Co. (demo)").first()
    owner = User.objects.filter(email="alice@acme.example").first()
    kz = Country.objects.filter(iso2="KZ").first()
    if not (org and owner and kz) or org.projects.exists():
        return None
    project = services.project_create(
        organisation=org,
        created_by=owner,
        name="Ekibastuz Solar Park (demo)",
        host_country=kz,
        sector="solar",
        capacity=50,
        capacity_unit="MW",
        description="A fictitious 50 MW photovoltaic park, for trying the workspace.",
    )
    site = {
        "type": "Polygon",
        "coordinates": [[[75.30, 51.70], [75.34, 51.70], [75.34, 51.72], [75.30, 51.72], [75.30, 51.70]]],
    }
    services.project_set_site(project=project, site_text=json.dumps(site), fmt="geojson", updated_by=owner)
    answers = {q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}
    services.project_set_answers(
        project=project, answers={**answers, "peak_workers": 300, "land_area_ha": 110}, updated_by=owner
    )
    services.project_screen(project=project, screened_by=owner)
    return project


def load_demo_coal_project() -> Project | None:
    """Create once: a 660 MW coal-fired power plant of the demo enterprise in Pakistan
    (fictitious), with boiler design values, so the design-compliance page shows a real case:
    a coal boiler judged against boiler rows (NEQS, GB 13223, IFC), never an engine row."""
    org = Organisation.objects.filter(name="Acme Overseas Power Co. (demo)").first()
    owner = User.objects.filter(email="alice@acme.example").first()
    pk = Country.objects.filter(iso2="PK").first()
    name = "Thar Coal Power 660 MW (demo)"
    if not (org and owner and pk) or org.projects.filter(name=name).exists():
        return None
    project = services.project_create(
        organisation=org,
        created_by=owner,
        name=name,
        host_country=pk,
        sector="thermal_power",
        capacity=660,
        capacity_unit="MW",
        description="A fictitious 660 MW coal-fired power plant (one boiler), for trying design compliance.",
    )
    boiler = {
        "medium": "air_emissions",
        "unit": "mg/Nm³",
        "averaging": "",
        "conditions": "6% O2, 0 °C, dry gas",
        "source_type": "boiler",
        "fuel": "coal",
        "plant_age": "new",
        "airshed": "",
        "receiving_water": "",
        "receiving_water_class": "",
    }
    for parameter, value in (("NOx", 510), ("SO2", 400), ("particulate matter", 30)):
        services.design_value_add(project=project, added_by=owner, parameter=parameter, value=value, **boiler)
    services.design_value_add(
        project=project,
        added_by=owner,
        parameter="COD",
        medium="effluent",
        value=120,
        unit="mg/L",
        averaging="",
        conditions="",
        source_type="",
        fuel="",
        plant_age="new",
        airshed="",
        receiving_water="inland_surface",
        receiving_water_class="",
    )
    return project
