"""No public page or API response carries an editor's internal note or a raw enum value
(issue 10.4), scanned over every public URL of the demo data: the shipped knowledge base,
the demo accounts and the demo project (its workspace pages, as its owner)."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.db.models import TextChoices
from django.urls import reverse

import assessments.choices
import knowledge.choices
import portal.choices
from assessments.management.commands.load_assessment_data import Command as LoadAssessmentData
from knowledge.importer import import_dataset, read_dataset
from knowledge.models import CountryRisk, Instrument, SectorGuidance, StandardLimit
from portal.demo import load_demo_accounts

# The editors' work notes as the data set writes them.
NOTE_MARKERS = re.compile(
    r"reference-facts|Level derived|\(read in https?://|\(not read here\)|confidence read|"
    r"\(background\)|from memory|excerpt read",
    re.I,
)


def _raw_enum_values() -> set[str]:
    values = set()
    for module in (knowledge.choices, assessments.choices, portal.choices):
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, TextChoices) and obj is not TextChoices:
                values |= {v for v in obj.values if "_" in v}
    return values


class _VisibleText(HTMLParser):
    """Text a reader sees: text nodes outside script/style, and title/alt/aria-label/placeholder."""

    SEEN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}

    def __init__(self):
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [v for k, v in attrs if k in self.SEEN_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def demo_data(db):
    import_dataset(read_dataset())
    LoadAssessmentData().handle()
    load_demo_accounts()
    from assessments.demo import load_demo_project

    return load_demo_project()


def _public_pages():
    yield reverse("portal:home")
    yield reverse("knowledge:home")
    yield reverse("knowledge:instrument-list")
    yield reverse("knowledge:guidance-list")
    yield reverse("knowledge:search") + "?q=coal"
    yield reverse("knowledge:compare") + "?parameter=PM2.5&medium=ambient_air&averaging=24h"
    yield reverse("knowledge:compare") + "?parameter=SO2&medium=air_emissions"
    for iso2 in CountryRisk.objects.values_list("country__iso2", flat=True).distinct():
        yield reverse("knowledge:country-detail", args=[iso2.lower()])
    for key in Instrument.objects.values_list("key", flat=True):
        yield reverse("knowledge:instrument-detail", args=[key])
    for g in SectorGuidance.objects.select_related("country"):
        yield g.get_absolute_url()


def _public_api():
    for name in ("country", "instrument", "limit", "guidance", "article"):
        yield reverse(f"knowledge-api:{name}-list")
    for iso2 in CountryRisk.objects.values_list("country__iso2", flat=True).distinct():
        yield reverse("knowledge-api:country-detail", args=[iso2])
    for key in Instrument.objects.values_list("key", flat=True)[:400]:
        yield reverse("knowledge-api:instrument-detail", args=[key])


def test_the_scan_knows_the_internal_notes_it_looks_for(demo_data):
    # The shipped data really holds such notes, kept for editors: the scan is not vacuous.
    assert Instrument.objects.exclude(note="").count() > 100
    assert CountryRisk.objects.filter(editor_note__contains="Level derived").count() >= 35 * 6
    assert StandardLimit.objects.exclude(editor_note="").count() > 400
    assert {"very_high", "thermal_power"} <= _raw_enum_values()


def test_no_public_page_shows_an_internal_note_or_a_raw_enum_value(client, demo_data):
    raw = _raw_enum_values()
    problems = []
    urls = list(_public_pages())
    assert len(urls) > 300
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        if m := NOTE_MARKERS.search(text):
            problems.append(f"{url}: internal note {m.group(0)!r}")
        leaked = {w for w in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text) if w in raw}
        if leaked:
            problems.append(f"{url}: raw values {sorted(leaked)}")
    assert problems == []


def test_no_public_api_response_carries_an_internal_note(client, demo_data):
    problems = []
    for url in _public_api():
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, url
        body = json.dumps(response.json(), ensure_ascii=False)
        if m := NOTE_MARKERS.search(body):
            problems.append(f"{url}: {m.group(0)!r}")
        assert '"editor_note"' not in body and '"note"' not in body, url
    assert problems == []


def test_the_demo_projects_pages_show_labels_not_codes(client, demo_data, login):
    from portal.models import User

    owner = User.objects.get(email="alice@acme.example")
    client = login(owner)
    raw = _raw_enum_values()
    problems = []
    for name in ("project-detail", "project-screening", "project-risks", "project-design", "project-site"):
        url = reverse(f"assessments:{name}", args=[demo_data.pk])
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        leaked = {w for w in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text) if w in raw}
        if leaked:
            problems.append(f"{url}: raw values {sorted(leaked)}")
    assert problems == []
