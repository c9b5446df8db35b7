"""A demo draft project for the demo enterprise, so ``make run`` shows a screened project."""

import json

from assessments import services
from assessments.models import Project
from assessments.rules.questionnaire import QUESTIONS
from assessments.selectors import project_readiness
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


DEMO_REVIEW = [
    # name, capacity (MW), site centre (lon, lat) in Kazakhstan, what happens in review
    ("Pavlodar Solar 5 MW (demo)", 5, (76.95, 52.25), "waiting"),
    ("Karaganda Solar 10 MW (demo)", 10, (73.10, 49.75), "request"),
    ("Aktobe Solar 8 MW (demo)", 8, (57.20, 50.25), "approved"),
]


def _square(lon: float, lat: float) -> dict:
    d = 0.01
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
    }


def load_demo_review() -> list[Project]:
    """Create once: three submitted demo projects in rita's queue, one waiting, one with an open
    request for information, one approved with two conditions. All fictitious."""
    import datetime as dt

    from django.utils import timezone

    from assessments.services import review as review_services

    org = Organisation.objects.filter(name="Acme Overseas Power Co. (demo)").first()
    owner = User.objects.filter(email="alice@acme.example").first()
    lead = User.objects.filter(email="rita@authority.example").first()
    kz = Country.objects.filter(iso2="KZ").first()
    if not (org and owner and lead and kz):
        return []
    created = []
    answers = {q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}
    for name, capacity, (lon, lat), state in DEMO_REVIEW:
        if org.projects.filter(name=name).exists():
            continue
        project = services.project_create(
            organisation=org,
            created_by=owner,
            name=name,
            host_country=kz,
            sector="solar",
            capacity=capacity,
            capacity_unit="MW",
            description="A fictitious photovoltaic plant, for trying the review workspace.",
            construction_start=dt.date(2027, 4, 1),
            operation_start=dt.date(2028, 3, 1),
        )
        services.project_set_site(
            project=project, site_text=json.dumps(_square(lon, lat)), fmt="geojson", updated_by=owner
        )
        services.project_set_answers(project=project, answers={**answers, "peak_workers": 80}, updated_by=owner)
        services.project_screen(project=project, screened_by=owner)
        for measure in project.measures.filter(active=True):
            services.measure_answer(measure=measure, answered_by=owner, response="accepted")
        project.refresh_from_db()  # the services above returned fresh copies; read what they wrote
        if project_readiness(project):
            # The shipped rules would need more (e.g. a document for category B): leave it a draft.
            continue
        project = services.project_submit(project=project, submitted_by=owner)
        if state in ("request", "approved"):
            review_services.review_claim(project=project, claimed_by=lead)
        if state == "request":
            review_services.information_request_create(
                project=project,
                asked_by=lead,
                question="Describe how panel-washing water is sourced and disposed of.",
                due_date=timezone.localdate() + dt.timedelta(days=14),
            )
        if state == "approved":
            measures = list(project.measures.filter(active=True)[:1])
            review_services.decision_make(
                project=project,
                decided_by=lead,
                outcome="approved_conditions",
                reasons="Category C plant away from sensitive areas; dust and restoration need follow-up.",
                conditions=[
                    {
                        "text": "Report dust-suppression records every quarter of construction.",
                        "recurrence": "quarterly",
                        "measure": measures[0] if measures else None,
                    },
                    {
                        "text": "Restore the construction laydown area.",
                        "due_date": dt.date(2028, 9, 30),
                    },
                ],
            )
        created.append(project)
    return created


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


DEMO_DISCLOSURE_PROJECT = "Pavlodar Solar 5 MW (demo)"


def load_demo_disclosure() -> None:
    """Create once: the waiting demo project re-categorised B by the regulator and put to public
    consultation (window open), with three comments: one published and answered, one published
    and unanswered, one waiting for moderation. The approved demo project already carries its
    public notice (decisions publish one). All fictitious, marked "(demo)"."""
    from assessments.services import comments as cs
    from assessments.services import disclosure as ds
    from assessments.services import review as review_services

    org = Organisation.objects.filter(name="Acme Overseas Power Co. (demo)").first()
    owner = User.objects.filter(email="alice@acme.example").first()
    lead = User.objects.filter(email="rita@authority.example").first()
    project = org.projects.filter(name=DEMO_DISCLOSURE_PROJECT).first() if org else None
    if not (project and owner and lead) or project.disclosures.exists() or project.reference is None:
        return
    if project.category != "B":
        review_services.review_change_category(
            project=project,
            changed_by=lead,
            category="B",
            reason="Grazing land of two villages borders the site; the community should be consulted (demo).",
        )
    ds.consultation_open(project=project, opened_by=lead, days=14, day_basis="working")
    project.refresh_from_db()
    samples = [
        (
            "Aigerim S. (demo)",
            "Steppe Herders Union (demo)",
            "KZ",
            "Will the fence leave the livestock track to the river open? Herders cross here every spring (demo).",
            True,
        ),
        (
            "Daniyar K. (demo)",
            "",
            "KZ",
            "Please publish how panel-washing water will be sourced in dry summers (demo).",
            False,
        ),
        ("Marat T. (demo)", "", "KZ", "Dust during construction worries the school 3 km east (demo).", None),
    ]
    for name, organisation, country, body, answered in samples:
        comment, token = cs.comment_submit(
            project=project,
            name=name,
            email=f"{name.split()[0].lower()}@public.example",
            organisation_name=organisation,
            country=country,
            body=body,
            ip="192.0.2.10",
        )
        cs.comment_confirm(token=token)
        if answered is None:
            continue
        comment = cs.comment_publish(comment=comment, moderator=lead)
        if answered:
            cs.comment_answer(
                comment=comment,
                answered_by=owner,
                verdict="adopted",
                reason="The fence will leave a 30 m livestock corridor along the track (demo).",
            )


DEMO_OPERATING = "Shymkent Solar 12 MW (demo)"
# Suspended solids of the site's treated wastewater, discharged to the town sewer, per quarter:
# three monthly composite samples (mg/L). The third quarter's second sample is above China's
# GB 8978-1996 Grade 3 value for sewer discharge, the limit that governs here (the knowledge
# base holds no Kazakh effluent limit, and the IFC's sanitary-sewage row applies only where
# designated). Fictitious values.
DEMO_SS = [(180, 210, 195), (230, 250, 240), (260, 455, 280), (220, 205, 190)]


def _quarter_start(day):
    import datetime as dt

    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def load_demo_performance() -> Project | None:
    """Create once: an operating category A solar plant of Acme in Kazakhstan with four filed
    quarterly reports (one exceedance, one incident), a concluded performance review and the
    rating history that follows. All fictitious, marked "(demo)"."""
    import datetime as dt

    from django.utils import timezone

    from assessments.models import PerformanceReport
    from assessments.selectors import reports as report_sel
    from assessments.services import performance as perf_services
    from assessments.services import reports as report_services
    from assessments.services import review as review_services

    org = Organisation.objects.filter(name="Acme Overseas Power Co. (demo)").first()
    owner = User.objects.filter(email="alice@acme.example").first()
    lead = User.objects.filter(email="rita@authority.example").first()
    kz = Country.objects.filter(iso2="KZ").first()
    if not (org and owner and lead and kz) or org.projects.filter(name=DEMO_OPERATING).exists():
        return None
    today = timezone.localdate()
    previous = _quarter_start(_quarter_start(today) - dt.timedelta(days=1))
    start = previous
    for _i in range(3):
        start = _quarter_start(start - dt.timedelta(days=1))
    project = services.project_create(
        organisation=org,
        created_by=owner,
        name=DEMO_OPERATING,
        host_country=kz,
        sector="solar",
        capacity=12,
        capacity_unit="MW",
        description="A fictitious photovoltaic plant in operation, for trying performance reports.",
        construction_start=start - dt.timedelta(days=270),
        operation_start=start,
    )
    services.project_set_site(
        project=project, site_text=json.dumps(_square(69.55, 42.30)), fmt="geojson", updated_by=owner
    )
    answers = {q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}
    services.project_set_answers(project=project, answers={**answers, "peak_workers": 60}, updated_by=owner)
    services.project_screen(project=project, screened_by=owner)
    for measure in project.measures.filter(active=True):
        services.measure_answer(measure=measure, answered_by=owner, response="accepted")
    services.design_value_add(
        project=project,
        added_by=owner,
        parameter="SS",
        medium="effluent",
        value=300,
        unit="mg/L",
        averaging="",
        conditions="",
        source_type="",
        fuel="",
        plant_age="new",
        airshed="",
        receiving_water="sewer",
        receiving_water_class="",
    )
    project.refresh_from_db()
    if project_readiness(project):
        return None
    project = services.project_submit(project=project, submitted_by=owner)
    review_services.review_claim(project=project, claimed_by=lead)
    review_services.review_change_category(
        project=project,
        changed_by=lead,
        category="A",
        reason="Panel washing draws on scarce groundwater; quarterly reporting is needed (demo).",
    )
    measure = project.measures.filter(active=True).first()
    review_services.decision_make(
        project=project,
        decided_by=lead,
        outcome="approved_conditions",
        reasons="Approved on condition of quarterly wastewater monitoring (demo).",
        conditions=[
            {"text": "Sample the treated wastewater monthly and report it quarterly.", "recurrence": "quarterly"},
            {"text": "Keep panel-washing water records.", "recurrence": "quarterly", "measure": measure},
        ],
    )
    report_services.report_schedule_run(today=today)
    reports = list(PerformanceReport.objects.filter(project=project, period_end__lt=today).order_by("period_start"))[:4]
    for number, (report, samples) in enumerate(zip(reports, DEMO_SS, strict=False)):
        for month, value in enumerate(samples):
            day = dt.date(report.period_start.year, report.period_start.month + month, 15)
            report_services.reading_add(
                report=report,
                added_by=owner,
                point="Outfall 1",
                parameter="SS",
                medium="effluent",
                sampled_at=day.isoformat(),
                averaging="24-hour composite",
                value=str(value),
                unit="mg/L",
                conditions="",
            )
        if number == 1:
            report_services.report_incident_add(
                report=report,
                added_by=owner,
                occurred_on=report.period_start + dt.timedelta(days=40),
                kind="spill",
                severity="minor",
                description="Transformer oil dripped onto gravel during maintenance (demo).",
                response="Gravel removed and disposed of as hazardous waste; drip tray fitted (demo).",
            )
        report_services.report_update(
            report=report,
            updated_by=owner,
            summary="Plant in normal operation (demo).",
            grievances_received=2 if number == 2 else 0,
            grievances_resolved=1 if number == 2 else 0,
            grievances_summary="Dust from the access road during panel washing (demo)." if number == 2 else "",
        )
        for c in report_sel.conditions_for_project(project):
            report_services.report_item_set(report=report, updated_by=owner, status="done", condition=c)
        for m in report_sel.measures_for_project(project):
            report_services.report_item_set(report=report, updated_by=owner, status="done", measure=m)
        report_services.report_submit(report=report, submitted_by=owner, today=today)
        # The demo files four quarters at once: date each filing as if it had come in three
        # weeks after its period (the ratings it caused keep their real time of computation).
        filed = timezone.make_aware(dt.datetime.combine(report.period_end + dt.timedelta(days=21), dt.time(10)))
        PerformanceReport.objects.filter(pk=report.pk).update(submitted_at=filed)
        if number == 2:
            findings = {("condition", c.pk): ("met", "") for c in report_sel.conditions_for_project(project)}
            findings.update({("measure", m.pk): ("met", "") for m in report_sel.measures_for_project(project)})
            perf_services.performance_review_record(
                report=report,
                reviewer=lead,
                findings=findings,
                actions=[
                    {
                        "text": "Find and fix the cause of the suspended-solids peak (demo).",
                        "due_date": today + dt.timedelta(days=60),
                    }
                ],
                summary="One sample above the sewer-discharge limit (demo).",
            )
            perf_services.performance_review_conclude(report=report, concluded_by=lead)
    return project
