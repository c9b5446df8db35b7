"""The barometer's rule set: an enterprise's record in, a colour and its reasons out.

Pure function, no database. ``VERSION`` is stored on every rating it produces; a change to the
rules below is a new version (and a new row in the README's table), never an edit in place, so
every past rating can be explained by the rules that made it.

The four colours follow the structure of China's enterprise environmental credit evaluation
(green, blue, yellow, red); the thresholds below are this portal's own rule set v1, not a
transcription of that scheme's scoring, and are documented here and in the README.

Rule set rating-v1, first match wins:

1. **red** if an active blacklist entry exists;
2. **red** if an uncorrected finding of a red ground exists (building or operating without
   approval, deliberate illegal discharge), whatever else the record shows;
3. **red** if an uncorrected major incident exists;
4. **yellow** if an uncorrected serious incident exists, or a performance report is overdue, or
   there are 3 or more exceedances in the period, or the review score is below 60;
5. **blue** if an uncorrected minor incident exists, or there are 1–2 exceedances, or the review
   score is below 80, or fewer conditions are fulfilled than are due;
6. **green** otherwise.

Only records of the last ``WINDOW_DAYS`` count (incidents by date); corrected findings never
count (that is how a rating is repaired). Every rule that matched is listed among the reasons,
most severe first, so the enterprise sees everything it must put right, not only the first.

Inputs from performance reports and reviews (exceedances, overdue reports, conditions, review
score) are passed in by ``selectors.rating.rating_inputs_for``; until those areas exist they are
0 / ``None`` and the rules that read them never match. That function is the hook they plug into.
"""

from dataclasses import dataclass, field

VERSION = "rating-v1"
WINDOW_DAYS = 365

RED, YELLOW, BLUE, GREEN = "red", "yellow", "blue", "green"
_ORDER = {GREEN: 0, BLUE: 1, YELLOW: 2, RED: 3}


@dataclass(frozen=True)
class RatingInputs:
    blacklisted: bool = False
    red_grounds: tuple[str, ...] = ()  # codes of uncorrected red-ground findings
    major_incidents: int = 0  # uncorrected, in the window
    serious_incidents: int = 0
    minor_incidents: int = 0
    exceedances: int = 0
    overdue_reports: int = 0
    conditions_due: int = 0
    conditions_fulfilled: int = 0
    review_score: int | None = None  # 0–100, from performance review once it exists

    def as_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Reason:
    """A machine-readable reason: ``code`` picks the sentence, ``params`` fill it in (the
    sentences are translated at display time in ``selectors.rating.reason_text``)."""

    colour: str
    code: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"colour": self.colour, "code": self.code, "params": self.params}


@dataclass(frozen=True)
class RatingResult:
    colour: str
    reasons: tuple[Reason, ...]
    version: str = VERSION


def rate(inputs: RatingInputs) -> RatingResult:
    """Apply rule set v1 to one enterprise's record."""
    reasons: list[Reason] = []
    if inputs.blacklisted:
        reasons.append(Reason(RED, "blacklisted"))
    for ground in sorted(set(inputs.red_grounds)):
        reasons.append(Reason(RED, "red_ground", {"ground": ground}))
    if inputs.major_incidents:
        reasons.append(Reason(RED, "major_incidents", {"n": inputs.major_incidents}))
    if inputs.serious_incidents:
        reasons.append(Reason(YELLOW, "serious_incidents", {"n": inputs.serious_incidents}))
    if inputs.overdue_reports:
        reasons.append(Reason(YELLOW, "overdue_reports", {"n": inputs.overdue_reports}))
    if inputs.exceedances >= 3:
        reasons.append(Reason(YELLOW, "many_exceedances", {"n": inputs.exceedances}))
    elif inputs.exceedances:
        reasons.append(Reason(BLUE, "some_exceedances", {"n": inputs.exceedances}))
    if inputs.review_score is not None and inputs.review_score < 60:
        reasons.append(Reason(YELLOW, "low_score", {"score": inputs.review_score}))
    elif inputs.review_score is not None and inputs.review_score < 80:
        reasons.append(Reason(BLUE, "fair_score", {"score": inputs.review_score}))
    if inputs.minor_incidents:
        reasons.append(Reason(BLUE, "minor_incidents", {"n": inputs.minor_incidents}))
    if inputs.conditions_fulfilled < inputs.conditions_due:
        reasons.append(Reason(BLUE, "conditions_open", {"open": inputs.conditions_due - inputs.conditions_fulfilled}))
    if not reasons:
        return RatingResult(GREEN, (Reason(GREEN, "clean"),))
    reasons.sort(key=lambda r: -_ORDER[r.colour])
    return RatingResult(reasons[0].colour, tuple(reasons))


def worse(a: str, b: str) -> bool:
    """Is colour ``a`` worse than ``b``?"""
    return _ORDER[a] > _ORDER[b]
