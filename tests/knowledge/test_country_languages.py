"""A country profile's narrative and its risk reasons in Chinese (issue 16.8): read from the data
set's ``<section>_zh`` and ``justification_zh``, shown to Chinese readers under the machine-assisted
label, never to English readers; the editors' derivation notes stay out of every language."""

import json

import pytest

from knowledge.importer import export_dataset, import_dataset, read_dataset, validate_dataset
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import as_reader, dataset, label, update_first, write  # noqa: F401

URL = "/knowledge/countries/KZ/"
STATUS = "Steppe rivers lose flow to irrigation."
STATUS_ZH = "草原河流因灌溉而流量减少。"
REASON = "Annual mean PM2.5 of 38.4 µg/m³ (2019 est.)."
REASON_ZH = "PM2.5年均浓度38.4微克/立方米（2019年估计）。"
DERIVATION = " Level derived here from the PM2.5 bands (above 35 = very_high)."


@pytest.fixture
def chinese(dataset):  # noqa: F811 (the fixture imported above)
    return update_first(
        dataset,
        "countries",
        ecological_status=STATUS,
        ecological_status_zh=STATUS_ZH,
        risk={
            "air": {
                "level": "very_high",
                "justification": REASON + DERIVATION,
                "justification_zh": REASON_ZH,
                "source_url": "https://example.org/pm25",
                "verified": True,
            }
        },
        machine_translated=["zh-hans"],
    )


@pytest.mark.django_db
def test_a_chinese_reader_reads_the_profile_and_its_risk_reasons_in_chinese_labelled(client, chinese):
    import_dataset(read_dataset(chinese))
    text = pages.text(as_reader(client, "zh-hans").get(URL))
    assert STATUS_ZH in text
    assert REASON_ZH in text
    assert STATUS not in text
    assert label("zh-hans") in text


@pytest.mark.django_db
def test_an_english_reader_reads_english_without_the_label_or_the_derivation(client, chinese):
    import_dataset(read_dataset(chinese))
    text = pages.text(client.get(URL))
    assert STATUS in text
    assert REASON in text
    assert "Level derived" not in text
    assert STATUS_ZH not in text
    assert label("en") not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "status", "reason"),
    [
        ("ru", "Степные реки теряют сток на орошение.", "Среднегодовая концентрация PM2.5 38,4 мкг/м³."),
        ("ar", "تفقد أنهار السهوب جريانها بسبب الري.", "متوسط تركيز PM2.5 السنوي 38.4 ميكروغرام/م³."),
    ],
)
def test_a_russian_or_arabic_reader_reads_their_own_language_labelled(client, chinese, language, status, reason):
    rows = json.loads((chinese / "countries.json").read_text(encoding="utf-8"))
    rows[0][f"ecological_status_{language}"] = status
    rows[0]["risk"]["air"][f"justification_{language}"] = reason
    rows[0]["machine_translated"] = ["zh-hans", language]
    write(chinese, "countries", rows)
    import_dataset(read_dataset(chinese))
    text = pages.text(as_reader(client, language).get(URL))
    assert status in text
    assert reason in text
    assert STATUS not in text
    assert label(language) in text


@pytest.mark.django_db
def test_a_russian_reader_without_a_russian_text_reads_the_english_unlabelled_as_russian(client, chinese):
    import_dataset(read_dataset(chinese))
    text = pages.text(as_reader(client, "ru").get(URL))
    assert STATUS in text
    assert label("ru") not in text


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"ecological_status": "Steppe.", "ecological_status_zh": "草原。此处未核实。"}, "ecological_status_zh"),
        ({"governance_capacity": "EIA law of 2007. The current ministry was not checked."}, "governance_capacity"),
    ],
)
def test_it_refuses_a_profile_section_that_reads_like_a_research_note(dataset, fields, reason):  # noqa: F811
    update_first(dataset, "countries", **fields)
    [error] = [str(e) for e in validate_dataset(read_dataset(dataset))]
    assert f"{reason} reads like a research note" in error


@pytest.mark.django_db
def test_the_export_gives_back_the_chinese_texts(chinese, tmp_path):
    import_dataset(read_dataset(chinese))
    export_dataset(tmp_path / "out")
    [country] = json.loads((tmp_path / "out" / "countries.json").read_text(encoding="utf-8"))
    assert country["ecological_status_zh"] == STATUS_ZH
    assert country["risk"]["air"]["justification_zh"] == REASON_ZH
    assert country["machine_translated"] == ["zh-hans"]
