"""China's Belt and Road provinces as sub-national profiles (issue 16.7): the page in English and
Chinese, what the public sees of a region (sources and confidence, never the editors' note),
publication, the link from China's profile, the API, the importer's refusals and the shipped data."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from knowledge.importer import DATA_DIR, DatasetInvalid, import_dataset, read_dataset, validate_dataset
from knowledge.models import Country, Region, RegionRisk
from knowledge.services import content_publish, content_unpublish
from tests.knowledge import pages
from tests.knowledge.test_dataset_files import as_reader, dataset, label, write  # noqa: F401

NOTE = "Editors only: checked against the 2022 bulletin PDF."
URL = "/knowledge/countries/cn/regions/cn-xj/"


@pytest.fixture
def make_region(china, eddie):
    """``make_region("CN-XJ", risks=3)``: a region of China with ``risks`` sourced statements,
    published through the service unless ``publish=False``."""

    def _make(code: str = "CN-XJ", *, risks: int = 2, publish: bool = True, **fields) -> Region:
        defaults = {
            "name": "Xinjiang Uygur Autonomous Region",
            "name_en": "Xinjiang Uygur Autonomous Region",
            "name_zh_hans": "新疆维吾尔自治区",
            "name_ru": "Синьцзян-Уйгурский автономный район",
            "ecological_status_en": "Winter air pollution peaks around Urumqi.",
            "ecological_status_zh_hans": "冬季大气污染以乌鲁木齐周边最重。",
            "pressures_en": "The lower reaches of the inland rivers have lost flow.",
            "pressures_zh_hans": "内陆河下游水量减少。",
            "sources": [{"url": "https://example.org/xj-bulletin", "title": "Xinjiang bulletin"}],
            "verified": True,
            "machine_translated": ["zh-hans", "ru", "ar"],
            "editor_note": NOTE,
        }
        region = Region.objects.create(country=china, code=code, **(defaults | fields))
        RegionRisk.objects.bulk_create(
            RegionRisk(
                region=region,
                dimension="air" if i % 2 else "water",
                justification=f"Statement {i} in English.",
                justification_en=f"Statement {i} in English.",
                justification_zh_hans=f"第{i}条中文说明。",
                source_url=f"https://example.org/risk-{i}",
                verified=i % 3 == 0,
                editor_note=NOTE,
            )
            for i in range(risks)
        )
        return content_publish(obj=region, published_by=eddie) if publish else region

    return _make


# --- the page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_region_in_english(client, make_region):
    make_region()
    response = client.get(URL)
    assert response.status_code == 200
    assert pages.heading(response) == "Xinjiang Uygur Autonomous Region"
    text = pages.text(response)
    assert "Winter air pollution peaks around Urumqi." in text
    assert "Statement 0 in English." in text
    # English is the original: no machine-translation label for its readers.
    assert label("en") not in text


@pytest.mark.django_db
def test_it_shows_the_chinese_narrative_to_a_chinese_reader_with_the_machine_assisted_label(client, make_region):
    make_region()
    response = as_reader(client, "zh-hans").get(URL)
    text = pages.text(response)
    assert pages.heading(response) == "新疆维吾尔自治区"
    assert "冬季大气污染以乌鲁木齐周边最重。" in text
    assert "第0条中文说明。" in text
    assert "Winter air pollution peaks around Urumqi." not in text
    assert label("zh-hans") in text


@pytest.mark.django_db
def test_each_risk_shows_its_source_and_its_confidence_and_no_note_is_shown(client, make_region):
    make_region(risks=3)
    response = client.get(URL)
    body = response.content.decode()
    for i in range(3):
        assert f'href="https://example.org/risk-{i}"' in body
    assert body.count("source-confidence") == 3
    assert "checked against the cited source" in body
    assert "not yet checked against the cited source" in body
    assert NOTE not in body
    assert "internal note" not in body.lower()


@pytest.mark.django_db
def test_an_unpublished_region_is_not_found(client, make_region, eddie):
    region = make_region()
    content_unpublish(obj=region, unpublished_by=eddie)
    assert client.get(URL).status_code == 404


@pytest.mark.django_db
def test_a_draft_region_is_not_found_but_an_editor_may_preview_it(client, make_region, eddie):
    make_region(publish=False)
    assert client.get(URL).status_code == 404
    client.force_login(eddie)
    assert client.get(URL + "?preview=1").status_code == 200


@pytest.mark.django_db
def test_a_region_of_an_unpublished_country_is_not_found(client, make_region, china, eddie):
    make_region()
    content_unpublish(obj=china, unpublished_by=eddie)
    assert client.get(URL).status_code == 404


@pytest.mark.django_db
def test_it_finds_no_region_under_another_country(client, make_region, vietnam):
    make_region()
    assert client.get("/knowledge/countries/vn/regions/cn-xj/").status_code == 404


@pytest.mark.django_db
def test_chinas_profile_links_its_published_regions(client, make_region):
    make_region("CN-XJ")
    make_region("CN-GS", name="Gansu Province", name_en="Gansu Province", publish=False)
    response = client.get(reverse("knowledge:country-detail", args=["cn"]))
    assert "Belt and Road provinces" in pages.text(response)
    assert URL in pages.links(response)
    assert "/knowledge/countries/cn/regions/cn-gs/" not in pages.links(response)


@pytest.mark.django_db
def test_a_country_without_regions_shows_no_provinces_section(client, vietnam):
    response = client.get(reverse("knowledge:country-detail", args=["vn"]))
    assert "Belt and Road provinces" not in pages.text(response)


@pytest.mark.django_db
def test_a_published_region_is_found_by_search(client, make_region):
    make_region()
    response = client.get("/knowledge/search/", {"q": "Xinjiang"})
    assert URL in pages.links(response)


# --- query counts ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_region_page_costs_the_same_queries_with_3_risks_as_with_30(
    client, make_region, django_assert_max_num_queries
):
    make_region("CN-XJ", risks=3)
    make_region("CN-GS", risks=30, name="Gansu Province", name_en="Gansu Province")
    with django_assert_max_num_queries(20) as few:
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/knowledge/countries/cn/regions/cn-gs/")
    assert response.content.decode().count("source-confidence") == 30


@pytest.mark.django_db
def test_chinas_profile_costs_the_same_queries_with_3_regions_as_with_30(
    client, make_region, django_assert_max_num_queries
):
    for i in range(3):
        make_region(f"CN-A{i}", risks=1)
    with django_assert_max_num_queries(40) as few:
        assert client.get("/knowledge/countries/cn/").status_code == 200
    for i in range(3, 30):
        make_region(f"CN-A{i}", risks=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/knowledge/countries/cn/")
    assert sum(link.startswith("/knowledge/countries/cn/regions/") for link in pages.links(response)) == 30


# --- the importer ------------------------------------------------------------------------------


def _region_record(**fields) -> dict:
    return {
        "code": "CN-XJ",
        "country": "CN",
        "name": "Xinjiang Uygur Autonomous Region",
        "name_zh": "新疆维吾尔自治区",
        "ecological_status": "Arid.",
        "ecological_status_zh": "干旱。",
        "sources": [{"url": "https://example.org/xj", "title": "A bulletin"}],
        "verified": False,
        "machine_translated": ["zh-hans"],
        "editor_note": NOTE,
        "risks": [
            {
                "dimension": "air",
                "level": "",
                "justification": "Winter smog.",
                "justification_zh": "冬季雾霾。",
                "source_url": "https://example.org/xj-air",
                "verified": False,
            }
        ],
    } | fields


@pytest.fixture
def region_dataset(dataset):  # noqa: F811  (the tiny data set, China added)
    countries = json.loads((dataset / "countries.json").read_text(encoding="utf-8"))
    write(dataset, "countries", [*countries, {"iso2": "CN", "region": "East Asia", "verified": False}])
    write(dataset, "regions", [_region_record()])
    return dataset


@pytest.mark.django_db
def test_it_imports_a_region_with_its_risks_and_keeps_the_note_for_editors(region_dataset):
    counts = import_dataset(read_dataset(region_dataset))
    assert counts["regions"] == 1
    region = Region.objects.get(code="CN-XJ")
    assert region.country.iso2 == "CN"
    assert (region.name_en, region.name_zh_hans) == ("Xinjiang Uygur Autonomous Region", "新疆维吾尔自治区")
    assert region.editor_note == NOTE
    assert region.is_public
    risk = region.risks.get()
    assert (risk.justification_en, risk.justification_zh_hans, risk.level) == ("Winter smog.", "冬季雾霾。", "")


def _errors(directory) -> list[str]:
    return [str(e) for e in validate_dataset(read_dataset(directory)) if e.file == "regions"]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"sources": []}, "sources must list at least one {url, title}"),
        ({"sources": [{"title": "No address"}]}, "source url is missing"),
        ({"code": "CN-ZZ"}, "code 'CN-ZZ' is not an ISO 3166-2 subdivision code"),
        ({"code": "KZ-75"}, "code 'KZ-75' is not a subdivision of 'CN'"),
        ({"name_zh": ""}, "name_zh is missing"),
        ({"verified": "yes"}, "verified must be true or false"),
        ({"machine_translated": ["fr"]}, "machine_translated ['fr'] must be a list of zh-hans, ru, ar"),
        ({"ecological_status": "Figures not verified here."}, "ecological_status reads like a research note"),
        ({"ecological_status_zh": "数据未核实。"}, "ecological_status_zh reads like a research note"),
    ],
)
def test_it_refuses_a_bad_region_record(region_dataset, fields, reason):
    write(region_dataset, "regions", [_region_record(**fields)])
    errors = _errors(region_dataset)
    assert len(errors) == 1, errors
    assert errors[0].startswith("regions.json line 2 (record 1): " + reason), errors


@pytest.mark.parametrize(
    ("risk", "reason"),
    [
        ({"source_url": ""}, "risk air source_url is missing"),
        ({"dimension": "noise"}, "risk dimension 'noise' is not one of"),
        ({"level": "extreme"}, "risk level of air 'extreme' is not one of"),
        ({"justification": ""}, "risk air justification is missing"),
        ({"justification": "As commonly cited, smog."}, "risk air justification reads like a research note"),
    ],
)
def test_it_refuses_a_bad_regional_risk(region_dataset, risk, reason):
    base = _region_record()["risks"][0]
    write(region_dataset, "regions", [_region_record(risks=[base | risk])])
    errors = _errors(region_dataset)
    assert len(errors) == 1, errors
    assert errors[0].startswith("regions.json line 2 (record 1): " + reason), errors


@pytest.mark.django_db
def test_it_imports_nothing_when_a_region_has_no_source(region_dataset):
    write(region_dataset, "regions", [_region_record(), _region_record(code="CN-GS", sources=[])])
    with pytest.raises(DatasetInvalid) as refused:
        import_dataset(read_dataset(region_dataset))
    assert [e.message for e in refused.value.errors] == ["sources must list at least one {url, title}"]
    assert not Region.objects.exists()
    assert not Country.objects.exists()


# --- the shipped data --------------------------------------------------------------------------


def _shipped() -> list[dict]:
    return json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8"))


def test_the_shipped_regions_include_the_five_the_issue_names():
    codes = {r["code"] for r in _shipped()}
    assert {"CN-XJ", "CN-GS", "CN-SN", "CN-NX", "CN-QH"} <= codes


def test_every_shipped_region_and_risk_has_a_source_and_a_confidence_mark_and_chinese_text():
    for region in _shipped():
        assert region["sources"], region["code"]
        assert all(s["url"].startswith(("https://", "http://")) for s in region["sources"]), region["code"]
        assert isinstance(region["verified"], bool), region["code"]
        assert region["name_zh"] and region["ecological_status_zh"], region["code"]
        # Russian and Arabic names are machine-assisted: their readers are told so.
        assert {"ru", "ar"} <= set(region["machine_translated"]), region["code"]
        assert region["risks"], region["code"]
        for risk in region["risks"]:
            assert risk["source_url"].startswith(("https://", "http://")), region["code"]
            assert isinstance(risk["verified"], bool), region["code"]
            assert risk["justification"] and risk["justification_zh"], region["code"]


@pytest.mark.django_db
def test_knowledge_stats_counts_the_regions(make_region):
    make_region(risks=3)
    out = StringIO()
    call_command("knowledge_stats", "--summary", stdout=out)
    assert "  regions: 1, 1 verified (100 %)" in out.getvalue()
    assert "  regional risks: 3, 1 verified (33 %)" in out.getvalue()


# --- the editors' workspace --------------------------------------------------------------------


@pytest.mark.django_db
def test_editors_see_the_note_and_the_machine_assisted_languages_in_the_admin(login, eddie, make_region):
    region = make_region(publish=False)
    editor = login(eddie)
    changelist = pages.text(editor.get(reverse("admin:knowledge_region_changelist"), {"translation": "machine"}))
    assert "Xinjiang Uygur Autonomous Region" in changelist
    assert "Russian: machine-assisted" in changelist
    form = editor.get(reverse("admin:knowledge_region_change", args=[region.pk]))
    assert form.status_code == 200
    assert NOTE in form.content.decode()
    assert "preview" in pages.text(form)


@pytest.mark.django_db
def test_an_editor_saves_a_region_in_the_admin_and_the_edit_is_audited(login, eddie, make_region):
    from portal.models import AuditEvent

    region = make_region(publish=False, risks=0)
    editor = login(eddie)
    url = reverse("admin:knowledge_region_change", args=[region.pk])
    form = editor.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if not isinstance(v, (list, dict))}
    data |= {
        "country": region.country_id,
        "sources": json.dumps(region.sources),
        "machine_translated": json.dumps(["ru", "ar"]),
        "pressures_en": "Revised pressures.",
        "risks-TOTAL_FORMS": "0",
        "risks-INITIAL_FORMS": "0",
    }
    data.pop("verified", None)
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    region.refresh_from_db()
    assert region.pressures_en == "Revised pressures."
    assert region.machine_translated == ["ru", "ar"]
    assert AuditEvent.objects.filter(action="region.edited").exists()


@pytest.mark.django_db
def test_an_arabic_reader_sees_the_untranslated_narrative_marked_as_english(client, make_region):
    make_region()
    body = as_reader(client, "ar").get(URL).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert '<p lang="en" dir="ltr">Winter air pollution peaks around Urumqi.</p>' in body
    assert '<span lang="en" dir="ltr">Statement 0 in English.</span>' in body
    # In Chinese the narrative is the page's own language: no marking.
    body = as_reader(client, "zh-hans").get(URL).content.decode()
    assert "<p>冬季大气污染以乌鲁木齐周边最重。</p>" in body


# --- the API -----------------------------------------------------------------------------------

LIST = "/api/v1/regions/"


@pytest.mark.django_db
def test_the_list_gives_each_published_region_with_its_risks_sources_and_confidence(client, make_region):
    make_region("CN-XJ", risks=2)
    response = client.get(LIST)
    assert response.status_code == 200
    [region] = response.json()["results"]
    assert region["code"] == "CN-XJ"
    assert region["country"] == "CN"
    assert region["name"] == "Xinjiang Uygur Autonomous Region"
    assert region["url"] == "/knowledge/countries/cn/regions/cn-xj/"
    assert region["sources"] == [{"url": "https://example.org/xj-bulletin", "title": "Xinjiang bulletin"}]
    assert region["verified"] is True
    assert [r["justification"] for r in region["risks"]] == ["Statement 1 in English.", "Statement 0 in English."]
    assert all(r["source_url"].startswith("https://example.org/risk-") for r in region["risks"])
    assert {r["verified"] for r in region["risks"]} == {True, False}


@pytest.mark.django_db
def test_no_editor_note_reaches_the_api(client, make_region):
    make_region("CN-XJ", risks=2)
    body = client.get(LIST).content.decode() + client.get(f"{LIST}cn-xj/").content.decode()
    assert NOTE not in body
    assert "editor_note" not in body


@pytest.mark.django_db
def test_a_chinese_reader_gets_the_chinese_texts_marked_machine_assisted(client, make_region):
    make_region("CN-XJ", risks=1)
    region = as_reader(client, "zh-hans").get(f"{LIST}cn-xj/").json()
    assert region["name"] == "新疆维吾尔自治区"
    assert region["pressures"] == "内陆河下游水量减少。"
    assert region["risks"][0]["justification"] == "第0条中文说明。"
    assert "zh-hans" in region["machine_translated"]


@pytest.mark.django_db
def test_an_unpublished_region_is_not_listed_and_its_address_is_not_found(client, make_region, eddie):
    make_region("CN-GS", risks=1, name_en="Gansu Province")
    hidden = make_region("CN-XJ", risks=1)
    content_unpublish(obj=hidden, unpublished_by=eddie)
    assert [r["code"] for r in client.get(LIST).json()["results"]] == ["CN-GS"]
    response = client.get(f"{LIST}cn-xj/")
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.django_db
def test_the_country_filter_narrows_the_list(client, make_region):
    make_region("CN-XJ", risks=1)
    assert client.get(LIST, {"country": "cn"}).json()["count"] == 1
    assert client.get(LIST, {"country": "VN"}).json()["count"] == 0


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_with_3_regions_as_with_30(client, make_region, django_assert_max_num_queries):
    for i in range(3):
        make_region(f"CN-A{i}", risks=2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(LIST).json()["count"] == 3
    for i in range(3, 30):
        make_region(f"CN-A{i}", risks=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).json()["count"] == 30
