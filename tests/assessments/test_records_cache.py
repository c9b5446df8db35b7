"""The public pages made from records (ratings, blacklist, disclosure register, statistics) are
cached for anonymous readers and go stale the moment a record changes: every change is audited,
and the audit log bumps the cache's "records" scope (portal/public_cache.py)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils import timezone

from assessments.services import rating as rs
from portal import public_cache


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_CACHE = True


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/enterprises/", "/enterprises/{pk}/"])
def test_an_incident_shows_on_the_next_anonymous_request(project, acme, rita, client, url, django_assert_num_queries):
    url = url.format(pk=acme.pk)
    rs.rating_recompute(organisation=acme, trigger="test")
    first = client.get(url)
    before = first.content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content  # served from the cache
    rs.incident_record(
        organisation=acme, recorded_by=rita, occurred_on=dt.date(2026, 1, 5), severity="serious", description="Spill."
    )
    page = client.get(url).content.decode()
    # The colour filter names every colour: count the enterprise's own yellow, not the option.
    assert page.count("Yellow") > before.count("Yellow")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/blacklist/", "/disclosure/", "/statistics/", "/disclosure/feed/", "/api/v1/disclosures/"]
)
def test_the_records_pages_are_served_from_the_cache_the_second_time(client, url, django_assert_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content and second["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_a_knowledge_publish_leaves_the_records_pages_cached_and_a_record_change_the_knowledge_pages():
    records, knowledge = public_cache.current_version("records"), public_cache.current_version()
    public_cache.bump_public_version()
    assert public_cache.current_version("records")["v"] == records["v"]
    public_cache.bump_public_version("records")
    assert public_cache.current_version()["v"] != knowledge["v"]  # the first bump
    assert public_cache.current_version("records")["v"] != records["v"]


@pytest.mark.django_db
def test_the_records_pages_expire_by_the_next_midnight_when_nothing_is_written():
    version = public_cache.current_version("records")
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    assert version["until"] is not None and version["until"] <= midnight.timestamp()


@pytest.mark.django_db
def test_a_page_with_a_form_token_is_never_stored(rf):
    # A POST form's CSRF token belongs to one visitor: sharing it would make everyone else's post fail.
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse('<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>')

    cached = public_cache.cache_public(view, scope="records")
    for _ in range(2):
        request = rf.get("/disclosure/GBR-2026-000001/")
        request.user = AnonymousUser()
        cached(request)
    assert len(calls) == 2
