"""Writes of the risk and control-measure lists: generation from the catalogue (inside
screening) and the enterprise's answers to each measure."""

from django.db import transaction
from django.utils.translation import gettext as _

from assessments.choices import MeasureResponse
from assessments.models import ControlMeasure, HazardTemplate, Project, RiskItem
from assessments.rules.lists import ruled_out
from assessments.rules.screening import Facts
from assessments.selectors.lists import hazard_list_for_sector, measure_template_list_treating
from assessments.services.projects import ensure_editable, lock_project
from knowledge.selectors import instrument_list_by_keys
from portal.audit import audit_log
from portal.errors import ServiceError
from portal.models import User
from portal.text import clean_name

LANGUAGE_COLUMNS = ("en", "zh_hans", "ru", "ar")


def _amplify(hazard: HazardTemplate, facts: Facts) -> tuple[int, int, list[dict]]:
    """Likelihood and severity raised by the country's risk and the site, with the reasons as
    data (rendered in the reader's language by ``rules.lists.amplification_text``)."""
    likelihood, severity, why = hazard.likelihood, hazard.severity, []
    level = facts.country_risk.get(hazard.dimension)
    if level in ("high", "very_high"):
        likelihood += 1
        why.append({"kind": "country", "dimension": hazard.dimension, "level": level})
    if level == "very_high":
        severity += 1
    for hit in facts.site:
        if hit["type"] in hazard.site_amplifiers:
            severity += 2 if hit["relation"] == "inside" else 1
            why.append({"kind": "site", "name": hit["name"], "relation": hit["relation"]})
            break
    return min(likelihood, 5), min(severity, 5), why


def _translations(source, fields: dict[str, str]) -> dict:
    """Every language's column of ``source``'s texts, as the project's copy names them."""
    return {
        f"{target}_{lang}": getattr(source, f"{field}_{lang}") or None
        for field, target in fields.items()
        for lang in LANGUAGE_COLUMNS
    }


def _lists_generate(project: Project, facts: Facts) -> tuple[int, int]:
    """(Re)build the risk and measure lists from the catalogue, keeping the enterprise's
    answers on every item that still applies; items that no longer apply are deactivated.

    Private: it runs inside ``project_screen``, which is atomic and audited."""
    hazards = [h for h in hazard_list_for_sector(sector=project.sector) if not ruled_out(h, facts.answers)]
    existing = {r.code: r for r in project.risks.all()}
    keep = set()
    for hazard in hazards:
        likelihood, severity, why = _amplify(hazard, facts)
        values = {
            "dimension": hazard.dimension,
            **_translations(hazard, {"title": "title", "description": "description"}),
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
                phase=template.phase,
                **_translations(
                    template, {"title": "title", "description": "description", "evidence": "evidence_expected"}
                ),
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
    new = _clean_measure_answer(
        response=response, alternative=alternative, reason=reason, owner=owner, due_date=due_date
    )
    before = {k: getattr(measure, k) for k in new}
    for key, value in new.items():
        setattr(measure, key, value)
    measure.save(update_fields=list(new))
    audit_log(actor=answered_by, action="measure.answered", target=measure, before=before, after=new)
    return measure


@transaction.atomic
def measure_answer_all(*, project: Project, answered_by: User, answers: dict[int, dict]) -> int:
    """Save the answers to many measures at once (the measures page is one form). Every answer
    is checked first; if any is refused, none is saved and each refusal names its measure.
    Returns how many measures changed."""
    project = lock_project(project)
    ensure_editable(project, answered_by)
    measures = {
        m.pk: m
        for m in ControlMeasure.objects.select_for_update(of=("self",)).filter(
            project=project, active=True, pk__in=list(answers)
        )
    }
    errors, changes = [], []
    for pk, answer in answers.items():
        measure = measures.get(pk)
        if measure is None:
            errors.append({"measure": pk, "message": str(_("This measure is no longer on the list."))})
            continue
        try:
            new = _clean_measure_answer(**answer)
        except ServiceError as exc:
            errors.append({"measure": pk, "message": str(exc.message)})
            continue
        old = {k: getattr(measure, k) for k in new}
        if new != old:
            changes.append((measure, old, new))
    if errors:
        raise ServiceError(
            _("%(n)s answers need your attention; nothing was saved yet.") % {"n": len(errors)}, details=errors
        )
    for measure, old, new in changes:
        for key, value in new.items():
            setattr(measure, key, value)
        measure.save(update_fields=list(new))
        audit_log(actor=answered_by, action="measure.answered", target=measure, before=old, after=new)
    return len(changes)


def _clean_measure_answer(*, response: str, alternative: str = "", reason: str = "", owner: str = "", due_date=None):
    if response not in (MeasureResponse.ACCEPTED, MeasureResponse.ALTERNATIVE):
        raise ServiceError(_("Accept the measure or propose an alternative."), field="response")
    alternative, reason = (alternative or "").strip(), (reason or "").strip()
    if response == MeasureResponse.ALTERNATIVE and not (alternative and reason):
        raise ServiceError(_("An alternative needs the measure you propose and the reason for it."), field="reason")
    is_alternative = response == MeasureResponse.ALTERNATIVE
    return {
        "response": response,
        "alternative": alternative if is_alternative else "",
        "reason": reason if is_alternative else "",
        "owner": (owner or "").strip(),
        "due_date": due_date,
    }


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
    title = clean_name(title)
    if not title:
        raise ServiceError(_("Name the measure."), field="title")
    number = project.measures.filter(proposed_by_enterprise=True).count() + 1
    measure = ControlMeasure.objects.create(
        project=project,
        code=f"own-{number}",
        title=title,
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
