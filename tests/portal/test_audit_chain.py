"""The audit trail's hash chain: ``manage.py audit_verify`` finds an event edited, deleted or
moved in SQL, the way someone with database rights would do it (PostgreSQL: the append-only
trigger disabled first, as only the table's owner or a superuser can)."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

from portal.audit import GENESIS, audit_log
from portal.models import AuditChain, AuditEvent
from tests.services import requires_postgres


def _verify() -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError as exc:
        return f"BROKEN {exc}\n{err.getvalue()}"
    return out.getvalue()


def _tamper(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The events' deferred foreign-key checks must run before the table can be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE portal_auditevent DISABLE TRIGGER portal_auditevent_no_change")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE portal_auditevent ENABLE TRIGGER portal_auditevent_no_change")


@pytest.fixture
def trail(alice, acme):
    return [
        audit_log(actor=alice, action="organisation.renamed", target=acme, before={"n": i}, after={"n": i + 1.0})
        for i in range(5)
    ]


@pytest.mark.django_db
def test_each_event_holds_the_hash_of_the_one_before(trail):
    assert [e.sequence for e in trail] == [1, 2, 3, 4, 5]
    assert trail[0].prev_hash == GENESIS
    for before, event in zip(trail, trail[1:], strict=False):
        assert event.prev_hash == before.hash
    head = AuditChain.objects.get()
    assert (head.length, head.head_hash) == (5, trail[-1].hash)
    assert _verify().startswith(f"audit trail intact: 5 events, head {trail[-1].hash}")


@pytest.mark.django_db
def test_an_intact_trail_survives_the_database_round_trip(alice, acme):
    # Numbers and text as the database gives them back (jsonb reformats numbers) hash the same.
    audit_log(actor=alice, action="x.done", target=acme, after={"big": 1e16, "ratio": 0.1 + 0.2, "zh": "环境"})
    audit_log(actor=None, action="system.swept", reason="beat job")
    assert "intact: 2 events" in _verify()


@requires_postgres
@pytest.mark.django_db
def test_it_finds_an_edited_event(trail):
    _tamper("UPDATE portal_auditevent SET reason = 'forged' WHERE id = %s", [trail[2].pk])
    result = _verify()
    assert result.startswith("BROKEN")
    assert "Event 3" in result and "was changed" in result


@requires_postgres
@pytest.mark.django_db
def test_it_finds_an_edited_event_whose_hash_was_recomputed(trail):
    # The forger rewrites event 3 and gives it a hash that fits: event 4 no longer follows it.
    _tamper("UPDATE portal_auditevent SET reason = 'forged', hash = %s WHERE id = %s", ["f" * 64, trail[2].pk])
    result = _verify()
    assert "Event 3" in result and "Event 4" in result and "does not follow" in result


@requires_postgres
@pytest.mark.django_db
def test_it_finds_a_deleted_event(trail):
    _tamper("DELETE FROM portal_auditevent WHERE id = %s", [trail[1].pk])
    result = _verify()
    assert "missing" in result and "jumps from 1 to 3" in result


@requires_postgres
@pytest.mark.django_db
def test_it_finds_the_newest_event_deleted(trail):
    # Nothing follows the newest event: the chain head's count and hash give it away.
    _tamper("DELETE FROM portal_auditevent WHERE id = %s", [trail[-1].pk])
    result = _verify()
    assert "chain head records 5 events" in result and "trail has 4" in result


@requires_postgres
@pytest.mark.django_db
def test_it_finds_two_events_swapped(trail):
    second, fourth = trail[1], trail[3]
    _tamper("UPDATE portal_auditevent SET sequence = NULL WHERE id = %s", [second.pk])
    _tamper("UPDATE portal_auditevent SET sequence = 2 WHERE id = %s", [fourth.pk])
    _tamper("UPDATE portal_auditevent SET sequence = 4 WHERE id = %s", [second.pk])
    result = _verify()
    assert result.startswith("BROKEN") and "Event 2" in result


@requires_postgres
@pytest.mark.django_db
def test_it_finds_an_event_backdated(trail):
    _tamper("UPDATE portal_auditevent SET created_at = created_at - interval '1 day' WHERE id = %s", [trail[0].pk])
    assert "Event 1" in _verify()


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain(alice, acme):
    """Eight threads write audit events at once, each in its own transaction and connection:
    the head lock queues them, so the sequence has no gap and no repeat."""
    errors = []

    def write(n):
        try:
            for i in range(5):
                with transaction.atomic():
                    audit_log(actor=alice, action="organisation.renamed", target=acme, after={"t": n, "i": i})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(AuditEvent.objects.values_list("sequence", flat=True)) == list(range(1, 41))
    assert "intact: 40 events" in _verify()
