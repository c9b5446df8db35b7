"""Public disclosure and participation (issue 14): the consultation and its snapshots, the
comment window's legal clock, comments from confirmation to answer, abuse and permissions."""

import datetime as dt
import io
import logging
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Comment, CommentWindow, Disclosure, RegisterEntry
from assessments.rules.windows import close_instant
from assessments.services import comments as cs
from assessments.services import disclosure as ds
from assessments.services import review as rs
from portal.choices import ArtefactState
from portal.errors import ConflictError, NotFoundError
from portal.models import Notification
from tests.factories import pdf_bytes
from tests.portal.test_pdf import listener  # noqa: F401 - the fixture

UTC = dt.UTC


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def category_b(submitted, rita):
    rs.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land nearby.")
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def consulting(category_b, rita):
    ds.consultation_open(project=category_b, opened_by=rita)
    category_b.refresh_from_db()
    return category_b


def post_comment(client, project, capture, **overrides):
    data = {
        "name": "Aigerim",
        "email": "aigerim@public.test",
        "organisation_name": "",
        "country": "KZ",
        "body": "Keep the livestock track open.",
        **overrides,
    }
    with capture(execute=True):
        return client.post(reverse("disclosure:comment-submit", args=[project.reference]), data)


def token_from_mail() -> str:
    body = mail.outbox[-1].body
    return re.search(r"/disclosure/confirm/([^/\s]+)/", body).group(1)


# --- the consultation and its snapshots --------------------------------------------------------


@pytest.mark.django_db
def test_it_opens_a_consultation_with_a_kept_snapshot_and_a_14_day_window(consulting, rita, alice):
    window = consulting.comment_window
    assert window.time_zone == "Asia/Almaty"
    local_close = window.closes_at.astimezone(ZoneInfo("Asia/Almaty"))
    local_open = window.opens_at.astimezone(ZoneInfo("Asia/Almaty"))
    assert (local_close.date() - local_open.date()).days == 14
    assert (local_close.hour, local_close.minute, local_close.second) == (23, 59, 59)
    disclosure = consulting.disclosures.get()
    assert disclosure.kind == "consultation"
    assert set(disclosure.snapshot) == {"en", "zh-hans", "ru", "ar"}
    assert disclosure.snapshot["en"]["project"]["name"] == "Steppe Solar 20 MW"
    assert "trail" not in disclosure.snapshot["en"]  # who did what inside the review stays inside
    assert RegisterEntry.objects.get(project=consulting).latest == disclosure
    assert Notification.objects.filter(user=alice, kind="comment_window").exists()
    with pytest.raises(TypeError):
        disclosure.save()
    with pytest.raises(ConflictError):
        ds.consultation_open(project=consulting, opened_by=rita)


@pytest.mark.django_db
def test_it_refuses_a_consultation_for_category_c(submitted, rita):
    with pytest.raises(ConflictError):
        ds.consultation_open(project=submitted, opened_by=rita)
    assert not Disclosure.objects.exists()


@pytest.mark.django_db
def test_a_decision_publishes_a_second_snapshot_and_category_c_a_short_notice(consulting, submitted, rita):
    rs.decision_make(project=consulting, decided_by=rita, outcome="approved", reasons="Consulted; acceptable.")
    kinds = list(consulting.disclosures.order_by("number").values_list("kind", flat=True))
    assert kinds == ["consultation", "decision"]
    latest = consulting.register_entry
    latest.refresh_from_db()
    assert latest.latest.snapshot["en"]["decision"]["reasons"] == "Consulted; acceptable."


@pytest.mark.django_db
def test_category_c_decision_is_a_public_notice_without_lists(submitted, rita, client):
    rs.decision_make(project=submitted, decided_by=rita, outcome="approved", reasons="Minimal impact.")
    notice = submitted.disclosures.get()
    assert notice.kind == "notice"
    assert notice.snapshot["en"]["risks"] == [] and notice.snapshot["en"]["decision"]["outcome"] == "approved"
    page = client.get(reverse("disclosure:project", args=[submitted.reference])).content.decode()
    assert "this page is the public notice of the decision" in page and "Minimal impact." in page
    assert 'id="comment-form"' not in page and "Risk list" not in page


# --- the legal clock ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["Asia/Almaty", "America/Sao_Paulo"])
def test_window_boundaries_to_the_second(category_b, rita, zone):
    # Local wall-clock times as the regulator types them (no offset: read in the window's zone).
    opens_local = dt.datetime(2030, 5, 10, 9, 0, 0)  # noqa: DTZ001
    closes_local = dt.datetime(2030, 5, 24, 17, 0, 0)  # noqa: DTZ001
    with time_machine.travel(dt.datetime(2030, 5, 1, tzinfo=UTC), tick=False):
        ds.consultation_open(
            project=category_b,
            opened_by=rita,
            opens_at=opens_local.isoformat(),
            closes_at=closes_local.isoformat(),
            time_zone=zone,
        )
    window = CommentWindow.objects.get(project=category_b)
    opens = opens_local.replace(tzinfo=ZoneInfo(zone))
    closes = closes_local.replace(tzinfo=ZoneInfo(zone))
    assert window.opens_at == opens and window.closes_at == closes
    second = dt.timedelta(seconds=1)
    cases = [(opens - second, False), (opens, True), (closes, True), (closes + second, False)]
    for n, (instant, accepted) in enumerate(cases):
        kwargs = {"name": "N", "email": f"p{n}@public.test", "body": "A comment.", "ip": f"192.0.2.{n}"}
        if accepted:
            comment, _token = cs.comment_submit(project=category_b, now=instant, **kwargs)
            assert comment.created_at == instant
        else:
            with pytest.raises(ConflictError):
                cs.comment_submit(project=category_b, now=instant, **kwargs)
    assert Comment.objects.filter(project=category_b).count() == 2


def test_working_days_skip_nauryz_a_real_public_holiday_of_kazakhstan():
    # Opening Monday 15 March 2027, 14:00 in Almaty. Nauryz (21–23 March, with a day off in lieu)
    # falls inside; the holidays package knows it, so the count steps over it.
    opens = dt.datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    working = close_instant(opens_at=opens, days=14, working=True, time_zone="Asia/Almaty", country="KZ")
    calendar = close_instant(opens_at=opens, days=14, working=False, time_zone="Asia/Almaty", country="KZ")
    assert "2027-03-22" in working.skipped_holidays
    assert "Nowruz" in working.skipped_holidays["2027-03-22"]
    local = working.closes_at.astimezone(ZoneInfo("Asia/Almaty"))
    # 16–19 Mar (4), 25–26 (6), 29 Mar–2 Apr (11), 5–7 Apr (14): Wednesday 7 April.
    assert local.date() == dt.date(2027, 4, 7) and local.time() == dt.time(23, 59, 59)
    assert calendar.closes_at.astimezone(ZoneInfo("Asia/Almaty")).date() == dt.date(2027, 3, 29)
    assert calendar.skipped_holidays == {}


@pytest.mark.django_db
def test_the_periodic_job_opens_and_closes_windows_at_their_instants(category_b, rita, alice):
    start = dt.datetime(2030, 1, 1, 3, 0, tzinfo=UTC)
    with time_machine.travel(start - dt.timedelta(days=2), tick=False):
        window = ds.consultation_open(project=category_b, opened_by=rita, opens_at=start, days=14)
    assert window.status == "scheduled"
    assert ds.comment_windows_tick(now=start - dt.timedelta(seconds=1)) == {"opened": 0, "closed": 0}
    assert ds.comment_windows_tick(now=start) == {"opened": 1, "closed": 0}
    assert Notification.objects.filter(user=alice, kind="comment_window").count() == 1
    assert ds.comment_windows_tick(now=start) == {"opened": 0, "closed": 0}
    window.refresh_from_db()
    assert ds.comment_windows_tick(now=window.closes_at + dt.timedelta(seconds=1)) == {"opened": 0, "closed": 1}
    window.refresh_from_db()
    assert window.status == "closed"


# --- comments from submission to answer ---------------------------------------------------------


@pytest.mark.django_db
def test_a_comment_counts_only_once_confirmed_then_published_and_answered(
    consulting, client, rita, alice, login, django_capture_on_commit_callbacks
):
    response = post_comment(client, consulting, django_capture_on_commit_callbacks)
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.status == "unconfirmed" and len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aigerim@public.test"]
    page = client.get(reverse("disclosure:project", args=[consulting.reference]))
    assert "Keep the livestock track open." not in page.content.decode()
    token = token_from_mail()
    assert client.get(reverse("disclosure:comment-confirm", args=[token])).status_code == 200
    assert Comment.objects.get().status == "unconfirmed"  # a GET (a mail scanner) confirms nothing
    client.post(reverse("disclosure:comment-confirm", args=[token]))
    assert Comment.objects.get().status == "pending"
    queue = login(rita).get(reverse("review:moderation"))
    assert "Keep the livestock track open." in queue.content.decode()
    login(rita).post(reverse("review:moderation-action", args=[comment.pk, "publish"]))
    page = client.get(reverse("disclosure:project", args=[consulting.reference])).content.decode()
    assert "Keep the livestock track open." in page and "aigerim@public.test" not in page
    assert "Not yet answered by the enterprise." in page
    answered = login(alice).post(
        reverse("assessments:comment-answer", args=[consulting.pk, comment.pk]),
        {f"c{comment.pk}-verdict": "partly_adopted", f"c{comment.pk}-reason": "A 30 m corridor stays open."},
    )
    assert answered.status_code == 302
    page = client.get(reverse("disclosure:project", args=[consulting.reference])).content.decode()
    assert "Partly adopted" in page and "A 30 m corridor stays open." in page
    with pytest.raises(ConflictError):
        cs.comment_answer(comment=comment, answered_by=alice, verdict="adopted", reason="Again.")


@pytest.mark.django_db
def test_the_enterprise_answers_after_the_window_closed_and_the_page_says_it_is_closed(consulting, rita, alice, client):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Question.")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    after = consulting.comment_window.closes_at + dt.timedelta(days=3)
    with time_machine.travel(after, tick=False):
        page = client.get(reverse("disclosure:project", args=[consulting.reference])).content.decode()
        assert "The comment window is closed." in page
        assert 'id="comment-form"' not in page
        cs.comment_answer(comment=comment, answered_by=alice, verdict="not_adopted", reason="Outside the scope.")
        with pytest.raises(ConflictError):
            cs.comment_submit(project=consulting, name="N", email="late@public.test", body="Late.")


@pytest.mark.django_db
def test_three_distinct_reports_hide_a_comment_and_every_report_tells_the_moderator(consulting, rita):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Rude words.")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    cs.comment_report(comment=comment, reporter_key="ip:a", reason="Abusive")
    with pytest.raises(ConflictError):
        cs.comment_report(comment=comment, reporter_key="ip:a", reason="Abusive again")
    cs.comment_report(comment=comment, reporter_key="ip:b", reason="Abusive")
    comment.refresh_from_db()
    assert comment.status == "published"
    cs.comment_report(comment=comment, reporter_key="user:7", reason="Abusive")
    comment.refresh_from_db()
    assert comment.status == "hidden"
    assert Notification.objects.filter(user=rita, title__contains="reported").count() == 2
    assert Notification.objects.filter(user=rita, title__contains="hidden after 3 reports").count() == 1


@pytest.mark.django_db
def test_a_redaction_publishes_the_text_without_the_passage_and_keeps_the_original(consulting, rita, client):
    comment, token = cs.comment_submit(
        project=consulting, name="N", email="n@public.test", body="Call me on +7 700 123 4567 about the track."
    )
    cs.comment_confirm(token=token)
    cs.comment_redact(comment=comment, moderator=rita, passage="+7 700 123 4567")
    cs.comment_publish(comment=comment, moderator=rita)
    page = client.get(reverse("disclosure:project", args=[consulting.reference])).content.decode()
    assert "700 123 4567" not in page and "Call me on […] about the track." in page
    comment.refresh_from_db()
    assert "+7 700 123 4567" in comment.body


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_the_public_never_sees_the_comment(consulting, rita, client):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Spam spam.")
    cs.comment_confirm(token=token)
    cs.comment_reject(comment=comment, moderator=rita, reason="Advertising.")
    page = client.get(reverse("disclosure:project", args=[consulting.reference])).content.decode()
    assert "Spam spam." not in page and "Advertising." not in page


@pytest.mark.django_db
def test_an_ngo_member_comments_under_the_organisation_name(
    consulting, nadia, login, django_capture_on_commit_callbacks
):
    # nadia's account email is confirmed (the factory does what allauth's link would).
    response = post_comment(login(nadia), consulting, django_capture_on_commit_callbacks, name="Nadia")
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.shown_name == "River Watch"
    assert mail.outbox == []


# --- abuse -------------------------------------------------------------------------------------


HOSTILE = '<script>alert(1)</script> <img src="file:///etc/passwd"> <a href="http://127.0.0.2:9/x">see</a>'


@pytest.mark.django_db
def test_hostile_comment_and_attachment_name_are_escaped_on_the_page_and_fetch_nothing_in_the_pdf(
    consulting,
    rita,
    client,
    caplog,
    listener,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    upload = SimpleUploadedFile(
        '<script>x</script><img src="file:etc/passwd">.pdf', pdf_bytes(), content_type="application/pdf"
    )
    comment, token = cs.comment_submit(
        project=consulting, name="<b>Eve</b>", email="eve@public.test", body=HOSTILE, attachments=[upload]
    )
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    page = client.get(reverse("disclosure:project", args=[consulting.reference])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<img src="file:///etc/passwd">' not in page
    assert '<a href="http://127.0.0.2:9/x">' not in page
    assert "<b>Eve</b>" not in page and "&lt;b&gt;Eve&lt;/b&gt;" in page
    # The upload checks reduce the name to a safe base name; what is left is shown as text.
    name = comment.attachments.get().original_name
    assert not set(name) & set('<>"/:') and name.endswith(".pdf")
    assert f">{name}</a>" in page
    with caplog.at_level(logging.WARNING, logger="portal.pdf"), django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("disclosure:pdf", args=[consulting.reference]))
    from portal.models import Artefact

    artefact = Artefact.objects.get(kind="disclosure")
    assert artefact.state == ArtefactState.READY, artefact.failure_reason
    data = Path(artefact.file.path).read_bytes()
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")
    assert '<img src="file:///etc/passwd">' in text  # shown as text
    assert name in text
    assert "root:x:0:0" not in text
    # The attachment itself downloads under the portal's policy with sandbox added: no script runs.
    download = client.get(page.split(f">{name}</a>")[0].rsplit('href="', 1)[1].split('"')[0])
    policy = download["Content-Security-Policy"]
    assert download.status_code == 200 and "sandbox" in policy and "default-src 'self'" in policy
    assert "PDF fetcher refused" not in caplog.text
    assert listener == []
    again = client.get(reverse("disclosure:pdf", args=[consulting.reference]))
    assert again.status_code == 200 and again["Content-Type"] == "application/pdf"
    assert response.status_code in (200, 202)


@pytest.mark.django_db
def test_a_flood_from_one_address_is_throttled_and_the_accepted_comments_are_intact(
    consulting, client, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_RATE_PER_ADDRESS = "5/hour"
    settings.COMMENT_RATE_PER_EMAIL = "100/hour"
    statuses = []
    for n in range(12):
        response = post_comment(
            client, consulting, django_capture_on_commit_callbacks, email=f"p{n}@public.test", body=f"Comment {n}."
        )
        statuses.append(response.status_code)
    assert statuses == [201] * 5 + [429] * 7
    assert "Too many comments from your network address" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    bodies = list(Comment.objects.order_by("number").values_list("body", flat=True))
    assert bodies == [f"Comment {n}." for n in range(5)]
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_one_email_from_many_addresses_is_throttled_too(consulting, settings):
    settings.COMMENT_RATE_PER_EMAIL = "3/hour"
    for n in range(3):
        cs.comment_submit(project=consulting, name="N", email="same@public.test", body="x", ip=f"198.51.100.{n}")
    with pytest.raises(cs.RateLimitedError):
        cs.comment_submit(project=consulting, name="N", email="SAME@public.test", body="x", ip="198.51.100.9")


@pytest.mark.django_db
def test_an_unknown_or_expired_confirmation_link_is_refused(consulting):
    with pytest.raises(NotFoundError):
        cs.comment_confirm(token="nope")
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="x")
    with pytest.raises(ConflictError):
        cs.comment_confirm(token=token, now=comment.created_at + dt.timedelta(hours=73))


@pytest.mark.django_db
def test_a_confirmation_link_that_names_no_comment_says_so_instead_of_offering_a_button(consulting, client):
    cs.comment_submit(project=consulting, name="N", email="n@public.test", body="x")
    response = client.get(reverse("disclosure:comment-confirm", args=["not-a-token-we-sent"]))
    assert response.status_code == 404
    assert "There is nothing at this address" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main", 1)[1]


# --- permissions -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_another_jurisdictions_regulator_gets_404_on_moderation(consulting, pat, login):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="x")
    cs.comment_confirm(token=token)
    client = login(pat)
    assert client.get(reverse("review:moderation")).context["comments"] == []
    for action in ("publish", "reject", "redact"):
        response = client.post(reverse("review:moderation-action", args=[comment.pk, action]), {"reason": "r"})
        assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == "pending"
    with pytest.raises(NotFoundError):
        cs.comment_publish(comment=comment, moderator=pat)


@pytest.mark.django_db
def test_an_enterprise_cannot_answer_another_enterprises_comments(consulting, rita, charlie, login):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="x")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    response = login(charlie).post(
        reverse("assessments:comment-answer", args=[consulting.pk, comment.pk]),
        {f"c{comment.pk}-verdict": "adopted", f"c{comment.pk}-reason": "Mine now."},
    )
    assert response.status_code == 404
    with pytest.raises(NotFoundError):
        cs.comment_answer(comment=comment, answered_by=charlie, verdict="adopted", reason="Mine now.")
    assert not hasattr(Comment.objects.get(pk=comment.pk), "answer")


@pytest.mark.django_db
def test_anonymous_moderation_redirects_to_login_and_an_enterprise_gets_403(consulting, alice, login, client):
    assert client.get(reverse("review:moderation")).status_code == 302
    assert login(alice).get(reverse("review:moderation")).status_code == 403


@pytest.mark.django_db
def test_an_unknown_reference_is_404(client, db):
    assert client.get(reverse("disclosure:project", args=["GBR-2099-999999"])).status_code == 404


@pytest.mark.django_db
def test_a_working_day_window_set_by_the_service_names_the_holiday_it_skipped(category_b, rita, client):
    opens = dt.datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    with time_machine.travel(opens, tick=False):
        window = ds.consultation_open(project=category_b, opened_by=rita, days=14, day_basis="working")
        assert window.closes_at == dt.datetime(2027, 4, 7, 18, 59, 59, tzinfo=UTC)  # 23:59:59 in Almaty
        page = client.get(reverse("disclosure:project", args=[category_b.reference])).content.decode()
    assert "2027-03-22 (Nowruz Holiday)" in page
    assert "7 April 2027, 23:59" in page


@pytest.mark.django_db
def test_the_regulator_opens_the_consultation_from_the_review_workspace(category_b, rita, pat, alice, login):
    url = reverse("review:project-consultation", args=[category_b.pk])
    form = {"days": "14", "day_basis": "working", "opens_at": "", "closes_at": "", "time_zone": ""}
    assert login(pat).post(url, form).status_code == 404
    assert login(alice).post(url, form).status_code == 403
    page = login(rita).get(reverse("review:project", args=[category_b.pk])).content.decode()
    assert "Open the public consultation" in page
    response = login(rita).post(url, form)
    assert response.status_code == 302
    window = CommentWindow.objects.get(project=category_b)
    assert window.day_basis == "working" and window.days == 14
    again = login(rita).post(url, form)
    assert again.status_code == 409 and "already set" in again.content.decode()
    bad = login(rita).post(url, {**form, "time_zone": "Mars/Olympus"})
    assert bad.status_code in (400, 409)


@pytest.mark.django_db
def test_a_withdrawn_project_accepts_no_more_comments(consulting, alice):
    from assessments import services

    services.project_withdraw(project=consulting, withdrawn_by=alice, reason="Investment cancelled.")
    with pytest.raises(ConflictError):
        cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Still?")


@pytest.mark.django_db
def test_a_comment_published_again_after_review_needs_three_new_reports_to_hide(consulting, rita):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Blunt words.")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    for key in ("ip:a", "ip:b", "ip:c"):
        cs.comment_report(comment=comment, reporter_key=key, reason="Abusive")
    comment = cs.comment_publish(comment=comment, moderator=rita)
    cs.comment_report(comment=comment, reporter_key="ip:d", reason="Abusive")
    comment.refresh_from_db()
    assert comment.status == "published"
    cs.comment_report(comment=comment, reporter_key="ip:e", reason="Abusive")
    cs.comment_report(comment=comment, reporter_key="ip:f", reason="Abusive")
    comment.refresh_from_db()
    assert comment.status == "hidden"
