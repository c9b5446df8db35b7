"""Reads of alert subscriptions (by their secret token) and of the events each one follows:
disclosures published and comment windows opening, filtered by country, sector, enterprise and
an area (a circle around a point), in a time span. Both kinds come back as one list of plain
events, newest first, for the digest email and the personal feed alike."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.urls import reverse

from assessments.models import AlertSubscription, CommentWindow, Disclosure

EARTH_KM = 6371.0
# A digest or a feed names at most this many events; the register has the rest.
EVENTS_MAX = 50


def alert_get_by_token(*, token: str) -> AlertSubscription | None:
    if not token or len(token) > 64:
        return None
    return AlertSubscription.objects.select_related("country", "enterprise").filter(token=token).first()


def alert_list_due() -> QuerySet[AlertSubscription]:
    """Confirmed subscriptions still on: the ones a digest run visits."""
    return AlertSubscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).order_by("pk")


@dataclass(frozen=True)
class AlertEvent:
    kind: str  # "disclosure" or "window"
    at: datetime
    reference: str
    project_name: str
    country: str
    label: str  # what happened, in the active language
    url: str  # the public page, a path
    closes_at: datetime | None = None


def _project_q(subscription: AlertSubscription, prefix: str) -> Q:
    q = Q()
    if subscription.country_id:
        q &= Q(**{f"{prefix}host_country_id": subscription.country_id})
    if subscription.sector:
        q &= Q(**{f"{prefix}sector": subscription.sector})
    if subscription.enterprise_id:
        q &= Q(**{f"{prefix}organisation_id": subscription.enterprise_id})
    if subscription.radius_km:
        # A box around the circle in SQL; the exact distance is checked on the few rows left.
        dlat = subscription.radius_km / 111.0
        dlon = subscription.radius_km / (111.0 * max(0.01, math.cos(math.radians(subscription.latitude))))
        q &= Q(
            **{
                f"{prefix}register_entry__lat__gte": subscription.latitude - dlat,
                f"{prefix}register_entry__lat__lte": subscription.latitude + dlat,
                f"{prefix}register_entry__lon__gte": subscription.longitude - dlon,
                f"{prefix}register_entry__lon__lte": subscription.longitude + dlon,
            }
        )
    return q


def _within(subscription: AlertSubscription, project) -> bool:
    if not subscription.radius_km:
        return True
    entry = getattr(project, "register_entry", None)
    if entry is None or entry.lat is None:
        return False
    lat1, lon1, lat2, lon2 = map(math.radians, (subscription.latitude, subscription.longitude, entry.lat, entry.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h)) <= subscription.radius_km


def _matching(subscription, queryset, *, at_field: str, since, until):
    """The rows of ``queryset`` (disclosures or windows) in (since, until] that the subscription
    follows, newest first, the area checked exactly on the few rows the SQL box let through."""
    rows = queryset.filter(_project_q(subscription, "project__"), **{f"{at_field}__lte": until})
    if since is not None:
        rows = rows.filter(**{f"{at_field}__gt": since})
    rows = rows.select_related("project", "project__host_country", "project__register_entry")
    return [row for row in rows.order_by(f"-{at_field}")[:EVENTS_MAX] if _within(subscription, row.project)]


def _event(row, *, kind: str, at, label: str = "", closes_at=None) -> AlertEvent:
    project = row.project
    return AlertEvent(
        kind=kind,
        at=at,
        reference=project.reference,
        project_name=project.name,
        country=str(project.host_country.name) if project.host_country_id else "",
        label=label,
        url=reverse("disclosure:project", args=[project.reference]),
        closes_at=closes_at,
    )


def alert_events(*, subscription: AlertSubscription, since: datetime | None, until: datetime) -> list[AlertEvent]:
    """What happened in (``since``, ``until``] that the subscription follows, newest first."""
    events: list[AlertEvent] = []
    if subscription.new_disclosures:
        for d in _matching(subscription, Disclosure.objects, at_field="published_at", since=since, until=until):
            events.append(_event(d, kind="disclosure", at=d.published_at, label=str(d.get_kind_display())))
    if subscription.windows_opening:
        for w in _matching(subscription, CommentWindow.objects, at_field="opens_at", since=since, until=until):
            events.append(_event(w, kind="window", at=w.opens_at, closes_at=w.closes_at))
    events.sort(key=lambda e: e.at, reverse=True)
    return events[:EVENTS_MAX]
