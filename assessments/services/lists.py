"""Writes of the risk and control-measure lists: generation from the catalogue (inside
screening) and the enterprise's answers to each measure."""

from django.db import transaction
from django.utils.translation import gettext as _

from assessments.choices import MeasureResponse
from assessments.models import ControlMeasure, HazardTemplate, Project, RiskItem
from assessments.rules.screening import Facts
from assessments.selectors.lists import hazard_list_for_sector, measure_template_list_treating
from assessments.services.projects import ensure_editable, lock_project
from knowledge.selectors import instrument_list_by_keys
from portal.audit import audit_log
from portal.errors import ServiceError
from portal.models import User


def _amplify(hazard: HazardTemplate, facts: Facts) -> tuple[int, int, list[str]]:
    likelihood, severity, why = hazard.likelihood, hazard.severity, []
    level = facts.country_risk.get(hazard.dimension)
    if level in ("high", "very_high"):
        likelihood += 1
        why.append(_("host country %(dim)s risk %(level)s") % {"dim": hazard.dimension, "level": level})
    if level == "very_high":
        severity += 1
    for hit in facts.site:
        if hit["type"] in hazard.site_amplifiers:
            severity += 2 if hit["relation"] == "inside" else 1
            why.append(_("site near %(name)s") % {"name": hit["name"]})
            break
    return min(likelihood, 5), min(severity, 5), why


def _lists_generate(project: Project, facts: Facts) -> tuple[int, int]:
    """(Re)build the risk and measure lists from the catalogue, keeping the enterprise's
    answers on every item that still applies; items that no longer apply are deactivated.

    Private: it runs inside ``project_screen``, which is atomic and audited."""
    hazards = hazard_list_for_sector(sector=project.sector)
    existing = {r.code: r for r in project.risks.all()}
    keep = set()
    for hazard in hazards:
        likelihood, severity, why = _amplify(hazard, facts)
        values = {
            "dimension": hazard.dimension,
            "title": hazard.title,
            "description": hazard.description,
            "likelihood": likelihood,
            "severity": severity,
            "rating": likelihood * severity,
            "amplified_by": why,
            "active": True,
        }
        item = existing.get(hazard.code)
        if item is None:
            item = RiskItem.objects.create(project=project, code=hazard.code, **values)
        else:
            for k, v in values.items():
                setattr(item, k, v)
            item.save(update_fields=list(values))
        existing[hazard.code] = item
        keep.add(hazard.code)
    project.risks.exclude(code__in=keep).update(active=False)
    risks_by_code = {code: existing[code] for code in keep}
    current = {m.code: m for m in project.measures.filter(proposed_by_enterprise=False)}
    keep_measures = set()
    for template in measure_template_list_treating(hazard_codes=keep):
        measure = current.get(template.code)
        if measure is None:
            measure = ControlMeasure.objects.create(
                project=project,
                code=template.code,
                title=template.title,
                description=template.description,
                phase=template.phase,
                evidence_expected=template.evidence,
            )
        elif not measure.active:
            measure.active = True
            measure.save(update_fields=["active"])
        measure.risks.set([risks_by_code[h.code] for h in template.treats.all() if h.code in risks_by_code])
        measure.references.set(instrument_list_by_keys(keys=template.references))
        keep_measures.add(template.code)
    project.measures.filter(proposed_by_enterprise=False).exclude(code__in=keep_measures).update(active=False)
    return len(keep), len(keep_measures)


@transaction.atomic
def measure_answer(
    *,
    measure: ControlMeasure,
    answered_by: User,
    response: str,
    alternative: str = "",
    reason: str = "",
    owner: str = "",
    due_date=None,
) -> ControlMeasure:
    """The enterprise accepts a measure or proposes an alternative (with a reason)."""
    measure = (
        ControlMeasure.objects.select_for_update(of=("self",))
        .select_related("project__organisation")
        .get(pk=measure.pk)
    )
    ensure_editable(measure.project, answered_by)
    if response not in (MeasureResponse.ACCEPTED, MeasureResponse.ALTERNATIVE):
        raise ServiceError(_("Accept the measure or propose an alternative."), field="response")
    if response == MeasureResponse.ALTERNATIVE and not (alternative.strip() and reason.strip()):
        raise ServiceError(_("An alternative needs the measure you propose and the reason for it."), field="reason")
    before = {"response": measure.response, "alternative": measure.alternative, "owner": measure.owner}
    measure.response = response
    measure.alternative = alternative.strip() if response == MeasureResponse.ALTERNATIVE else ""
    measure.reason = reason.strip() if response == MeasureResponse.ALTERNATIVE else ""
    measure.owner = owner.strip()
    measure.due_date = due_date
    measure.save(update_fields=["response", "alternative", "reason", "owner", "due_date"])
    audit_log(
        actor=answered_by,
        action="measure.answered",
        target=measure,
        before=before,
        after={"response": response, "alternative": measure.alternative, "owner": measure.owner},
    )
    return measure


@transaction.atomic
def measure_add(
    *,
    project: Project,
    added_by: User,
    title: str,
    description: str,
    phase: str,
    risk_ids: list[int],
    owner: str = "",
    due_date=None,
) -> ControlMeasure:
    """The enterprise adds a measure of its own (accepted by definition)."""
    project = lock_project(project)
    ensure_editable(project, added_by)
    if not title.strip():
        raise ServiceError(_("Name the measure."), field="title")
    number = project.measures.filter(proposed_by_enterprise=True).count() + 1
    measure = ControlMeasure.objects.create(
        project=project,
        code=f"own-{number}",
        title=title.strip(),
        description=description.strip(),
        phase=phase,
        proposed_by_enterprise=True,
        response=MeasureResponse.ACCEPTED,
        owner=owner,
        due_date=due_date,
    )
    measure.risks.set(project.risks.filter(pk__in=risk_ids, active=True))
    audit_log(actor=added_by, action="measure.added", target=measure, after={"title": measure.title, "phase": phase})
    return measure
