"""Reads of screening: the active rule set, a project's latest screening and the facts it sees."""

from django.utils.translation import gettext as _

from assessments.models import Project, Screening, ScreeningRuleSet
from assessments.rules.questionnaire import QUESTIONS
from assessments.rules.screening import Facts, Result, screen
from knowledge.selectors import guidance_get_public


def ruleset_get_active() -> ScreeningRuleSet | None:
    return ScreeningRuleSet.objects.filter(is_active=True).prefetch_related("rules").first()


def screening_latest(project: Project) -> Screening | None:
    """The project's most recent screening (the one that counts), or None."""
    return project.screenings.select_related("ruleset").first()


def screening_explained(screening: Screening) -> Result:
    """The screening's factors and lights in the reader's language.

    A screening never changes; its texts are re-derived from the facts and the rule set it
    recorded (the engine is a pure, deterministic function), so a Chinese reader reads the
    reasons in Chinese whatever language the enterprise screened in. Should the rules of that
    version ever disagree with the record, the record's own texts are shown."""
    result = screen(Facts.from_dict(screening.inputs), screening.ruleset, list(screening.ruleset.rules.all()))
    if result.category != screening.category or result.points != screening.points:
        return Result(
            category=screening.category, points=screening.points, factors=screening.factors, lights=screening.lights
        )
    return result


def host_eia_guidance(project: Project):
    """The knowledge base's sector guidance for the project's country and sector (it names the
    host country's own EIA instrument and level), or None."""
    if not project.host_country_id or not project.sector:
        return None
    return guidance_get_public(iso2=project.host_country.iso2, sector=project.sector)


def project_facts(project: Project) -> Facts:
    """What the screening rules see of a project: its answers, country risks and site hits."""
    risks = dict(project.host_country.risks.values_list("dimension", "level")) if project.host_country else {}
    site = [
        {"type": r.area.type, "relation": r.relation, "name": r.area.name, "distance_m": r.distance_m}
        for r in project.site_results.select_related("area").order_by("distance_m", "area__name")
    ]
    return Facts(
        sector=project.sector,
        capacity=project.capacity,
        capacity_unit=project.capacity_unit,
        answers=project.answers,
        country_risk=risks,
        site=site,
    )


def screening_missing(project: Project) -> list[str]:
    """What screening still needs, in words (empty when it can run)."""
    missing = []
    if not project.host_country_id:
        missing.append(_("the host country"))
    if not project.sector:
        missing.append(_("the sector"))
    if not project.site:
        missing.append(_("the site"))
    unanswered = [q for q in QUESTIONS if q.code not in project.answers]
    if unanswered:
        missing.append(_("answers to %(n)s screening questions") % {"n": len(unanswered)})
    return missing


def screening_is_current(project: Project) -> bool:
    """Whether the latest screening saw the project as it is now."""
    latest = project.screenings.first()
    return latest is not None and latest.inputs == project_facts(project).as_dict()
