"""The decision letter: the inputs its PDF template reads, as plain JSON.

``decision_letter_inputs`` is the context builder of the ``decision_letter`` artefact kind
(registered in ``AssessmentsConfig.ready``). The letter is in the reader's language with the
English text beside it, so each translated label is built twice (the language asked for and
English); the enterprise's own words (reasons, conditions) appear once, as written. It carries
the decision, its reasons and conditions, and never an internal reviewer note.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import Decision
from assessments.selectors.report import project_reference
from portal.choices import OrganisationKind

KIND = "decision_letter"
TEMPLATE_VERSION = 1


def _labels(decision: Decision, conditions) -> dict:
    """What the letter says in the active language: the outcome and each condition's recurrence
    and linked measure (catalogue texts, translated); the condition's own words stay as written."""
    return {
        "outcome": str(decision.get_outcome_display()),
        "conditions": [
            {
                "recurrence": str(c.get_recurrence_display()) if c.recurrence else "",
                "measure": str(c.measure.title) if c.measure_id else "",
            }
            for c in conditions
        ],
    }


def decision_letter_inputs(*, subject: Decision, language: str) -> dict:
    decision = subject
    project = decision.project
    conditions = list(decision.conditions.select_related("measure").order_by("number"))
    with translation.override(language):
        local = _labels(decision, conditions)
    with translation.override("en"):
        english = _labels(decision, conditions)
    return {
        "reference": project_reference(project),
        "project": {
            "name": project.name,
            "organisation": project.organisation.name,
            "country": str(project.host_country.name) if project.host_country_id else "",
            "country_en": _english_country(project),
        },
        "version": decision.version.number,
        "decided_at": decision.decided_at.date().isoformat(),
        "decided_by": decision.decided_by.get_full_name() or decision.decided_by.email.split("@")[0],
        "authority": _authority_name(decision),
        "bilingual": language != "en",
        "local": local,
        "english": english,
        "reasons": decision.reasons,
        "conditions": [
            {
                "number": c.number,
                "text": c.text,
                "due_date": c.due_date.isoformat() if c.due_date else "",
                "local": local["conditions"][i],
                "english": english["conditions"][i],
            }
            for i, c in enumerate(conditions)
        ],
    }


def _english_country(project) -> str:
    if not project.host_country_id:
        return ""
    with translation.override("en"):
        return str(project.host_country.name)


def _authority_name(decision: Decision) -> str:
    membership = (
        decision.decided_by.memberships.filter(organisation__kind=OrganisationKind.AUTHORITY)
        .select_related("organisation")
        .first()
    )
    return membership.organisation.name if membership else ""


def decision_letter_title(inputs: dict) -> str:
    return _("Decision letter %(reference)s: %(outcome)s") % {
        "reference": inputs["reference"],
        "outcome": inputs["local"]["outcome"] if inputs["bilingual"] else inputs["english"]["outcome"],
    }


def decision_letter_url(artefact) -> str:
    decision = Decision.objects.filter(pk=artefact.subject_id).only("project_id").first()
    return reverse("assessments:project-review", args=[decision.project_id]) if decision else ""
