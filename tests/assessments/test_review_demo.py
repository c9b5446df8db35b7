"""The review demo that `make run` loads: a queue with a waiting project, one with an open
request and one approved with conditions; loading twice changes nothing."""

import pytest
from django.urls import reverse

from assessments.demo import load_demo_review
from assessments.models import Project
from portal.demo import load_demo_accounts
from portal.models import User


@pytest.mark.django_db
def test_the_demo_queue_shows_the_whole_flow(kazakhstan, rules, login):
    load_demo_accounts()
    assert len(load_demo_review()) == 3
    assert load_demo_review() == []
    statuses = dict(Project.objects.filter(reference__isnull=False).values_list("name", "status"))
    assert sorted(statuses.values()) == ["approved_conditions", "info_requested", "submitted"]
    rita = User.objects.get(email="rita@authority.example")
    queue = login(rita).get(reverse("review:home")).content.decode()
    assert all(name in queue for name in statuses)
    approved = Project.objects.get(status="approved_conditions")
    assert approved.decisions.get().conditions.count() == 2
