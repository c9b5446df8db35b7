"""An owner withdraws a project with a reason; the reason stays in the trail; nothing is deleted."""

import pytest
from django.urls import reverse

from assessments.models import Project
from portal.models import AuditEvent


@pytest.fixture
def draft(alice, kazakhstan):
    from assessments import services

    return services.project_create(
        organisation=alice.memberships.get().organisation, created_by=alice, name="Aral Solar", host_country=kazakhstan
    )


@pytest.mark.django_db
def test_an_owner_withdraws_a_project_with_a_reason_kept_in_the_trail(login, alice, draft):
    response = login(alice).post(
        reverse("assessments:project-withdraw", args=[draft.pk]), {"reason": "Financing fell through."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    event = AuditEvent.objects.get(action="project.withdrawn", target_id=str(draft.pk))
    assert event.reason == "Financing fell through."
    assert Project.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_it_asks_for_a_reason_and_keeps_the_project(login, alice, draft):
    response = login(alice).post(reverse("assessments:project-withdraw", args=[draft.pk]), {"reason": ""})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.django_db
def test_a_withdrawn_project_cannot_be_withdrawn_again_or_by_another_enterprise(login, alice, charlie, draft):
    url = reverse("assessments:project-withdraw", args=[draft.pk])
    assert login(charlie).post(url, {"reason": "x"}).status_code == 404
    login(alice).post(url, {"reason": "Stopped."})
    again = login(alice).post(url, {"reason": "Again."})
    assert again.status_code == 409
    assert AuditEvent.objects.filter(action="project.withdrawn").count() == 1
