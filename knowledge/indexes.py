"""SQL expressions that an index and a query must write identically (PostgreSQL uses an
expression index only for the same expression). Constants only: migrations import them."""

# An instrument's titles in every language, its official title and its number, lower-cased and
# separated by spaces (a filter word has none, so it never matches across two of them). The
# trigram index of migration 0021 is built on exactly this; ``InstrumentFilter.filter_text`` asks it.
INSTRUMENT_TITLES_SQL = (
    "lower(coalesce(title_en, '') || ' ' || coalesce(title_zh_hans, '') || ' ' || coalesce(title_ru, '')"
    " || ' ' || coalesce(title_ar, '') || ' ' || coalesce(title_original, '') || ' ' || coalesce(number, ''))"
)
