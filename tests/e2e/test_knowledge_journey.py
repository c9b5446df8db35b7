"""An editor drafts an instrument in English and Chinese and publishes it; a visitor finds it
by a Chinese and by an English word, opens it and compares its limit with China's."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from knowledge.choices import InstrumentType, LegalStatus, Medium, PublicationStatus
from knowledge.importer import _ensure_taxonomies
from knowledge.models import Country, CountryRisk, Instrument, StandardLimit
from knowledge.services import search_rebuild
from tests.factories import PASSWORD


@pytest.fixture
def reference_data(db):
    _ensure_taxonomies()
    cn = Country.objects.create(
        iso2="CN", name="China", name_zh_hans="中国", status=PublicationStatus.PUBLISHED, is_reference=True
    )
    vn = Country.objects.create(
        iso2="VN",
        name="Viet Nam",
        name_zh_hans="越南",
        region="Southeast Asia",
        status=PublicationStatus.PUBLISHED,
        ecological_status="Tropical forests, the Mekong delta and coastal mangroves.",
    )
    CountryRisk.objects.create(
        country=vn, dimension="air", level="high", justification="PM2.5 exposure above WHO guideline."
    )
    gb = Instrument.objects.create(
        key="cn-gb-3095-2012",
        jurisdiction="CN",
        country=cn,
        type=InstrumentType.STANDARD,
        title="Ambient Air Quality Standard",
        number="GB 3095-2012",
        legal_status=LegalStatus.IN_FORCE,
        source_url="https://www.mee.gov.cn/",
        verified=True,
        status=PublicationStatus.PUBLISHED,
    )
    StandardLimit.objects.create(
        instrument=gb,
        parameter="PM2.5",
        medium=Medium.AMBIENT_AIR,
        category="Grade II",
        value=Decimal(75),
        unit="µg/m³",
        averaging="24-hour",
        verified=True,
    )
    search_rebuild()
    return vn


@pytest.mark.django_db(transaction=True)
def test_an_editor_publishes_and_a_visitor_finds_and_compares(
    page, browser_login, reference_data, eddie, assert_accessible, chromium, live_server
):
    # The editor logs in and drafts the instrument in the admin, in English and Chinese.
    browser_login(eddie.email, PASSWORD)
    page.goto("/admin/knowledge/instrument/add/")
    page.locator("#id_key").fill("vn-test-air-regulation")
    page.locator("#id_jurisdiction").fill("VN")
    page.locator("#id_country").select_option(label="Viet Nam")
    page.locator("#id_type").select_option("standard")
    page.locator("#id_title_en").fill("National Technical Regulation on Ambient Air Quality (journey)")
    page.locator("#id_title_zh_hans").fill("国家环境空气质量技术规范")
    page.locator("#id_legal_status").select_option("in_force")
    page.locator("#id_source_url").fill("https://www.luatmoitruong.vn/qcvn-05-2023-btnmt")
    page.locator("#id_limits-0-parameter").fill("PM2.5")
    page.locator("#id_limits-0-medium").select_option("ambient_air")
    page.locator("#id_limits-0-value").fill("50")
    page.locator("#id_limits-0-unit").fill("µg/m³")
    page.locator("#id_limits-0-averaging").fill("24-hour")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    instrument = Instrument.objects.get(key="vn-test-air-regulation")
    assert instrument.status == PublicationStatus.DRAFT

    # A visitor (another browser context, no session) cannot see the draft.
    visitor = chromium.new_context(base_url=live_server.url).new_page()
    assert visitor.goto("/knowledge/instruments/vn-test-air-regulation/").status == 404
    visitor.goto("/knowledge/search/?q=空气质量")
    expect(visitor.locator(".result-list")).not_to_contain_text("journey")

    # The editor publishes it with the admin action.
    page.goto("/admin/knowledge/instrument/")
    page.locator(f"input[name=_selected_action][value='{instrument.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("published")

    # The visitor finds it by a Chinese word and by an English word.
    visitor.goto("/knowledge/search/?q=空气质量")
    expect(visitor.locator(".result-list")).to_contain_text("journey")
    assert_accessible(visitor)
    visitor.goto("/knowledge/search/?q=regulation")
    visitor.get_by_role(
        "link", name="National Technical Regulation on Ambient Air Quality (journey)", exact=True
    ).click()
    visitor.wait_for_url("**/knowledge/instruments/vn-test-air-regulation/")
    expect(visitor.locator("h1")).to_have_text("National Technical Regulation on Ambient Air Quality (journey)")
    assert_accessible(visitor)

    # ... and compares its limit with China's.
    visitor.get_by_role("link", name="compare with China").click()
    visitor.wait_for_url("**/knowledge/compare/**")
    row = visitor.locator("tr", has_text="Viet Nam")
    expect(row).to_contain_text("stricter")
    expect(visitor.locator("tr.reference")).to_contain_text("75")
    assert_accessible(visitor)

    visitor.goto("/knowledge/countries/vn/")
    assert_accessible(visitor)
    visitor.goto("/knowledge/")
    assert_accessible(visitor)
    page.goto("/knowledge/compare/?parameter=PM2.5&medium=ambient_air&averaging=24h&countries=VN")
    visitor.context.close()
