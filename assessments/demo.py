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
