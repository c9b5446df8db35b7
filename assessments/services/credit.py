"""Green credit: logged lookups by financial institutions and signed webhooks to them.

Webhook signature: ``X-Portal-Timestamp: <unix seconds>`` and
``X-Portal-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + body)>``; the timestamp is
signed with the body so a captured request cannot be replayed later with a fresh timestamp.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import WebhookDeliveryStatus
from assessments.models import CreditQuery, WebhookDelivery, WebhookSubscription
from assessments.selectors.credit import credit_profiles_for, enterprise_list_by_registration
from portal.audit import audit_log
from portal.choices import OrganisationKind
from portal.errors import PermissionDeniedError, ServiceError
from portal.models import Membership, User

MAX_BULK = 1000


class WebhookDeliveryError(OSError):
    """The endpoint did not accept the delivery; the task retries it with back-off."""


def _institution_of(user: User):
    m = (
        Membership.objects.filter(user=user, organisation__kind=OrganisationKind.FINANCIAL)
        .select_related("organisation")
        .first()
        if user.is_authenticated
        else None
    )
    if m is None:
        raise PermissionDeniedError(_("The credit profile is for financial institutions."))
    return m.organisation


@transaction.atomic
def credit_profile_lookup(*, user: User, registration_number: str) -> dict | None:
    """One enterprise's profile by registration number; the query is logged (also when nothing
    matched, so the log shows every question asked)."""
    return credit_profile_bulk(user=user, registration_numbers=[registration_number], kind="lookup")[0]["profile"]


@transaction.atomic
def credit_profile_bulk(*, user: User, registration_numbers: list[str], kind: str = "bulk") -> list[dict]:
    """Profiles for a portfolio list, in the order asked; one log row per number."""
    institution = _institution_of(user)
    numbers = [str(n).strip() for n in registration_numbers if str(n).strip()]
    if not numbers:
        raise ServiceError(_("Give at least one registration number."), field="registration_numbers")
    if len(numbers) > MAX_BULK:
        raise ServiceError(_("Ask for at most 1,000 registration numbers at once."), field="registration_numbers")
    enterprises = {}
    for org in enterprise_list_by_registration(numbers=numbers):
        enterprises.setdefault(org.registration_number, org)
    profiles = credit_profiles_for(list(enterprises.values()))
    CreditQuery.objects.bulk_create(
        CreditQuery(
            institution=institution,
            user=user,
            enterprise=enterprises.get(n),
            registration_number=n[:100],
            kind=kind,
        )
        for n in numbers
    )
    return [
        {"registration_number": n, "profile": profiles.get(enterprises[n].pk) if n in enterprises else None}
        for n in numbers
    ]


@transaction.atomic
def webhook_subscribe(*, user: User, url: str, registration_numbers: list[str]) -> WebhookSubscription:
    """An institution subscribes an endpoint to the enterprises it watches."""
    institution = _institution_of(user)
    url = (url or "").strip()
    if not (url.startswith("https://") or (settings.WEBHOOK_ALLOW_HTTP and url.startswith("http://"))):
        raise ServiceError(_("The endpoint must be an https:// URL."), field="url")
    sub = WebhookSubscription.objects.create(institution=institution, url=url[:500], created_by=user)
    sub.watched.set(enterprise_list_by_registration(numbers=registration_numbers))
    audit_log(actor=user, action="webhook.subscribed", target=sub, after={"url": sub.url})
    return sub


def webhook_sign(*, secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def webhook_notify(*, enterprise, event: str, data: dict) -> list[WebhookDelivery]:
    """Queue one delivery per active subscription watching ``enterprise`` (inside the caller's
    transaction; the task is sent after commit)."""
    from assessments.tasks import webhook_deliver_task

    deliveries = []
    for sub in WebhookSubscription.objects.filter(active=True, watched=enterprise):
        body = json.dumps(
            {
                "event": event,
                "enterprise": {
                    "id": enterprise.pk,
                    "name": enterprise.name,
                    "registration_number": enterprise.registration_number,
                    "home_country": enterprise.home_country,
                },
                "data": data,
                "occurred_at": timezone.now(),
            },
            cls=DjangoJSONEncoder,
            sort_keys=True,
        )
        d = WebhookDelivery.objects.create(subscription=sub, event=event, body=body)
        # robust: a broker hiccup must not fail the decision that caused the event.
        transaction.on_commit(lambda pk=d.pk: webhook_deliver_task.delay(pk), robust=True)
        deliveries.append(d)
    return deliveries


def webhook_deliver(*, delivery_id: int) -> bool:
    """POST one delivery. Raises ``WebhookDeliveryError`` when the endpoint fails (the task
    retries); True once delivered; idempotent (a delivered one is not sent again)."""
    with transaction.atomic():
        d = WebhookDelivery.objects.select_for_update().select_related("subscription").get(pk=delivery_id)
        if d.status == WebhookDeliveryStatus.DELIVERED:
            return True
        d.attempts += 1
        d.save(update_fields=["attempts"])
    body = d.body.encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - scheme checked at subscription (https only in production)
        d.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Portal-Event": d.event,
            "X-Portal-Timestamp": timestamp,
            "X-Portal-Signature": "sha256="
            + webhook_sign(secret=d.subscription.secret, timestamp=timestamp, body=body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            ok = 200 <= response.status < 300
            error = f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        ok, error = False, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        ok, error = False, str(exc)[:500]
    with transaction.atomic():
        d = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        if ok:
            d.status, d.delivered_at, d.last_error = WebhookDeliveryStatus.DELIVERED, timezone.now(), ""
        else:
            d.last_error = error
        d.save(update_fields=["status", "delivered_at", "last_error"])
    if not ok:
        raise WebhookDeliveryError(error)
    return True


def webhook_mark_failed(*, delivery_id: int) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(status=WebhookDeliveryStatus.DELIVERED).update(
        status=WebhookDeliveryStatus.FAILED
    )


@transaction.atomic
def credit_profile_pdf(*, user: User, registration_number: str, language: str):
    """The enterprise's profile as a PDF artefact (the current inputs' version, rendered once and
    reused); the lookup is logged like any other. None when no enterprise has that number."""
    from assessments.selectors.credit_report import KIND
    from portal.artefacts import artefact_request

    institution = _institution_of(user)
    number = str(registration_number).strip()[:100]
    enterprise = enterprise_list_by_registration(numbers=[number]).first()
    CreditQuery.objects.create(
        institution=institution, user=user, enterprise=enterprise, registration_number=number, kind="pdf"
    )
    if enterprise is None:
        return None
    return artefact_request(kind=KIND, subject=enterprise, language=language, requested_by=user)
