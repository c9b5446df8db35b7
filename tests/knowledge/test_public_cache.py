"""Anonymous public pages and API responses are cached, invalidated when an editor publishes,
unpublishes or schedules, revalidated with ETag/Last-Modified, and never shared with or from a
signed-in user (portal/public_cache.py)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from knowledge.models import Instrument
from knowledge.services import content_publish, content_unpublish
from tests.knowledge import pages

LIST = "/knowledge/instruments/"
API_LIST = "/api/v1/instruments/"
FEED = "/knowledge/instruments/feed/"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_CACHE = True


def titles(response) -> list[str]:
    return [row[0] for row in pages.table_rows(response)[1:]]


@pytest.mark.django_db
def test_a_second_anonymous_request_is_served_from_the_cache(client, knowledge_base, django_assert_num_queries):
    first = client.get(LIST)
    with django_assert_num_queries(0):
        second = client.get(LIST)
    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST, API_LIST, FEED, "/knowledge/search/?q=air", "/api/v1/search/?q=air"])
def test_a_publish_shows_on_the_next_request(client, knowledge_base, make_instrument, url):
    getter = APIClient().get if url.startswith("/api/") else client.get
    assert b"Law on Water Resources" not in getter(url).content
    make_instrument(key="vn-water-law", jurisdiction="VN", title="Law on Water Resources", summary="Air and water.")
    assert b"Law on Water Resources" in getter(url).content


@pytest.mark.django_db
def test_an_unpublish_hides_the_record_on_the_next_request(client, knowledge_base, eddie):
    assert "WHO Global Air Quality Guidelines" in pages.text(client.get(LIST))
    content_unpublish(obj=Instrument.objects.get(key="who-aqg-2021"), unpublished_by=eddie)
    assert "WHO Global Air Quality Guidelines" not in pages.text(client.get(LIST))
    assert client.get("/knowledge/instruments/who-aqg-2021/").status_code == 404


@pytest.mark.django_db
def test_a_scheduled_record_appears_when_its_time_comes(client, knowledge_base, make_instrument, eddie):
    draft = make_instrument(key="kz-air-rule", jurisdiction="KZ", title="Rule on Air Emissions", publish=False)
    content_publish(obj=draft, published_by=eddie, publish_at=timezone.now() + timedelta(seconds=1.5))
    assert "Rule on Air Emissions" not in pages.text(client.get(LIST))
    time.sleep(1.6)  # nobody writes anything when the time comes: the cache must know it anyway
    assert "Rule on Air Emissions" in pages.text(client.get(LIST))


@pytest.mark.django_db
def test_a_signed_in_user_never_gets_the_anonymous_page(client, login, alice, knowledge_base):
    anonymous = client.get(LIST)
    assert "alice@acme.test" not in pages.text(anonymous)
    signed_in = login(alice).get(LIST)
    assert "alice@acme.test" in pages.text(signed_in)
    assert "private" in signed_in["Cache-Control"]
    assert "Cookie" in signed_in["Vary"]


@pytest.mark.django_db
def test_an_anonymous_reader_never_gets_a_signed_in_users_page(client, login, alice, knowledge_base):
    assert "alice@acme.test" in pages.text(login(alice).get(LIST))
    assert "alice@acme.test" not in pages.text(client.get(LIST))
    assert "Log in" in pages.text(client.get(LIST))


@pytest.mark.django_db
def test_api_token_clients_are_not_served_from_the_cache(knowledge_base, alice, django_assert_max_num_queries):
    from knox.models import AuthToken

    APIClient().get(API_LIST)  # fills the anonymous cache
    api = APIClient()
    _instance, token = AuthToken.objects.create(user=alice)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    with django_assert_max_num_queries(20) as ctx:
        assert api.get(API_LIST).status_code == 200
    assert len(ctx.captured_queries) > 0


@pytest.mark.django_db
def test_pages_are_cached_per_language(client, knowledge_base):
    assert client.get("/knowledge/").headers["Content-Language"] == "en"
    client.cookies["django_language"] = "zh-hans"
    response = client.get("/knowledge/")
    assert response.headers["Content-Language"] == "zh-hans"
    assert "知识库" in pages.text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/knowledge/", LIST, "/knowledge/instruments/cn-gb-3095-2012/", API_LIST, FEED])
def test_a_conditional_get_answers_304(client, knowledge_base, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.mark.django_db
def test_a_publish_changes_the_etag(client, knowledge_base, make_instrument):
    etag = client.get(LIST)["ETag"]
    make_instrument(key="vn-water-law", jurisdiction="VN", title="Law on Water Resources")
    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.django_db
def test_pages_render_when_the_cache_is_down(client, knowledge_base, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    assert client.get(LIST).status_code == 200
    assert APIClient().get(API_LIST).status_code == 200


@pytest.mark.django_db
def test_anonymous_public_pages_set_no_cookie(client, knowledge_base):
    # A per-visitor cookie (CSRF token) would make the page personal and uncacheable.
    for url in ("/", "/knowledge/", LIST, "/knowledge/search/?q=air"):
        assert not client.get(url).cookies, url


@pytest.mark.django_db
def test_the_language_switch_works_without_a_csrf_token(knowledge_base):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "ar", "next": "/knowledge/"})
    assert response.status_code == 302
    assert strict.get("/knowledge/").headers["Content-Language"] == "ar"
