"""The performance-review score: findings and the report's record in, 0–100 and its workings out.

Pure function, no database. ``VERSION`` is stored on every concluded review; a change to the
table below is a new version (and a new row in the README), never an edit in place. The
criteria are this portal's own, documented here and in the README; they are not a transcription
of any national scheme's scoring.

Criteria perf-v1 (``CRITERIA``):

1. **Obligations** (up to 60 points): the mean of the findings on conditions and control
   measures, a finding worth ``FINDING_POINTS`` (met 100 %, partly met 50 %, not met 0 %;
   "not assessed" findings are left out). With no assessed finding the 60 points are given.
2. **Limits** (up to 25 points): 25 with no exceedance in the report; 5 points off for each
   check with an exceedance, and 5 more for each that is also above China's national standard.
3. **Incidents** (up to 10 points): 10 with none; minus 3 per minor, 6 per serious, 10 per major.
4. **Filing** (5 points): the report was filed by its due date.

Every deduction stops at the criterion's floor of 0; the score is the sum, an integer.
"""

from dataclasses import dataclass

VERSION = "perf-v1"

FINDING_POINTS = {"met": 1.0, "partly": 0.5, "not_met": 0.0}
INCIDENT_DEDUCTION = {"minor": 3, "serious": 6, "major": 10}

# (code, maximum points) in the order they are shown.
CRITERIA = (("obligations", 60), ("limits", 25), ("incidents", 10), ("filing", 5))


@dataclass(frozen=True)
class ScoreInputs:
    findings: tuple[str, ...] = ()  # verdict codes
    exceedances: int = 0
    exceedances_above_china: int = 0
    incidents: tuple[str, ...] = ()  # severity codes
    filed_on_time: bool = True


def score(inputs: ScoreInputs) -> tuple[int, list[dict]]:
    """The score and one line per criterion: ``{"code", "points", "max"}``."""
    maxima = dict(CRITERIA)
    assessed = [FINDING_POINTS[v] for v in inputs.findings if v in FINDING_POINTS]
    obligations = maxima["obligations"] * (sum(assessed) / len(assessed) if assessed else 1.0)
    limits = max(0, maxima["limits"] - 5 * inputs.exceedances - 5 * inputs.exceedances_above_china)
    incidents = max(0, maxima["incidents"] - sum(INCIDENT_DEDUCTION.get(s, 0) for s in inputs.incidents))
    filing = maxima["filing"] if inputs.filed_on_time else 0
    points = {"obligations": round(obligations), "limits": limits, "incidents": incidents, "filing": filing}
    lines = [{"code": code, "points": points[code], "max": mx} for code, mx in CRITERIA]
    return sum(points.values()), lines
