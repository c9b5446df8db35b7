"""Issue 16, item 2: the host countries of most Chinese overseas investment carry at least ten
legal instruments each, every one with Russian and Arabic titles and summaries beside the
English and Chinese, and an instrument another one replaces is not left showing as in force.

The data files are read directly: these are invariants of the shipped data, not of the importer.
"""

import json
from collections import Counter

import pytest

from knowledge.importer import DATA_DIR

# The countries that stood below ten instruments when the item was worked (in its priority order).
TOPPED_UP = ("SG", "KH", "BD", "LK", "KE", "PK", "ID", "IN", "PH")


def instruments() -> list[dict]:
    return json.loads((DATA_DIR / "instruments.json").read_text(encoding="utf-8"))


def translations(language: str) -> dict:
    return json.loads((DATA_DIR / f"translations_{language}.json").read_text(encoding="utf-8"))["instruments"]


@pytest.mark.parametrize("code", TOPPED_UP)
def test_each_topped_up_country_has_at_least_ten_instruments(code):
    count = Counter(rec["jurisdiction"] for rec in instruments())[code]
    assert count >= 10, f"{code} has {count} instruments"


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_every_instrument_of_these_countries_has_a_title_and_summary_in_the_language(language):
    entries = translations(language)
    for rec in instruments():
        if rec["jurisdiction"] in TOPPED_UP:
            entry = entries.get(rec["key"], {})
            assert entry.get("title") and entry.get("summary"), (language, rec["key"])


def test_an_instrument_of_these_countries_that_another_replaces_or_repeals_is_not_shown_in_force():
    # "amended" stays possible: a later instrument may replace only part of an earlier one.
    by_key = {rec["key"]: rec for rec in instruments()}
    for rec in by_key.values():
        if rec["jurisdiction"] not in TOPPED_UP:
            continue
        for relation in rec.get("relations", []):
            if relation["type"] in ("replaces", "repeals"):
                old = by_key[relation["target"]]
                assert old["status"] != "in_force", (rec["key"], old["key"])
