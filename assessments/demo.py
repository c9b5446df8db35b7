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


def load_demo_blacklist() -> None:
    """Create once: a rating history for Acme, a lifted listing of Globex (its period ended)
    and an open case against Acme awaiting its response. All fictitious, marked "(demo)"."""
    import datetime as dt

    from django.utils import timezone

    from assessments.models import BlacklistCase, BlacklistEntry
    from assessments.services import blacklist as bl
    from assessments.services import rating as rs

    acme = Organisation.objects.filter(name="Acme Overseas Power Co. (demo)").first()
    rita = User.objects.filter(email="rita@authority.example").first()
    # Rita is competent for Acme through its project in Kazakhstan (loaded just before).
    if not (acme and rita and acme.projects.exists()) or BlacklistCase.objects.filter(organisation=acme).exists():
        return
    today = timezone.localdate()
    rs.rating_recompute(organisation=acme, trigger="demo")
    incident = rs.incident_record(
        organisation=acme,
        recorded_by=rita,
        occurred_on=today - dt.timedelta(days=40),
        severity="serious",
        description="Oil spill at the transformer yard, contained on site (demo).",
    )
    rs.incident_correct(incident=incident, corrected_by=rita, evidence="Bunded yard inspected on site (demo).")
    bl.blacklist_case_open(
        organisation=acme,
        opened_by=rita,
        ground="falsified_data",
        evidence="Monitoring data for two months were copied from an earlier report (demo).",
    )
    globex = Organisation.objects.filter(name__startswith="Globex", name__endswith="(demo)").first()
    if globex is not None and not BlacklistEntry.objects.filter(organisation=globex).exists():
        entry = BlacklistEntry.objects.create(
            organisation=globex,
            ground="major_incident",
            reason="Tailings spill into a river (demo).",
            starts_on=today - dt.timedelta(days=400),
            ends_on=today - dt.timedelta(days=35),
        )
        bl.blacklist_lift_ended(today=today)
        entry.refresh_from_db()
