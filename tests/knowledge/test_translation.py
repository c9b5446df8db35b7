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


@pytest.mark.django_db
def test_an_arabic_title_keeps_its_reference_numbers_in_written_order(client, vn_air_regulation):
    """Inside Arabic text the bidi algorithm would reorder "QCVN 05:2013/BTNMT"; the
    title, summary and number are isolated left to right on the page and in the list."""
    from knowledge.models import Instrument

    Instrument.objects.filter(pk=vn_air_regulation.pk).update(
        title_ar="اللائحة الفنية QCVN 05:2013/BTNMT <بشأن> الهواء",
        summary_ar="تحل محلها اللائحة 05:2023/BTNMT.",
    )
    arabic = as_reader(client, "ar")
    html = arabic.get(vn_air_regulation.get_absolute_url()).content.decode()
    assert '<h1>اللائحة الفنية <bdi dir="ltr">QCVN 05:2013/BTNMT</bdi> &lt;بشأن&gt; الهواء' in html
    assert 'تحل محلها اللائحة <bdi dir="ltr">05:2023/BTNMT</bdi>.' in html
    listing = arabic.get("/knowledge/instruments/?jurisdiction=VN").content.decode()
    assert '<bdi dir="ltr">QCVN 05:2013/BTNMT</bdi> &lt;بشأن&gt;' in listing
    # The number column is Latin text: left to right as a whole.
    assert '<td><bdi dir="ltr">QCVN 05:2013/BTNMT</bdi></td>' in listing
    # In a left-to-right language the title and summary are left as they are.
    english = as_reader(client, "en").get(vn_air_regulation.get_absolute_url()).content.decode()
    assert "<h1>National Technical Regulation on Ambient Air Quality</h1>" in english and "<bdi" not in english
