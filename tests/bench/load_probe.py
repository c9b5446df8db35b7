"""In-process setup and counts for the load test (``tests/bench/load.py`` runs it with the
stack's own environment, so it sees the same database and media folder as gunicorn).

    python -m tests.bench.load_probe prepare N   -> N accounts per signed-in role, their tokens, ids
    python -m tests.bench.load_probe census      -> what the load left in the database

Prints one JSON object on stdout.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

LOAD_DOMAIN = "load.example"  # the load's accounts and commenters, so the census finds them


def _accounts(*, organisation, role, prefix: str, n: int, first) -> list[str]:
    """``first`` (a demo login) and n-1 colleagues in the same organisation with the same role,
    each with a token: the API throttles count per account, as they do for real staff."""
    from allauth.account.models import EmailAddress

    from portal.models import Membership, User
    from portal.tokens import api_token_issue

    users = [first]
    for i in range(1, n):
        user, _created = User.objects.get_or_create(
            email=f"{prefix}{i}@{LOAD_DOMAIN}", defaults={"full_name": f"{prefix.title()} {i} (load test)"}
        )
        Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        users.append(user)
    return [api_token_issue(user=u)[1] for u in users]


def prepare(n: int) -> dict:
    from django.utils import timezone

    from assessments.choices import ReportStatus
    from assessments.demo import DEMO_OPERATING
    from assessments.models import CommentWindow, PerformanceReport, Project
    from assessments.selectors.disclosure import register_entry_list_public
    from knowledge.selectors import country_list_public, guidance_list_public, instrument_list_public
    from portal.choices import Role
    from portal.models import Membership, Organisation, User

    def first_of(email):
        user = User.objects.get(email=email)
        return user, Membership.objects.get(user=user).organisation

    alice, acme = first_of("alice@acme.example")
    rita, authority = first_of("rita@authority.example")
    fiona, bank = first_of("fiona@bank.example")
    today = timezone.localdate()
    operating = Project.objects.get(organisation=acme, name=DEMO_OPERATING)
    report = (
        PerformanceReport.objects.filter(project=operating, status=ReportStatus.OPEN, period_start__lte=today)
        .order_by("-period_start")
        .first()
    )
    now = timezone.now()
    consulting = CommentWindow.objects.filter(opens_at__lte=now, closes_at__gte=now).order_by("pk").first().project
    enterprises = Organisation.objects.filter(kind="enterprise").exclude(registration_number="")
    return {
        "tokens": {
            "enterprise": _accounts(organisation=acme, role=Role.MEMBER, prefix="acme", n=n, first=alice),
            "regulator": _accounts(organisation=authority, role=Role.REVIEWER, prefix="reviewer", n=n, first=rita),
            "bank": _accounts(organisation=bank, role=Role.MEMBER, prefix="banker", n=n, first=fiona),
        },
        "projects": list(Project.objects.filter(organisation=acme).order_by("pk").values_list("pk", flat=True)),
        "review_projects": list(
            Project.objects.exclude(status="draft").exclude(reference=None).order_by("pk").values_list("pk", flat=True)
        ),
        "operating": operating.pk,
        "report": report.pk,
        "report_period": [report.period_start.isoformat(), min(report.period_end, today).isoformat()],
        "consulting": consulting.reference,
        "disclosed": sorted({e.project.reference for e in register_entry_list_public().select_related("project")}),
        "enterprises": list(enterprises.values_list("pk", flat=True)),
        "registration_numbers": list(enterprises.values_list("registration_number", flat=True)),
        # Public knowledge pages the visitors read (the knowledge base's own records).
        "instruments": [i.get_absolute_url() for i in instrument_list_public().order_by("pk")[:60]],
        "countries": [c.get_absolute_url() for c in country_list_public().order_by("pk")[:20]],
        "guidance": [g.get_absolute_url() for g in guidance_list_public().order_by("pk")[:40]],
    }


def census() -> dict:
    from django.db.models import Count

    from assessments.models import Comment, MonitoringReading
    from portal.models import Artefact, OutboxMessage

    return {
        "comments_by_status": dict(
            Comment.objects.filter(email__endswith="@" + LOAD_DOMAIN)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        ),
        "readings_by_report": dict(
            MonitoringReading.objects.values_list("report_id").annotate(n=Count("pk")).values_list("report_id", "n")
        ),
        "artefacts": [
            [kind, state, n]
            for kind, state, n in Artefact.objects.values_list("kind", "state")
            .annotate(n=Count("pk"))
            .values_list("kind", "state", "n")
            .order_by("kind", "state")
        ],
        "outbox_pending": OutboxMessage.objects.filter(sent_at__isnull=True).count(),
    }


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = {"prepare": lambda: prepare(int(args[0])), "census": census}[command]()
    print(json.dumps(result, default=str))
