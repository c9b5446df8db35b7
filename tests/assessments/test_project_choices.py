"""A sector or capacity unit outside the portal's lists is refused by the service itself, so a
caller that skips the form (an import, the shell) cannot store a value that breaks later edits
(found by the schemathesis run: a project created with "Mt/a" answered 500 to every PATCH)."""

import pytest

from assessments.services import project_create, project_update
from portal.errors import ServiceError


@pytest.mark.django_db
def test_it_refuses_an_unknown_capacity_unit_on_create(acme, alice, kazakhstan):
    with pytest.raises(ServiceError, match="not a capacity unit") as refused:
        project_create(
            organisation=acme, created_by=alice, name="Pit", host_country=kazakhstan, capacity=1, capacity_unit="Mt/a"
        )
    assert refused.value.field == "capacity_unit"


@pytest.mark.django_db
def test_it_refuses_an_unknown_sector_on_update(project, alice):
    with pytest.raises(ServiceError, match="not a sector"):
        project_update(project=project, updated_by=alice, sector="casino")
    project.refresh_from_db()
    assert project.sector == "solar"


@pytest.mark.django_db
def test_the_api_answers_400_with_the_message(project, alice):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(alice)
    response = api.patch(f"/api/v1/projects/{project.pk}/", {"capacity_unit": "Mt/a"}, format="json")
    assert response.status_code == 400
