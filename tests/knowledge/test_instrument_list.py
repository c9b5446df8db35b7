"""The instrument list (issue 10.13): country column, filters by name and text, sort, pages;
the Atom feed's dates and absolute links."""

import pytest
from rest_framework.test import APIClient

from tests.knowledge import pages

LIST = "/knowledge/instruments/"


@pytest.fixture
def many_laws(make_country, make_instrument):
    make_country("KZ", "Kazakhstan")
    for i in range(30):
        make_instrument(key=f"kz-law-{i:02d}", jurisdiction="KZ", title=f"Kazakh rule {i:02d}", adopted=str(1990 + i))


def titles(response) -> list[str]:
    return [row[0].removesuffix(" unverified").strip() for row in pages.table_rows(response)[1:]]


@pytest.mark.django_db
def test_it_shows_the_country_of_each_instrument_by_name(client, knowledge_base):
    rows = pages.table_rows(client.get(LIST))
    assert rows[0][:2] == ["Title", "Country or body"]
    by_title = {row[0].split(" unverified")[0]: row[1] for row in rows[1:]}
    assert by_title["Ambient Air Quality Standard"] == "China"
    assert by_title["WHO Global Air Quality Guidelines"] == "World Health Organization"


@pytest.mark.django_db
def test_the_country_filter_offers_names(client, knowledge_base):
    text = pages.text(client.get(LIST))
    assert "Vietnam" in text and "World Health Organization" in text
    assert titles(client.get(LIST, {"jurisdiction": "vn"})) == ["National Technical Regulation on Ambient Air Quality"]


@pytest.mark.django_db
def test_it_pages_25_at_a_time(client, many_laws):
    first = client.get(LIST, {"sort": "title"})
    assert len(titles(first)) == 25
    assert "Page 1 of 2" in pages.text(first)
    second = client.get(LIST, {"sort": "title", "page": 2})
    assert titles(second) == [f"Kazakh rule {i:02d}" for i in range(25, 30)]


@pytest.mark.django_db
def test_it_sorts_by_year(client, many_laws):
    assert titles(client.get(LIST, {"sort": "-year"}))[:2] == ["Kazakh rule 29", "Kazakh rule 28"]
    assert titles(client.get(LIST, {"sort": "year"}))[:2] == ["Kazakh rule 00", "Kazakh rule 01"]


@pytest.mark.django_db
def test_it_filters_by_words_of_the_title_or_the_number(client, knowledge_base):
    assert titles(client.get(LIST, {"q": "ambient quality"})) == [
        "Ambient Air Quality Standard",
        "National Technical Regulation on Ambient Air Quality",
    ]
    assert titles(client.get(LIST, {"q": "QCVN"})) == ["National Technical Regulation on Ambient Air Quality"]


@pytest.mark.django_db
def test_a_filter_word_matches_any_language_of_the_title_the_official_title_or_the_number(client, make_instrument):
    make_instrument(
        key="kz-water-code",
        jurisdiction="KZ",
        title="Water Code",
        title_zh_hans="水法典",
        title_ru="Водный кодекс",
        title_original="Су кодексі",
        number="No. 178-VIII",
    )
    make_instrument(key="kz-air", jurisdiction="KZ", title="Air law")
    # (Latin letters in any case; SQLite folds only those, PostgreSQL every script.)
    for word in ("WATER", "水法", "Водный", "кодексі", "178-viii"):
        assert titles(client.get(LIST, {"q": word})) == ["Water Code"], word
    # Each word is looked for on its own: two words that each occur somewhere both must.
    assert titles(client.get(LIST, {"q": "water 178"})) == ["Water Code"]
    assert titles(client.get(LIST, {"q": "water air"})) == []


@pytest.mark.django_db
def test_an_empty_result_says_what_to_change(client, knowledge_base):
    text = pages.text(client.get(LIST, {"q": "quillwort"}))
    assert "0 instruments" in text
    assert "Remove a filter" in text


@pytest.mark.django_db
def test_an_unknown_sort_answers_400(client, knowledge_base):
    assert client.get(LIST, {"sort": "secret"}).status_code == 400


@pytest.mark.django_db
def test_the_api_filters_and_sorts_with_the_same_filterset(knowledge_base):
    data = APIClient().get("/api/v1/instruments/", {"q": "ambient", "sort": "-year"}).json()
    assert [r["key"] for r in data["results"]] == ["vn-qcvn-05-2013", "cn-gb-3095-2012"]


@pytest.mark.django_db
def test_feed_entries_carry_the_instruments_own_date_and_absolute_links(client, knowledge_base, settings):
    from xml.etree import ElementTree

    settings.SITE_URL = "http://127.0.0.1:8123"
    root = ElementTree.fromstring(client.get("/knowledge/instruments/feed/").content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {e.find(f"{atom}title").text: e for e in root.findall(f"{atom}entry")}
    entry = entries["GB 3095-2012 Ambient Air Quality Standard"]
    assert entry.find(f"{atom}published").text.startswith("2012-02-29")
    assert entry.find(f"{atom}link").get("href") == "http://127.0.0.1:8123/knowledge/instruments/cn-gb-3095-2012/"
    assert root.find(f"{atom}link").get("href").startswith("http://127.0.0.1:8123/")
