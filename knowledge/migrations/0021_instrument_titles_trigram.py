"""A trigram index over an instrument's titles in every language and its number (PostgreSQL), so
that the list's "title or number contains" filter (``InstrumentFilter.filter_text``) is answered
from the index: at 1M instruments the count of a country's matches read its rows one by one
(about 100 ms). The indexed expression is ``knowledge.indexes.INSTRUMENT_TITLES_SQL``, written the same way
in the query, or PostgreSQL would not use it. SQLite scans, as before."""

from django.db import migrations

from knowledge.indexes import INSTRUMENT_TITLES_SQL


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS instrument_titles_trgm ON knowledge_instrument USING gin (({INSTRUMENT_TITLES_SQL}) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS instrument_titles_trgm")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0020_country_machine_translated")]
    operations = [migrations.RunPython(forwards, backwards)]
