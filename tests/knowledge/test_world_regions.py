"""A country's world region is a label in the reader's language, on its profile and on the map's
table, never the stored English value; the importer accepts only the regions it can label."""

import json

import pytest

from knowledge.importer import read_dataset, validate_dataset
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import as_reader, dataset, write  # noqa: F401


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("zh-hans", "东南亚"), ("ru", "Юго-Восточная Азия"), ("ar", "جنوب شرق آسيا")]
)
def test_the_profile_and_the_map_name_the_region_in_the_readers_language(client, vietnam, language, label):
    reader = as_reader(client, language)
    for url in ("/knowledge/countries/VN/", "/knowledge/"):
        text = pages.text(reader.get(url))
        assert label in text
        assert "Southeast Asia" not in text


@pytest.mark.django_db
def test_an_english_reader_reads_the_english_name(client, vietnam):
    assert "Southeast Asia" in pages.text(client.get("/knowledge/countries/VN/"))


def test_the_importer_refuses_a_region_it_cannot_label(dataset):  # noqa: F811
    rows = json.loads((dataset / "countries.json").read_text(encoding="utf-8"))
    rows[0]["region"] = "Middle Earth"
    write(dataset, "countries", rows)
    [error] = [str(e) for e in validate_dataset(read_dataset(dataset))]
    assert "region 'Middle Earth' is not one of Africa, Central Asia" in error
