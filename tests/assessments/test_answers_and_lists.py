"""Answers that are not known yet, answers that contradict each other, and the measures page
that answers every measure in one request."""

import pytest
from django.urls import reverse
from django.utils import translation

from assessments import selectors, services
from assessments.models import ControlMeasure
from assessments.rules.questionnaire import QUESTIONS
from portal.errors import ServiceError
from portal.models import AuditEvent

ALL_NO = {q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}
SITE = '{"type": "Point", "coordinates": [71.0, 50.5]}'


def _screened(project, alice, **answers):
    services.project_set_site(project=project, site_text=SITE, updated_by=alice)
    services.project_set_answers(project=project, answers={**ALL_NO, **answers}, updated_by=alice)
    return services.project_screen(project=project, screened_by=alice)


@pytest.mark.django_db
def test_answering_no_to_indigenous_peoples_raises_no_indigenous_risk(project, alice):
    _screened(project, alice)
    assert not project.risks.filter(code="any.social.indigenous_peoples", active=True).exists()


@pytest.mark.django_db
def test_not_known_yet_keeps_the_risk_and_screening_says_it_took_the_cautious_case(project, alice):
    screening = _screened(project, alice, indigenous_peoples="unknown")
    assert project.risks.filter(code="any.social.indigenous_peoples", active=True).exists()
    facts = [f["fact"] for f in selectors.screening_explained(screening).factors]
    assert any("not known yet" in f for f in facts)
    no = _screened(project, alice)
    assert no.points < screening.points


@pytest.mark.django_db
def test_contradictory_answers_are_refused_and_nothing_changes(project, alice):
    with pytest.raises(ServiceError) as refused:
        services.project_set_answers(
            project=project, answers={"resettlement": False, "displaced_persons": 500}, updated_by=alice
        )
    assert "nobody is displaced" in refused.value.message and "500" in refused.value.message
    project.refresh_from_db()
    assert project.answers == {}


@pytest.mark.django_db
def test_a_chinese_reader_reads_the_screening_in_chinese(project, alice):
    from assessments.loader import load_catalogue_translations

    load_catalogue_translations()
    screening = _screened(project, alice)
    with translation.override("zh-hans"):
        explained = selectors.screening_explained(screening)
        risk = project.risks.filter(active=True).first()
        title = risk.title
    assert screening.category == explained.category
    assert any("\u4e00" <= ch <= "\u9fff" for f in explained.factors for ch in f["explanation"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in title)


@pytest.mark.django_db
def test_the_measures_page_saves_every_answer_in_one_request(project, alice, login):
    _screened(project, alice)
    measures = list(ControlMeasure.objects.filter(project=project, active=True))
    assert len(measures) > 10
    data = {"save": "1"}
    for m in measures:
        data[f"m{m.pk}-response"] = "accepted"
        data[f"m{m.pk}-owner"] = "HSE manager"
    first = measures[0]
    data[f"m{first.pk}-response"] = "alternative"
    data[f"m{first.pk}-alternative"] = "Dry robotic cleaning"
    data[f"m{first.pk}-reason"] = "No water on site"
    response = login(alice).post(reverse("assessments:project-risks", args=[project.pk]), data)
    assert response.status_code == 302
    assert not ControlMeasure.objects.filter(project=project, active=True, response="pending").exists()
    first.refresh_from_db()
    assert (first.response, first.alternative, first.owner) == ("alternative", "Dry robotic cleaning", "HSE manager")
    assert AuditEvent.objects.filter(action="measure.answered").count() == len(measures)


@pytest.mark.django_db
def test_one_bad_answer_saves_nothing_and_keeps_every_choice(project, alice, login):
    _screened(project, alice)
    measures = list(ControlMeasure.objects.filter(project=project, active=True))
    data = {"save": "1", **{f"m{m.pk}-response": "accepted" for m in measures}}
    bad = measures[1]
    data[f"m{bad.pk}-response"] = "alternative"  # without the alternative and its reason
    data[f"m{measures[0].pk}-owner"] = "Site manager"
    response = login(alice).post(reverse("assessments:project-risks", args=[project.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "An alternative needs the measure you propose and the reason for it." in page
    assert 'value="Site manager"' in page
    assert not ControlMeasure.objects.filter(project=project, active=True).exclude(response="pending").exists()


@pytest.mark.django_db
def test_accept_all_accepts_only_what_awaits_an_answer(project, alice, login):
    _screened(project, alice)
    measures = list(ControlMeasure.objects.filter(project=project, active=True))
    services.measure_answer(
        measure=measures[0], answered_by=alice, response="alternative", alternative="Other", reason="Because"
    )
    response = login(alice).post(reverse("assessments:project-risks", args=[project.pk]), {"accept_all": "1"})
    assert response.status_code == 302
    measures[0].refresh_from_db()
    assert measures[0].response == "alternative"
    assert ControlMeasure.objects.filter(project=project, active=True, response="accepted").count() == len(measures) - 1
