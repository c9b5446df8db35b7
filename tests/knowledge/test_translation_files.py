"""Russian and Arabic titles and summaries from ``translations_<lang>.json`` beside the data.

An entry is a machine-assisted translation, labelled so to its readers, unless it says
``"reviewed": true``; a bad file is refused whole, like a bad record, and nothing is imported.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from knowledge.importer import (
    DATA_DIR,
    DatasetInvalid,
    dataset_checksum,
    export_dataset,
    import_dataset,
    read_dataset,
    validate_dataset,
)
from knowledge.models import Instrument, SearchEntry
from tests.knowledge import pages

LABEL = "Machine-assisted translation, not yet reviewed by an editor."
CODE_TITLE_RU = "Экологический кодекс Республики Казахстан"
CODE_SUMMARY_RU = "Рамочный экологический закон."


def label(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(LABEL)


def write(directory, name: str, content) -> None:
    (directory / f"{name}.json").write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture
def dataset(tmp_path):
    """Kazakhstan, two instruments, and a Russian file: one entry machine-assisted, one reviewed.
    There is no Arabic file: the importer does without it."""
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
                "summary": "The framework environmental law.",
                "machine_translated": [],
                "source_url": "https://example.org/kz-code",
                "verified": True,
            },
            {
                "key": "kz-air-standard",
                "jurisdiction": "KZ",
                "type": "standard",
                "title": "Hygienic standards for atmospheric air",
                "machine_translated": [],
                "source_url": "https://example.org/kz-air",
                "verified": True,
            },
        ],
    )
    write(
        tmp_path,
        "translations_ru",
        {
            "instruments": {
                "kz-environmental-code-2021": {"title": CODE_TITLE_RU, "summary": CODE_SUMMARY_RU},
                "kz-air-standard": {"title": "Гигиенические нормативы к атмосферному воздуху", "reviewed": True},
            }
        },
    )
    return tmp_path


@pytest.mark.django_db
def test_it_imports_russian_translations_as_machine_assisted(dataset):
    counts = import_dataset(read_dataset(dataset))
    assert counts["translations_ru"] == 2
    assert "translations_ar" not in counts
    code = Instrument.objects.get(key="kz-environmental-code-2021")
    assert (code.title_ru, code.summary_ru) == (CODE_TITLE_RU, CODE_SUMMARY_RU)
    assert code.machine_translated == ["ru"]
    assert (code.title_en, code.title_ar) == ("Environmental Code of the Republic of Kazakhstan", "")


@pytest.mark.django_db
def test_it_does_not_mark_a_reviewed_translation(dataset):
    import_dataset(read_dataset(dataset))
    standard = Instrument.objects.get(key="kz-air-standard")
    assert standard.title_ru == "Гигиенические нормативы к атмосферному воздуху"
    assert standard.machine_translated == []


@pytest.mark.django_db
def test_it_imports_an_arabic_file_in_the_same_format(dataset):
    write(dataset, "translations_ar", {"instruments": {"kz-air-standard": {"title": "معايير صحية للهواء الجوي"}}})
    import_dataset(read_dataset(dataset))
    standard = Instrument.objects.get(key="kz-air-standard")
    assert standard.title_ar == "معايير صحية للهواء الجوي"
    assert standard.machine_translated == ["ar"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            {"instruments": {"kz-no-such-law": {"title": "Закон"}}},
            "translations_ru.json line 3 (record 1): instrument 'kz-no-such-law' is not in instruments.json",
        ),
        (
            {"instruments": {"kz-air-standard": {"title": ["Нормативы"]}}},
            "translations_ru.json line 3 (record 1): instrument 'kz-air-standard': title must be a string",
        ),
        (
            {"instruments": {"kz-air-standard": {"title": "Н" * 501}}},
            "translations_ru.json line 3 (record 1): instrument 'kz-air-standard': "
            "title is longer than 500 characters (501)",
        ),
        (
            {"instruments": {"kz-air-standard": {"title": "Нормативы", "reviewed": "yes"}}},
            "translations_ru.json line 3 (record 1): instrument 'kz-air-standard': reviewed must be true or false",
        ),
        (
            {"instruments": {}, "countries": {}},
            "translations_ru.json line 3 (record 1): unknown top-level key 'countries' (only 'instruments' is allowed)",
        ),
    ],
)
def test_it_names_the_file_and_key_of_a_bad_translation(dataset, content, reason):
    write(dataset, "translations_ru", content)
    assert [str(e) for e in validate_dataset(read_dataset(dataset))] == [reason]


@pytest.mark.django_db
def test_it_refuses_a_bad_translation_file_and_imports_nothing(dataset):
    write(dataset, "translations_ru", {"instruments": {"kz-no-such-law": {"title": "Закон"}}})
    stderr = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("load_knowledge", str(dataset), stdout=StringIO(), stderr=stderr)
    assert "translations_ru.json line 3" in stderr.getvalue()
    assert str(refused.value) == "1 bad record(s); nothing was imported."
    assert not Instrument.objects.exists()
    with pytest.raises(DatasetInvalid):
        import_dataset(read_dataset(dataset))
    assert not Instrument.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "text", "phrase"),
    [
        ("summary", "Рамочный экологический закон. Значения здесь не прочитаны.", "здесь не прочитаны"),
        ("summary", "Принят в 1998 году, как принято цитировать.", "как принято цитировать"),
        ("title", "Экологический кодекс (текст не читался)", "не читался"),
    ],
)
def test_it_refuses_a_russian_translation_that_reads_like_a_research_note(dataset, field, text, phrase):
    entry = {"title": CODE_TITLE_RU, "summary": CODE_SUMMARY_RU, field: text}
    write(dataset, "translations_ru", {"instruments": {"kz-environmental-code-2021": entry}})
    stderr = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("load_knowledge", str(dataset), stdout=StringIO(), stderr=stderr)
    assert stderr.getvalue().splitlines() == [
        "translations_ru.json line 3 (record 1): instrument 'kz-environmental-code-2021': "
        f"{field} reads like a research note ({phrase!r}): move it to the instrument's note in instruments.json"
    ]
    assert str(refused.value) == "1 bad record(s); nothing was imported."
    assert not Instrument.objects.exists()


def test_it_passes_russian_legal_wording_that_is_not_a_research_note(dataset):
    entry = {
        "title": "Закон об охране окружающей среды (Закон № 42 2014 года с изменениями)",
        "summary": "Оборудование, не проверенное в установленном порядке, не допускается; "
        "деятельность, не указанная в статье 4, относится к категории B.",
    }
    write(dataset, "translations_ru", {"instruments": {"kz-environmental-code-2021": entry}})
    assert validate_dataset(read_dataset(dataset)) == []


def test_it_refuses_an_arabic_translation_that_reads_like_a_research_note(dataset):
    write(dataset, "translations_ar", {"instruments": {"kz-air-standard": {"summary": "ولم تُطّلع القيم هنا."}}})
    (error,) = validate_dataset(read_dataset(dataset))
    assert error.file == "translations_ar"
    assert "summary reads like a research note" in error.message


def test_it_counts_the_translation_files_in_the_checksum(dataset):
    before = dataset_checksum(dataset)
    write(dataset, "translations_ar", {"instruments": {}})
    assert dataset_checksum(dataset) != before


@pytest.mark.django_db
def test_it_shows_the_russian_title_summary_and_label_to_a_russian_reader(client, dataset):
    import_dataset(read_dataset(dataset))
    url = Instrument.objects.get(key="kz-environmental-code-2021").get_absolute_url()
    page = client.get(url, headers={"accept-language": "ru"})
    assert pages.heading(page) == CODE_TITLE_RU
    assert CODE_SUMMARY_RU in pages.text(page)
    assert label("ru") in pages.text(page)
    # The English original is not labelled, nor a reviewed Russian translation.
    assert LABEL not in pages.text(client.get(url, headers={"accept-language": "en"}))
    reviewed = client.get(
        Instrument.objects.get(key="kz-air-standard").get_absolute_url(), headers={"accept-language": "ru"}
    )
    assert label("ru") not in pages.text(reviewed)


@pytest.mark.django_db
def test_it_finds_an_instrument_by_a_russian_word_of_its_title(client, dataset):
    import_dataset(read_dataset(dataset))
    entry = SearchEntry.objects.get(title_en="Environmental Code of the Republic of Kazakhstan")
    assert (entry.title_ru, entry.text_ru) == (CODE_TITLE_RU, CODE_SUMMARY_RU)
    response = client.get("/knowledge/search/", {"q": "Экологический"})
    assert pages.result_links(response) == [Instrument.objects.get(key="kz-environmental-code-2021").get_absolute_url()]


@pytest.mark.django_db
def test_it_writes_translations_back_on_export(dataset, tmp_path):
    import_dataset(read_dataset(dataset))
    exported = export_dataset(tmp_path / "export")
    assert (exported["translations_ru"], exported["translations_ar"]) == (2, 0)
    written = json.loads((tmp_path / "export" / "translations_ru.json").read_text(encoding="utf-8"))
    assert written == json.loads((dataset / "translations_ru.json").read_text(encoding="utf-8"))
    Instrument.objects.all().delete()
    import_dataset(read_dataset(tmp_path / "export"))
    code = Instrument.objects.get(key="kz-environmental-code-2021")
    assert (code.title_ru, code.summary_ru, code.machine_translated) == (CODE_TITLE_RU, CODE_SUMMARY_RU, ["ru"])


# --- the shipped translations -----------------------------------------------------------------


def test_every_shipped_instrument_has_a_russian_title_and_summary():
    data = read_dataset(DATA_DIR)
    assert validate_dataset(data) == []
    russian = {e.key: e.value for e in data["translations"]["ru"].entries}
    records = {rec["key"]: rec for _line, rec in data["instruments"]}
    assert set(russian) == set(records)
    assert [k for k, rec in records.items() if not russian[k].get("title")] == []
    assert [k for k, rec in records.items() if rec.get("summary") and not russian[k].get("summary")] == []
    assert [k for k, entry in russian.items() if entry.get("reviewed")] == []


@pytest.mark.django_db
def test_an_official_title_in_the_readers_language_is_not_shown_twice(client, dataset):
    # The Russian title of a Russian-language law is its official title: a Russian reader sees
    # it once, as the heading; an English reader sees it under the English heading.
    records = json.loads((dataset / "instruments.json").read_text(encoding="utf-8"))
    records[0]["title_original"] = CODE_TITLE_RU
    write(dataset, "instruments", records)
    import_dataset(read_dataset(dataset))
    url = Instrument.objects.get(key="kz-environmental-code-2021").get_absolute_url()
    assert pages.text(client.get(url, headers={"accept-language": "ru"})).count(CODE_TITLE_RU) == 1
    english = pages.text(client.get(url, headers={"accept-language": "en"}))
    assert pages.heading(client.get(url, headers={"accept-language": "en"})) != CODE_TITLE_RU
    assert CODE_TITLE_RU in english
