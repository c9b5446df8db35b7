"""Coverage of the shipped knowledge base: what ``knowledge_stats`` reports, the countries' own
names, and the sourcing every shipped record must carry."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from knowledge.coverage import BELT_AND_ROAD_65
from knowledge.importer import DATA_DIR, DatasetInvalid, dataset_paths, import_dataset, read_dataset
from knowledge.models import Country, Instrument
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import dataset  # noqa: F401  (the tiny data set fixture)


def shipped(name: str) -> list[dict]:
    rows = []
    for path in dataset_paths(DATA_DIR, name):
        rows += json.loads(path.read_text(encoding="utf-8"))
    return rows


def test_the_65_are_65_distinct_countries_and_all_have_a_profile_with_six_risk_dimensions():
    assert len(set(BELT_AND_ROAD_65)) == 65
    profiles = {c["iso2"]: c for c in shipped("countries")}
    assert set(BELT_AND_ROAD_65) <= set(profiles)
    for code in BELT_AND_ROAD_65:
        risk = profiles[code]["risk"]
        assert set(risk) == {"biodiversity", "water", "air", "soil", "climate", "social"}, code
        assert all(r["source_url"].startswith(("https://", "http://")) for r in risk.values()), code


def test_every_shipped_limit_and_instrument_has_a_source_and_a_confidence_mark():
    for row in shipped("instruments") + shipped("limits"):
        assert row.get("source_url", "").startswith(("https://", "http://")), row.get("key") or row["instrument"]
        assert isinstance(row.get("verified"), bool), row.get("key") or row["instrument"]


def test_every_shipped_article_has_a_source_or_explains_the_portals_own_method_and_a_confidence_mark():
    articles = shipped("articles")
    assert articles
    for row in articles:
        # No source: a "how it decides" guide, whose page says it explains the portal's method.
        assert row["source_url"] == "" or row["source_url"].startswith(("https://", "http://")), row["slug"]
        assert isinstance(row.get("verified"), bool), row["slug"]
    methods = {row["slug"] for row in articles if not row["source_url"]}
    assert methods == {"how-screening-decides-eia-category", "how-compliance-matrix-decides"}


def test_every_limit_on_a_repealed_instrument_is_history_not_a_current_limit():
    """A limit's instrument is in force, or the instrument says it is repealed (and compliance
    leaves such rows out): nothing repealed is presented as applicable."""
    instruments = {i["key"]: i for i in shipped("instruments")}
    for row in shipped("limits"):
        inst = instruments[row["instrument"]]
        if inst.get("repealed"):
            assert inst["status"] == "repealed", inst["key"]


def test_a_replaced_instrument_is_marked_repealed_with_its_date_where_the_successor_is_in_force():
    instruments = {i["key"]: i for i in shipped("instruments")}
    successors = {
        "vn-qcvn-05-2013-btnmt": "vn-qcvn-05-2023-btnmt",
        "id-pp-41-1999": "id-pp-22-2021",
        "cn-gb-15618-1995": "cn-gb-15618-2018",
    }
    for old, new in successors.items():
        assert {"type": "replaces", "target": old} in instruments[new]["relations"] or {
            "type": "repeals",
            "target": old,
        } in instruments[new]["relations"]
        assert instruments[old]["status"] == "repealed"
        assert instruments[old]["repealed"], old


@pytest.mark.slow
@pytest.mark.django_db
def test_knowledge_stats_prints_coverage_per_country_medium_and_sector():
    import_dataset(read_dataset())
    out = StringIO()
    call_command("knowledge_stats", stdout=out)
    report = out.getvalue()
    assert "Belt and Road 65: 65 with a profile, 65 with all six risk dimensions" in report
    assert "Per medium" in report and "Per sector" in report and "Per country" in report
    for medium in ("ambient_air", "water_quality", "effluent", "noise", "soil"):
        assert f"  {medium}" in report
    # China's row counts its standards' limits, and the verified share is stated.
    china = next(line for line in report.splitlines() if line.startswith("  CN "))
    assert "yes 6/6" in china
    assert "verified (" in report
    # Every instrument has a Chinese, a Russian and an Arabic title, all machine-assisted so far.
    instruments = Instrument.objects.count()
    for language in ("zh-hans", "ru", "ar"):
        line = next(line for line in report.splitlines() if line.startswith(f"  {language} "))
        assert f"titles {instruments}/{instruments}" in line
        assert "reviewed 0" in line


@pytest.mark.django_db
def test_a_country_page_shows_its_names_in_the_official_languages(client, dataset):  # noqa: F811
    rows = json.loads((dataset / "countries.json").read_text(encoding="utf-8"))
    rows[0] |= {
        "local_name": "Qazaqstan Respublikasy",
        "official_names": [{"language": "kk", "language_name": "Kazakh", "name": "Қазақстан"}],
        "names_source_url": "https://example.org/factbook/kz",
    }
    (dataset / "countries.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    import_dataset(read_dataset(dataset))
    text = pages.text(client.get(Country.objects.get(iso2="KZ").get_absolute_url()))
    assert "Қазақстан" in text
    assert "Qazaqstan Respublikasy" in text


@pytest.mark.django_db
def test_it_refuses_an_official_name_in_a_language_that_is_not_a_language_code(dataset):  # noqa: F811
    rows = json.loads((dataset / "countries.json").read_text(encoding="utf-8"))
    rows[0] |= {
        "official_names": [{"language": "xx-not", "name": "Қазақстан"}],
        "names_source_url": "https://example.org/factbook/kz",
    }
    (dataset / "countries.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DatasetInvalid) as refused:
        import_dataset(read_dataset(dataset))
    assert [e.message for e in refused.value.errors] == ["official_names language 'xx-not' is not an ISO 639 code"]
    assert not Country.objects.exists()


def test_the_shipped_countries_carry_their_official_language_names():
    rows = {c["iso2"]: c for c in shipped("countries")}
    assert {"language": "kk", "language_name": "Kazakh", "name": "Қазақстан"} in rows["KZ"]["official_names"]
    assert any(n["name"] == "Российская Федерация" for n in rows["RU"]["official_names"])
    assert any(n["language"] == "ar" for n in rows["SA"]["official_names"])
    named = [c for c in BELT_AND_ROAD_65 if any(n["name"] for n in rows[c]["official_names"])]
    assert len(named) >= 58


@pytest.mark.slow
@pytest.mark.django_db
def test_soil_and_water_limits_show_on_their_standards_and_in_the_comparison(client):
    import_dataset(read_dataset())
    from knowledge.models import Instrument

    soil = pages.text(client.get(Instrument.objects.get(key="cn-gb-15618-2018").get_absolute_url()))
    assert "risk screening value, paddy fields" in soil
    water = pages.text(
        client.get(Instrument.objects.get(key="th-neb-notification-8-1994-surface-water").get_absolute_url())
    )
    assert "Class 2 (consumption after ordinary treatment" in water
    # Soil values are compared in mg/kg, not reported as unconvertible.
    compare = client.get("/knowledge/compare/", {"parameter": "cadmium", "medium": "soil", "countries": ["TH"]})
    assert compare.status_code == 200
    text = pages.text(compare)
    assert "risk screening value, paddy fields 0.3 mg/kg soil pH ≤ 5.5 0.3 mg/kg" in text
    assert "cannot be converted" not in text


@pytest.mark.django_db
def test_a_trace_limit_keeps_its_digits(dataset):  # noqa: F811
    """GB 3838's benzo(a)pyrene limit is 2.8×10⁻⁶ mg/L: four decimal places made it zero on PostgreSQL."""
    from decimal import Decimal

    from knowledge.models import StandardLimit

    rows = json.loads((dataset / "limits.json").read_text(encoding="utf-8"))
    rows[0] |= {"parameter": "benzo(a)pyrene", "value": 0.0000028, "unit": "mg/L"}
    (dataset / "limits.json").write_text(json.dumps(rows), encoding="utf-8")
    import_dataset(read_dataset(dataset))
    assert StandardLimit.objects.get(parameter="benzo(a)pyrene").value == Decimal("0.0000028")


@pytest.mark.django_db
def test_it_refuses_a_value_more_precise_than_the_column_rather_than_rounding_it(dataset):  # noqa: F811
    rows = json.loads((dataset / "limits.json").read_text(encoding="utf-8"))
    rows[0] |= {"value": 0.000000000012}
    (dataset / "limits.json").write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(DatasetInvalid) as refused:
        import_dataset(read_dataset(dataset))
    assert "needs more precision than the column holds" in str(refused.value.errors[0])


@pytest.mark.slow
@pytest.mark.django_db
def test_a_standard_read_in_a_copy_shows_its_source_and_confidence_but_not_the_editors_note(client):
    import_dataset(read_dataset())
    from knowledge.models import Instrument

    text = pages.text(client.get(Instrument.objects.get(key="cn-gb-4915-2013").get_absolute_url()))
    assert "In force · verified" in text
    assert "Source https://github.com/Fungwingwaa/cee/blob/" in text
    assert "cement kiln and kiln-tail waste-heat system, Table 1" in text
    assert "Secondary copy" not in text  # the editor's note stays in the admin
