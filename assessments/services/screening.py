"""Writes of screening: the tiered category, recorded for good, and the lists it regenerates."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from assessments.models import Project, Screening, ScreeningRule, ScreeningRuleSet
from assessments.rules.screening import screen
from assessments.selectors.screening import project_facts, ruleset_get_active, screening_missing
from assessments.services.lists import _lists_generate
from assessments.services.projects import ensure_editable, lock_project
from assessments.services.site import _site_screen
from portal.audit import audit_log
from portal.errors import ConflictError, ServiceError
from portal.models import User


@transaction.atomic
def project_screen(*, project: Project, screened_by: User) -> Screening:
    """Screen the project with the active rule set, record it for good, regenerate the lists."""
    project = lock_project(project)
    ensure_editable(project, screened_by)
    missing = screening_missing(project)
    if missing:
        raise ServiceError(_("Screening needs %(missing)s.") % {"missing": ", ".join(missing)})
    ruleset = ruleset_get_active()
    if ruleset is None:
        raise ConflictError(_("No screening rule set is active; ask the portal staff."))
    _site_screen(project)
    facts = project_facts(project)
    result = screen(facts, ruleset, list(ruleset.rules.all()))
    screening = Screening.objects.create(
        project=project,
        ruleset=ruleset,
        ruleset_version=ruleset.version,
        category=result.category,
        points=result.points,
        factors=result.factors,
        lights=result.lights,
        inputs=facts.as_dict(),
        site_results=facts.site,
        created_by=screened_by,
    )
    before = project.category
    project.category = result.category
    project.save(update_fields=["category", "updated_at"])
    risks, measures = _lists_generate(project, facts)
    audit_log(
        actor=screened_by,
        action="project.screened",
        target=project,
        before={"category": before},
        after={
            "category": result.category,
            "points": result.points,
            "ruleset": ruleset.version,
            "risks": risks,
            "measures": measures,
        },
    )
    return screening


@transaction.atomic
def ruleset_clone(*, ruleset: ScreeningRuleSet, cloned_by: User) -> ScreeningRuleSet:
    """Copy a rule set into a new, inactive version (a used rule set is frozen)."""
    version = (ScreeningRuleSet.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0) + 1
    clone = ScreeningRuleSet.objects.create(
        version=version,
        name=f"{ruleset.name} (v{version})",
        threshold_a=ruleset.threshold_a,
        threshold_b=ruleset.threshold_b,
        notes=ruleset.notes,
        is_active=False,
    )
    rules = list(ruleset.rules.all())
    for rule in rules:
        rule.pk = None
        rule.ruleset = clone
    ScreeningRule.objects.bulk_create(rules)
    audit_log(
        actor=cloned_by,
        action="ruleset.cloned",
        target=clone,
        before={"from": ruleset.version},
        after={"version": version},
    )
    return clone


@transaction.atomic
def ruleset_activate(*, ruleset: ScreeningRuleSet, activated_by: User) -> ScreeningRuleSet:
    """Make ``ruleset`` the one that screens from now on (one active version at a time)."""
    previous = ScreeningRuleSet.objects.select_for_update().filter(is_active=True).first()
    ScreeningRuleSet.objects.filter(is_active=True).update(is_active=False)
    ScreeningRuleSet.objects.filter(pk=ruleset.pk).update(is_active=True)
    audit_log(
        actor=activated_by,
        action="ruleset.activated",
        target=ruleset,
        before={"active": previous.version if previous else None},
        after={"active": ruleset.version},
    )
    ruleset.is_active = True
    return ruleset
