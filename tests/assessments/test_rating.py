"""The barometer on events: history with reasons, red grounds, override with a written reason,
repair after correction, the nightly job, and the public enterprise page per role."""

import datetime as dt

import pytest

from assessments.models import Rating
from assessments.services import rating as rs
from assessments.tasks import rating_recompute_all_task
from portal.errors import PermissionDeniedError, ServiceError
from portal.models import AuditEvent


@pytest.mark.django_db
def test_incidents_change_the_rating_and_the_history_keeps_each_reason(project, acme, rita, client):
    rs.rating_recompute(organisation=acme, trigger="test")
    rs.incident_record(
        organisation=acme, recorded_by=rita, occurred_on=dt.date(2026, 1, 5), severity="serious", description="Spill."
    )
    history = list(Rating.objects.filter(organisation=acme).order_by("created_at", "id"))
    assert [r.colour for r in history] == ["green", "yellow"]
    assert [r.current for r in history] == [False, True]
    page = client.get(f"/enterprises/{acme.pk}/").content.decode()
    assert "Yellow" in page and "1 serious incident not yet corrected." in page


@pytest.mark.django_db
def test_a_red_ground_turns_the_rating_red_at_once_and_repair_raises_it(project, acme, rita):
    incident = rs.incident_record(
        organisation=acme,
        recorded_by=rita,
        occurred_on=dt.date(2026, 1, 5),
        severity="minor",
        red_ground="illegal_discharge",
        description="Bypass pipe found.",
    )
    assert Rating.objects.get(organisation=acme, current=True).colour == "red"
    with pytest.raises(ServiceError):
        rs.incident_correct(incident=incident, corrected_by=rita, evidence="")
    rs.incident_correct(incident=incident, corrected_by=rita, evidence="Pipe removed; inspection report 12.")
    current = Rating.objects.get(organisation=acme, current=True)
    assert current.colour == "green" and current.trigger == "incident.corrected"
    assert AuditEvent.objects.get(action="incident.corrected").reason == "Pipe removed; inspection report 12."


@pytest.mark.django_db
def test_an_override_needs_a_written_reason_and_holds_until_cleared(project, acme, rita, alice):
    with pytest.raises(ServiceError, match="written reason"):
        rs.rating_override(organisation=acme, colour="blue", reason="  ", set_by=rita)
    with pytest.raises(PermissionDeniedError):
        rs.rating_override(organisation=acme, colour="green", reason="I say so.", set_by=alice)
    rs.rating_override(organisation=acme, colour="blue", reason="Audit pending on site.", set_by=rita)
    rs.rating_recompute(organisation=acme, trigger="nightly")
    current = Rating.objects.get(organisation=acme, current=True)
    assert current.is_override and current.colour == "blue"
    assert AuditEvent.objects.get(action="rating.overridden").reason == "Audit pending on site."
    rs.rating_override_clear(organisation=acme, cleared_by=rita, reason="Audit done.")
    assert Rating.objects.get(organisation=acme, current=True).colour == "green"


@pytest.mark.django_db
def test_the_nightly_job_rates_everyone_and_adds_no_row_when_nothing_changed(acme, globex):
    assert rating_recompute_all_task.delay().get() == 2
    assert rating_recompute_all_task.delay().get() == 0
    assert Rating.objects.count() == 2


@pytest.mark.django_db
def test_an_old_incident_leaves_the_window_at_night(project, acme, rita):
    rs.incident_record(
        organisation=acme, recorded_by=rita, occurred_on=dt.date(2025, 6, 1), severity="serious", description="Spill."
    )
    rs.rating_recompute_all(today=dt.date(2026, 6, 2))
    assert Rating.objects.get(organisation=acme, current=True).colour == "green"


@pytest.mark.django_db
def test_the_enterprise_page_per_role(project, acme, alice, charlie, rita, fiona, login, client, authority):
    from assessments.services.rating import rating_recompute

    rating_recompute(organisation=acme, trigger="test")
    url = f"/enterprises/{acme.pk}/"
    for c in [client, login(alice), login(charlie), login(fiona)]:
        page = c.get(url)
        assert page.status_code == 200 and "Override the rating" not in page.content.decode()
    assert "Override the rating" in login(rita).get(url).content.decode()
    assert client.get(f"/enterprises/{authority.pk}/").status_code == 404
    # Regulator actions: only a competent authority; the others are refused.
    assert login(alice).post(f"/review/enterprises/{acme.pk}/", {"action": "override"}).status_code == 403
    assert client.post(f"/review/enterprises/{acme.pk}/", {"action": "override"}).status_code == 302
    response = login(rita).post(
        f"/review/enterprises/{acme.pk}/", {"action": "override", "colour": "red", "reason": "Site visit."}
    )
    assert response.status_code == 302
    assert Rating.objects.get(organisation=acme, current=True).colour == "red"


@pytest.mark.django_db
def test_the_demo_loader_makes_an_open_case_a_lifted_entry_and_a_history(kazakhstan, rules):
    from django.core.management import call_command

    from assessments.models import BlacklistCase, BlacklistEntry

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    assert BlacklistCase.objects.filter(status="awaiting_response").count() == 1
    assert BlacklistEntry.objects.filter(lifted_at__isnull=False).exists()
    assert Rating.objects.filter(organisation__name__startswith="Acme").count() >= 2
