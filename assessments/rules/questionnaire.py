"""The screening questionnaire: what the rules may ask about a project."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.errors import ServiceError


@dataclass(frozen=True)
class Question:
    code: str
    kind: str  # "bool" or "number"
    label: str
    help: str = ""
    unit: str = ""


QUESTIONS = [
    Question(
        "resettlement", "bool", gettext_lazy("Will people be physically or economically displaced (resettlement)?")
    ),
    Question(
        "displaced_persons",
        "number",
        gettext_lazy("How many persons would be displaced?"),
        gettext_lazy("0 if none."),
        gettext_lazy("persons"),
    ),
    Question(
        "indigenous_peoples",
        "bool",
        gettext_lazy("Are indigenous peoples present on or near the site, or do they use its land?"),
    ),
    Question("forest_clearing", "bool", gettext_lazy("Will natural forest or other natural habitat be cleared?")),
    Question("river_works", "bool", gettext_lazy("Will the project dam, divert or dredge a river, lake or coast?")),
    Question(
        "water_abstraction_m3_day",
        "number",
        gettext_lazy("Fresh water abstraction at full operation"),
        gettext_lazy("0 if none."),
        gettext_lazy("m³ per day"),
    ),
    Question(
        "effluent_discharge", "bool", gettext_lazy("Will process wastewater be discharged to surface water or the sea?")
    ),
    Question(
        "hazardous_substances",
        "bool",
        gettext_lazy("Will hazardous substances be stored or used in significant quantities?"),
    ),
    Question("coal", "bool", gettext_lazy("Will the project burn or mine coal?")),
    Question(
        "ghg_t_per_year",
        "number",
        gettext_lazy("Estimated greenhouse-gas emissions at full operation"),
        gettext_lazy("Scope 1 and 2; 0 if negligible."),
        gettext_lazy("t CO2e per year"),
    ),
    Question(
        "land_area_ha", "number", gettext_lazy("Land take (permanent and temporary)"), "", gettext_lazy("hectares")
    ),
    Question("peak_workers", "number", gettext_lazy("Peak number of workers on site"), "", gettext_lazy("workers")),
    Question(
        "cultural_heritage",
        "bool",
        gettext_lazy("Is known cultural heritage (graves, shrines, historic buildings) on or next to the site?"),
    ),
]
QUESTION_CODES = {q.code for q in QUESTIONS}
# The answer "not known yet": screening takes the cautious case (as if yes, or above every
# threshold) and says so beside the factor.
UNKNOWN = "unknown"
BOOL_QUESTIONS = {q.code for q in QUESTIONS if q.kind == "bool"}


def clean_answers(answers: dict) -> dict:
    """Answers as the rules read them: booleans for yes/no questions, finite non-negative numbers
    for the others. Anything else is refused with the question's own wording."""
    if not isinstance(answers, dict):
        raise ServiceError(_("Send the answers as an object of question codes and values."))
    unknown = set(answers) - QUESTION_CODES
    if unknown:
        raise ServiceError(
            _("Unknown questions: %(codes)s") % {"codes": ", ".join(sorted(str(c)[:40] for c in unknown)[:20])}
        )
    clean = {}
    for q in QUESTIONS:
        if q.code not in answers or answers[q.code] in (None, ""):
            continue
        value = answers[q.code]
        if value == UNKNOWN:
            clean[q.code] = UNKNOWN
            continue
        if q.code in BOOL_QUESTIONS:
            if not isinstance(value, bool):
                raise ServiceError(_("Answer “%(q)s” with yes or no.") % {"q": q.label})
            clean[q.code] = value
            continue
        if isinstance(value, bool):
            raise ServiceError(_("Answer “%(q)s” with a number.") % {"q": q.label})
        try:
            number = Decimal(str(value))
        except ArithmeticError as exc:
            raise ServiceError(_("Answer “%(q)s” with a number.") % {"q": q.label}) from exc
        if not number.is_finite():
            raise ServiceError(_("Answer “%(q)s” with a number.") % {"q": q.label})
        if number < 0:
            raise ServiceError(_("“%(q)s” cannot be negative.") % {"q": q.label})
        clean[q.code] = float(number)
    _check_consistent(clean)
    return clean


def _check_consistent(answers: dict) -> None:
    """Answers that contradict each other are refused, naming both."""
    resettlement, displaced = answers.get("resettlement"), answers.get("displaced_persons")
    if resettlement is False and isinstance(displaced, float) and displaced > 0:
        raise ServiceError(
            _("You answered that nobody is displaced, but also that %(n)s persons would be displaced.")
            % {"n": f"{displaced:g}"}
        )
    if resettlement is True and displaced == 0:
        raise ServiceError(_("You answered that people are displaced, but also that 0 persons would be displaced."))
