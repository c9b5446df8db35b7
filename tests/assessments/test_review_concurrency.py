"""Two lead reviewers decide the same submission at the same moment (PostgreSQL row locks):
exactly one decision exists and the other caller gets a conflict (409 through the API)."""

import json
import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from assessments.models import Decision, Project
from assessments.services import review as review_services
from portal.choices import Role
from portal.errors import ConflictError
from portal.models import User
from tests.factories import member_of
from tests.services import requires_postgres

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lena(authority):
    return member_of(authority, email="lena@authority.test", role=Role.LEAD_REVIEWER)


def race(*calls):
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_lead_reviewers_deciding_at_once_make_one_decision(submitted, rita, lena):
    def decide(email, outcome):
        def call():
            user = User.objects.get(email=email)
            project = Project.objects.get(pk=submitted.pk)
            return review_services.decision_make(project=project, decided_by=user, outcome=outcome, reasons="Reasons.")

        return call

    results = race(decide(rita.email, "approved"), decide(lena.email, "rejected"))
    assert Decision.objects.filter(project=submitted).count() == 1
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    decisions = [r for r in results if isinstance(r, Decision)]
    assert len(conflicts) == 1 and len(decisions) == 1, results
    submitted.refresh_from_db()
    assert submitted.status == decisions[0].outcome


def test_through_the_api_one_gets_201_and_the_other_409(submitted, rita, lena):
    path = f"/api/v1/review/projects/{submitted.pk}/decision/"

    def decide(email, outcome):
        def call():
            client = APIClient()
            client.force_authenticate(User.objects.get(email=email))
            body = json.dumps({"outcome": outcome, "reasons": "Reasons."})
            return client.post(path, body, content_type="application/json").status_code

        return call

    results = race(decide(rita.email, "approved"), decide(lena.email, "rejected"))
    assert sorted(results) == [201, 409]
    assert Decision.objects.filter(project=submitted).count() == 1
