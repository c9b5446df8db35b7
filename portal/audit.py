"""The one helper every state-changing service calls to write the audit trail."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from portal.models import AuditEvent


def _jsonable(data: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through Django's encoder so dates, decimals and UUIDs are stored as text.
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


def audit_log(*, actor, action: str, target=None, before=None, after=None, reason: str = "") -> AuditEvent:
    """Record ``actor`` doing ``action`` (``<entity>.<past-tense verb>``) to ``target``.

    Call it inside the service's transaction so the change and its record commit together.
    """
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=str(getattr(actor, "email", "") or actor or "system")[:255],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
    )


def audit_trail_for(target):
    """The audit events recorded against one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
