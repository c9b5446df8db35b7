"""The screening questionnaire: what the rules may ask about a project."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    code: str
    kind: str  # "bool" or "number"
    label: str
    help: str = ""
    unit: str = ""


QUESTIONS = [
    Question("resettlement", "bool", _("Will people be physically or economically displaced (resettlement)?")),
    Question("displaced_persons", "number", _("How many persons would be displaced?"), _("0 if none."), _("persons")),
    Question(
        "indigenous_peoples", "bool", _("Are indigenous peoples present on or near the site, or do they use its land?")
    ),
    Question("forest_clearing", "bool", _("Will natural forest or other natural habitat be cleared?")),
    Question("river_works", "bool", _("Will the project dam, divert or dredge a river, lake or coast?")),
    Question(
        "water_abstraction_m3_day",
        "number",
        _("Fresh water abstraction at full operation"),
        _("0 if none."),
        _("m³ per day"),
    ),
    Question("effluent_discharge", "bool", _("Will process wastewater be discharged to surface water or the sea?")),
    Question(
        "hazardous_substances", "bool", _("Will hazardous substances be stored or used in significant quantities?")
    ),
    Question("coal", "bool", _("Will the project burn or mine coal?")),
    Question(
        "ghg_t_per_year",
        "number",
        _("Estimated greenhouse-gas emissions at full operation"),
        _("Scope 1 and 2; 0 if negligible."),
        _("t CO2e per year"),
    ),
    Question("land_area_ha", "number", _("Land take (permanent and temporary)"), "", _("hectares")),
    Question("peak_workers", "number", _("Peak number of workers on site"), "", _("workers")),
    Question(
        "cultural_heritage",
        "bool",
        _("Is known cultural heritage (graves, shrines, historic buildings) on or next to the site?"),
    ),
]
QUESTION_CODES = {q.code for q in QUESTIONS}
BOOL_QUESTIONS = {q.code for q in QUESTIONS if q.kind == "bool"}
