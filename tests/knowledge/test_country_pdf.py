"""The public country profile PDF: what it shows, read back from the file; cached by its
inputs; a new version when the published profile changes; drafts never in it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from knowledge.models import CountryRisk, Sector, SectorGuidance
from knowledge.report import KIND
from knowledge.services import content_publish
from portal.choices import ArtefactState
from portal.models import Artefact


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def fetch(client, capture, iso2="CN", lang="en"):
    """First visit: 202 while it renders (the render runs at commit); second: the PDF."""
    url = reverse("knowledge:country-pdf", args=[iso2]) + f"?lang={lang}"
    with capture(execute=True):
        first = client.get(url)
    return first, client.get(url)


@pytest.fixture
def profile(china, cn_air_standard, cn_environmental_protection_law, eddie):
    CountryRisk.objects.create(
        country=china,
        dimension="air",
        level="high",
        justification="PM2.5 above the WHO guideline in most cities.",
        source_url="https://example.org/air-report",
    )
    sector = Sector.objects.create(code="solar", name="Solar power")
    guidance = SectorGuidance.objects.create(
        country=china,
        sector=sector,
        eia_tier="Report form for plants above the threshold.",
        permits=["Land-use permit"],
        key_risks=["Land take"],
    )
    content_publish(obj=guidance, published_by=eddie)
    return china


@pytest.mark.django_db
def test_anyone_gets_the_profile_pdf_with_its_sections(client, profile, django_capture_on_commit_callbacks):
    pending, ready = fetch(client, django_capture_on_commit_callbacks)
    assert pending.status_code == 202 and b"being prepared" in pending.content
    assert pending["Retry-After"] == "5"
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    text = pdf_text(ready)
    assert "China" in text
    assert "Severe air pollution in northern cities." in text
    assert "PM2.5 above the WHO guideline" in text and "https://example.org/air-report" in text
    assert "Ambient Air Quality Standard" in text and "GB 3095-2012" in text
    assert "Environmental Protection Law of the People's Republic of China" in text
    assert "PM2.5" in text and "Grade II" in text
    assert "Solar power" in text and "Land-use permit" in text


@pytest.mark.django_db
def test_the_chinese_profile_is_chinese_text(client, profile, django_capture_on_commit_callbacks):
    _pending, ready = fetch(client, django_capture_on_commit_callbacks, lang="zh-hans")
    text = pdf_text(ready)
    assert "中国" in text
    assert "中华人民共和国环境保护法" in text


@pytest.mark.django_db
def test_a_machine_assisted_chinese_profile_says_so_in_the_pdf_and_the_english_does_not(
    client, profile, django_capture_on_commit_callbacks
):
    from django.utils import translation

    profile.ecological_status_zh_hans = "北方城市空气污染严重。"
    profile.machine_translated = ["zh-hans"]
    profile.save()
    with translation.override("zh-hans"):
        label = translation.gettext("Machine-assisted translation, not yet reviewed by an editor.")
    _pending, chinese = fetch(client, django_capture_on_commit_callbacks, lang="zh-hans")
    text = pdf_text(chinese)
    assert "北方城市空气污染严重。" in text
    assert label.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    _pending, english = fetch(client, django_capture_on_commit_callbacks)
    assert "Machine-assisted translation" not in pdf_text(english)


@pytest.mark.django_db
def test_it_is_cached_by_its_inputs_and_versioned_when_the_profile_changes(
    client, profile, eddie, django_capture_on_commit_callbacks
):
    fetch(client, django_capture_on_commit_callbacks)
    fetch(client, django_capture_on_commit_callbacks)
    assert Artefact.objects.filter(kind=KIND).count() == 1
    profile.ecological_status = "Air quality improved markedly since 2013."
    profile.ecological_status_en = profile.ecological_status
    profile.save()
    _pending, ready = fetch(client, django_capture_on_commit_callbacks)
    assert "improved markedly" in pdf_text(ready)
    versions = list(Artefact.objects.filter(kind=KIND).order_by("version").values_list("version", "state"))
    assert versions == [(1, ArtefactState.READY), (2, ArtefactState.READY)]


@pytest.mark.django_db
def test_drafts_never_reach_the_pdf(client, profile, make_instrument, make_country, django_capture_on_commit_callbacks):
    make_instrument(key="cn-draft", jurisdiction="CN", title="A draft regulation", publish=False)
    make_country("MN", "Mongolia", publish=False)
    _pending, ready = fetch(client, django_capture_on_commit_callbacks)
    assert "A draft regulation" not in pdf_text(ready)
    assert client.get(reverse("knowledge:country-pdf", args=["MN"])).status_code == 404
    assert client.get(reverse("knowledge:country-pdf", args=["CN"]) + "?lang=xx").status_code == 404


@pytest.mark.django_db
def test_the_country_page_links_its_pdf(client, profile):
    page = client.get(reverse("knowledge:country-detail", args=["CN"]))
    assert reverse("knowledge:country-pdf", args=["CN"]).encode() in page.content


@pytest.mark.django_db
def test_a_signed_in_reader_gets_no_inbox_noise_for_a_public_pdf(
    login, profile, alice, django_capture_on_commit_callbacks
):
    from portal.models import Notification

    fetch(login(alice), django_capture_on_commit_callbacks)
    assert Artefact.objects.get(kind=KIND).requested_by == alice
    assert not Notification.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_the_public_api_gives_state_then_the_download_url(profile, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    url = reverse("knowledge-api:country-profile-pdf", args=["CN"]) + "?language=ar"
    with django_capture_on_commit_callbacks(execute=True):
        queued = APIClient().get(url)
    assert queued.status_code == 202 and queued.json()["state"] == "queued"
    ready = APIClient().get(url)
    assert ready.status_code == 200 and ready.json()["state"] == "ready"
    assert ready.json()["download_url"].endswith("/knowledge/countries/CN/profile.pdf?lang=ar")
    assert APIClient().get(ready.json()["download_url"])["Content-Type"] == "application/pdf"
    assert (
        APIClient().get(reverse("knowledge-api:country-profile-pdf", args=["CN"]) + "?language=xx").status_code == 400
    )
    assert APIClient().get(reverse("knowledge-api:country-profile-pdf", args=["ZZ"])).status_code == 404
