"""A comment from a server that passes no client address (gunicorn on a unix socket, a WSGI test
client) is accepted, not a 500 (found by the schemathesis run: "unknown" reached an IP column)."""

import pytest
from rest_framework.test import APIClient

from assessments.services import disclosure as ds
from assessments.services import review as rs


@pytest.fixture
def consulting(submitted, rita, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    rs.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land nearby.")
    ds.consultation_open(project=submitted, opened_by=rita)
    submitted.refresh_from_db()
    return submitted


@pytest.mark.django_db
def test_a_comment_without_a_client_address_is_accepted(consulting):
    from assessments.models import Comment

    response = APIClient(REMOTE_ADDR="").post(
        f"/api/v1/disclosures/{consulting.reference}/comments/",
        {"name": "Aigerim", "email": "aigerim@example.org", "text": "The grazing land is used all year."},
        format="json",
    )
    assert response.status_code == 202, response.content
    assert Comment.objects.get().ip_address is None
