"""Writes of alert subscriptions: subscribe (a confirmation email), confirm, unsubscribe, and
the daily digest. Limits: a few subscriptions per email address per day (429 beyond), and the
view throttles per client address."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.models import AlertSubscription
from portal.audit import audit_log
from portal.choices import OrganisationKind, Sector
from portal.errors import ConflictError, NotFoundError, RateLimitedError, ServiceError
from portal.models import Organisation
from portal.services import email_queue

PER_EMAIL_PER_DAY = 5
RADIUS_MAX_KM = 500


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _unsubscribe_headers(subscription: AlertSubscription) -> dict:
    """RFC 8058 one-click unsubscribe: mail clients POST to the link without a page."""
    url = _absolute(reverse("alerts:unsubscribe", args=[subscription.token]))
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _clean_area(latitude, longitude, radius_km) -> tuple:
    given = [v is not None for v in (latitude, longitude, radius_km)]
    if not any(given):
        return None, None, None
    if not all(given):
        raise ServiceError(_("An area needs a latitude, a longitude and a radius."), field="radius_km")
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise ServiceError(
            _("Give a latitude between -90 and 90 and a longitude between -180 and 180."), field="latitude"
        )
    if not 1 <= radius_km <= RADIUS_MAX_KM:
        raise ServiceError(_("Give a radius between 1 and %(max)s km.") % {"max": RADIUS_MAX_KM}, field="radius_km")
    return float(latitude), float(longitude), int(radius_km)


@transaction.atomic
def alert_subscribe(
    *,
    email: str,
    language: str,
    country=None,
    sector: str = "",
    enterprise: Organisation | None = None,
    latitude=None,
    longitude=None,
    radius_km=None,
    new_disclosures: bool = True,
    windows_opening: bool = True,
) -> AlertSubscription:
    """Record a subscription and email the link that confirms it; it counts only once confirmed."""
    email = (email or "").strip().lower()
    if not email or len(email) > 254 or "@" not in email:
        raise ServiceError(_("Give an email address we can write to."), field="email")
    if language not in dict(settings.LANGUAGES):
        language = "en"
    if sector and sector not in Sector.values:
        raise ServiceError(_("Choose a sector from the list."), field="sector")
    if enterprise is not None and enterprise.kind != OrganisationKind.ENTERPRISE:
        raise ServiceError(_("Choose an enterprise from the list."), field="enterprise")
    if not (new_disclosures or windows_opening):
        raise ServiceError(_("Choose at least one kind of news to follow."), field="new_disclosures")
    latitude, longitude, radius_km = _clean_area(latitude, longitude, radius_km)
    since = timezone.now() - timedelta(days=1)
    if AlertSubscription.objects.filter(email=email, created_at__gte=since).count() >= PER_EMAIL_PER_DAY:
        raise RateLimitedError(
            _("This address has asked for %(n)s alerts today already. Please confirm those, or try again tomorrow.")
            % {"n": PER_EMAIL_PER_DAY},
            retry_after=24 * 3600,
        )
    subscription = AlertSubscription.objects.create(
        email=email,
        language=language,
        country=country,
        sector=sector,
        enterprise=enterprise,
        latitude=latitude,
        longitude=longitude,
        radius_km=radius_km,
        new_disclosures=new_disclosures,
        windows_opening=windows_opening,
    )
    with translation.override(language):
        link = _absolute(reverse("alerts:confirm", args=[subscription.token]))
        email_queue(
            to=[email],
            subject=_("Confirm your alerts from the Green Belt and Road Environmental Portal"),
            body=render_to_string("assessments/email/alert_confirm.txt", {"link": link, "subscription": subscription}),
        )
    audit_log(actor=None, action="alert.subscribed", target=subscription, after={"language": language})
    return subscription


def _locked(token: str) -> AlertSubscription:
    subscription = AlertSubscription.objects.select_for_update().filter(token=token).first()
    if subscription is None:
        raise NotFoundError(_("This link is not valid. It may have been mistyped or already used to unsubscribe."))
    return subscription


@transaction.atomic
def alert_confirm(*, token: str) -> AlertSubscription:
    subscription = _locked(token)
    if subscription.unsubscribed_at is not None:
        raise ConflictError(_("These alerts were cancelled. Please subscribe again."))
    if subscription.confirmed_at is None:
        now = timezone.now()
        subscription.confirmed_at = now
        # The first digest tells of what happens from now on, not of the whole register.
        subscription.digest_until = now
        subscription.save(update_fields=["confirmed_at", "digest_until"])
        audit_log(actor=None, action="alert.confirmed", target=subscription)
    return subscription


@transaction.atomic
def alert_unsubscribe(*, token: str) -> AlertSubscription:
    subscription = _locked(token)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        audit_log(actor=None, action="alert.unsubscribed", target=subscription)
    return subscription


def _digest_one(subscription_id: int, now) -> bool:
    """One subscriber's digest of (digest_until, now]; True when an email was queued. The row
    lock (skipping a row another run holds) and the moved ``digest_until`` make two runs at
    once, or a run repeated, send each event once."""
    from assessments.selectors.alerts import alert_events

    with transaction.atomic():
        subscription = (
            AlertSubscription.objects.select_for_update(skip_locked=True)
            .filter(pk=subscription_id, confirmed_at__isnull=False, unsubscribed_at__isnull=True)
            .first()
        )
        if subscription is None or (subscription.digest_until and subscription.digest_until >= now):
            return False
        with translation.override(subscription.language):
            events = alert_events(subscription=subscription, since=subscription.digest_until, until=now)
            if events:
                body = render_to_string(
                    "assessments/email/alert_digest.txt",
                    {
                        "events": events,
                        "site": settings.SITE_URL,
                        "manage": _absolute(reverse("alerts:manage", args=[subscription.token])),
                        "unsubscribe": _absolute(reverse("alerts:unsubscribe", args=[subscription.token])),
                    },
                )
                email_queue(
                    to=[subscription.email],
                    subject=_("%(n)s new on the disclosure register") % {"n": len(events)},
                    body=body,
                    headers=_unsubscribe_headers(subscription),
                )
        subscription.digest_until = now
        subscription.save(update_fields=["digest_until"])
        return bool(events)


def alert_digests_send(*, now=None) -> int:
    """The daily digest (Celery beat): one email per subscriber with something new. Returns how
    many emails were queued."""
    from assessments.selectors.alerts import alert_list_due

    now = now or timezone.now()
    return sum(_digest_one(pk, now) for pk in alert_list_due().values_list("pk", flat=True).iterator())
