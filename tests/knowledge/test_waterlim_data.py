"""Host-country surface water, soil and effluent limits in ``limits_host_wq_soil.json`` (issue 16, item 3).

Every row names a host country's instrument, says how its value was read, and an unconfirmed
row says why in its editor's note; every instrument the file adds carries Russian and Arabic.
"""

import json

from knowledge.importer import DATA_DIR

FILE = DATA_DIR / "limits_host_wq_soil.json"


def load(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def test_every_row_names_a_host_country_instrument_and_a_medium_of_the_task():
    instruments = {i["key"]: i for i in load("instruments.json")}
    hosts = {c["iso2"] for c in load("countries.json")} - {"CN"}
    for row in json.loads(FILE.read_text(encoding="utf-8")):
        assert row["instrument"] in instruments, row["instrument"]
        assert instruments[row["instrument"]]["jurisdiction"] in hosts, row["instrument"]
        assert row["medium"] in {"water_quality", "soil", "effluent"}, row
        assert row["source_url"].startswith("http"), row
        assert row["editor_note"].strip(), row
        if not row["verified"]:
            assert "nverified" in row["editor_note"], row


def test_a_class_or_range_row_says_which_class_and_how_to_read_it():
    for row in json.loads(FILE.read_text(encoding="utf-8")):
        if row["value"] is None:
            assert row["value_min"] is not None, row
            assert row["conditions"].startswith(("minimum", "range")), row
        if row.get("grade_scope") == "designated":
            assert row.get("grade"), row


def test_the_instruments_it_adds_have_russian_and_arabic_titles():
    used = {row["instrument"] for row in json.loads(FILE.read_text(encoding="utf-8"))}
    ru = load("translations_ru.json")["instruments"]
    ar = load("translations_ar.json")["instruments"]
    added = {
        "tr-water-pollution-control-regulation-2004",
        "th-neb-soil-quality-standard-2021",
        "lk-ambient-water-quality-regulations-2019",
        "bt-water-quality-standards-2018",
        "eg-law-48-1982-executive-regulations-2013",
    }
    assert added <= used
    for key in added | {"eg-law-48-1982-nile-protection"}:
        assert ru[key]["title"] and ar[key]["title"], key
