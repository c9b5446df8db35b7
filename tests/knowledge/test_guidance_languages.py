"""A guidance cell's permits and key risks in the reader's language (issue 16.8): Chinese where
the data set gives it, item for item, English otherwise; and a named instrument that is linked
is not listed a second time, in English, to a Chinese reader."""

import json

import pytest

from knowledge.importer import export_dataset, import_dataset, read_dataset, validate_dataset
from knowledge.models import SectorGuidance
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import as_reader, dataset, update_first, write  # noqa: F401

URL = "/knowledge/guidance/KZ/solar/"
PERMITS = ["Environmental permit for a Category II facility"]
PERMITS_ZH = ["二类设施的环境许可证"]
RISKS = ["dust during construction", "bird collisions"]
RISKS_ZH = ["施工期扬尘", "鸟类撞击"]


@pytest.fixture
def plain(dataset):  # noqa: F811 (the fixture imported above)
    """The tiny data set of test_dataset_files, its guidance cell without permits."""
    return dataset


@pytest.fixture
def translated(dataset):  # noqa: F811
    return update_first(
        dataset,
        "guidance",
        instruments=["Environmental Code of the Republic of Kazakhstan (2 January 2021)"],
        permits=PERMITS,
        permits_zh=PERMITS_ZH,
        key_risks=RISKS,
        key_risks_zh=RISKS_ZH,
    )


@pytest.mark.django_db
def test_a_chinese_reader_reads_the_permits_and_risks_in_chinese(client, translated):
    import_dataset(read_dataset(translated))
    text = pages.text(as_reader(client, "zh-hans").get(URL))
    for item in PERMITS_ZH + RISKS_ZH:
        assert item in text
    for item in PERMITS + RISKS:
        assert item not in text


@pytest.mark.django_db
def test_an_english_reader_reads_them_in_english(client, translated):
    import_dataset(read_dataset(translated))
    text = pages.text(client.get(URL))
    for item in PERMITS + RISKS:
        assert item in text
    assert PERMITS_ZH[0] not in text


@pytest.mark.django_db
def test_without_a_chinese_list_the_chinese_reader_gets_the_english_one(client, plain):
    import_dataset(read_dataset(update_first(plain, "guidance", permits=PERMITS)))
    assert PERMITS[0] in pages.text(as_reader(client, "zh-hans").get(URL))


@pytest.mark.django_db
def test_a_linked_instrument_is_not_named_again_in_english_to_a_chinese_reader(client, translated):
    import_dataset(read_dataset(translated))
    text = pages.text(as_reader(client, "zh-hans").get(URL))
    assert "哈萨克斯坦共和国生态法典" in text
    assert "Environmental Code of the Republic of Kazakhstan" not in text


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"permits": PERMITS, "permits_zh": PERMITS_ZH * 2}, "permits_zh has 2 items where permits has 1"),
        ({"key_risks": RISKS, "key_risks_zh": "施工期扬尘"}, "key_risks_zh must be a list of texts"),
        ({"key_risks": RISKS, "key_risks_zh": ["施工期扬尘", ""]}, "key_risks_zh must be a list of texts"),
    ],
)
def test_it_refuses_a_chinese_list_that_does_not_match_the_english(plain, fields, reason):
    errors = [str(e) for e in validate_dataset(read_dataset(update_first(plain, "guidance", **fields)))]
    assert len(errors) == 1
    assert reason in errors[0]


@pytest.mark.django_db
def test_the_export_gives_back_the_chinese_lists(translated, tmp_path):
    import_dataset(read_dataset(translated))
    out = tmp_path / "out"
    out.mkdir()
    export_dataset(out)
    [cell] = json.loads((out / "guidance.json").read_text(encoding="utf-8"))
    assert (cell["permits_zh"], cell["key_risks_zh"]) == (PERMITS_ZH, RISKS_ZH)
    assert SectorGuidance.objects.get().key_risks_en == RISKS
