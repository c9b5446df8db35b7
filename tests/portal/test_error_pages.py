"""Error pages are the site's own, translated, with a way on; a regulator who follows a project
link into the enterprise workspace is told why it is closed to them."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_missing_page_is_the_styled_404_with_a_way_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and reverse("knowledge:search") in page and 'class="site-header"' in page


@pytest.mark.django_db
def test_the_404_page_speaks_the_readers_language(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 404
    assert 'lang="zh-hans"' in response.content.decode()


@pytest.mark.django_db
def test_a_regulator_opening_an_enterprise_project_link_is_told_why(login, rita):
    response = login(rita).get(reverse("assessments:project-detail", args=[1]))
    assert response.status_code == 403
    assert "review workspace" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_action_shows_its_message_on_the_403_page(login, alice, bob, acme):
    from portal.services import invitation_create

    invitation = invitation_create(organisation=acme, email="x@acme.test", role="member", invited_by=alice)
    response = login(bob).post(reverse("portal:invitation-accept", args=[invitation.token]))
    assert response.status_code == 403
    assert "another email address" in response.content.decode()
