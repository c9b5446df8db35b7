"""In-process reads and setup for the fault drills (``tests/bench/faults.py`` runs it with the
stack's own environment, so it sees the same database and media folder as gunicorn).

    python -m tests.bench.faults_probe prepare          -> tokens and the projects each drill uses
    python -m tests.bench.faults_probe artefact ID      -> state, attempts, renders, file checks
    python -m tests.bench.faults_probe outbox           -> pending and sent outbox messages
    python -m tests.bench.faults_probe decisions ID     -> decisions of one project
    python -m tests.bench.faults_probe csv PATH KIB     -> write a monitoring CSV of about KIB KiB

Prints one JSON object on stdout.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()


def prepare() -> dict:
    from assessments.models import Project
    from portal.choices import Role
    from portal.models import Membership, User
    from portal.tokens import api_token_issue

    rita = User.objects.get(email="rita@authority.example")
    authority = Membership.objects.get(user=rita).organisation
    # A second lead reviewer of the same authority, so that two can decide at once.
    lena, _created = User.objects.get_or_create(
        email="lena@authority.example", defaults={"full_name": "Lena Second Lead (faults drill)"}
    )
    Membership.objects.get_or_create(user=lena, organisation=authority, defaults={"role": Role.LEAD_REVIEWER})
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(user=lena, email=lena.email, defaults={"verified": True, "primary": True})
    tokens = {}
    for email in ("alice@acme.example", "rita@authority.example", "lena@authority.example"):
        _token, key = api_token_issue(user=User.objects.get(email=email))
        tokens[email.split("@")[0]] = key
    projects = Project.objects.filter(organisation__name="Acme Overseas Power Co. (demo)")
    return {
        "tokens": tokens,
        "decide": projects.get(status="submitted").pk,
        "report": projects.filter(status="approved_conditions").first().pk,
        "upload": projects.filter(status="draft", category="C").first().pk,
        # A further project of alice's whose reports only the PostgreSQL drill asks for.
        "other": projects.filter(status="info_requested").first().pk,
    }


def artefact(pk: int) -> dict:
    from django.conf import settings

    from portal.artefacts import artefact_kind_get
    from portal.models import Artefact, AuditEvent, Notification

    a = Artefact.objects.get(pk=pk)
    folder = Path(settings.MEDIA_ROOT) / "artefacts" / a.kind / a.subject_id / a.language
    files = sorted(p.name for p in folder.glob("*")) if folder.exists() else []
    file_ok = None
    if a.file:
        path = Path(settings.MEDIA_ROOT) / a.file.name
        file_ok = path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == a.sha256
    events = AuditEvent.objects.filter(target_id=str(pk), action__startswith="artefact.")
    return {
        "state": a.state,
        "attempts": a.attempts,
        "rendered_events": events.filter(action="artefact.rendered").count(),
        "requeued_events": events.filter(action="artefact.requeued").count(),
        # The "ready to download" notice names the artefact's title and links to its page.
        "ready_notifications": Notification.objects.filter(
            user=a.requested_by, url=artefact_kind_get(a.kind).url(a), title__contains=a.title
        ).count()
        if a.requested_by
        else 0,
        "files": files,
        "file_matches_sha256": file_ok,
        "sha256": a.sha256,
        "failure_reason": a.failure_reason,
    }


def outbox() -> dict:
    from portal.models import OutboxMessage

    return {
        "pending": OutboxMessage.objects.filter(sent_at__isnull=True).count(),
        "sent": OutboxMessage.objects.filter(sent_at__isnull=False).count(),
        "pending_tasks": sorted(
            OutboxMessage.objects.filter(sent_at__isnull=True).values_list("task_name", flat=True).distinct()
        ),
    }


def decisions(pk: int) -> dict:
    from assessments.models import Decision, Project

    project = Project.objects.get(pk=pk)
    return {
        "status": project.status,
        "decisions": list(Decision.objects.filter(project=project).values_list("outcome", "decided_by__email")),
    }


def monitoring_csv(path: str, kib: int) -> dict:
    """A monitoring-data CSV of about ``kib`` KiB with random readings (so never a duplicate)."""
    import random

    rng = random.SystemRandom()
    lines = ["day,pm10_ug_m3,so2_ug_m3,nox_ug_m3"]
    size = len(lines[0])
    day = 0
    while size < kib * 1024:
        day += 1
        line = f"{day},{rng.uniform(5, 150):.3f},{rng.uniform(1, 90):.3f},{rng.uniform(1, 120):.3f}"
        lines.append(line)
        size += len(line) + 1
    data = ("\n".join(lines) + "\n").encode()
    Path(path).write_bytes(data)
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = {
        "prepare": prepare,
        "artefact": lambda: artefact(int(args[0])),
        "outbox": outbox,
        "decisions": lambda: decisions(int(args[0])),
        "csv": lambda: monitoring_csv(args[0], int(args[1])),
    }[command]()
    print(json.dumps(result, default=str))
