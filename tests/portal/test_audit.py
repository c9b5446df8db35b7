import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from portal.audit import audit_log, audit_trail_for
from portal.models import AuditEvent
from tests.services import requires_postgres


@pytest.mark.django_db
def test_it_records_actor_action_target_before_after_and_reason(alice, acme):
    event = audit_log(
        actor=alice,
        action="organisation.renamed",
        target=acme,
        before={"name": "Old"},
        after={"name": "New"},
        reason="typo",
    )
    assert list(audit_trail_for(acme)) == [event]
    assert (event.actor, event.actor_repr, event.target_repr) == (alice, alice.email, str(acme))
    assert (event.before, event.after, event.reason) == ({"name": "Old"}, {"name": "New"}, "typo")


@pytest.mark.django_db
def test_the_trail_cannot_be_changed_or_deleted_through_the_orm(alice, acme):
    event = audit_log(actor=alice, action="organisation.renamed", target=acme)
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@requires_postgres
@pytest.mark.django_db
def test_postgresql_refuses_raw_updates_of_the_trail(alice, acme):
    event = audit_log(actor=alice, action="organisation.renamed", target=acme)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE portal_auditevent SET reason = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""
