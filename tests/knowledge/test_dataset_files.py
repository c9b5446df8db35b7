"""Data-set files beyond the four base files, and machine-assisted translations.

New limit rows live in ``limits_*.json`` beside ``limits.json``; a translation made with a
machine's help is imported with its language listed in ``machine_translated`` and labelled so
to the readers of that language until an editor has reviewed it.
"""

import json

import pytest

from knowledge.importer import DatasetInvalid, import_dataset, read_dataset, validate_dataset
from knowledge.models import Instrument, SectorGuidance, StandardLimit
from tests.knowledge import pages

LABEL = "Machine-assisted translation, not yet reviewed by an editor."


def label(language: str) -> str:
    """The label as a reader of ``language`` sees it (the catalogue translates it)."""
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(LABEL)


def write(directory, name: str, rows: list[dict]) -> None:
    (directory / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def update_first(directory, name: str, **fields):
    """The data set in ``directory`` with ``fields`` set on the first record of ``name``.json."""
    rows = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    rows[0].update(fields)
    write(directory, name, rows)
    return directory


def as_reader(client, language: str):
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def dataset(tmp_path):
    """A tiny data set: Kazakhstan, one framework law, one air standard, one guidance cell."""
    write(tmp_path, "countries", [{"iso2": "KZ", "region": "Central Asia", "verified": False}])
    write(
        tmp_path,
        "instruments",
        [
            {
                "key": "kz-environmental-code-2021",
                "jurisdiction": "KZ",
                "type": "law",
                "title": "Environmental Code of the Republic of Kazakhstan",
                "title_zh": "哈萨克斯坦共和国生态法典",
                "summary": "The framework environmental law.",
                "summary_zh": "框架性环境法律。",
                "machine_translated": ["zh-hans"],
                "source_url": "https://example.org/kz-code",
                "verified": True,
            },
            {
                "key": "kz-air-standard",
                "jurisdiction": "KZ",
                "type": "standard",
                "title": "Hygienic standards for atmospheric air",
                "title_zh": "大气空气卫生标准",
                "machine_translated": [],
                "source_url": "https://example.org/kz-air",
                "verified": True,
            },
        ],
    )
    limit = {"instrument": "kz-air-standard", "parameter": "SO2", "medium": "ambient_air", "unit": "µg/m³"}
    write(tmp_path, "limits", [limit | {"value": 500, "averaging": "20-minute"}])
    write(tmp_path, "limits_more", [limit | {"value": 50, "averaging": "24-hour"}])
    write(
        tmp_path,
        "guidance",
        [
            {
                "country": "KZ",
                "sector": "solar",
                "eia_tier": "Category II facilities need an EIA screening.",
                "eia_tier_zh": "二类设施需进行环境影响评价筛查。",
                "machine_translated": ["zh-hans"],
                "source_urls": ["https://example.org/kz-code"],
                "verified": False,
            }
        ],
    )
    return tmp_path


@pytest.mark.django_db
def test_it_imports_the_limits_of_every_limits_file(dataset):
    counts = import_dataset(read_dataset(dataset))
    assert counts["limits"] == 2
    assert sorted(StandardLimit.objects.values_list("averaging", flat=True)) == ["20-minute", "24-hour"]


def test_it_reports_a_bad_row_of_limits_more_against_that_file(dataset):
    rows = json.loads((dataset / "limits_more.json").read_text(encoding="utf-8"))
    rows[0]["medium"] = "groundwater"
    write(dataset, "limits_more", rows)
    errors = [str(e) for e in validate_dataset(read_dataset(dataset))]
    assert len(errors) == 1
    assert errors[0].startswith("limits_more.json line 2 (record 1): medium 'groundwater' is not one of ")


@pytest.mark.django_db
def test_it_imports_nothing_when_limits_more_has_a_bad_row(dataset):
    write(dataset, "limits_more", [{"instrument": "kz-no-such-standard", "parameter": "SO2"}])
    with pytest.raises(DatasetInvalid):
        import_dataset(read_dataset(dataset))
    assert not Instrument.objects.exists()
    assert not StandardLimit.objects.exists()


def test_it_refuses_a_language_code_it_would_not_label(dataset):
    rows = json.loads((dataset / "instruments.json").read_text(encoding="utf-8"))
    rows[0]["machine_translated"] = ["zh"]
    write(dataset, "instruments", rows)
    errors = [str(e) for e in validate_dataset(read_dataset(dataset))]
    assert errors == ["instruments.json line 2 (record 1): machine_translated ['zh'] must be a list of zh-hans, ru, ar"]


@pytest.mark.django_db
def test_it_labels_a_machine_assisted_chinese_summary_for_chinese_readers(client, dataset):
    import_dataset(read_dataset(dataset))
    url = Instrument.objects.get(key="kz-environmental-code-2021").get_absolute_url()
    chinese = pages.text(as_reader(client, "zh-hans").get(url))
    assert "框架性环境法律。" in chinese
    assert label("zh-hans") in chinese


@pytest.mark.django_db
def test_it_does_not_label_the_english_original(client, dataset):
    import_dataset(read_dataset(dataset))
    url = Instrument.objects.get(key="kz-environmental-code-2021").get_absolute_url()
    english = pages.text(client.get(url))
    assert "The framework environmental law." in english
    assert LABEL not in english


@pytest.mark.django_db
def test_it_does_not_label_a_reviewed_translation(client, dataset):
    import_dataset(read_dataset(dataset))
    page = as_reader(client, "zh-hans").get(Instrument.objects.get(key="kz-air-standard").get_absolute_url())
    assert pages.heading(page) == "大气空气卫生标准"
    assert label("zh-hans") not in pages.text(page)


@pytest.mark.django_db
def test_it_labels_machine_assisted_guidance_for_chinese_readers(client, dataset):
    import_dataset(read_dataset(dataset))
    url = SectorGuidance.objects.get(country__iso2="KZ", sector_id="solar").get_absolute_url()
    chinese = pages.text(as_reader(client, "zh-hans").get(url))
    assert "二类设施需进行环境影响评价筛查。" in chinese
    assert label("zh-hans") in chinese
    assert label("ru") not in pages.text(as_reader(client, "ru").get(url))


@pytest.mark.django_db
def test_it_keeps_translations_and_their_review_state_through_export_and_import(dataset, tmp_path):
    from knowledge.importer import export_dataset

    import_dataset(read_dataset(dataset))
    export_dataset(tmp_path / "export")
    exported = {r["key"]: r for r in json.loads((tmp_path / "export" / "instruments.json").read_text())}
    assert exported["kz-environmental-code-2021"]["summary_zh"] == "框架性环境法律。"
    assert exported["kz-environmental-code-2021"]["machine_translated"] == ["zh-hans"]
    (guidance,) = json.loads((tmp_path / "export" / "guidance.json").read_text())
    assert (guidance["eia_tier_zh"], guidance["machine_translated"]) == (
        "二类设施需进行环境影响评价筛查。",
        ["zh-hans"],
    )


# --- the shipped data set ---------------------------------------------------------------------


def test_every_shipped_chinese_translation_is_labelled_or_an_original_chinese_title():
    """A Chinese summary or guidance text is always a translation here, and a Chinese title is one
    unless the instrument is Chinese law: those must be marked, or readers would take them for
    reviewed text."""
    data = read_dataset()
    unlabelled = [
        rec["key"]
        for _line, rec in data["instruments"]
        if "zh-hans" not in rec.get("machine_translated", [])
        and (rec.get("summary_zh") or (rec.get("title_zh") and rec["jurisdiction"] != "CN"))
    ]
    unlabelled += [
        f"{rec['country']}/{rec['sector']}"
        for _line, rec in data["guidance"]
        if (rec.get("eia_tier_zh") or rec.get("notes_zh")) and "zh-hans" not in rec.get("machine_translated", [])
    ]
    assert unlabelled == []


# --- the guidance editors' note ---------------------------------------------------------------

EDITOR_NOTE = "Tier taken from Appendix 1 of the Code; the permit list of Annex 2 is still to check."


def _with_editor_note(directory) -> None:
    rows = json.loads((directory / "guidance.json").read_text(encoding="utf-8"))
    rows[0]["editor_note"] = EDITOR_NOTE
    write(directory, "guidance", rows)


@pytest.mark.django_db
def test_it_keeps_the_guidance_editor_note_through_import_export_and_import(dataset, tmp_path):
    from knowledge.importer import export_dataset

    _with_editor_note(dataset)
    import_dataset(read_dataset(dataset))
    assert SectorGuidance.objects.get(country__iso2="KZ", sector_id="solar").editor_note == EDITOR_NOTE
    export_dataset(tmp_path / "export")
    (guidance,) = json.loads((tmp_path / "export" / "guidance.json").read_text())
    assert guidance["editor_note"] == EDITOR_NOTE
    # The export imports again as it is, the note included.
    SectorGuidance.objects.update(editor_note="")
    import_dataset(read_dataset(tmp_path / "export"))
    assert SectorGuidance.objects.get(country__iso2="KZ", sector_id="solar").editor_note == EDITOR_NOTE


@pytest.mark.django_db
def test_it_refuses_a_guidance_editor_note_too_long_for_its_column(dataset):
    rows = json.loads((dataset / "guidance.json").read_text(encoding="utf-8"))
    rows[0]["editor_note"] = "x" * 20_001
    write(dataset, "guidance", rows)
    errors = [str(e) for e in validate_dataset(read_dataset(dataset))]
    assert errors == ["guidance.json line 2 (record 1): editor_note is longer than 20000 characters (20001)"]


@pytest.mark.django_db
def test_the_guidance_editor_note_is_in_the_admin_and_on_no_public_page(client, login, eddie, dataset):
    from django.urls import reverse

    _with_editor_note(dataset)
    import_dataset(read_dataset(dataset))
    guidance = SectorGuidance.objects.get(country__iso2="KZ", sector_id="solar")
    public = [
        guidance.get_absolute_url(),
        reverse("knowledge:guidance-list"),
        reverse("knowledge:country-detail", args=["kz"]),
        reverse("knowledge-api:guidance-list"),
        reverse("knowledge:search") + "?q=Annex",
    ]
    for url in public:
        for language in ("en", "zh-hans"):
            response = as_reader(client, language).get(url)
            assert response.status_code == 200, url
            assert "permit list of Annex 2" not in response.content.decode(), (url, language)
    assert "editor_note" not in client.get(reverse("knowledge-api:guidance-list")).json()["results"][0]
    admin_page = login(eddie).get(reverse("admin:knowledge_sectorguidance_change", args=[guidance.pk]))
    assert EDITOR_NOTE in admin_page.content.decode()
