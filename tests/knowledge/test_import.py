"""The shipped data set, the all-or-nothing import command, and export → import round trips."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from knowledge.choices import Medium
from knowledge.choices import PublicationStatus as S
from knowledge.importer import (
    DATA_DIR,
    FILES,
    export_dataset,
    import_dataset,
    read_dataset,
    research_note_phrase,
    validate_dataset,
)
from knowledge.models import (
    Country,
    DatasetImport,
    Instrument,
    InstrumentRelation,
    Region,
    RegionRisk,
    SearchEntry,
    Sector,
    SectorGuidance,
    StandardLimit,
)
from knowledge.selectors import instrument_list_public
from knowledge.services import content_publish
from portal.models import AuditEvent

AIR_POLLUTANTS = {"PM2.5", "PM10", "SO2", "NO2", "O3"}


def counts() -> dict[str, int]:
    models = (Country, Instrument, StandardLimit, InstrumentRelation, SectorGuidance, SearchEntry, DatasetImport)
    return {m.__name__: m.objects.count() for m in models} | {"AuditEvent": AuditEvent.objects.count()}


# --- the shipped data set ---------------------------------------------------------------------


def test_it_validates_the_shipped_data_set_without_errors():
    assert [str(error) for error in validate_dataset(read_dataset())] == []


@pytest.mark.slow
@pytest.mark.django_db
def test_it_imports_the_shipped_data_set():
    """The one test that loads everything (a few seconds): what a fresh portal starts with."""
    imported = import_dataset(read_dataset())
    assert imported["countries"] == Country.objects.count() >= 30
    assert imported["instruments"] == Instrument.objects.count() >= 150
    assert imported["limits"] == StandardLimit.objects.count()
    assert imported["search_entries"] == SearchEntry.objects.count() > Instrument.objects.count()
    # Imported records are published at once.
    assert instrument_list_public().count() == Instrument.objects.count()
    assert not Country.objects.exclude(status=S.PUBLISHED).exists()
    ambient = StandardLimit.objects.filter(medium=Medium.AMBIENT_AIR, parameter__in=AIR_POLLUTANTS)
    by_jurisdiction: dict[str, set[str]] = {}
    for code, parameter in ambient.values_list("instrument__jurisdiction", "parameter"):
        by_jurisdiction.setdefault(code, set()).add(parameter)
    # China and the WHO, the references, cover every pollutant...
    assert by_jurisdiction["CN"] == by_jurisdiction["WHO"] == AIR_POLLUTANTS
    # ...and at least ten host jurisdictions have ambient limits to set beside them.
    hosts = set(by_jurisdiction) - {"CN", "WHO", "IFC"}
    assert len(hosts) >= 10, sorted(hosts)


# --- one bad record: nothing is imported ------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path):
    for name in FILES:
        shutil.copy(DATA_DIR / f"{name}.json", tmp_path / f"{name}.json")
    return tmp_path


def corrupt(path, old: str, new: str, *, occurrence: int) -> tuple[int, int]:
    """Replace the ``occurrence``-th ``old`` in the file; return the line its record starts on
    and the record's number (1-based), counted here independently of the importer."""
    text = path.read_text(encoding="utf-8")
    pos = -1
    for _ in range(occurrence):
        pos = text.index(old, pos + 1)
    path.write_text(text[:pos] + new + text[pos + len(old) :], encoding="utf-8")
    # The shipped files are indented by one space: a record starts with "\n {".
    start = text.rindex("\n {", 0, pos) + 1
    return text.count("\n", 0, start) + 1, text.count("\n {", 0, start) + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "old", "new", "reason"),
    [
        ("limits", '"medium": "ambient_air"', '"medium": "ambient_water"', "medium 'ambient_water' is not one of "),
        ("instruments", '"source_url": "https://', '"source_url": "htps://', "source_url is not a valid http(s) URL"),
        ("limits", '"unit": "µg/m³"', '"unit": ""', "unit is missing"),
    ],
)
def test_it_refuses_a_data_set_with_one_bad_record_and_imports_nothing(
    knowledge_base, data_copy, name, old, new, reason
):
    line, record = corrupt(data_copy / f"{name}.json", old, new, occurrence=7)
    before = counts()
    stderr = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("load_knowledge", str(data_copy), stdout=StringIO(), stderr=stderr)
    (reported,) = stderr.getvalue().splitlines()
    assert reported.startswith(f"{name}.json line {line} (record {record}): {reason}")
    assert str(refused.value) == "1 bad record(s); nothing was imported."
    assert counts() == before
    assert Instrument.objects.get(key="cn-gb-3095-2012").title == "Ambient Air Quality Standard"


@pytest.mark.django_db
def test_it_names_the_file_and_line_of_broken_json(knowledge_base, data_copy):
    path = data_copy / "limits.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"medium": "ambient_air",', '"medium": "ambient_air"', 1), encoding="utf-8")
    broken_line = text[: text.index('"medium": "ambient_air",')].count("\n") + 2
    before = counts()
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command("load_knowledge", str(data_copy), stdout=StringIO(), stderr=stderr)
    assert stderr.getvalue().startswith(f"limits.json line {broken_line} ")
    assert "not valid JSON" in stderr.getvalue()
    assert counts() == before


# --- research notes stay out of public text ---------------------------------------------------


def load_refused(data_copy) -> str:
    """Load the copy, expect it refused with nothing imported, and return the one line reported."""
    before = counts()
    stderr = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("load_knowledge", str(data_copy), stdout=StringIO(), stderr=stderr)
    assert str(refused.value) == "1 bad record(s); nothing was imported."
    assert counts() == before
    (reported,) = stderr.getvalue().splitlines()
    return reported


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "note", "phrase"),
    [
        ("summary", "Values not read here. ", "not read"),
        ("summary", "Adopted 1998, as commonly cited. ", "commonly cited"),
        ("summary_zh", "此处未读到限值。", "此处未"),
        ("title", "(status not checked) ", "not checked"),
    ],
)
def test_it_refuses_public_text_that_reads_like_a_research_note_and_imports_nothing(
    knowledge_base, data_copy, field, note, phrase
):
    line, record = corrupt(data_copy / "instruments.json", f'"{field}": "', f'"{field}": "{note}', occurrence=7)
    assert load_refused(data_copy) == (
        f"instruments.json line {line} (record {record}): "
        f"{field} reads like a research note ({phrase!r}): move it to note"
    )


@pytest.mark.django_db
def test_it_imports_legal_wording_that_is_not_a_research_note(data_copy):
    path = data_copy / "instruments.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0]["title"] = "Environment Protection Law (Law No. 42 of 2014, as amended)"
    rows[0]["summary"] = (
        "Activities not listed in Article 4 but located in protected areas fall under Category B. "
        "The law, as amended, must be read together with its implementing decree."
    )
    rows[0]["summary_zh"] = "第4条未列出但位于保护区内的活动属B类。经修订。"
    rows[0]["note"] = "Values not read here; current status not checked."  # editors only: allowed
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    assert [str(e) for e in validate_dataset(read_dataset(data_copy)) if e.file == "instruments"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "note", "phrase"),
    [
        ("notes", "Size thresholds were not read. ", "not read"),
        ("eia_tier_zh", "此处未读到门槛。", "此处未"),
        ("permits", "National permit names not read; ", "not read"),
    ],
)
def test_it_refuses_guidance_whose_public_text_reads_like_a_research_note_and_imports_nothing(
    knowledge_base, data_copy, field, note, phrase
):
    opening = '"permits": [\n   "' if field == "permits" else f'"{field}": "'
    line, record = corrupt(data_copy / "guidance.json", opening, opening + note, occurrence=3)
    assert load_refused(data_copy) == (
        f"guidance.json line {line} (record {record}): "
        f"{field} reads like a research note ({phrase!r}): move it to editor_note"
    )


@pytest.mark.django_db
def test_it_imports_a_guidance_editor_note_into_the_editors_field_not_the_public_text(data_copy):
    path = data_copy / "guidance.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0]["editor_note"] = "Caveats moved here from the public text: notes: size thresholds not read."
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    import_dataset(read_dataset(data_copy))
    guidance = SectorGuidance.objects.get(country__iso2=rows[0]["country"], sector_id=rows[0]["sector"])
    public = [guidance.eia_tier, guidance.notes, *guidance.permits, *guidance.instruments_text, *guidance.key_risks]
    assert not any("not read" in text for text in public)
    assert guidance.editor_note == rows[0]["editor_note"]
    rows[0]["editor_note"] = ["not a string"]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    assert [e.message for e in validate_dataset(read_dataset(data_copy))] == ["editor_note must be a string"]


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_the_shipped_translations_carry_no_research_note(language):
    # The importer refuses such a translation too (tests/knowledge/test_translation_files.py).
    path = DATA_DIR / f"translations_{language}.json"
    entries = json.loads(path.read_text(encoding="utf-8"))["instruments"]
    notes = {
        f"{key} {field}: {phrase}"
        for key, entry in entries.items()
        for field in ("title", "summary")
        if (phrase := research_note_phrase(entry.get(field)))
    }
    assert notes == set()
    # The patterns do catch the Arabic phrasing, with or without its short vowels.
    for text in ("ولم تُطّلع القيم هنا.", "ولم يُتحقق من وضعه الحالي.", "وفق ما يُستشهد به عادة", "ولم يطلع عليه"):
        assert research_note_phrase(text), text
    # And the Russian, while the wording of Russian legal text passes.
    for text in (
        "Значения здесь не прочитаны.",
        "действующий статус не проверялся",
        "текст не читался",
        "как принято цитировать",
        "приводится по общепринятым ссылкам",
        "изученный английский текст",
    ):
        assert research_note_phrase(text), text
    for text in (
        "Закон № 42 2014 года с изменениями",
        "оборудование, не проверенное в установленном порядке",
        "для целей управления качеством воздуха (а не проверки соответствия)",
    ):
        assert research_note_phrase(text) is None, text


@pytest.mark.django_db
def test_it_refuses_a_value_too_long_for_its_column(knowledge_base, data_copy):
    # SQLite would keep it whole and PostgreSQL refuse it halfway through the import.
    path = data_copy / "limits.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0]["unit"] = "micrograms per cubic metre at 25 degrees"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    errors = [str(e) for e in validate_dataset(read_dataset(data_copy)) if e.file == "limits"]
    assert errors == ["limits.json line 2 (record 1): unit is longer than 30 characters (40)"]


@pytest.mark.django_db
def test_it_refuses_an_applicability_value_outside_its_list(knowledge_base, data_copy):
    path = data_copy / "limits.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0]["source_type"] = "steam engine"
    rows[1]["built_from"] = "1 Jan 2017"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    errors = [str(e) for e in validate_dataset(read_dataset(data_copy)) if e.file == "limits"]
    assert len(errors) == 2
    assert "source_type 'steam engine' is not one of" in errors[0]
    assert "built_from must be a date (YYYY-MM-DD)" in errors[1]


def test_every_shipped_limit_states_its_grade_scope_or_why_not():
    # The fill is complete where the instruments' text allowed: what is left empty is reported
    # here so an editor sees it grow or shrink.
    rows = json.loads((DATA_DIR / "limits.json").read_text(encoding="utf-8"))
    assert len(rows) == 446  # the two IFC sewage rows moved to limits_ifc_general.json (Table 1.3.1 whole)
    assert all("note" not in r for r in rows)  # work notes are in editor_note
    unknown_scope = {r["instrument"] for r in rows if not r.get("grade_scope")}
    assert unknown_scope == {
        "cn-gb-3095-2026",
        "cn-gb-8978-1996",
        "eu-directive-2024-2881",
        "id-permenlh-21-2008",
        "vn-qcvn-40-2011-btnmt",
    }


# --- export and re-import ---------------------------------------------------------------------


def _blank(rows) -> list[tuple]:
    # An untranslated field is NULL when made in the admin and "" when imported: the same thing.
    return sorted(tuple("" if v is None else v for v in row) for row in rows)


def snapshot() -> dict:
    return {
        "countries": sorted(Country.objects.values_list("iso2", "region", "ecological_status_en", "verified")),
        "instruments": _blank(
            Instrument.objects.values_list(
                "key",
                "jurisdiction",
                "type",
                "title_en",
                "title_zh_hans",
                "title_ru",
                "number",
                "adopted",
                "year",
                "legal_status",
                "summary_en",
                "source_url",
                "verified",
                "status",
            )
        ),
        "topics": sorted(Instrument.objects.values_list("key", "topics__code")),
        "relations": sorted(InstrumentRelation.objects.values_list("source__key", "type", "target__key")),
        "limits": sorted(
            (key, p, m, c, float(v), u, a)
            for key, p, m, c, v, u, a in StandardLimit.objects.values_list(
                "instrument__key", "parameter", "medium", "category", "value", "unit", "averaging"
            )
        ),
        "guidance": sorted(SectorGuidance.objects.values_list("country__iso2", "sector_id", "eia_tier_en", "permits")),
        "regions": _blank(
            Region.objects.values_list(
                "code", "country__iso2", "name_en", "name_zh_hans", "pressures_en", "sources", "verified", "editor_note"
            )
        ),
        "region risks": _blank(
            RegionRisk.objects.values_list(
                "region__code", "dimension", "level", "justification_en", "justification_zh_hans", "source_url"
            )
        ),
    }


@pytest.mark.django_db
def test_it_round_trips_an_export(knowledge_base, eddie, tmp_path):
    law = knowledge_base["cn_environmental_protection_law"]
    Instrument.objects.filter(pk=law.pk).update(title_ru="Закон КНР об охране окружающей среды")
    law.topics.create(code="framework", name="Framework law")
    InstrumentRelation.objects.create(source=knowledge_base["cn_air_standard"], type="implements", target=law)
    guidance = SectorGuidance.objects.create(
        country=Country.objects.get(iso2="VN"),
        sector=Sector.objects.create(code="thermal_power", name="Thermal power"),
        eia_tier="Full EIA for plants of 50 MW or more.",
        eia_tier_en="Full EIA for plants of 50 MW or more.",
        permits=["Environmental licence"],
    )
    content_publish(obj=guidance, published_by=eddie)
    region = Region.objects.create(
        country=Country.objects.get(iso2="CN"),
        code="CN-GS",
        name="Gansu Province",
        name_en="Gansu Province",
        name_zh_hans="甘肃省",
        pressures_en="Dust blown in from outside.",
        sources=[{"url": "https://example.org/gs", "title": "Gansu bulletin"}],
        editor_note="Editors only.",
    )
    region.risks.create(
        dimension="air",
        justification="Dust.",
        justification_en="Dust.",
        justification_zh_hans="沙尘。",
        source_url="https://example.org/gs-air",
    )
    content_publish(obj=region, published_by=eddie)
    before = snapshot()

    exported = export_dataset(tmp_path / "export")
    assert exported == {
        "countries": 2,
        "instruments": 4,
        "limits": 8,
        "guidance": 1,
        "articles": 0,
        "regions": 1,
        "translations_ru": 1,
        "translations_ar": 0,
    }
    assert validate_dataset(read_dataset(tmp_path / "export")) == []
    # Start from an empty knowledge base: everything must come back from the files.
    SearchEntry.objects.all().delete()
    SectorGuidance.objects.all().delete()
    Region.objects.all().delete()
    Instrument.objects.all().delete()
    Country.objects.all().delete()
    imported = import_dataset(read_dataset(tmp_path / "export"))

    assert imported == {**exported, "search_entries": SearchEntry.objects.count()}
    assert snapshot() == before


@pytest.mark.django_db
def test_it_reimports_without_duplicating(knowledge_base, tmp_path):
    export_dataset(tmp_path)
    import_dataset(read_dataset(tmp_path))
    first = counts()
    import_dataset(read_dataset(tmp_path))
    second = counts()
    assert first.pop("AuditEvent") + 1 == second.pop("AuditEvent")  # one "dataset.imported"
    assert first == second


@pytest.mark.django_db
def test_a_reimport_keeps_what_an_editor_unpublished(eddie):
    from knowledge.importer import import_dataset, read_dataset
    from knowledge.models import Instrument
    from knowledge.services import content_unpublish

    data = read_dataset()
    import_dataset(data)
    instrument = Instrument.objects.get(key="cn-gb-3095-2012")
    content_unpublish(obj=instrument, unpublished_by=eddie, reason="superseded")
    import_dataset(data)
    instrument.refresh_from_db()
    assert instrument.status == "unpublished"
