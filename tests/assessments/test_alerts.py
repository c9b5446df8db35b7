"""Alert subscriptions from outside: subscribe, confirm by the emailed link (a button, so a mail
scanner opening the link confirms nothing), one-click unsubscribe as mail clients do it, and
the limits per address and per email."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from assessments.models import AlertSubscription


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.django_db
def test_subscribe_confirm_by_the_emailed_link_and_stop_with_one_click(
    client, kazakhstan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("alerts:subscribe"),
            {"email": "Reader@Example.org", "country": kazakhstan.pk, "sector": "solar", "new_disclosures": "on"},
        )
    assert response.status_code == 200 and "reader@example.org" in response.content.decode()
    subscription = AlertSubscription.objects.get()
    assert not subscription.is_active  # nothing counts before the email is confirmed
    [message] = mail.outbox
    assert message.to == ["reader@example.org"] and "Confirm" in message.subject
    confirm = _path(_link(message))
    # Opening the link (as a mail scanner would) shows what is followed and a button; it confirms nothing.
    page = client.get(confirm)
    assert page.status_code == 200 and "Kazakhstan" in page.content.decode() and "Solar" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(confirm).status_code == 302
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.digest_until is not None

    # One-click unsubscribe (RFC 8058): a mail client POSTs with no session and no CSRF token.
    strict = type(client)(enforce_csrf_checks=True)
    response = strict.post(reverse("alerts:unsubscribe", args=[subscription.token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None and not subscription.is_active
    # Confirming a cancelled subscription says so plainly.
    refused = client.post(confirm)
    assert refused.status_code == 409 and "cancelled" in refused.content.decode()


@pytest.mark.django_db
def test_a_wrong_token_is_a_plain_404(client):
    for name in ("alerts:confirm", "alerts:manage", "alerts:unsubscribe"):
        response = client.get(reverse(name, args=["not-a-token"]))
        assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not an address"}, "valid email"),
        ({"email": "a@example.org", "new_disclosures": "on", "latitude": "43.2"}, "latitude, a longitude and a radius"),
        (
            {
                "email": "a@example.org",
                "new_disclosures": "on",
                "latitude": "43.2",
                "longitude": "76.9",
                "radius_km": "900",
            },
            "500",
        ),
        ({"email": "a@example.org", "sector": "casino"}, "valid choice"),
        ({"email": "a@example.org"}, "at least one kind of news"),
    ],
)
def test_bad_input_says_what_to_change_and_stores_nothing(client, data, message):
    response = client.post(reverse("alerts:subscribe"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not AlertSubscription.objects.exists()


@pytest.mark.django_db
def test_one_email_address_gets_at_most_five_requests_a_day(client):
    for _ in range(5):
        assert (
            client.post(reverse("alerts:subscribe"), {"email": "x@example.org", "new_disclosures": "on"}).status_code
            == 200
        )
    response = client.post(reverse("alerts:subscribe"), {"email": "X@example.org", "new_disclosures": "on"})
    assert response.status_code == 429 and "tomorrow" in response.content.decode()
    assert response["Retry-After"] == str(24 * 3600)
    assert AlertSubscription.objects.count() == 5


@pytest.mark.django_db
@override_settings(ALERT_SUBSCRIBE_RATE="3/hour")
def test_one_address_is_throttled_with_a_clear_message(client):
    from django.core.cache import cache

    cache.clear()
    for i in range(3):
        assert (
            client.post(
                reverse("alerts:subscribe"), {"email": f"p{i}@example.org", "new_disclosures": "on"}
            ).status_code
            == 200
        )
    response = client.post(reverse("alerts:subscribe"), {"email": "p9@example.org", "new_disclosures": "on"})
    assert response.status_code == 429 and "Too many subscriptions" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert AlertSubscription.objects.count() == 3


# --- the digest and the personal feed -------------------------------------------------------


def _confirmed(**fields):
    from django.utils import timezone

    from assessments.services import alerts

    subscription = alerts.alert_subscribe(email=fields.pop("email"), language=fields.pop("language", "en"), **fields)
    alerts.alert_confirm(token=subscription.token)
    subscription.refresh_from_db()
    subscription.digest_until = timezone.now() - dt.timedelta(hours=1)
    subscription.save()
    return subscription


@pytest.mark.django_db
def test_a_subscriber_gets_exactly_one_digest_naming_the_new_disclosure_in_the_followed_sector(
    client, submitted, rita, django_capture_on_commit_callbacks
):
    from assessments.services import alerts
    from assessments.services import disclosure as ds
    from assessments.services import review as rs

    solar = _confirmed(email="solar@example.org", sector="solar", language="zh-hans")
    wind = _confirmed(email="wind@example.org", sector="wind")
    rs.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land nearby.")
    submitted.refresh_from_db()
    ds.consultation_open(project=submitted, opened_by=rita)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.alert_digests_send() == 1
    [digest] = mail.outbox
    assert digest.to == ["solar@example.org"]
    assert submitted.reference in digest.body and submitted.name in digest.body
    assert f"/disclosure/{submitted.reference}/" in digest.body
    assert "List-Unsubscribe=One-Click" in digest.extra_headers["List-Unsubscribe-Post"]
    assert solar.token in digest.extra_headers["List-Unsubscribe"]
    # In the subscriber's language (zh-hans), whatever the catalogue says for it.
    from django.utils import translation

    with translation.override("zh-hans"):
        intro = translation.gettext(
            "New on the disclosure register of the Green Belt and Road Environmental Portal, as you asked:"
        )
        kind = translation.gettext("Public consultation opened")
    assert intro in digest.body and kind in digest.body

    # A second run the same day has nothing new: no second email, to anyone.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.alert_digests_send() == 0
    assert mail.outbox == []

    # The personal feed lists it; the other subscriber's feed does not; a cancelled one is gone.
    feed = client.get(reverse("alerts:feed", args=[solar.token]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert submitted.reference in feed.content.decode()
    assert submitted.reference not in client.get(reverse("alerts:feed", args=[wind.token])).content.decode()
    alerts.alert_unsubscribe(token=solar.token)
    assert client.get(reverse("alerts:feed", args=[solar.token])).status_code == 404


@pytest.mark.django_db
def test_an_area_follows_sites_within_its_radius_only(submitted, rita, django_capture_on_commit_callbacks):
    from assessments.models import RegisterEntry
    from assessments.selectors.alerts import alert_events
    from assessments.services import disclosure as ds
    from assessments.services import review as rs

    rs.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land nearby.")
    submitted.refresh_from_db()
    ds.consultation_open(project=submitted, opened_by=rita)
    entry = RegisterEntry.objects.get(project=submitted)
    assert entry.lat is not None
    near = _confirmed(email="near@example.org", latitude=entry.lat + 0.5, longitude=entry.lon, radius_km=100)
    far = _confirmed(email="far@example.org", latitude=entry.lat + 2.0, longitude=entry.lon, radius_km=100)
    from django.utils import timezone

    now = timezone.now()
    assert [e.reference for e in alert_events(subscription=near, since=None, until=now)][:1] == [submitted.reference]
    assert alert_events(subscription=far, since=None, until=now) == []
