"""A source that is a third-party copy says so beside its link, to the public, in their language."""

import json
import shutil

import pytest
from django.urls import reverse

from knowledge.importer import DATA_DIR, FILES, dataset_paths, read_dataset, validate_dataset

pytestmark = pytest.mark.django_db


def test_it_marks_a_third_party_copy_beside_the_source_link(client, make_instrument):
    make_instrument(key="gr-law-x", jurisdiction="GR", title="A law read on a law firm's site", source_secondary=True)
    page = client.get(reverse("knowledge:instrument-detail", args=["gr-law-x"])).content.decode()
    assert "secondary copy: a third-party copy, not the official publication" in page


def test_it_says_nothing_of_copies_for_an_official_source(client, make_instrument):
    make_instrument(key="si-decree-x", jurisdiction="SI", title="A decree read in the official gazette")
    page = client.get(reverse("knowledge:instrument-detail", args=["si-decree-x"])).content.decode()
    assert "secondary copy" not in page


def test_the_api_tells_a_copy_from_an_official_source(client, make_instrument):
    make_instrument(key="gr-law-z", jurisdiction="GR", title="A law read on a law firm's site", source_secondary=True)
    body = client.get("/api/v1/instruments/gr-law-z/").json()
    assert body["source_secondary"] is True


def test_it_refuses_a_secondary_mark_that_is_not_true_or_false(tmp_path):
    for name in FILES:
        for path in dataset_paths(DATA_DIR, name):
            shutil.copy(path, tmp_path / path.name)
    path = tmp_path / "instruments.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0]["source_secondary"] = "yes"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    errors = [str(e) for e in validate_dataset(read_dataset(tmp_path)) if e.file == "instruments"]
    assert errors == ["instruments.json line 2 (record 1): source_secondary must be true or false"]
