"""The green-credit profile PDF: the inputs its template reads, as plain JSON.

``credit_profile_inputs`` is the context builder of the ``credit_profile`` artefact kind: the
same profile the credit API returns (``credit_profiles_for``), with labels in the reader's
language and dates as ISO strings, so the pipeline can hash it and render it again exactly.
"""

from django.utils.translation import gettext as _

from assessments.choices import BlacklistGround, DecisionOutcome, ProjectStatus, RatingColour
from assessments.selectors.credit import credit_profiles_for
from portal.choices import Sector
from portal.countries import country_name

KIND = "credit_profile"
TEMPLATE_VERSION = 2


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value or "—"))


def _percent(share) -> str:
    return "—" if share is None else f"{share * 100:.1f} %"


def credit_profile_inputs(*, subject, language: str) -> dict:
    profile = credit_profiles_for([subject])[subject.pk]
    rating = profile["rating"]
    return {
        "name": profile["name"],
        "registration_number": profile["registration_number"],
        "home_country": country_name(profile["home_country"]) or "—",
        "blacklisted": profile["blacklisted"],
        "rating": (
            {
                "colour": rating["colour"],
                "colour_label": _label(RatingColour, rating["colour"]),
                "reasons": [str(r) for r in rating["reasons"]],
                "since": _iso(rating["since"].date()),
                "rules_version": rating["rules_version"],
            }
            if rating
            else None
        ),
        "rating_history": [
            {
                "colour": r["colour"],
                "colour_label": _label(RatingColour, r["colour"]),
                "since": _iso(r["since"].date()),
                "override": r["is_override"],
                "reasons": [str(x) for x in r["reasons"]],
            }
            for r in profile["rating_history"]
        ],
        "blacklist": [
            {
                "ground": _label(BlacklistGround, e["ground"]),
                "starts_on": _iso(e["starts_on"]),
                "ends_on": _iso(e["ends_on"]),
                "lifted_on": _iso(e["lifted_at"].date() if e["lifted_at"] else None),
                "active": e["active"],
            }
            for e in profile["blacklist_history"]
        ],
        "projects": [
            {
                "name": p["name"],
                "country": country_name(p["host_country"]),
                "sector": _label(Sector, p["sector"]),
                "status": _label(ProjectStatus, p["status"]),
                "category": p["category"] or "—",
                "equator": p["equator_principles_category"] or "—",
                "decision": _label(DecisionOutcome, p["decision"]) if p["decision"] else _("Not decided yet"),
                "conditions": f"{p['conditions_reported_fulfilled']} / {p['conditions']}",
                "action_plan": _percent(p["action_plan_completion"]),
                "exceedance_rate": _percent(p["exceedance_rate"]),
            }
            for p in profile["projects"]
        ],
    }


def credit_profile_title(inputs: dict) -> str:
    return _("Green-credit profile: %(name)s") % {"name": inputs["name"]}
