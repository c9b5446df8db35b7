"""A Chinese and an Arabic reader run the screening and answer the measures page in their own
language: the explanations, the risks and the measures are translated content, not English left
behind, and Arabic lays out right to left. Screenshots go to tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.loader import load_catalogue, load_catalogue_translations, load_ruleset
from assessments.rules.questionnaire import QUESTIONS
from assessments.services import project_create
from knowledge.choices import PublicationStatus
from knowledge.models import Country, CountryRisk
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD

ALL_NO = {q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}
SITE = '{"type": "Point", "coordinates": [71.0, 50.5]}'

# What each reader must see, and the English that must not be left on their page.
LANGUAGES = {
    "zh-hans": {"button": "简体中文", "screen": "运行筛查", "category": "C类", "saved": "已保存", "dir": "ltr"},
    "ar": {
        "button": "العربيّة",
        "screen": "إجراء الفرز",
        "category": "الفئة C",
        "saved": "الإجابات المحفوظة",
        "dir": "rtl",
    },
}
SCRIPT = {"zh-hans": ("\u4e00", "\u9fff"), "ar": ("\u0600", "\u06ff")}


def _has_script(text: str, language: str) -> bool:
    low, high = SCRIPT[language]
    return any(low <= ch <= high for ch in text)


@pytest.fixture
def project(db, alice, acme):
    kz = Country.objects.create(
        iso2="KZ",
        name="Kazakhstan",
        name_zh_hans="哈萨克斯坦",
        name_ar="كازاخستان",
        status=PublicationStatus.PUBLISHED,
        region="Central Asia",
    )
    CountryRisk.objects.create(country=kz, dimension="water", level="high", justification="Withdrawals are high.")
    load_ruleset()
    load_catalogue()
    load_catalogue_translations()
    project = project_create(
        organisation=acme,
        created_by=alice,
        name="Karaganda Solar Park",
        host_country=kz,
        sector="solar",
        capacity=40,
        capacity_unit="MW",
    )
    services.project_set_site(project=project, site_text=SITE, updated_by=alice)
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    return project


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.django_db(transaction=True)
def test_a_reader_screens_and_answers_the_measures_in_their_language(
    page, browser_login, project, alice, language, assert_accessible
):
    words = LANGUAGES[language]
    browser_login(alice.email, PASSWORD)
    page.get_by_role("button", name=words["button"]).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == words["dir"]

    page.goto(f"/workspace/projects/{project.pk}/screening/")
    page.get_by_role("button", name=words["screen"]).click()
    page.wait_for_load_state()
    expect(page.locator(".category-big")).to_contain_text(words["category"])
    factors = page.locator("table").first.inner_text()
    assert _has_script(factors, language), factors
    # The solar rule's explanation is read in the reader's language, not left in English.
    assert "Solar farms generate renewable electricity" not in page.locator("main").inner_text()
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"project_screening_{language}.png"), full_page=True)

    page.goto(f"/workspace/projects/{project.pk}/risks/")
    risks = page.locator("table.risks").inner_text()
    assert _has_script(risks, language), risks
    measure = page.locator("fieldset.measure").first.inner_text()
    assert _has_script(measure, language), measure
    page.locator("form button[name=accept_all]").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(words["saved"])
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"project_measures_{language}.png"), full_page=True)
