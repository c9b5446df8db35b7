"""GIN index on the search vector, on PostgreSQL only (SQLite uses the fallback search)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS knowledge_searchentry_vector_gin "
            "ON knowledge_searchentry USING gin (search_vector)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_searchentry_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
