"""Assessment services: site screening on real shipped areas, screening records, lists,
compliance matrix, submission rules."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import selectors, services
from assessments.loader import import_sensitive_areas
from assessments.models import BlacklistEntry, DesignValue, Screening, ScreeningRule
from assessments.rules.questionnaire import QUESTIONS
from knowledge.choices import PublicationStatus
from knowledge.models import Instrument, StandardLimit
from portal.errors import BlacklistedError, ConflictError, ServiceError
from portal.models import AuditEvent
from tests.assessments.test_access import pdf_bytes

AREAS = Path(__file__).resolve().parents[2] / "assessments" / "data" / "sensitive_areas.geojson"
# Tengiz-Korgalzhyn Lake System (Ramsar), centre as shipped; 1° of longitude at 50.4°N ≈ 70.96 km.
TENGIZ = (69.25, 50.41667)
ALL_NO = {q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}


def point(lon, lat):
    return json.dumps({"type": "Point", "coordinates": [lon, lat]})


@pytest.fixture
def shipped_areas(db):
    return import_sensitive_areas(AREAS.read_text())


@pytest.mark.django_db
def test_site_inside_a_real_wetland(project, alice, shipped_areas):
    services.project_set_site(project=project, site_text=point(*TENGIZ), fmt="geojson", updated_by=alice)
    (hit,) = [r for r in project.site_results.select_related("area") if r.area.name == "Tengiz-Korgalzhyn Lake System"]
    assert (hit.relation, hit.distance_m) == ("inside", 0)


@pytest.mark.django_db
def test_site_within_the_buffer_of_a_real_wetland(project, alice, shipped_areas):
    # The shipped outline is a circle of 3,533 km² (radius ≈ 33.5 km); 35 km east is ~1.5 km outside.
    services.project_set_site(
        project=project, site_text=point(TENGIZ[0] + 35 / 70.96, TENGIZ[1]), fmt="geojson", updated_by=alice
    )
    (hit,) = project.site_results.select_related("area")
    assert hit.area.name == "Tengiz-Korgalzhyn Lake System"
    assert hit.relation == "buffer"
    assert 500 < hit.distance_m < hit.buffer_m == 3000


@pytest.mark.django_db
def test_site_far_from_every_area(project, alice, shipped_areas):
    services.project_set_site(
        project=project, site_text=point(TENGIZ[0] + 100 / 70.96, TENGIZ[1]), fmt="geojson", updated_by=alice
    )
    assert project.site_results.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site", "message"),
    [
        ('{"type": "Point", "coordinates": [2.35, 48.85]}', "outside the host country"),
        ('{"type": "Point", "coordinates": [50.5, 71.0]}', "outside the host country"),
        ('{"type": "Polygon", "coordinates": [[[71,50],[72,51],[72,50],[71,51],[71,50]]]}', "not valid"),
        ('{"type": "Polygon", "coordinates": [[[60,45],[75,45],[75,53],[60,53],[60,45]]]}', "at most 5000 km²"),
        ("not json", "not valid GeoJSON"),
        ('{"type": "GeometryCollection", "geometries": []}', "point, a line or a polygon"),
    ],
)
def test_it_refuses_bad_sites_with_a_reason(project, alice, site, message):
    with pytest.raises(ServiceError, match=message):
        services.project_set_site(project=project, site_text=site, fmt="geojson", updated_by=alice)
    project.refresh_from_db()
    assert project.site is None


@pytest.mark.django_db
def test_it_reads_a_kml_site(project, alice):
    kml = (
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon><outerBoundaryIs>'
        "<LinearRing><coordinates>71.0,50.5,0 71.05,50.5,0 71.05,50.53,0 71.0,50.53,0 71.0,50.5,0</coordinates>"
        "</LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"
    )
    services.project_set_site(project=project, site_text=kml, fmt="kml", updated_by=alice)
    project.refresh_from_db()
    assert project.site["type"] == "Polygon"
    assert Decimal("10") < project.site_area_km2 < Decimal("13")  # 0.05° × 0.03° at 50.5°N ≈ 11.8 km²


@pytest.mark.django_db
def test_screening_records_its_rule_version_and_never_changes(project, alice, wetland):
    services.project_set_site(project=project, site_text=point(71.0, 50.5), fmt="geojson", updated_by=alice)
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    screening = services.project_screen(project=project, screened_by=alice)
    assert (screening.category, screening.ruleset_version) == ("C", 1)
    assert AuditEvent.objects.filter(action="project.screened", target_id=str(project.pk)).exists()
    # Staff change a rule afterwards: the recorded screening stays as it was.
    ScreeningRule.objects.filter(code="sector-solar").update(points=9, category_floor="A")
    screening.refresh_from_db()
    # Solar sector baseline (1) + Kazakhstan's high water risk (1).
    assert screening.category == "C" and screening.points == 2
    with pytest.raises(TypeError):
        screening.save()
    assert Screening.objects.count() == 1


@pytest.mark.django_db
def test_screening_needs_the_answers_first(project, alice):
    with pytest.raises(ServiceError, match="Screening needs"):
        services.project_screen(project=project, screened_by=alice)


@pytest.mark.django_db
def test_lists_are_generated_and_answers_survive_regeneration(project, alice):
    services.project_set_site(project=project, site_text=point(71.0, 50.5), fmt="geojson", updated_by=alice)
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    services.project_screen(project=project, screened_by=alice)
    assert project.risks.filter(active=True).count() >= 4
    measure = project.measures.filter(active=True).first()
    services.measure_answer(
        measure=measure,
        answered_by=alice,
        response="alternative",
        alternative="Use dry cleaning of panels",
        reason="No water on site",
        owner="Site manager",
    )
    own = services.measure_add(
        project=project, added_by=alice, title="Plant native grass", description="", phase="operation", risk_ids=[]
    )
    services.project_set_answers(project=project, answers={**ALL_NO, "forest_clearing": True}, updated_by=alice)
    services.project_screen(project=project, screened_by=alice)
    measure.refresh_from_db()
    assert (measure.response, measure.alternative, measure.owner) == (
        "alternative",
        "Use dry cleaning of panels",
        "Site manager",
    )
    assert project.measures.get(pk=own.pk).active


@pytest.mark.django_db
def test_an_alternative_needs_a_reason(project, alice):
    services.project_set_site(project=project, site_text=point(71.0, 50.5), fmt="geojson", updated_by=alice)
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    services.project_screen(project=project, screened_by=alice)
    measure = project.measures.first()
    with pytest.raises(ServiceError, match="reason"):
        services.measure_answer(
            measure=measure, answered_by=alice, response="alternative", alternative="Other", reason=""
        )


def _limit(
    jurisdiction,
    value,
    unit="mg/Nm³",
    averaging="",
    conditions="6% O2, dry gas",
    parameter="SO2",
    medium="air_emissions",
    **kw,
):
    inst, _ = Instrument.objects.get_or_create(
        key=f"{jurisdiction.lower()}-test-{medium}",
        defaults={
            "jurisdiction": jurisdiction,
            "type": "standard",
            "title": f"{jurisdiction} standard",
            "source_url": "https://example.org",
            "status": PublicationStatus.PUBLISHED,
        },
    )
    return StandardLimit.objects.create(
        instrument=inst,
        parameter=parameter,
        medium=medium,
        value=Decimal(value),
        unit=unit,
        averaging=averaging,
        conditions=conditions,
        # These tests are about the governing rule: the row applies to every source.
        **{
            "source_type": "any",
            "fuel": "any",
            "plant_age": "any",
            "airshed": "any",
            "receiving_water": "any",
            "grade_scope": "general",
            **kw,
        },
    )


@pytest.mark.django_db
def test_compliance_the_stricter_of_host_and_international_governs(project):
    _limit("KZ", 500)
    _limit("IFC", 400)
    _limit("CN", 35)
    DesignValue.objects.create(
        project=project, parameter="SO2", medium="air_emissions", value=Decimal(450), unit="mg/Nm³", conditions="6% O2"
    )
    (row,) = selectors.compliance_matrix_for_project(project=project)
    assert row.governing.limit.instrument.jurisdiction == "IFC"
    assert row.verdict == "fail"


@pytest.mark.django_db
def test_compliance_falls_back_to_international_then_china(project):
    _limit("CN", 35)
    DesignValue.objects.create(
        project=project, parameter="SO2", medium="air_emissions", value=Decimal(30), unit="mg/Nm³", conditions="6% O2"
    )
    (row,) = selectors.compliance_matrix_for_project(project=project)
    assert row.governing.limit.instrument.jurisdiction == "CN" and row.verdict == "pass"
    _limit("IFC", 400)
    (row,) = selectors.compliance_matrix_for_project(project=project)
    assert row.governing.limit.instrument.jurisdiction == "IFC" and "international" in row.governing_rule


@pytest.mark.django_db
def test_compliance_leaves_out_limits_for_another_averaging_period(project):
    _limit("KZ", 50, unit="µg/m³", averaging="annual", conditions="", parameter="NO2", medium="ambient_air")
    _limit("KZ", 200, unit="µg/m³", averaging="1-hour", conditions="", parameter="NO2", medium="ambient_air")
    DesignValue.objects.create(
        project=project, parameter="NO2", medium="ambient_air", value=Decimal(60), unit="µg/m³", averaging="24-hour"
    )
    (row,) = selectors.compliance_matrix_for_project(project=project)
    # A limit for another averaging period is not a limit for this value: none applies.
    assert row.verdict == "no_limit" and row.governing is None
    assert row.cells == [] and row.excluded == 2


@pytest.mark.django_db
def test_compliance_converts_reference_oxygen(project):
    _limit("KZ", 200, conditions="6% O2")
    DesignValue.objects.create(
        project=project, parameter="SO2", medium="air_emissions", value=Decimal(150), unit="mg/Nm³", conditions="3% O2"
    )
    (row,) = selectors.compliance_matrix_for_project(project=project)
    # 200 at 6% O2 is 200 × (21−3)/(21−6) = 240 at 3% O2.
    assert row.governing.converted.value == Decimal(240) and row.verdict == "pass"


def _complete(project, alice):
    services.project_update(
        project=project,
        updated_by=alice,
        description="A 20 MW solar farm.",
        construction_start=dt.date(2027, 3, 1),
        operation_start=dt.date(2028, 1, 1),
    )
    services.project_set_site(project=project, site_text=point(71.0, 50.5), fmt="geojson", updated_by=alice)
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    services.project_screen(project=project, screened_by=alice)
    for m in project.measures.filter(active=True):
        services.measure_answer(measure=m, answered_by=alice, response="accepted")


@pytest.mark.django_db
def test_submission_lists_what_is_missing(project, alice):
    with pytest.raises(ServiceError) as exc:
        services.project_submit(project=project, submitted_by=alice)
    assert "Draw or upload the site." in exc.value.message and "Run the screening." in exc.value.message
    project.refresh_from_db()
    assert project.status == "draft"


@pytest.mark.django_db
def test_a_complete_category_c_project_is_submitted_and_audited(project, alice, rita):
    _complete(project, alice)
    project = services.project_submit(project=project, submitted_by=alice)
    assert project.status == "submitted" and project.submitted_at
    assert AuditEvent.objects.filter(action="project.submitted", target_id=str(project.pk)).exists()
    assert rita.notifications.filter(title__contains="Steppe Solar").exists()
    with pytest.raises(ServiceError) as exc:
        services.project_submit(project=project, submitted_by=alice)
    assert isinstance(exc.value, ConflictError)


@pytest.mark.django_db
def test_category_b_needs_its_assessment_document(project, alice):
    services.project_update(project=project, updated_by=alice, capacity=150)
    _complete(project, alice)
    project.refresh_from_db()
    assert project.category == "B"
    assert any("Simplified assessment" in m for m in selectors.project_readiness(project))
    services.document_upload(
        project=project, uploaded_by=alice, kind="simplified_assessment", file=SimpleUploadedFile("sa.pdf", pdf_bytes())
    )
    assert selectors.project_readiness(project) == []


@pytest.mark.django_db
def test_a_blacklisted_enterprise_cannot_submit_and_is_told_why(project, alice, acme):
    _complete(project, alice)
    BlacklistEntry.objects.create(organisation=acme, reason="Falsified monitoring data.", starts_on=dt.date(2026, 1, 1))
    with pytest.raises(ServiceError) as exc:
        services.project_submit(project=project, submitted_by=alice)
    assert isinstance(exc.value, BlacklistedError) and "Falsified monitoring data." in exc.value.message
    project.refresh_from_db()
    assert project.status == "draft"


@pytest.mark.django_db
def test_a_lifted_blacklist_entry_no_longer_blocks(project, alice, acme):
    from django.utils import timezone

    _complete(project, alice)
    BlacklistEntry.objects.create(
        organisation=acme, reason="x", starts_on=dt.date(2025, 1, 1), lifted_at=timezone.now()
    )
    assert services.project_submit(project=project, submitted_by=alice).status == "submitted"


@pytest.mark.django_db
def test_a_changed_project_must_be_screened_again(project, alice):
    _complete(project, alice)
    services.project_set_answers(project=project, answers={**ALL_NO, "peak_workers": 5000}, updated_by=alice)
    assert any("screening again" in m for m in selectors.project_readiness(project))
