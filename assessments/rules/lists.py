"""Pure rules of the risk list: which catalogue hazards an answer rules out, and the reasons a
risk was raised, in the reader's language."""

from django.utils.translation import gettext as _

from assessments.choices import SiteRelation
from knowledge.choices import RiskDimension, RiskLevel


def ruled_out(hazard, answers: dict) -> bool:
    """A hazard tied to a yes/no question is ruled out only by the answer "no"; "not known
    yet" keeps it (the cautious case)."""
    question = getattr(hazard, "ruled_out_by_no", "")
    return bool(question) and answers.get(question) is False


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def amplification_text(reason) -> str:
    """One reason a risk was raised, as a reader of the active language reads it."""
    if isinstance(reason, str):  # lists generated before reasons were stored as data
        return reason
    if reason.get("kind") == "country":
        return _("host country's %(dimension)s risk is %(level)s") % {
            "dimension": _label(RiskDimension, reason["dimension"]).lower(),
            "level": _label(RiskLevel, reason["level"]).lower(),
        }
    if reason.get("kind") == "site":
        return _("the site is %(relation)s %(name)s") % {
            "relation": _label(SiteRelation, reason.get("relation", "buffer")).lower(),
            "name": reason["name"],
        }
    return ""
