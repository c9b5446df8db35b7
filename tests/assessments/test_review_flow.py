"""Review services: claiming, assignment, requests for information on a paused clock, decisions
with conditions, category changes, the periodic due-date job; each in the trail."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from assessments import services
from assessments.models import Condition, Decision, InformationRequest
from assessments.services import review as review_services
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import AuditEvent
from tests.assessments.conftest import complete_project

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def actions(project):
    return list(
        AuditEvent.objects.filter(target_id=str(project.pk))
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_a_reviewer_claims_a_project_and_a_second_claim_is_refused(submitted, ray, rita):
    review = review_services.review_claim(project=submitted, claimed_by=ray)
    submitted.refresh_from_db()
    assert review.reviewer == ray and submitted.status == "under_review"
    with pytest.raises(ConflictError, match="already reviews"):
        review_services.review_claim(project=submitted, claimed_by=rita)
    assert "review.claimed" in actions(submitted)


@pytest.mark.django_db
def test_only_a_lead_reviewer_assigns_and_the_reviewer_is_told_in_russian(submitted, ray, rita, pat):
    with pytest.raises(PermissionDeniedError):
        review_services.review_assign(project=submitted, reviewer=ray, assigned_by=ray)
    with pytest.raises(ServiceError, match="not a reviewer of this project's jurisdiction"):
        review_services.review_assign(project=submitted, reviewer=pat, assigned_by=rita)
    review_services.review_assign(project=submitted, reviewer=ray, assigned_by=rita)
    note = ray.notifications.get(title__startswith="Назначено вам")  # ray reads Russian
    assert note.url == f"/review/projects/{submitted.pk}/"


@pytest.mark.django_db
def test_the_submission_reaches_reviewers_with_a_working_link_in_their_language(
    project, alice, ray, rita, login, django_capture_on_commit_callbacks
):
    complete_project(project, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.project_submit(project=project, submitted_by=alice)
    received = ray.notifications.get(kind="system")
    # "New project submitted" was translated before this issue; ray reads Russian.
    assert received.title.startswith("Подан новый проект")
    assert received.url == f"/review/projects/{project.pk}/"
    assert login(ray).get(received.url).status_code == 200
    to_ray = [m for m in mail.outbox if m.to == [ray.email]]
    assert to_ray and received.url in to_ray[0].body and "Подан новый проект" in to_ray[0].subject
    enterprise = alice.notifications.get(kind="system")
    assert enterprise.url == f"/workspace/projects/{project.pk}/review/"
    assert login(alice).get(enterprise.url).status_code == 200


@pytest.mark.django_db
def test_the_clock_pauses_during_a_request_and_the_due_date_moves_by_exactly_the_paused_time(project, alice, rita):
    complete_project(project, alice)
    with time_machine.travel(T0, tick=False):
        project = services.project_submit(project=project, submitted_by=alice)
        review = project.review
        assert review.period_days == 15  # category C, published on /service-standards/
        due_before = review.due()
        assert due_before == T0 + dt.timedelta(days=15)
    with time_machine.travel(T0 + dt.timedelta(days=5), tick=False):
        review_services.review_claim(project=project, claimed_by=rita)
        request = review_services.information_request_create(
            project=project, asked_by=rita, question="Where does the wash water go?", due_date=dt.date(2026, 3, 20)
        )
        project.refresh_from_db()
        assert project.status == "info_requested"
    with time_machine.travel(T0 + dt.timedelta(days=9), tick=False):
        review = project.review.__class__.objects.get(pk=review.pk)
        # While the enterprise holds the file, the due date moves on with the clock.
        assert review.is_paused and review.days_in_review() == 5
        assert review.due() == due_before + dt.timedelta(days=4)
    held = dt.timedelta(days=7, hours=3, minutes=25)
    with time_machine.travel(T0 + dt.timedelta(days=5) + held, tick=False):
        review_services.information_request_answer(
            request=request, answered_by=alice, answer="To the evaporation pond."
        )
        review.refresh_from_db()
        project.refresh_from_db()
        assert project.status == "under_review"
        assert not review.is_paused and review.paused == held
        assert review.due() == due_before + held
        assert review.days_in_review() == 5


@pytest.mark.django_db
def test_a_resubmission_answers_open_requests_and_goes_back_to_the_assigned_reviewer(submitted, alice, ray):
    review_services.review_claim(project=submitted, claimed_by=ray)
    request = review_services.information_request_create(
        project=submitted,
        asked_by=ray,
        question="Add a dust plan.",
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    services.project_update(project=submitted, updated_by=alice, description="With a dust plan.")
    project = services.project_submit(project=submitted, submitted_by=alice)
    request.refresh_from_db()
    assert project.status == "under_review"
    assert request.status == "superseded" and request.answered_by_version.number == 2
    assert not project.review.is_paused


@pytest.mark.django_db
def test_an_answer_needs_text_and_an_answered_request_cannot_be_answered_again(submitted, alice, rita, charlie):
    request = review_services.information_request_create(
        project=submitted, asked_by=rita, question="Q?", due_date=timezone.localdate() + dt.timedelta(days=3)
    )
    with pytest.raises(ServiceError, match="Write the answer"):
        review_services.information_request_answer(request=request, answered_by=alice, answer="  ")
    with pytest.raises(PermissionDeniedError):
        review_services.information_request_answer(request=request, answered_by=charlie, answer="Mine")
    review_services.information_request_answer(request=request, answered_by=alice, answer="A.")
    with pytest.raises(ConflictError):
        review_services.information_request_answer(request=request, answered_by=alice, answer="Again.")


@pytest.mark.django_db
def test_a_request_needs_a_future_due_date(submitted, rita):
    with pytest.raises(ServiceError, match="due date after today"):
        review_services.information_request_create(
            project=submitted, asked_by=rita, question="Q?", due_date=timezone.localdate()
        )


@pytest.mark.django_db
def test_only_a_lead_reviewer_decides_and_a_reviewer_may_recommend(submitted, ray, rita):
    with pytest.raises(PermissionDeniedError):
        review_services.decision_make(project=submitted, decided_by=ray, outcome="approved", reasons="Fine.")
    review_services.review_note_add(project=submitted, author=ray, body="Looks fine.", outcome="approved")
    assert "review.recommended" in actions(submitted)
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_an_approval_with_two_conditions_numbers_them_and_nothing_changes_afterwards(submitted, alice, rita):
    measure = submitted.measures.filter(active=True).first()
    with pytest.raises(ServiceError, match="Give the reasons"):
        review_services.decision_make(project=submitted, decided_by=rita, outcome="approved", reasons="")
    with pytest.raises(ServiceError, match="due date or a recurrence"):
        review_services.decision_make(
            project=submitted, decided_by=rita, outcome="approved_conditions", reasons="R", conditions=[{"text": "x"}]
        )
    decision = review_services.decision_make(
        project=submitted,
        decided_by=rita,
        outcome="approved_conditions",
        reasons="The site avoids the wetland; dust needs watching.",
        conditions=[
            {"text": "Report dust monitoring.", "recurrence": "quarterly", "measure": measure},
            {"text": "Restore the laydown area.", "due_date": dt.date(2028, 6, 30)},
        ],
    )
    submitted.refresh_from_db()
    assert submitted.status == "approved_conditions"
    assert [(c.number, c.recurrence, c.measure_id) for c in decision.conditions.all()] == [
        (1, "quarterly", measure.pk),
        (2, "", None),
    ]
    with pytest.raises(ConflictError):
        review_services.decision_make(project=submitted, decided_by=rita, outcome="rejected", reasons="Changed mind.")
    with pytest.raises(TypeError):
        decision.reasons = "edited"
        decision.save()
    with pytest.raises(TypeError):
        Condition.objects.first().save()
    assert alice.notifications.filter(kind="decision", url=f"/workspace/projects/{submitted.pk}/review/").exists()
    assert submitted.review.closed_at is not None
    event = AuditEvent.objects.get(action="decision.made", target_id=str(submitted.pk))
    assert event.before == {"status": "submitted"} and event.after["status"] == "approved_conditions"


@pytest.mark.django_db
def test_a_condition_cannot_name_another_projects_measure(submitted, rita, charlie, kazakhstan, globex):
    other = services.project_create(
        organisation=globex, created_by=charlie, name="Other", host_country=kazakhstan, sector="solar"
    )
    services.project_update(project=other, updated_by=charlie, description="x")
    from assessments.models import ControlMeasure

    foreign = ControlMeasure.objects.create(project=other, code="x", title="Foreign", phase="operation")
    with pytest.raises(ServiceError, match="another project"):
        review_services.decision_make(
            project=submitted,
            decided_by=rita,
            outcome="approved_conditions",
            reasons="R",
            conditions=[{"text": "x", "recurrence": "yearly", "measure": foreign.pk}],
        )


@pytest.mark.django_db
def test_the_regulator_changes_the_category_with_a_reason_and_the_due_date_follows(submitted, rita, ray, alice):
    due = submitted.review.due_at
    with pytest.raises(PermissionDeniedError):
        review_services.review_change_category(project=submitted, changed_by=ray, category="B", reason="x")
    with pytest.raises(ServiceError, match="Say why"):
        review_services.review_change_category(project=submitted, changed_by=rita, category="B", reason="")
    change = review_services.review_change_category(
        project=submitted, changed_by=rita, category="B", reason="Grid connection crosses a floodplain."
    )
    submitted.refresh_from_db()
    assert submitted.category == "B" and change.before == "C"
    assert submitted.review.period_days == 30 and submitted.review.due_at == due + dt.timedelta(days=15)
    assert AuditEvent.objects.get(action="project.category_changed").reason == "Grid connection crosses a floodplain."


@pytest.mark.django_db
def test_the_periodic_job_marks_overdue_requests_and_warns_once(submitted, alice, rita):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        request = review_services.information_request_create(
            project=submitted, asked_by=rita, question="Q?", due_date=timezone.localdate() + dt.timedelta(days=2)
        )
        traveller.shift(dt.timedelta(days=4))
        from assessments.tasks import review_due_dates_task

        assert review_due_dates_task.delay().get()["requests_overdue"] == 1
        request.refresh_from_db()
        assert request.status == "overdue"
        assert alice.notifications.filter(title__contains="overdue").count() == 1
        assert review_due_dates_task.delay().get()["requests_overdue"] == 0
        assert alice.notifications.filter(title__contains="overdue").count() == 1
        # An overdue request can still be answered.
        review_services.information_request_answer(request=request, answered_by=alice, answer="Late, sorry.")
    assert InformationRequest.objects.get().status == "answered"


@pytest.mark.django_db
def test_the_periodic_job_warns_the_reviewer_before_and_after_the_due_date(submitted, rita):
    review = submitted.review
    with time_machine.travel(review.due_at - dt.timedelta(days=1), tick=False):
        assert review_services.review_due_dates_check()["due_soon"] == 1
        assert review_services.review_due_dates_check()["due_soon"] == 0
    with time_machine.travel(review.due_at + dt.timedelta(hours=1), tick=False):
        assert review_services.review_due_dates_check()["overdue"] == 1
        assert review_services.review_due_dates_check()["overdue"] == 0
    assert rita.notifications.filter(title__contains="past its due date").count() == 1
