"""Every host country named in issue 16 (item 2) has its two basics in the data set: a framework
environmental law and an EIA law or regulation that is not repealed, each with an English, a
Chinese, a Russian and an Arabic title."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "knowledge" / "data"
COUNTRIES = ("SI", "BA", "AL", "TM", "IR", "AZ", "ET", "NG", "AM", "CZ", "SK", "LT", "EE", "ME")


def _load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


INSTRUMENTS = _load("instruments.json")
TRANSLATIONS = {code: _load(f"translations_{code}.json")["instruments"] for code in ("ru", "ar")}


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("topic", ("framework", "eia"))
def test_host_country_has_a_current_basic_instrument(country, topic):
    current = [
        r
        for r in INSTRUMENTS
        if r["jurisdiction"] == country and topic in r["topics"] and r.get("status") != "repealed"
    ]
    assert current, f"{country} has no current {topic} instrument"
    for r in current:
        assert r["title"].strip() and r["title_zh"].strip(), r["key"]
        for code, table in TRANSLATIONS.items():
            assert table.get(r["key"], {}).get("title", "").strip(), f"{r['key']} has no {code} title"
