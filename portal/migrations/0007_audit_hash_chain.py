"""The audit trail's hash chain: each event's place, the hash of the one before and its own;
the events recorded so far are chained in the order they were written (created_at, id)."""

from django.db import migrations, models


def chain_existing(apps, schema_editor):
    # The hash is the one portal.audit computes and audit_verify checks.
    from portal.audit import GENESIS, event_hash

    AuditEvent = apps.get_model("portal", "AuditEvent")
    AuditChain = apps.get_model("portal", "AuditChain")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:  # the append-only trigger refuses the one-time UPDATE that chains old rows
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("ALTER TABLE portal_auditevent DISABLE TRIGGER portal_auditevent_no_change")
    prev, sequence = GENESIS, 0
    for event in AuditEvent.objects.order_by("created_at", "id").iterator(chunk_size=2000):
        sequence += 1
        event.sequence, event.prev_hash = sequence, prev
        event.hash = event_hash(event)
        AuditEvent.objects.filter(pk=event.pk).update(sequence=sequence, prev_hash=prev, hash=event.hash)
        prev = event.hash
    if postgres:
        schema_editor.execute("ALTER TABLE portal_auditevent ENABLE TRIGGER portal_auditevent_no_change")
    AuditChain.objects.update_or_create(pk=1, defaults={"length": sequence, "head_hash": prev if sequence else ""})


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0006_artefact'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChain',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('length', models.PositiveBigIntegerField(default=0)),
                ('head_hash', models.CharField(blank=True, max_length=64)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'audit chain head',
                'verbose_name_plural': 'audit chain head',
            },
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='sequence',
            field=models.PositiveBigIntegerField(editable=False, null=True, unique=True),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
