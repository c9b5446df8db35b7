"""The editorial life cycle: only published records whose time has come are public, by every
route (detail page, list, search, Atom feed, API); every move is legal or refused with 409,
and every move is audited."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from knowledge.choices import PublicationStatus as S
from knowledge.models import Country, Instrument, SearchEntry, Sector, SectorGuidance
from knowledge.services import (
    content_publish,
    content_return_to_draft,
    content_saved,
    content_submit_for_review,
    content_unpublish,
    index_object,
)
from portal.errors import ConflictError, ServiceError
from portal.models import AuditEvent
from tests.knowledge import pages
from tests.knowledge.conftest import ambient

WORD = "quillwort"  # in no other record, so a search for it finds only the record under test
KEY = "la-quillwort-protection-regulation"
INSTRUMENT_URL = f"/knowledge/instruments/{KEY}/"
COUNTRY_URL = "/knowledge/countries/la/"
COMPARE = "/knowledge/compare/"


@pytest.fixture
def laos_draft(eddie):
    country = Country.objects.create(
        iso2="LA",
        name="Laos",
        name_en="Laos",
        region="South-East Asia",
        ecological_status=f"Karst forests where the {WORD} grows.",
    )
    content_saved(obj=country, saved_by=eddie, created=True, changed_fields=["name"])
    return country


@pytest.fixture
def instrument_draft(eddie, laos_draft):
    instrument = Instrument.objects.create(
        key=KEY,
        jurisdiction="LA",
        country=laos_draft,
        type="regulation",
        title="Quillwort Protection Regulation",
        title_en="Quillwort Protection Regulation",
        summary=f"Protects the {WORD} and its wetlands.",
        adopted="2019",
        source_url="https://example.org/la-quillwort",
    )
    instrument.limits.create(**ambient("PM2.5", 25, "24-hour", f"{WORD} wetlands"))
    # An editor's save is what indexes a record: a draft must leave no trace in the index.
    content_saved(obj=instrument, saved_by=eddie, created=True, changed_fields=["title"])
    return instrument


def put_in_state(obj, state: str, editor):
    """Bring a fresh draft to ``state`` the way editors do, through the services."""
    if state == "review":
        return content_submit_for_review(obj=obj, submitted_by=editor)
    if state == "unpublished":
        obj = content_publish(obj=obj, published_by=editor)
        return content_unpublish(obj=obj, unpublished_by=editor, reason="Source under review")
    if state == "scheduled":
        return content_publish(obj=obj, published_by=editor, publish_at=timezone.now() + timedelta(days=1))
    if state == "published":
        return content_publish(obj=obj, published_by=editor)
    assert state == "draft"
    return obj


def api_keys(response, field: str) -> set[str]:
    assert response.status_code == 200
    body = response.json()
    return {item[field] for item in (body["results"] if isinstance(body, dict) else body)}


def search_urls(client) -> list[str]:
    response = client.get("/knowledge/search/", {"q": WORD})
    assert response.status_code == 200
    return pages.result_links(response)


def assert_instrument_hidden(client):
    assert client.get(INSTRUMENT_URL).status_code == 404
    listing = client.get("/knowledge/instruments/")
    assert INSTRUMENT_URL not in pages.result_links(listing)
    assert "Quillwort Protection Regulation" not in pages.text(listing)
    assert not [url for url in search_urls(client) if url.startswith(INSTRUMENT_URL)]
    assert "Quillwort Protection Regulation" not in pages.feed_titles(client.get("/knowledge/instruments/feed/"))
    # The comparison offers only countries with public limits.
    compare = client.get(COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "countries": "LA"})
    assert compare.status_code == 400
    assert "LA is not one of the available choices" in pages.text(compare)
    assert "Quillwort" not in pages.text(compare)


def assert_instrument_visible(client):
    assert client.get(INSTRUMENT_URL).status_code == 200
    assert INSTRUMENT_URL in pages.result_links(client.get("/knowledge/instruments/"))
    urls = search_urls(client)
    assert INSTRUMENT_URL in urls
    assert any(url.startswith(INSTRUMENT_URL + "#limit-") for url in urls)
    assert "Quillwort Protection Regulation" in pages.feed_titles(client.get("/knowledge/instruments/feed/"))
    compare = client.get(COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "countries": "LA"})
    assert compare.status_code == 200
    assert "Quillwort Protection Regulation" in pages.text(compare)


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "review", "unpublished", "scheduled"])
def test_it_hides_an_instrument_that_is_not_public_by_every_route(
    client, eddie, knowledge_base, instrument_draft, state
):
    content_publish(obj=instrument_draft.country, published_by=eddie)
    put_in_state(instrument_draft, state, eddie)
    assert_instrument_hidden(client)


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "review", "unpublished", "scheduled"])
def test_it_hides_a_country_that_is_not_public_by_every_route(client, eddie, laos_draft, state):
    put_in_state(laos_draft, state, eddie)
    assert client.get(COUNTRY_URL).status_code == 404
    assert client.get("/knowledge/countries/LA/").status_code == 404
    assert COUNTRY_URL not in pages.result_links(client.get("/knowledge/"))
    assert COUNTRY_URL not in search_urls(client)


@pytest.fixture
def laos_guidance(eddie, laos_draft):
    guidance = SectorGuidance.objects.create(
        country=laos_draft,
        sector=Sector.objects.create(code="hydropower", name="Hydropower"),
        notes=f"Dams must spare the {WORD} wetlands.",
        notes_en=f"Dams must spare the {WORD} wetlands.",
    )
    return content_publish(obj=guidance, published_by=eddie)


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["published", "unpublished", "scheduled"])
def test_it_shows_sector_guidance_only_while_its_country_is_public(client, eddie, laos_draft, laos_guidance, state):
    content_publish(obj=laos_draft, published_by=eddie)
    if state == "unpublished":
        content_unpublish(obj=laos_draft, unpublished_by=eddie)
    elif state == "scheduled":
        Country.objects.filter(pk=laos_draft.pk).update(publish_at=timezone.now() + timedelta(days=1))
    url = "/knowledge/guidance/la/hydropower/"
    visible = state == "published"
    assert client.get(url).status_code == (200 if visible else 404)
    # A search result must never lead to a page that is not there.
    assert (url in search_urls(client)) is visible


@pytest.mark.django_db
def test_it_shows_a_published_instrument_and_country_everywhere(client, eddie, instrument_draft):
    put_in_state(instrument_draft.country, "published", eddie)
    put_in_state(instrument_draft, "published", eddie)
    assert_instrument_visible(client)
    assert client.get(COUNTRY_URL).status_code == 200
    assert COUNTRY_URL in pages.result_links(client.get("/knowledge/"))
    assert COUNTRY_URL in search_urls(client)
    assert "Quillwort Protection Regulation" in pages.text(client.get(COUNTRY_URL))


@pytest.mark.django_db
def test_it_shows_a_scheduled_instrument_once_its_time_has_come(client, eddie, instrument_draft, monkeypatch):
    put_in_state(instrument_draft.country, "published", eddie)
    publish_at = timezone.now() + timedelta(hours=1)
    content_publish(obj=instrument_draft, published_by=eddie, publish_at=publish_at)
    assert_instrument_hidden(client)
    later = publish_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert_instrument_visible(client)


@pytest.mark.django_db
def test_it_shows_an_instrument_whose_publication_time_is_past(client, eddie, make_country):
    make_country("LA", "Laos")
    instrument = Instrument.objects.create(
        key=KEY,
        jurisdiction="LA",
        type="regulation",
        title="Quillwort Protection Regulation",
        title_en="Quillwort Protection Regulation",
        summary=f"Protects the {WORD}.",
        source_url="https://example.org/la-quillwort",
        status=S.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
        published_at=timezone.now() - timedelta(hours=1),
    )
    instrument.limits.create(**ambient("PM2.5", 25, "24-hour", f"{WORD} wetlands"))
    index_object(instrument)
    assert_instrument_visible(client)


@pytest.mark.django_db
def test_it_drops_an_unpublished_instrument_and_its_limits_from_the_index(eddie, instrument_draft):
    content_publish(obj=instrument_draft, published_by=eddie)
    assert SearchEntry.objects.filter(url__startswith=INSTRUMENT_URL).count() == 2
    content_unpublish(obj=instrument_draft, unpublished_by=eddie)
    assert not SearchEntry.objects.filter(url__startswith=INSTRUMENT_URL).exists()


# --- the API ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "review", "unpublished", "scheduled"])
def test_it_keeps_what_is_not_public_out_of_the_api(client, eddie, instrument_draft, state):
    put_in_state(instrument_draft.country, state, eddie)
    put_in_state(instrument_draft, state, eddie)
    assert KEY not in api_keys(client.get("/api/v1/instruments/"), "key")
    assert client.get(f"/api/v1/instruments/{KEY}/").status_code == 404
    assert "LA" not in api_keys(client.get("/api/v1/countries/"), "iso2")
    assert client.get("/api/v1/countries/la/").status_code == 404


@pytest.mark.django_db
def test_it_serves_what_is_published_in_the_api(client, eddie, instrument_draft):
    put_in_state(instrument_draft.country, "published", eddie)
    put_in_state(instrument_draft, "published", eddie)
    assert KEY in api_keys(client.get("/api/v1/instruments/"), "key")
    detail = client.get(f"/api/v1/instruments/{KEY}/")
    assert detail.status_code == 200
    assert detail.json()["title"] == "Quillwort Protection Regulation"
    assert "LA" in api_keys(client.get("/api/v1/countries/"), "iso2")
    assert client.get("/api/v1/countries/la/").status_code == 200


# --- transitions ------------------------------------------------------------------------------

SERVICES = {
    S.REVIEW: lambda obj, user: content_submit_for_review(obj=obj, submitted_by=user),
    S.PUBLISHED: lambda obj, user: content_publish(obj=obj, published_by=user),
    S.UNPUBLISHED: lambda obj, user: content_unpublish(obj=obj, unpublished_by=user),
    S.DRAFT: lambda obj, user: content_return_to_draft(obj=obj, returned_by=user),
}
VERBS = {S.REVIEW: "submitted", S.PUBLISHED: "published", S.UNPUBLISHED: "unpublished", S.DRAFT: "returned"}
LEGAL = {
    (S.DRAFT, S.REVIEW),
    (S.DRAFT, S.PUBLISHED),
    (S.REVIEW, S.DRAFT),
    (S.REVIEW, S.PUBLISHED),
    (S.PUBLISHED, S.UNPUBLISHED),
    (S.UNPUBLISHED, S.DRAFT),
    (S.UNPUBLISHED, S.PUBLISHED),
}
ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


def audit_events(obj):
    return AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk))


@pytest.mark.django_db
@pytest.mark.parametrize(("before", "after"), [p for p in ALL_PAIRS if p in LEGAL])
@pytest.mark.parametrize("model", ["instrument", "country"])
def test_it_makes_a_legal_move_and_audits_it(eddie, instrument_draft, model, before, after):
    obj = instrument_draft if model == "instrument" else instrument_draft.country
    type(obj).objects.filter(pk=obj.pk).update(status=before)
    SERVICES[after](obj, eddie)
    obj.refresh_from_db()
    assert obj.status == after
    event = audit_events(obj).get(action=f"{model}.{VERBS[after]}")
    assert event.actor == eddie
    assert (event.before["status"], event.after["status"]) == (before, after)


@pytest.mark.django_db
@pytest.mark.parametrize(("before", "after"), [p for p in ALL_PAIRS if p not in LEGAL])
def test_it_refuses_an_illegal_move_with_409(eddie, instrument_draft, before, after):
    Instrument.objects.filter(pk=instrument_draft.pk).update(status=before)
    events_before = audit_events(instrument_draft).count()
    with pytest.raises(ServiceError) as refused:
        SERVICES[after](instrument_draft, eddie)
    assert isinstance(refused.value, ConflictError)
    assert "cannot go from" in str(refused.value.message)
    instrument_draft.refresh_from_db()
    assert instrument_draft.status == before
    assert audit_events(instrument_draft).count() == events_before


@pytest.mark.django_db
def test_it_refuses_to_send_a_published_instrument_back_to_review(eddie, instrument_draft):
    content_publish(obj=instrument_draft, published_by=eddie)
    with pytest.raises(ServiceError) as refused:
        content_submit_for_review(obj=instrument_draft, submitted_by=eddie)
    assert isinstance(refused.value, ConflictError)
    assert str(refused.value.message) == "“Quillwort Protection Regulation” cannot go from Published to In review."


@pytest.mark.django_db
def test_it_audits_the_schedule_and_the_reason(eddie, instrument_draft):
    publish_at = timezone.now() + timedelta(days=2)
    content_publish(obj=instrument_draft, published_by=eddie, publish_at=publish_at)
    published = audit_events(instrument_draft).get(action="instrument.published")
    assert published.after["publish_at"].startswith(publish_at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert published.before == {"status": "draft", "publish_at": None}
    content_unpublish(obj=instrument_draft, unpublished_by=eddie, reason="Source under review")
    unpublished = audit_events(instrument_draft).get(action="instrument.unpublished")
    assert (unpublished.reason, unpublished.actor) == ("Source under review", eddie)


@pytest.mark.django_db
def test_it_keeps_the_first_publication_time_when_republishing(eddie, instrument_draft):
    first = content_publish(obj=instrument_draft, published_by=eddie).published_at
    content_unpublish(obj=instrument_draft, unpublished_by=eddie)
    again = content_publish(obj=instrument_draft, published_by=eddie)
    assert again.published_at == first
