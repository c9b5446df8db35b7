"""Reads of alert subscriptions (by their secret token) and of the events they follow."""

from assessments.models import AlertSubscription


def alert_get_by_token(*, token: str) -> AlertSubscription | None:
    if not token or len(token) > 64:
        return None
    return AlertSubscription.objects.select_related("country", "enterprise").filter(token=token).first()
