"""Translated fields fall back to English; country names come from pycountry's catalogues."""

import json

import pytest

from knowledge.importer import import_dataset, read_dataset
from knowledge.models import Country
from tests.knowledge import pages


def as_reader(client, language: str):
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
def test_it_falls_back_to_the_english_title_on_the_chinese_page(client, cn_air_standard):
    assert not cn_air_standard.title_zh_hans
    page = as_reader(client, "zh-hans").get(cn_air_standard.get_absolute_url())
    assert page.status_code == 200
    assert pages.heading(page) == "Ambient Air Quality Standard"


@pytest.mark.django_db
def test_it_shows_the_chinese_title_on_the_chinese_page(client, cn_environmental_protection_law):
    url = cn_environmental_protection_law.get_absolute_url()
    assert pages.heading(client.get(url)) == "Environmental Protection Law of the People's Republic of China"
    assert pages.heading(as_reader(client, "zh-hans").get(url)) == "中华人民共和国环境保护法"
    # Russian has no title of its own: English again.
    assert pages.heading(as_reader(client, "ru").get(url)) == (
        "Environmental Protection Law of the People's Republic of China"
    )


@pytest.mark.django_db
def test_it_lists_instruments_under_their_chinese_titles(client, cn_environmental_protection_law, cn_air_standard):
    titles = dict(pages.results(as_reader(client, "zh-hans").get("/knowledge/instruments/")))
    assert titles[cn_environmental_protection_law.get_absolute_url()] == "中华人民共和国环境保护法"
    assert titles[cn_air_standard.get_absolute_url()] == "Ambient Air Quality Standard"


@pytest.fixture
def imported_countries(db, tmp_path):
    countries = [{"iso2": iso2, "region": "Central Asia", "verified": False} for iso2 in ("KZ", "CN")]
    (tmp_path / "countries.json").write_text(json.dumps(countries, indent=1), encoding="utf-8")
    import_dataset(read_dataset(tmp_path))


@pytest.mark.parametrize(
    ("language", "kazakhstan", "china"),
    [
        ("en", "Kazakhstan", "China"),
        ("zh-hans", "哈萨克斯坦", "中国"),
        ("ru", "Казахстан", "Китай"),
        ("ar", "كازاخستان", "الصّين"),
    ],
)
def test_it_names_imported_countries_in_the_readers_language(client, imported_countries, language, kazakhstan, china):
    reader = as_reader(client, language)
    assert pages.heading(reader.get("/knowledge/countries/kz/")) == kazakhstan
    assert pages.heading(reader.get("/knowledge/countries/cn/")) == china
    listed = dict(pages.results(reader.get("/knowledge/")))
    assert listed["/knowledge/countries/kz/"] == kazakhstan


@pytest.mark.django_db
def test_it_stores_every_language_of_an_imported_country_name(imported_countries):
    kz = Country.objects.get(iso2="KZ")
    assert (kz.name_en, kz.name_zh_hans, kz.name_ru, kz.name_ar) == (
        "Kazakhstan",
        "哈萨克斯坦",
        "Казахстан",
        "كازاخستان",
    )
    assert kz.iso3 == "KAZ"
