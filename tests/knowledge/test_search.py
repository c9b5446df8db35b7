"""Search through the page, the same tests on SQLite and PostgreSQL; ranking, stemming and
highlighting that only PostgreSQL's full-text search does are marked ``requires_postgres``."""

import re
from html import unescape as html_unescape

import pytest

from knowledge.choices import InstrumentType
from knowledge.search import search
from knowledge.selectors import search_entry_list_public
from knowledge.services import content_publish
from tests.knowledge import pages
from tests.services import requires_postgres

SEARCH = "/knowledge/search/"
CN_LAW = "/knowledge/instruments/cn-environmental-protection-law/"
CN_AIR = "/knowledge/instruments/cn-gb-3095-2012/"
VN_AIR = "/knowledge/instruments/vn-qcvn-05-2013/"
WHO = "/knowledge/instruments/who-aqg-2021/"
RU_LAW = "/knowledge/instruments/ru-environmental-protection-law/"


def found(client, q, **params) -> list[str]:
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    return pages.result_links(response)


@pytest.fixture
def russian_law(make_instrument):
    return make_instrument(
        key="ru-environmental-protection-law",
        jurisdiction="RU",
        title="Federal Law on Environmental Protection",
        title_ru="Закон об охране окружающей среды",
        adopted="2002-01-10",
    )


@pytest.fixture
def groundwater(make_instrument):
    """One instrument names groundwater in its title, another only in its summary. Sorted by
    title alone, the summary match would come first."""
    return {
        "title": make_instrument(
            key="kz-groundwater-monitoring",
            jurisdiction="KZ",
            title="Regulation on Groundwater Monitoring",
            summary="Wells, sampling and reporting.",
        ),
        "body": make_instrument(
            key="kz-mining-code",
            jurisdiction="KZ",
            title="Mining Code",
            summary="Mines monitor groundwater around their tailings.",
        ),
    }


# --- words in English, Russian and Chinese ----------------------------------------------------


@pytest.mark.django_db
def test_it_finds_an_instrument_by_a_word_of_its_title(client, knowledge_base):
    assert found(client, "standard", kind="instrument") == [CN_AIR]
    assert found(client, "Standard", kind="instrument") == [CN_AIR]
    assert found(client, "quillwort") == []


@pytest.mark.django_db
def test_it_finds_only_what_matches_every_word(client, knowledge_base):
    assert set(found(client, "ambient air quality", kind="instrument")) == {CN_AIR, VN_AIR}
    assert found(client, "ambient quillwort") == []


@pytest.mark.django_db
def test_it_finds_an_instrument_by_its_number_and_summary(client, knowledge_base):
    assert CN_AIR in found(client, "GB 3095-2012")
    assert CN_LAW in found(client, "framework", kind="instrument")


@pytest.mark.django_db
def test_it_finds_a_country_profile_by_a_word_of_its_profile(client, knowledge_base):
    assert "/knowledge/countries/vn/" in found(client, "mangrove")


@pytest.mark.django_db
def test_it_finds_the_limits_of_a_standard(client, knowledge_base):
    limits = [u for u in found(client, "Grade II") if u.startswith(CN_AIR + "#limit-")]
    assert len(limits) == 3


@requires_postgres
@pytest.mark.django_db
def test_it_stems_english_words_on_postgresql(client, knowledge_base):
    # The title says "Standard"; English stemming makes the plural match.
    assert CN_AIR in found(client, "standards")
    assert CN_AIR in found(client, "concentrations")


@pytest.mark.django_db
def test_it_finds_a_russian_title_by_a_russian_word(client, knowledge_base, russian_law):
    assert found(client, "охране") == [RU_LAW]
    assert found(client, "окружающей среды") == [RU_LAW]


@requires_postgres
@pytest.mark.django_db
def test_it_stems_russian_words_on_postgresql(client, knowledge_base, russian_law):
    # PostgreSQL's russian snowball stemmer: охране, охраной and охрану → "охран"; среды and
    # среда → "сред". (охрана stems to "охра" and so does not match: not asserted.)
    assert found(client, "охраной") == [RU_LAW]
    assert found(client, "охрану") == [RU_LAW]
    assert found(client, "среда") == [RU_LAW]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["环境保护", "环境", "环境保护法", "中华人民共和国"])
def test_it_finds_a_chinese_title_by_a_chinese_word(client, knowledge_base, q):
    assert found(client, q) == [CN_LAW]


@pytest.mark.django_db
def test_it_finds_nothing_for_a_chinese_word_that_is_not_there(client, knowledge_base):
    assert found(client, "水污染") == []


# --- language of the results ------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_titles_in_the_language_of_the_reader(client, knowledge_base):
    english = dict(pages.results(client.get(SEARCH, {"q": "环境保护"})))
    assert english[CN_LAW] == "Environmental Protection Law of the People's Republic of China"
    client.cookies["django_language"] = "zh-hans"
    chinese = dict(pages.results(client.get(SEARCH, {"q": "环境保护"})))
    # Exactly the title, not the overlapping words the index holds for search.
    assert chinese[CN_LAW] == "中华人民共和国环境保护法"


@pytest.mark.django_db
def test_it_shows_a_chinese_snippet_as_written_with_the_match_highlighted(client, make_instrument):
    make_instrument(
        key="cn-eia-law",
        jurisdiction="CN",
        title="Environmental Impact Assessment Law",
        summary="Assessment before construction.",
        summary_zh_hans="建设项目应当在开工建设前进行环境影响评价。",
    )
    client.cookies["django_language"] = "zh-hans"
    response = client.get(SEARCH, {"q": "环境影响"})
    assert pages.result_links(response) == ["/knowledge/instruments/cn-eia-law/"]
    (snippet,) = pages.snippets(response)
    assert "<mark>" in snippet
    # An excerpt of the text as written: no spaces between words, no repeated parts of words.
    excerpt = re.sub(r"</?mark>", "", snippet).strip("…")
    assert "环境影响评价。" in excerpt
    assert excerpt in "建设项目应当在开工建设前进行环境影响评价。"


@pytest.mark.django_db
def test_it_keeps_the_space_between_highlighted_english_words(client, knowledge_base):
    response = client.get(SEARCH, {"q": "ambient air", "kind": "instrument", "country": "CN"})
    (snippet,) = pages.snippets(response)
    assert "<mark>" in snippet
    assert "limits for ambient air in two classes" in re.sub(r"</?mark>", "", snippet)


@pytest.mark.django_db
def test_it_shows_the_english_title_when_there_is_no_translation(client, knowledge_base):
    client.cookies["django_language"] = "zh-hans"
    titles = dict(pages.results(client.get(SEARCH, {"q": "ambient", "kind": "instrument"})))
    assert titles[CN_AIR] == "Ambient Air Quality Standard"


@pytest.mark.django_db
def test_it_shows_russian_titles_to_russian_readers(client, knowledge_base, russian_law):
    client.cookies["django_language"] = "ru"
    assert dict(pages.results(client.get(SEARCH, {"q": "protection"})))[RU_LAW] == "Закон об охране окружающей среды"


# --- facets -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_counts_results_per_country_type_and_year(client, knowledge_base):
    text = pages.text(client.get(SEARCH, {"kind": "instrument"}))
    for facet in (
        "China (2)",
        "Vietnam (1)",
        "World Health Organization (1)",
        "Law (1)",
        "Standard (2)",
        "Guideline (1)",
        "2012 (1)",
        "2013 (1)",
        "2014 (1)",
        "2021 (1)",
        "Legal instrument (4)",
    ):
        assert facet in text
    assert "4 results" in text


@pytest.mark.django_db
def test_it_counts_facets_over_the_matches_of_a_query(client, knowledge_base):
    text = pages.text(client.get(SEARCH, {"q": "air", "kind": "instrument"}))
    for facet in ("China (1)", "Vietnam (1)", "World Health Organization (1)", "Standard (2)", "Guideline (1)"):
        assert facet in text
    assert "Law (" not in text
    assert "3 results" in text


@pytest.mark.django_db
def test_it_filters_by_facets(client, knowledge_base):
    assert found(client, "", country="CN", type="law") == [CN_LAW]
    assert found(client, "", country="cn", type=InstrumentType.STANDARD) == [CN_AIR]
    assert found(client, "", year="2013", kind="instrument") == [VN_AIR]
    assert found(client, "law", country="VN") == []


@pytest.mark.django_db
def test_it_combines_a_query_with_facet_filters(client, knowledge_base):
    assert found(client, "quality", country="WHO", kind="instrument") == [WHO]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"kind": "spaceship"}, {"year": "last"}, {"legal_status": "maybe"}, {"sector": "piracy"}],
)
def test_it_answers_400_to_an_invalid_filter(client, knowledge_base, params):
    response = client.get(SEARCH, {"q": "air", **params})
    assert response.status_code == 400
    assert pages.result_links(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"year": "last"}, {"type": "poem"}, {"legal_status": "maybe"}])
def test_it_answers_400_to_an_invalid_instrument_list_filter(client, knowledge_base, params):
    response = client.get("/knowledge/instruments/", params)
    assert response.status_code == 400
    assert pages.result_links(response) == []


@pytest.mark.django_db
def test_it_filters_the_instrument_list(client, knowledge_base):
    response = client.get("/knowledge/instruments/", {"jurisdiction": "cn", "type": "law"})
    assert response.status_code == 200
    assert pages.result_links(response) == [CN_LAW]


@pytest.mark.django_db
@pytest.mark.parametrize("topic", ["(", "[a-", "framework|eia", ".*"])
def test_it_takes_a_topic_literally(client, eddie, make_instrument, topic):
    instrument = make_instrument(key="kz-framework", jurisdiction="KZ", title="Framework Law", publish=False)
    instrument.topics.create(code="framework", name="Framework law")
    content_publish(obj=instrument, published_by=eddie)
    response = client.get(SEARCH, {"topic": topic})
    assert response.status_code == 200
    assert pages.result_links(response) == []
    assert found(client, "", topic="framework") == ["/knowledge/instruments/kz-framework/"]


# --- snippets ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_markup_in_content_as_text(client, make_instrument):
    make_instrument(
        key="kz-open-burning",
        jurisdiction="KZ",
        title="<i>Open</i> Burning Rules",
        summary="Bans open burning. <script>alert(1)</script> <b>Fines</b> & penalties apply.",
    )
    for q in ("burning", "script", "alert", "fines"):
        response = client.get(SEARCH, {"q": q})
        assert pages.result_links(response) == ["/knowledge/instruments/kz-open-burning/"], q
        html = response.content.decode()
        assert "<script>alert(1)" not in html and "<b>Fines" not in html and "<i>Open" not in html
        # The only markup a snippet carries is the highlight; the rest is text to read.
        (snippet,) = pages.snippets(response)
        unmarked = re.sub(r"</?mark>", "", snippet)
        assert not re.search(r"[<>]", unmarked), snippet
        assert "<i>Open</i> Burning Rules" in pages.text(response)
        if q == "burning":
            assert "<script>alert(1)</script> <b>Fines" in html_unescape(unmarked)


@pytest.mark.django_db
def test_it_highlights_the_words_found(client, groundwater):
    response = client.get(SEARCH, {"q": "tailings"})
    assert "<mark>tailings</mark>" in pages.snippets(response)[0]


@pytest.mark.django_db
def test_it_highlights_several_words_without_nesting_the_marks(client, make_instrument):
    make_instrument(
        key="kz-labelling",
        jurisdiction="KZ",
        title="Labelling Rules",
        summary="Each product carries a mark; marking is checked by the inspectorate.",
    )
    response = client.get(SEARCH, {"q": "marking mark"})
    snippet = pages.snippets(response)[0]
    assert "<<" not in snippet and "<mark><mark>" not in snippet
    assert "<mark>marking</mark>" in snippet


@pytest.mark.django_db
def test_it_puts_a_title_match_above_a_body_match(client, groundwater):
    assert found(client, "groundwater") == [
        "/knowledge/instruments/kz-groundwater-monitoring/",
        "/knowledge/instruments/kz-mining-code/",
    ]


@requires_postgres
@pytest.mark.django_db
def test_it_ranks_title_words_above_summary_words_on_postgresql(groundwater, make_instrument):
    both = make_instrument(
        key="kz-groundwater-act", jurisdiction="KZ", title="Groundwater Act", summary="Groundwater permits."
    )
    ranked = list(search(search_entry_list_public().filter(kind="instrument"), "groundwater"))
    assert [e.object_id for e in ranked] == [str(both.pk), str(groundwater["title"].pk), str(groundwater["body"].pk)]
    assert ranked[0].rank > ranked[1].rank > ranked[2].rank


@requires_postgres
@pytest.mark.django_db
def test_it_highlights_a_stemmed_match_on_postgresql(client, groundwater):
    # "monitoring" in the query, "monitor" in the summary: the same English stem.
    response = client.get(SEARCH, {"q": "monitoring", "kind": "instrument"})
    assert pages.result_links(response) == [
        "/knowledge/instruments/kz-groundwater-monitoring/",
        "/knowledge/instruments/kz-mining-code/",
    ]
    assert "<mark>monitor</mark>" in pages.snippets(response)[1]
