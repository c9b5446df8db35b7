"""Adjacent-word pairs in the search index (PostgreSQL): ``knowledge_bigrams`` adds a lexeme
``a_b`` for every pair of English lexemes that stand side by side, and a quoted phrase asks for
its pairs beside the phrase itself (``knowledge_phrase_query``). GIN keeps no word positions, so a phrase of two common words
("heavy metals") had PostgreSQL recheck every entry holding both; the pair lexeme narrows that to
the entries where they touch (at 1M entries, 144,446 holding both words, 7,064 the phrase).
Only pairs of plain ASCII letters and digits: the same rule at index and at query time, and a
pair is always a valid tsquery lexeme. SQLite has no index and needs neither."""

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION knowledge_bigrams(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || '_' || b.lexeme)), ''::tsvector)
  FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(v) WHERE lexeme ~ '^[a-z0-9]{1,60}$') a
  JOIN (SELECT lexeme, unnest(positions) AS pos FROM unnest(v) WHERE lexeme ~ '^[a-z0-9]{1,60}$') b
    ON b.pos = a.pos + 1
$$;

CREATE OR REPLACE FUNCTION knowledge_phrase_query(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN pairs IS NULL THEN phraseto_tsquery(config, phrase)
              ELSE phraseto_tsquery(config, phrase) && pairs::tsquery END
  FROM (SELECT string_agg(quote_literal(lexeme), ' & ') AS pairs
        FROM unnest(knowledge_bigrams(to_tsvector(config, phrase)))) p
$$;
"""

REINDEX = """
UPDATE knowledge_searchentry SET search_vector = coalesce(search_vector, ''::tsvector) || knowledge_bigrams(
  to_tsvector('english'::regconfig, coalesce(title_en, '')) || to_tsvector('english'::regconfig, coalesce(text_en, ''))
)
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTIONS)
        schema_editor.execute(REINDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The pair lexemes left in the index match no query once the functions are gone.
        schema_editor.execute("DROP FUNCTION IF EXISTS knowledge_phrase_query(regconfig, text)")
        schema_editor.execute("DROP FUNCTION IF EXISTS knowledge_bigrams(tsvector)")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0016_region")]
    operations = [migrations.RunPython(forwards, backwards)]
