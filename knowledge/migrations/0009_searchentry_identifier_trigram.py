"""Identifier column of the search index, and on PostgreSQL its trigram index (pg_trgm) so that
"GB 3095" or "QCVN 05" finds the numbers that contain it without a scan. SQLite has neither the
extension nor the need: its fallback search scans anyway."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """Existing index rows get their identifier (new ones get it from the publishing services)."""
    import re

    Instrument = apps.get_model("knowledge", "Instrument")
    StandardLimit = apps.get_model("knowledge", "StandardLimit")
    SearchEntry = apps.get_model("knowledge", "SearchEntry")
    numbers = dict(Instrument.objects.exclude(number="").values_list("pk", "number"))
    parents = dict(StandardLimit.objects.values_list("pk", "instrument_id"))
    for entry in SearchEntry.objects.filter(kind__in=["instrument", "limit"]).only("kind", "object_id"):
        pk = int(entry.object_id)
        number = numbers.get(pk if entry.kind == "instrument" else parents.get(pk), "")
        if number:
            entry.identifier = re.sub(r"[\W_]+", "", number).lower()[:200]
            entry.save(update_fields=["identifier"])


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS knowledge_searchentry_identifier_trgm "
            "ON knowledge_searchentry USING gin (identifier gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_searchentry_identifier_trgm")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0008_text_caps_after_merge")]
    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="identifier",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(forwards, backwards),
    ]
