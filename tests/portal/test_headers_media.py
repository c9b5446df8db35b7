"""Permissions-Policy on every answer; uploaded media never served by URL, even under DEBUG."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches


@pytest.mark.django_db
def test_every_answer_carries_a_permissions_policy(client):
    for url in ["/", "/knowledge/", "/api/v1/countries/", "/healthz"]:
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy, url


@pytest.mark.django_db
def test_media_is_not_served_by_url_even_under_debug(client, settings, tmp_path):
    # make run is DEBUG=1: the URLconf it builds must not expose MEDIA_ROOT.
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "secret.pdf").write_bytes(b"%PDF-1.4 confidential")
    import portal.urls

    try:
        with override_settings(DEBUG=True):
            importlib.reload(portal.urls)
            clear_url_caches()
            response = client.get("/media/documents/secret.pdf")
    finally:
        importlib.reload(portal.urls)
        clear_url_caches()
    assert response.status_code == 404
    assert b"confidential" not in response.content
