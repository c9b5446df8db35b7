"""The world the security gate probes: every role the portal knows, and objects to aim at.

Personas come from ``tests/conftest.py`` (alice owns Acme, bob is a member there, charlie owns
Globex, rita leads the Kazakh authority, fiona is at a bank, sam is staff) and the review tests
(ray reviews at the Kazakh authority, pat leads Pakistan's); the knowledge base is the small one
of the knowledge tests. Fixtures are imported rather than copied so the gate sees what they see.
"""

import datetime as dt

import pytest

from tests.assessments.conftest import kazakhstan, pat, project, ray, rules  # noqa: F401
from tests.knowledge.conftest import (  # noqa: F401
    china,
    cn_air_standard,
    make_country,
    make_instrument,
    vietnam,
)

# Role names used by the schemathesis run and the authorization matrix alike.
ROLE_USERS = {
    "owner": "alice",
    "member": "bob",
    "other_enterprise": "charlie",
    "lead_reviewer": "rita",
    "reviewer": "ray",
    "other_jurisdiction": "pat",
    "financial": "fiona",
    "staff": "sam",
}


@pytest.fixture
def personas(alice, bob, charlie, rita, ray, pat, fiona, sam):  # noqa: F811 - fixtures
    """The user behind each role name."""
    local = {"alice": alice, "bob": bob, "charlie": charlie, "rita": rita, "ray": ray, "pat": pat}
    local |= {"fiona": fiona, "sam": sam}
    return {role: local[name] for role, name in ROLE_USERS.items()}


@pytest.fixture
def gate_world(personas, project, acme, globex, cn_air_standard, vietnam, settings, tmp_path):  # noqa: F811 - fixtures
    """Objects of every kind an endpoint names, made through the services: Acme's project with a
    document, submitted, claimed by rita with an open information request; a draft of Acme; a
    draft of Globex; a blacklist case against Acme; an open invitation to Acme."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded document lives and dies with the test
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments import services
    from assessments.models import Project
    from assessments.services import blacklist, review
    from knowledge.models import StandardLimit
    from knowledge.selectors import search_entry_list_public
    from portal.choices import Role
    from portal.services import invitation_create
    from tests.assessments.conftest import complete_project
    from tests.factories import pdf_bytes

    alice, rita, charlie = personas["owner"], personas["lead_reviewer"], personas["other_enterprise"]
    complete_project(project, alice)
    version = services.document_upload(
        project=project,
        uploaded_by=alice,
        file=SimpleUploadedFile("eia.pdf", pdf_bytes()),
        kind="eia_report",
        visibility="regulators",
    )
    submitted = services.project_submit(project=project, submitted_by=alice)
    review.review_claim(project=submitted, claimed_by=rita)
    request = review.information_request_create(
        project=submitted, asked_by=rita, question="Send the bird survey.", due_date=dt.date(2027, 6, 1)
    )
    draft = services.project_create(
        organisation=acme,
        created_by=alice,
        name="Steppe Wind 50 MW",
        host_country=submitted.host_country,
        sector="wind",
        capacity=50,
        capacity_unit="MW",
    )
    foreign = services.project_create(
        organisation=globex,
        created_by=charlie,
        name="Globex Pit",
        host_country=submitted.host_country,
        sector="mining",
        capacity=1,
        capacity_unit="t_per_year",
    )
    case = blacklist.blacklist_case_open(
        organisation=acme, opened_by=rita, ground="falsified_data", evidence="Copied monitoring data."
    )
    invitation = invitation_create(organisation=acme, email="new@acme.test", role=Role.MEMBER, invited_by=alice)
    # A filed performance report of Acme's project, so the report routes reach a real object (made
    # directly: the gate checks doors, and a report is filed only by an operating project).
    from assessments.models import PerformanceReport

    report = PerformanceReport.objects.create(
        project=submitted,
        frequency="quarterly",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        due_date=dt.date(2026, 4, 30),
        status="submitted",
    )
    # Issue 14: the submitted project goes to public consultation, with one published comment
    # (answered by nobody yet) and one waiting for moderation.
    from assessments.services import comments, disclosure

    review.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land.")
    disclosure.consultation_open(project=submitted, opened_by=rita)
    published, token = comments.comment_submit(project=submitted, name="N", email="n@public.test", body="Q?")
    comments.comment_confirm(token=token)
    comments.comment_publish(comment=published, moderator=rita)
    pending, token = comments.comment_submit(project=submitted, name="M", email="m@public.test", body="R?")
    comments.comment_confirm(token=token)
    return {
        "report": report,
        "comment": published,
        "pending_comment": pending,
        "submitted": Project.objects.get(pk=submitted.pk),
        "version": version,
        "draft": draft,
        "foreign": foreign,
        "request": request,
        "measure": submitted.measures.filter(active=True).first(),
        "instrument": cn_air_standard,
        "limit": StandardLimit.objects.filter(instrument=cn_air_standard).first(),
        "search_entry": search_entry_list_public().first(),
        "acme": acme,
        "case": case,
        "invitation": invitation,
    }
