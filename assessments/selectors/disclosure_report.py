"""The disclosure PDF: the inputs its template reads, as plain JSON (artefact kind
``disclosure``, registered in ``AssessmentsConfig.ready``).

The subject is one kept snapshot; the inputs are that snapshot in the language asked for, the
timeline of snapshots and the published comment record with its answers as of the request.
So a new published comment or answer is a new version of the PDF, and an unchanged record is
the same file for every reader. No email, address or moderation detail goes in.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import Disclosure
from assessments.selectors.disclosure import comment_list_public, disclosure_list_for_project

KIND = "disclosure"
TEMPLATE_VERSION = 1


def disclosure_pdf_inputs(*, subject: Disclosure, language: str) -> dict:
    project = subject.project
    comments = list(comment_list_public(project=project))
    window = getattr(project, "comment_window", None)
    return {
        "snapshot": subject.for_language(language),
        "disclosure": {
            "number": subject.number,
            "kind": subject.kind,
            "kind_label": subject.get_kind_display(),
            "published_at": subject.published_at.isoformat(),
        },
        "window": {
            "opens_at": window.opens_at.isoformat(),
            "closes_at": window.closes_at.isoformat(),
            "time_zone": window.time_zone,
        }
        if window
        else None,
        "timeline": [
            {"number": d.number, "kind_label": d.get_kind_display(), "published_at": d.published_at.isoformat()}
            for d in disclosure_list_for_project(project=project)
        ],
        "comments": [
            {
                "number": c.number,
                "name": c.shown_name,
                "organisation": c.organisation_name if not c.organisation_id else "",
                "country": c.country,
                "body": c.public_body,
                "redacted": c.redacted,
                "published_at": c.published_at.isoformat() if c.published_at else "",
                "attachments": [a.original_name for a in c.attachments.all()],
                "answer": {
                    "verdict_label": c.answer.get_verdict_display(),
                    "reason": c.answer.reason,
                    "answered_at": c.answer.answered_at.isoformat(),
                }
                if hasattr(c, "answer")
                else None,
            }
            for c in comments
        ],
    }


def disclosure_pdf_title(inputs: dict) -> str:
    snap = inputs["snapshot"]
    return _("Public disclosure %(reference)s: %(name)s") % {
        "reference": snap.get("reference", ""),
        "name": snap.get("project", {}).get("name", ""),
    }


def disclosure_pdf_url(artefact) -> str:
    disclosure = Disclosure.objects.select_related("project").filter(pk=artefact.subject_id).first()
    return reverse("disclosure:project", args=[disclosure.project.reference]) if disclosure else ""
