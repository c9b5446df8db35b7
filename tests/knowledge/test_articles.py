"""The knowledge base's guides for enterprises (issue 16.7): shipped in ``articles.json`` with
their source and cited instruments, listed on the knowledge home and labelled when their
translation is machine-assisted."""

import json

import pytest

from knowledge.choices import PublicationStatus as S
from knowledge.importer import DATA_DIR, DatasetInvalid, import_dataset, read_dataset, validate_dataset
from knowledge.models import Article, Instrument, SearchEntry
from knowledge.services import content_publish
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import (
    as_reader,
    dataset,  # noqa: F401  (the tiny data set fixture)
    label,
    write,
)

SHIPPED = {
    "china-2013-guidelines-environmental-protection-foreign-investment",
    "china-2022-guidelines-eco-environmental-protection-overseas-projects",
    "how-screening-decides-eia-category",
    "how-compliance-matrix-decides",
}


def guide(**fields) -> dict:
    return {
        "slug": "complying-in-kazakhstan",
        "title": "Complying in Kazakhstan",
        "title_zh": "在哈萨克斯坦合规经营",
        "summary": "What the Environmental Code asks of a project.",
        "summary_zh": "《生态法典》对项目的要求。",
        "body": "First paragraph.\n\nSecond paragraph.",
        "body_zh": "第一段。\n\n第二段。",
        "title_ru": "Соблюдение требований в Казахстане",
        "summary_ru": "Что Экологический кодекс требует от проекта.",
        "body_ru": "Первый абзац.\n\nВторой абзац.",
        "title_ar": "الامتثال في كازاخستان",
        "summary_ar": "ما يطلبه القانون البيئي من المشروع.",
        "body_ar": "الفقرة الأولى.\n\nالفقرة الثانية.",
        "instruments": ["kz-environmental-code-2021"],
        "source_url": "https://example.org/kz-code",
        "verified": True,
        "machine_translated": ["zh-hans", "ru", "ar"],
        "status": "published",
        **fields,
    }


@pytest.fixture
def article(eddie):
    """A published article citing a published instrument, machine-translated into Chinese."""

    def _make(slug="air-permits", *, status=S.PUBLISHED, source_url="https://example.org/air", **fields):
        instrument = Instrument.objects.filter(key="cn-air").first() or content_publish(
            obj=Instrument.objects.create(
                key="cn-air",
                jurisdiction="CN",
                type="standard",
                title="Ambient Air Quality Standard",
                title_en="Ambient Air Quality Standard",
                title_zh_hans="环境空气质量标准",
                source_url="https://example.org/cn-air",
            ),
            published_by=eddie,
        )
        title = fields.pop("title", f"Guide {slug}")
        record = Article.objects.create(
            slug=slug,
            title=title,
            title_en=title,
            summary=f"Summary of {slug}.",
            summary_en=f"Summary of {slug}.",
            body="One.\n\nTwo.",
            body_en="One.\n\nTwo.",
            source_url=source_url,
            **fields,
        )
        record.instruments.add(instrument)
        return content_publish(obj=record, published_by=eddie) if status == S.PUBLISHED else record

    return _make


# --- the shipped articles -----------------------------------------------------------------------


def test_the_four_shipped_guides_are_published_and_cite_shipped_instruments():
    data = read_dataset()
    assert validate_dataset(data) == []
    articles = {rec["slug"]: rec for _line, rec in data["articles"]}
    assert set(articles) == SHIPPED
    instruments = {rec["key"]: rec for _line, rec in data["instruments"]}
    for rec in articles.values():
        assert rec["status"] == "published"
        paragraphs = rec["body"].count("\n\n")
        for suffix in ("_zh", "_ru", "_ar"):
            assert rec[f"title{suffix}"] and rec[f"summary{suffix}"] and rec[f"body{suffix}"], (rec["slug"], suffix)
            # A translation keeps the English paragraphs, one for one.
            assert rec[f"body{suffix}"].count("\n\n") == paragraphs, (rec["slug"], suffix)
        # Every translation is machine-assisted until an editor has reviewed it, and says so.
        assert rec["machine_translated"] == ["zh-hans", "ru", "ar"], rec["slug"]
        assert rec["instruments"] and set(rec["instruments"]) <= set(instruments), rec["slug"]
    # A guide to an instrument takes that instrument's own source; a "how it decides" guide
    # explains the portal's own method and has no outside source.
    guidelines_2022 = instruments["cn-guidelines-eco-env-protection-overseas-projects-2022"]
    assert (
        articles["china-2022-guidelines-eco-environmental-protection-overseas-projects"]["source_url"]
        == (guidelines_2022["source_url"])
    )
    assert articles["how-screening-decides-eia-category"]["source_url"] == ""
    assert articles["how-compliance-matrix-decides"]["source_url"] == ""


# --- import ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_imports_an_article_with_its_cited_instruments_and_indexes_it(dataset):  # noqa: F811
    write(dataset, "articles", [guide(), guide(slug="draft-guide", title="A draft", status="draft")])
    counts = import_dataset(read_dataset(dataset))
    assert counts["articles"] == 2
    article = Article.objects.get(slug="complying-in-kazakhstan")
    assert (article.title_en, article.title_zh_hans, article.body_zh_hans) == (
        "Complying in Kazakhstan",
        "在哈萨克斯坦合规经营",
        "第一段。\n\n第二段。",
    )
    assert (article.title_ru, article.summary_ru, article.body_ru) == (
        "Соблюдение требований в Казахстане",
        "Что Экологический кодекс требует от проекта.",
        "Первый абзац.\n\nВторой абзац.",
    )
    assert (article.title_ar, article.summary_ar, article.body_ar) == (
        "الامتثال في كازاخستان",
        "ما يطلبه القانون البيئي من المشروع.",
        "الفقرة الأولى.\n\nالفقرة الثانية.",
    )
    assert [i.key for i in article.instruments.all()] == ["kz-environmental-code-2021"]
    assert (article.status, article.verified, article.machine_translated) == (
        S.PUBLISHED,
        True,
        ["zh-hans", "ru", "ar"],
    )
    assert Article.objects.get(slug="draft-guide").status == S.DRAFT
    # The published one is found by search; the draft is not in the index.
    indexed = SearchEntry.objects.filter(kind="article").values_list("url", flat=True)
    assert list(indexed) == ["/knowledge/articles/complying-in-kazakhstan/"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"instruments": ["kz-no-such-law"]}, "cited instrument 'kz-no-such-law' is not in instruments.json"),
        ({"source_url": "ftp://example.org/x"}, "source_url is not a valid http(s) URL"),
        ({"status": "live"}, "status 'live' is not one of "),
        ({"slug": "Not A Slug"}, "slug 'Not A Slug' must be a lowercase slug"),
        ({"body_ar": ["not text"]}, "body_ar must be text"),
        # Half a translation would put the English body under a Russian heading.
        ({"body_ru": ""}, "a translation needs both title_ru and body_ru (only title, summary given)"),
        # The label would then sit on the English text that Arabic readers fall back to.
        (
            {"title_ar": "", "summary_ar": "", "body_ar": ""},
            "machine_translated lists 'ar' but the article has no title_ar or body_ar",
        ),
    ],
)
def test_it_refuses_a_bad_article_and_imports_nothing(dataset, bad, reason):  # noqa: F811
    write(dataset, "articles", [guide(slug="fine-guide"), guide(**bad)])
    with pytest.raises(DatasetInvalid) as refused:
        import_dataset(read_dataset(dataset))
    (error,) = refused.value.errors
    # The second record starts on the line after the first one's closing brace.
    text = (dataset / "articles.json").read_text(encoding="utf-8")
    line = text[: text.index("\n },") + 4].count("\n") + 2
    assert str(error).startswith(f"articles.json line {line} (record 2): {reason}")
    assert not Article.objects.exists()
    assert not Instrument.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "text", "phrase"),
    [
        ("summary", "Thresholds not read here.", "not read"),
        ("body_zh", "第一段。此处未读到门槛。", "此处未"),
        ("body_ru", "Первый абзац. Пороги здесь не прочитаны.", "здесь не прочитаны"),
        ("title_ru", "Соблюдение требований (статус не проверялся)", "не проверялся"),
        ("summary_ar", "ولم تُطّلع القيم هنا.", "لم تطلع"),
        ("body_ar", "الفقرة الأولى، كما يُستشهد به عادة.", "يستشهد به عادة"),
    ],
)
def test_it_refuses_an_article_whose_text_reads_like_a_research_note(dataset, field, text, phrase):  # noqa: F811
    # An article is public in every language; a caveat about the researcher's own reading
    # belongs to no reader of it.
    write(dataset, "articles", [guide(**{field: text})])
    with pytest.raises(DatasetInvalid) as refused:
        import_dataset(read_dataset(dataset))
    (error,) = refused.value.errors
    assert error.message == f"{field} reads like a research note ({phrase!r}): an article's text is public, take it out"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_it_round_trips_an_article_through_an_export(dataset, tmp_path):  # noqa: F811
    from knowledge.importer import export_dataset

    write(dataset, "articles", [guide()])
    import_dataset(read_dataset(dataset))
    export_dataset(tmp_path / "export")
    (exported,) = json.loads((tmp_path / "export" / "articles.json").read_text(encoding="utf-8"))
    assert exported == guide()


# --- the knowledge home and the article page ----------------------------------------------------


@pytest.mark.django_db
def test_the_knowledge_home_lists_a_published_article_and_not_a_draft(client, article):
    article("air-permits", title="Air permits explained")
    article("water-permits", title="Water permits explained", status=S.DRAFT)
    response = client.get("/knowledge/")
    listed = dict(pages.results(response))
    assert listed["/knowledge/articles/air-permits/"] == "Air permits explained"
    assert "/knowledge/articles/water-permits/" not in listed
    assert "Summary of air-permits." in pages.text(response)


@pytest.mark.django_db
def test_the_knowledge_home_reads_its_guides_in_one_query_however_many(client, article, django_assert_max_num_queries):
    article("guide-0")
    with django_assert_max_num_queries(60) as ctx:
        client.get("/knowledge/")
    one = len(ctx.captured_queries)
    for i in range(1, 12):
        article(f"guide-{i}")
    with django_assert_max_num_queries(one):
        response = client.get("/knowledge/")
    assert sum(href.startswith("/knowledge/articles/") for href in pages.result_links(response)) == 12


@pytest.mark.django_db
def test_the_article_page_shows_its_cited_instrument_and_the_machine_assisted_label_in_chinese(client, article):
    article(
        "air-permits",
        title_zh_hans="空气许可指南",
        summary_zh_hans="摘要。",
        body_zh_hans="第一段。\n\n第二段。",
        machine_translated=["zh-hans"],
    )
    chinese = as_reader(client, "zh-hans").get("/knowledge/articles/air-permits/")
    assert pages.heading(chinese) == "空气许可指南"
    assert label("zh-hans") in pages.text(chinese)
    assert dict(pages.results(chinese))["/knowledge/instruments/cn-air/"] == "环境空气质量标准"
    english = as_reader(client, "en").get("/knowledge/articles/air-permits/")
    assert dict(pages.results(english))["/knowledge/instruments/cn-air/"] == "Ambient Air Quality Standard"
    assert label("en") not in pages.text(english)


@pytest.mark.django_db
def test_the_article_page_reads_right_to_left_in_arabic_with_the_machine_assisted_label(client, article):
    article(
        "air-permits",
        title_ar="دليل تصاريح الهواء",
        summary_ar="ملخص.",
        body_ar="الفقرة الأولى.\n\nالفقرة الثانية.",
        title_ru="Руководство по разрешениям на выбросы",
        summary_ru="Кратко.",
        body_ru="Первый абзац.\n\nВторой абзац.",
        machine_translated=["ru", "ar"],
    )
    # The portal has no language prefix in its URLs: a reader's language comes from the
    # language cookie or, as here, the browser's Accept-Language.
    arabic = client.get("/knowledge/articles/air-permits/", HTTP_ACCEPT_LANGUAGE="ar")
    assert pages.root(arabic) == {"lang": "ar", "dir": "rtl"}
    assert pages.heading(arabic) == "دليل تصاريح الهواء"
    assert "الفقرة الثانية." in pages.text(arabic)
    assert label("ar") in pages.text(arabic)
    assert label("ar") != label("en")
    russian = client.get("/knowledge/articles/air-permits/", HTTP_ACCEPT_LANGUAGE="ru")
    assert pages.root(russian) == {"lang": "ru", "dir": "ltr"}
    assert pages.heading(russian) == "Руководство по разрешениям на выбросы"
    assert label("ru") in pages.text(russian)
    # A reference number inside Arabic keeps its written order ("2011/92/EU", not "EU/2011/92"):
    # the page isolates it left to right, in the cited instrument's title and in the body alike.
    Instrument.objects.filter(key="cn-air").update(title_ar="التوجيه 2011/92/EU بشأن <الهواء>")
    Article.objects.filter(slug="air-permits").update(body_ar="وفق التوجيه 2011/92/EU.\n\nالفقرة الثانية.")
    arabic = client.get("/knowledge/articles/air-permits/", HTTP_ACCEPT_LANGUAGE="ar")
    html = arabic.content.decode()
    assert 'التوجيه <bdi dir="ltr">2011/92/EU</bdi> بشأن &lt;الهواء&gt;</a>' in html
    assert '<p>وفق التوجيه <bdi dir="ltr">2011/92/EU</bdi>.</p>' in html
    assert "<bdi" not in client.get("/knowledge/articles/air-permits/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    # A reviewed translation (not listed in machine_translated) carries no label.
    Article.objects.filter(slug="air-permits").update(machine_translated=["ru"])
    reviewed = client.get("/knowledge/articles/air-permits/", HTTP_ACCEPT_LANGUAGE="ar")
    assert pages.heading(reviewed) == "دليل تصاريح الهواء"
    assert label("ar") not in pages.text(reviewed)


@pytest.mark.django_db
def test_the_article_page_shows_its_source_and_confidence(client, article):
    article("air-permits", source_url="https://example.org/air-guide", verified=False)
    response = client.get("/knowledge/articles/air-permits/")
    assert "https://example.org/air-guide" in pages.links(response)
    assert "not yet checked against the cited source" in pages.text(response)


@pytest.mark.django_db
def test_a_method_article_says_it_explains_the_portals_own_method_instead_of_a_source(client, article):
    article("how-it-decides", source_url="", verified=True)
    text = pages.text(client.get("/knowledge/articles/how-it-decides/"))
    assert "Explains the portal's own method." in text
    assert "Source and confidence" not in text


@pytest.mark.django_db
def test_a_draft_article_page_is_not_found(client, article):
    article("water-permits", status=S.DRAFT)
    assert client.get("/knowledge/articles/water-permits/").status_code == 404


def test_the_shipped_articles_file_is_where_the_importer_reads_it():
    assert (DATA_DIR / "articles.json").exists()
