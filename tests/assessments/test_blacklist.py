"""The blacklist's due process, state by state, including an appeal and lifting at period end
by the beat job under a frozen clock; a listed enterprise's submission is refused on the page and
the API, and accepted again after lifting."""

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from assessments.models import BlacklistCase, BlacklistEntry, Rating
from assessments.services import blacklist as bl
from assessments.tasks import blacklist_lift_ended_task
from portal.choices import Role
from portal.errors import ConflictError, PermissionDeniedError
from portal.models import AuditEvent, Notification
from tests.assessments.test_services import _complete
from tests.factories import member_of

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def reviewer(authority):
    return member_of(authority, email="rex@authority.test", role=Role.REVIEWER)


def _open(acme, who, **kw):
    return bl.blacklist_case_open(
        organisation=acme, opened_by=who, ground="falsified_data", evidence="Copied monitoring data.", **kw
    )


@pytest.mark.django_db
def test_it_notifies_the_enterprise_and_gives_a_response_window(project, acme, alice, reviewer, settings):
    settings.BLACKLIST_RESPONSE_DAYS = 20
    with time_machine.travel(START, tick=False):
        case = _open(acme, reviewer)
    assert case.status == "awaiting_response"
    assert case.response_due_on == dt.date(2026, 3, 22)
    note = Notification.objects.get(user=alice, kind="blacklist")
    assert "2026-03-22" in note.body and "Falsified data" in note.body


@pytest.mark.django_db
def test_a_regulator_outside_the_jurisdiction_cannot_open_a_case(project, acme):
    from tests.factories import OrganisationFactory

    other = OrganisationFactory(kind="authority", name="Far Authority", registration_number="")
    outsider = member_of(other, email="far@authority.test", role=Role.LEAD_REVIEWER)
    with pytest.raises(PermissionDeniedError):
        _open(acme, outsider)


@pytest.mark.django_db
def test_the_full_process_with_an_appeal_lifting_the_listing(project, acme, alice, reviewer, rita):
    with time_machine.travel(START, tick=False):
        case = _open(acme, reviewer)
        with pytest.raises(ConflictError, match="may respond until"):
            bl.blacklist_case_decide(
                case=case, decided_by=rita, list_enterprise=True, reason="x", ends_on=dt.date(2027, 1, 1)
            )
        with pytest.raises(PermissionDeniedError):  # a plain reviewer does not decide
            case = bl.blacklist_case_respond(case=case, responded_by=alice, response="The data are ours and correct.")
            bl.blacklist_case_decide(
                case=case, decided_by=reviewer, list_enterprise=True, reason="x", ends_on=dt.date(2027, 1, 1)
            )
        case.refresh_from_db()
        assert case.status == "awaiting_decision" and case.response.startswith("The data")
        case = bl.blacklist_case_decide(
            case=case,
            decided_by=rita,
            list_enterprise=True,
            reason="Data copied from 2025.",
            ends_on=dt.date(2026, 9, 1),
        )
        assert case.status == "listed"
        assert BlacklistEntry.objects.get(case=case).ends_on == dt.date(2026, 9, 1)
        assert Rating.objects.get(organisation=acme, current=True).colour == "red"
        case = bl.blacklist_case_appeal(case=case, appealed_by=alice, appeal="The lab confirms the data.")
        case = bl.blacklist_case_decide_appeal(case=case, decided_by=rita, uphold=False, reason="Lab report accepted.")
    assert case.status == "lifted_on_appeal"
    entry = BlacklistEntry.objects.get(case=case)
    assert entry.lifted_at is not None and entry.lift_reason == "appeal"
    assert Rating.objects.get(organisation=acme, current=True).colour == "green"
    # History kept: the case, the entry and every move in the trail.
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "blacklist_case.opened",
        "blacklist_case.responded",
        "blacklist.listed",
        "blacklist_case.appealed",
        "blacklist.lifted",
    } <= actions


@pytest.mark.django_db
def test_the_enterprise_may_appeal_only_once(project, acme, alice, reviewer, rita):
    with time_machine.travel(START, tick=False):
        case = _open(acme, reviewer)
        case = bl.blacklist_case_respond(case=case, responded_by=alice, response="No.")
        case = bl.blacklist_case_decide(
            case=case, decided_by=rita, list_enterprise=True, reason="r", ends_on=dt.date(2026, 9, 1)
        )
        case = bl.blacklist_case_appeal(case=case, appealed_by=alice, appeal="a")
        case = bl.blacklist_case_decide_appeal(case=case, decided_by=rita, uphold=True, reason="upheld")
        with pytest.raises(ConflictError):
            bl.blacklist_case_appeal(case=case, appealed_by=alice, appeal="again")


@pytest.mark.django_db
def test_a_lead_may_dismiss_after_the_window_without_a_response(project, acme, reviewer, rita):
    with time_machine.travel(START, tick=False):
        case = _open(acme, reviewer)
    with time_machine.travel(START + dt.timedelta(days=30), tick=False):
        case = bl.blacklist_case_decide(case=case, decided_by=rita, list_enterprise=False, reason="Not proven.")
    assert case.status == "dismissed"
    assert not BlacklistEntry.objects.filter(organisation=acme).exists()
    assert BlacklistCase.objects.filter(pk=case.pk).exists()


@pytest.mark.django_db
def test_submission_is_refused_while_listed_and_accepted_after_the_beat_job_lifts_it(
    project, acme, alice, reviewer, rita, login
):
    _complete(project, alice)
    with time_machine.travel(START, tick=False):
        case = _open(acme, reviewer)
        case = bl.blacklist_case_respond(case=case, responded_by=alice, response="No.")
        bl.blacklist_case_decide(
            case=case,
            decided_by=rita,
            list_enterprise=True,
            reason="Copied monitoring data.",
            ends_on=dt.date(2026, 6, 30),
        )
    with time_machine.travel(dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC), tick=False):
        page = login(alice).post(f"/workspace/projects/{project.pk}/submit/")
        assert page.status_code == 403
        assert "blacklisted" in page.content.decode() and "Copied monitoring data." in page.content.decode()
        api = APIClient()
        api.force_authenticate(alice)
        refused = api.post(f"/api/v1/projects/{project.pk}/submit/")
        assert refused.status_code == 403 and refused.json()["code"] == "blacklisted"
        assert blacklist_lift_ended_task.delay().get() == 0  # the last day is still listed
    with time_machine.travel(dt.datetime(2026, 7, 1, 1, tzinfo=dt.UTC), tick=False):
        assert blacklist_lift_ended_task.delay().get() == 1
        assert blacklist_lift_ended_task.delay().get() == 0  # idempotent
        case.refresh_from_db()
        assert case.status == "ended"
        assert login(alice).get("/blacklist/").content.decode().count(acme.name) == 0
        api = APIClient()
        api.force_authenticate(alice)
        assert api.post(f"/api/v1/projects/{project.pk}/submit/").status_code == 200


@pytest.mark.django_db
def test_the_public_blacklist_and_feed_show_active_entries(client, project, acme, alice, reviewer, rita):
    with time_machine.travel(START, tick=False):
        case = bl.blacklist_case_respond(case=_open(acme, reviewer), responded_by=alice, response="No.")
        bl.blacklist_case_decide(
            case=case, decided_by=rita, list_enterprise=True, reason="Copied <b>data</b>.", ends_on=dt.date(2026, 9, 1)
        )
        page = client.get("/blacklist/").content.decode()
        assert acme.name in page and "Falsified data" in page and "2026-09-01" in page
        assert "Copied &lt;b&gt;data&lt;/b&gt;." in page
        feed = client.get("/blacklist/feed/")
        assert feed["Content-Type"].startswith("application/atom+xml") and acme.name in feed.content.decode()
        assert acme.name in client.get(f"/enterprises/{acme.pk}/").content.decode()


@pytest.mark.django_db
def test_case_pages_per_role(project, acme, alice, charlie, reviewer, rita, fiona, login, client):
    case = _open(acme, reviewer)
    assert client.get(f"/workspace/blacklist/{case.pk}/").status_code == 302
    assert login(alice).get(f"/workspace/blacklist/{case.pk}/").status_code == 200
    assert login(charlie).get(f"/workspace/blacklist/{case.pk}/").status_code == 404
    assert login(fiona).get(f"/workspace/blacklist/{case.pk}/").status_code == 403
    assert login(rita).get(f"/review/blacklist/{case.pk}/").status_code == 200
    assert login(alice).get(f"/review/blacklist/{case.pk}/").status_code == 403
    assert client.get(f"/review/blacklist/{case.pk}/").status_code == 302
    # The enterprise responds through its page.
    response = login(alice).post(f"/workspace/blacklist/{case.pk}/", {"action": "respond", "text": "Our answer."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "awaiting_decision"
    # The lead lists through the review page; a plain reviewer is refused.
    assert (
        login(reviewer)
        .post(f"/review/blacklist/{case.pk}/", {"action": "list", "reason": "r", "ends_on": "2030-01-01"})
        .status_code
        == 403
    )
    assert (
        login(rita)
        .post(f"/review/blacklist/{case.pk}/", {"action": "list", "reason": "r", "ends_on": "2030-01-01"})
        .status_code
        == 302
    )
    case.refresh_from_db()
    assert case.status == "listed"
