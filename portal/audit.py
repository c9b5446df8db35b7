"""The one helper every state-changing service calls to write the audit trail, and its hash chain.

Each event holds its place in the trail (``sequence``), the hash of the event before it
(``prev_hash``) and its own ``hash``: SHA-256 over a canonical text of every recorded field and
those two. The chain head (``AuditChain``, one row) holds the length and the last hash, and
every ``audit_log`` locks it, so events are chained one at a time in the order they commit.

Threat model: the trail is append-only already (the ORM refuses, and on PostgreSQL a trigger
refuses UPDATE and DELETE). The chain is for the case where someone with database rights gets
past that (a superuser disabling the trigger, a restored dump edited by hand): ``manage.py
audit_verify`` then names the first event edited (its hash no longer matches), removed (a
gap in the sequence, or the head counts more than the trail has), or moved (an event no longer
follows the one whose hash it holds). A rewrite of the whole chain and its head is out of
its reach; keeping the head hash the command prints outside the database closes that too.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from portal.models import AuditChain, AuditEvent
from portal.public_cache import RECORDS, bump_public_version

GENESIS = "0" * 64


def _jsonable(data: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through Django's encoder so dates, decimals and UUIDs are stored as text.
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


def _same_numbers(value):
    # PostgreSQL's jsonb gives 1e16 back as an integer and 2.0 as 2.0: read integral floats as
    # integers on both sides so the hash does not depend on the database's number format.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _same_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_same_numbers(v) for v in value]
    return value


def event_hash(event: AuditEvent) -> str:
    """SHA-256 of the event's canonical text: every recorded field, its place and prev_hash."""
    created = event.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    canonical = json.dumps(
        [
            event.sequence,
            created,
            event.actor_id,
            event.actor_repr,
            event.action,
            event.target_type_id,
            event.target_id,
            event.target_repr,
            _same_numbers(event.before),
            _same_numbers(event.after),
            event.reason,
            event.prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _chain_head() -> AuditChain:
    """The locked head row (created on first use, and again after a test flush)."""
    head, _ = AuditChain.objects.select_for_update().get_or_create(pk=1)
    return head


@transaction.atomic
def audit_log(*, actor, action: str, target=None, before=None, after=None, reason: str = "") -> AuditEvent:
    """Record ``actor`` doing ``action`` (``<entity>.<past-tense verb>``) to ``target``.

    Call it inside the service's transaction so the change and its record commit together.
    The chain head stays locked until that transaction ends: audited writes queue there, which
    is what keeps the chain in commit order.
    """
    head = _chain_head()
    event = AuditEvent(
        created_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=str(getattr(actor, "email", "") or actor or "system")[:255],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
        sequence=head.length + 1,
        prev_hash=head.head_hash or GENESIS,
    )
    event.hash = event_hash(event)
    event.save()
    head.length, head.head_hash = event.sequence, event.hash
    head.save(update_fields=["length", "head_hash", "updated_at"])
    # Every change to a record is audited, so this is where the public pages made from records
    # learn that they are stale (portal/public_cache.py, scope "records").
    bump_public_version(RECORDS)
    return event


def audit_trail_for(target):
    """The audit events recorded against one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


@dataclass
class ChainReport:
    """What ``audit_verify`` found: the events checked, the head, and each break in words."""

    checked: int = 0
    head_hash: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_chain_verify(*, limit_problems: int = 20) -> ChainReport:
    """Walk the trail in sequence order and recompute the chain; read-only."""
    report = ChainReport()
    expected_prev, expected_sequence = GENESIS, 1
    unchained = AuditEvent.objects.filter(sequence__isnull=True).count()
    if unchained:
        report.problems.append(f"{unchained} event(s) have no place in the chain (sequence is empty).")
    for event in AuditEvent.objects.filter(sequence__isnull=False).order_by("sequence").iterator(chunk_size=2000):
        report.checked += 1
        if event.sequence != expected_sequence:
            report.problems.append(
                f"Events {expected_sequence}–{event.sequence - 1} are missing: the trail jumps from "
                f"{expected_sequence - 1} to {event.sequence} (event id {event.pk})."
            )
        if event_hash(event) != event.hash:
            report.problems.append(
                f"Event {event.sequence} (id {event.pk}, {event.action}) was changed: its content no longer "
                "matches its hash."
            )
        if event.prev_hash != expected_prev:
            report.problems.append(
                f"Event {event.sequence} (id {event.pk}, {event.action}) does not follow the event before it: "
                "an event was removed, inserted or moved."
            )
        expected_prev, expected_sequence = event.hash, event.sequence + 1
        if len(report.problems) >= limit_problems:
            report.problems.append("… stopped after the first breaks.")
            return report
    head = AuditChain.objects.filter(pk=1).first()
    length, head_hash = (head.length, head.head_hash) if head else (0, "")
    if length != expected_sequence - 1 or (length and head_hash != expected_prev):
        report.problems.append(
            f"The chain head records {length} events ending in {head_hash[:12] or '-'}, but the trail has "
            f"{expected_sequence - 1} ending in {expected_prev[:12]}: the newest events were removed or changed."
        )
    report.head_hash = expected_prev if report.checked else ""
    return report
