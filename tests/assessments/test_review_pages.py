"""The review pages by role and jurisdiction: the queue, the workspace and every action.

Another jurisdiction's reviewer gets 404 (the project is not confirmed to exist), a plain
reviewer gets 403 on decide, an enterprise gets 403 in the regulator's workspace and never sees
an internal note on its own pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Decision, InformationRequest, ReviewNote
from assessments.services import review as review_services

SECRET = "Internal: the noise model looks copied from another project."


def url(name, project, *args):
    return reverse(name, args=[project.pk, *args])


@pytest.mark.django_db
def test_the_queue_lists_submitted_projects_of_the_jurisdiction_only(login, submitted, rita, pat, will, client):
    page = login(rita).get(reverse("review:home"))
    assert page.status_code == 200
    assert submitted.reference in page.content.decode() and "Days in review" in page.content.decode()
    assert submitted.reference not in login(pat).get(reverse("review:home")).content.decode()
    # will covers Kazakh wind only: a Kazakh solar project is not his.
    assert submitted.reference not in login(will).get(reverse("review:home")).content.decode()
    assert client.get(reverse("review:home")).status_code == 302


@pytest.mark.django_db
def test_the_queue_filters_and_sorts_through_the_filterset(login, submitted, rita, ray):
    assert submitted.reference in login(rita).get(reverse("review:home"), {"reviewer": "none"}).content.decode()
    review_services.review_claim(project=submitted, claimed_by=ray)
    assert submitted.reference not in login(rita).get(reverse("review:home"), {"reviewer": "me"}).content.decode()
    assert submitted.reference in login(ray).get(reverse("review:home"), {"reviewer": "me"}).content.decode()
    assert submitted.reference in login(rita).get(reverse("review:home"), {"ordering": "-due"}).content.decode()
    assert submitted.reference not in login(rita).get(reverse("review:home"), {"category": "A"}).content.decode()


@pytest.mark.django_db
def test_a_draft_is_never_in_the_queue(login, project, rita):
    assert project.name not in login(rita).get(reverse("review:home")).content.decode()
    assert login(rita).get(url("review:project", project)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("rita", 200), ("ray", 200), ("pat", 404), ("will", 404), ("alice", 403), ("charlie", 403)]
)
def test_the_workspace_by_role_and_jurisdiction(request, login, submitted, who, status):
    user = request.getfixturevalue(who)
    assert login(user).get(url("review:project", submitted)).status_code == status


@pytest.mark.django_db
def test_the_workspace_shows_the_frozen_version_and_the_trail(login, submitted, rita):
    body = login(rita).get(url("review:project", submitted)).content.decode()
    assert "As submitted (version 1)" in body
    assert "Steppe Solar 20 MW" in body and "project.submitted" in body and "submission.versioned" in body


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("ray", 302), ("rita", 302), ("pat", 404), ("alice", 403)])
def test_claiming_by_role(request, login, submitted, who, status):
    user = request.getfixturevalue(who)
    assert login(user).post(url("review:project-claim", submitted)).status_code == status


@pytest.mark.django_db
def test_assignment_is_for_the_lead_reviewer(login, submitted, rita, ray):
    assert login(ray).post(url("review:project-assign", submitted), {"reviewer": ray.pk}).status_code == 403
    assert login(rita).post(url("review:project-assign", submitted), {"reviewer": ray.pk}).status_code == 302
    submitted.review.refresh_from_db()
    assert submitted.review.reviewer == ray


DECISION = {
    "outcome": "approved",
    "reasons": "Meets every requirement.",
    "cond-TOTAL_FORMS": "3",
    "cond-INITIAL_FORMS": "0",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("ray", 403), ("pat", 404), ("will", 404), ("alice", 403)])
def test_deciding_is_refused_to_everyone_but_the_lead_reviewer(request, login, submitted, who, status):
    user = request.getfixturevalue(who)
    assert login(user).post(url("review:project-decide", submitted), DECISION).status_code == status
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_the_lead_reviewer_approves_with_two_conditions(login, submitted, rita):
    measure = submitted.measures.filter(active=True).first()
    data = {
        **DECISION,
        "outcome": "approved_conditions",
        "cond-0-text": "Report dust monitoring.",
        "cond-0-recurrence": "quarterly",
        "cond-0-measure": measure.pk,
        "cond-1-text": "Restore the laydown area.",
        "cond-1-due_date": "2028-06-30",
    }
    response = login(rita).post(url("review:project-decide", submitted), data)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert [c.text for c in decision.conditions.all()] == ["Report dust monitoring.", "Restore the laydown area."]
    again = login(rita).post(url("review:project-decide", submitted), DECISION)
    assert again.status_code == 409 and Decision.objects.count() == 1


@pytest.mark.django_db
def test_a_decision_without_reasons_is_refused_and_the_form_kept(login, submitted, rita):
    response = login(rita).post(url("review:project-decide", submitted), {**DECISION, "reasons": ""})
    assert response.status_code == 400 and not Decision.objects.exists()


@pytest.mark.django_db
def test_an_enterprise_never_sees_an_internal_note(login, submitted, rita, alice, bob):
    login(rita).post(url("review:project-note", submitted), {"body": SECRET, "outcome": ""})
    assert ReviewNote.objects.get().body == SECRET
    assert SECRET in login(rita).get(url("review:project", submitted)).content.decode()
    for user in (alice, bob):
        client = login(user)
        for page in ("assessments:project-detail", "assessments:project-review"):
            response = client.get(url(page, submitted))
            assert response.status_code == 200 and SECRET not in response.content.decode()
        assert client.get(url("review:project", submitted)).status_code == 403


@pytest.mark.django_db
def test_the_enterprise_answers_a_request_on_its_review_page(login, submitted, rita, alice, charlie):
    request = review_services.information_request_create(
        project=submitted,
        asked_by=rita,
        question="Where does the wash water go?",
        due_date=timezone.localdate() + dt.timedelta(days=7),
    )
    page = login(alice).get(url("assessments:project-review", submitted)).content.decode()
    assert "Where does the wash water go?" in page
    answer_url = url("assessments:request-answer", submitted, request.pk)
    assert login(charlie).post(answer_url, {"answer": "x"}).status_code == 404
    assert login(alice).post(answer_url, {"answer": ""}).status_code == 400
    assert login(alice).post(answer_url, {"answer": "To the evaporation pond."}).status_code == 302
    assert InformationRequest.objects.get().status == "answered"
    assert "To the evaporation pond." in login(rita).get(url("review:project", submitted)).content.decode()


@pytest.mark.django_db
def test_the_reviewer_sees_the_diff_between_versions(login, submitted, rita, alice):
    from assessments import services

    review_services.decision_make(project=submitted, decided_by=rita, outcome="revision_requested", reasons="More.")
    services.project_update(project=submitted, updated_by=alice, description="Now with a dust plan.")
    services.project_submit(project=submitted, submitted_by=alice)
    body = login(rita).get(url("review:project", submitted), {"version": 2, "compare": 1}).content.decode()
    assert "Changes from version 1 to version 2" in body and "Now with a dust plan." in body


@pytest.mark.django_db
def test_the_service_standards_are_public(client):
    body = client.get("/service-standards/").content.decode()
    assert "60" in body and "30" in body and "Art. 22" in body


def _pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf", response.content[:300]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_the_decision_letter_is_a_pdf_in_the_readers_language_beside_english_without_internal_notes(
    login, submitted, rita, alice, charlie, pat, django_capture_on_commit_callbacks
):
    alice.preferred_language = "zh-hans"
    alice.save()
    review_services.review_note_add(project=submitted, author=rita, body=SECRET)
    # Deciding renders the letter in the submitter's language once the decision commits.
    with django_capture_on_commit_callbacks(execute=True):
        review_services.decision_make(
            project=submitted,
            decided_by=rita,
            outcome="approved_conditions",
            reasons="Away from sensitive areas.",
            conditions=[{"text": "Report <b>dust</b> every quarter.", "recurrence": "quarterly"}],
        )
    text = _pdf_text(login(alice).get(url("assessments:decision-letter", submitted)))
    assert submitted.reference in text
    assert "附条件批准" in text and "Approved with conditions" in text  # her language beside English
    assert "Away from sensitive areas." in text and "Report <b>dust</b> every quarter." in text  # escaped, as typed
    assert SECRET not in text
    # The regulator asks for it in English: prepared first (the page says so), then the PDF.
    with django_capture_on_commit_callbacks(execute=True):
        pending = login(rita).get(url("review:decision-letter", submitted))
    assert pending.status_code == 202 and "being prepared" in pending.content.decode()
    regulator = _pdf_text(login(rita).get(url("review:decision-letter", submitted)))
    assert "Approved with conditions" in regulator and "附条件批准" not in regulator and SECRET not in regulator
    # Another enterprise and another jurisdiction's reviewer learn nothing.
    assert login(charlie).get(url("assessments:decision-letter", submitted)).status_code == 404
    assert login(pat).get(url("review:decision-letter", submitted)).status_code == 404
    assert login(alice).get(url("review:decision-letter", submitted)).status_code == 403


@pytest.mark.django_db
def test_the_letter_before_a_decision_is_a_plain_404(login, submitted, alice):
    response = login(alice).get(url("assessments:decision-letter", submitted))
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_queue_costs_the_same_queries_for_3_and_30_projects(login, rita, alice, acme, kazakhstan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessments.models import Project, Review

    def make(n, start=0):
        for i in range(start, start + n):
            p = Project.objects.create(
                organisation=acme,
                created_by=alice,
                name=f"P{i}",
                host_country=kazakhstan,
                sector="solar",
                reference=f"GBR-2026-9{i:05d}",
                status="submitted",
            )
            Review.objects.create(project=p, started_at=timezone.now(), period_days=15, due_at=timezone.now())

    client = login(rita)
    make(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("review:home"))
    make(27, start=3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("review:home")).status_code == 200
    assert len(many) == len(few)
