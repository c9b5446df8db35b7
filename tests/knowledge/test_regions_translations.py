"""Russian and Arabic for the province profiles (issue 16.8): the importer carries each section's
and each regional risk's ``_ru`` / ``_ar`` text to the page, where it is labelled machine-assisted,
and every shipped region has them."""

import json

import pytest

from knowledge.importer import DATA_DIR, import_dataset, read_dataset, validate_dataset
from knowledge.models import Region
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import as_reader, dataset, label, write  # noqa: F401
from tests.knowledge.test_regions import URL, _region_record, region_dataset  # noqa: F401

RU = {
    "ecological_status_ru": "Засушливый регион.",
    "pressures_ru": "Нижнее течение рек теряет сток.",
}
AR = {
    "ecological_status_ar": "منطقة قاحلة.",
    "pressures_ar": "فقدت المجاري السفلى للأنهار تدفقها.",
}
RISK = {"justification_ru": "Зимний смог.", "justification_ar": "الضباب الدخاني في الشتاء."}


def _translated_record(**fields) -> dict:
    base = _region_record(machine_translated=["zh-hans", "ru", "ar"], **RU, **AR)
    base["risks"] = [base["risks"][0] | RISK]
    return base | fields


@pytest.mark.django_db
def test_it_imports_the_russian_and_arabic_text_of_a_region_and_of_its_risks(region_dataset):  # noqa: F811
    write(region_dataset, "regions", [_translated_record()])
    import_dataset(read_dataset(region_dataset))
    region = Region.objects.get(code="CN-XJ")
    assert (region.ecological_status_ru, region.ecological_status_ar) == ("Засушливый регион.", "منطقة قاحلة.")
    risk = region.risks.get()
    assert (risk.justification_ru, risk.justification_ar) == ("Зимний смог.", "الضباب الدخاني في الشتاء.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "section", "risk"),
    [("ru", "Засушливый регион.", "Зимний смог."), ("ar", "منطقة قاحلة.", "الضباب الدخاني في الشتاء.")],
)
def test_a_russian_or_arabic_reader_sees_the_translation_labelled_machine_assisted(
    client,
    region_dataset,  # noqa: F811
    language,
    section,
    risk,
):
    write(region_dataset, "regions", [_translated_record()])
    import_dataset(read_dataset(region_dataset))
    response = as_reader(client, language).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    # The page's own language: no lang="en" marking around the translated text.
    assert f"<p>{section}</p>" in body
    assert f"<td>{risk}" in body
    assert "Winter smog." not in pages.text(response)
    assert label(language) in pages.text(response)


@pytest.mark.parametrize(
    ("risk", "reason"),
    [
        ({"justification_ru": 3}, "risk air justification_ru must be text"),
        ({"justification_ar": "x" * 20_001}, "risk air justification_ar is longer than"),
    ],
)
def test_it_refuses_a_bad_translated_risk(region_dataset, risk, reason):  # noqa: F811
    base = _region_record()["risks"][0]
    write(region_dataset, "regions", [_region_record(risks=[base | risk])])
    errors = [str(e) for e in validate_dataset(read_dataset(region_dataset)) if e.file == "regions"]
    assert len(errors) == 1, errors
    assert errors[0].startswith("regions.json line 2 (record 1): " + reason), errors


def test_every_shipped_region_has_russian_and_arabic_sections_and_risks_marked_machine_assisted():
    for region in json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8")):
        assert {"ru", "ar"} <= set(region["machine_translated"]), region["code"]
        for field in ("route_role", "ecological_status", "pressures"):
            for suffix in ("_zh", "_ru", "_ar"):
                assert region.get(f"{field}{suffix}"), (region["code"], f"{field}{suffix}")
        for risk in region["risks"]:
            assert risk.get("justification_ru") and risk.get("justification_ar"), region["code"]
