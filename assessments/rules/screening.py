"""The screening engine: a pure function from project facts and one rule set to a category,
the factors that drove it and three traffic lights. Deterministic: same inputs, same result."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.choices import CATEGORY_ORDER, LIGHT_ORDER, CapacityUnit, LightDimension, Operator, RuleKind
from assessments.rules.questionnaire import UNKNOWN
from knowledge.choices import RISK_LEVEL_ORDER, RiskDimension, RiskLevel
from portal.choices import Sector
from portal.numbers import plain


@dataclass
class Facts:
    sector: str
    capacity: Decimal | None = None
    capacity_unit: str = ""
    answers: dict = field(default_factory=dict)
    country_risk: dict = field(default_factory=dict)  # dimension -> level
    site: list = field(default_factory=list)  # [{"type", "relation", "name", "distance_m"}]

    @classmethod
    def from_dict(cls, data: dict) -> "Facts":
        """The facts a screening recorded (``as_dict``), to re-explain it in another language."""
        capacity = data.get("capacity")
        return cls(
            sector=data.get("sector", ""),
            capacity=None if capacity in (None, "") else Decimal(capacity),
            capacity_unit=data.get("capacity_unit", ""),
            answers=data.get("answers") or {},
            country_risk=data.get("country_risk") or {},
            site=data.get("site") or [],
        )

    def as_dict(self) -> dict:
        return {
            "sector": self.sector,
            "capacity": None if self.capacity is None else str(self.capacity),
            "capacity_unit": self.capacity_unit,
            "answers": self.answers,
            "country_risk": self.country_risk,
            "site": self.site,
        }


@dataclass
class Result:
    category: str
    points: int
    factors: list
    lights: dict


def _label(choices, value) -> str:
    """The translated label of an enumeration value (a raw code never reaches a page)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _number(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def rule_fires(rule, facts: Facts) -> str | None:
    """Why the rule fires (a short fact), or None."""
    if rule.sector and rule.sector != facts.sector:
        return None
    op = rule.operator
    if rule.kind == RuleKind.SECTOR and op == Operator.ALWAYS:
        return _("sector: %(sector)s") % {"sector": _label(Sector, facts.sector)}
    if rule.kind == RuleKind.QUESTION:
        answer = facts.answers.get(rule.question)
        if answer == UNKNOWN:
            # Not known yet: the cautious case, said so, so the enterprise knows what to find out.
            return _("not known yet: treated as the cautious case")
        if op == Operator.YES:
            return _("answered yes") if answer is True else None
        number = _number(answer)
        if number is None or rule.threshold is None:
            return None
        if (op == Operator.GTE and number >= rule.threshold) or (op == Operator.GT and number > rule.threshold):
            return _("answered %(value)s") % {"value": plain(number)}
        return None
    if rule.kind == RuleKind.CAPACITY:
        if facts.capacity is None or facts.capacity_unit != rule.capacity_unit or rule.threshold is None:
            return None
        if facts.capacity >= rule.threshold:
            return _("capacity %(value)s %(unit)s") % {
                "value": plain(facts.capacity),
                "unit": _label(CapacityUnit, facts.capacity_unit),
            }
        return None
    if rule.kind == RuleKind.COUNTRY and op == Operator.LEVEL_GTE:
        level = facts.country_risk.get(rule.country_dimension)
        if level and RISK_LEVEL_ORDER.get(level, 0) >= RISK_LEVEL_ORDER.get(rule.country_level, 99):
            return _("host country's %(dimension)s risk: %(level)s") % {
                "dimension": _label(RiskDimension, rule.country_dimension).lower(),
                "level": _label(RiskLevel, level).lower(),
            }
        return None
    if rule.kind == RuleKind.SITE:
        wanted = {"inside"} if op == Operator.INSIDE else ({"buffer"} if op == Operator.BUFFER else set())
        hits = [s for s in facts.site if s["type"] == rule.site_type and s["relation"] in wanted]
        if hits:
            nearest = min(hits, key=lambda s: s["distance_m"])
            return _("%(name)s (%(distance)s m)") % {"name": nearest["name"], "distance": nearest["distance_m"]}
        return None
    return None


def screen(facts: Facts, ruleset, rules) -> Result:
    points = 0
    floor = "C"
    factors = []
    lights = {d: {"light": "green", "reasons": []} for d in LightDimension.values}
    green_reasons: dict[str, list[str]] = {d: [] for d in LightDimension.values}
    for rule in sorted(rules, key=lambda r: (r.kind, r.code)):
        why = rule_fires(rule, facts)
        if why is None:
            continue
        points += rule.points
        if rule.category_floor and CATEGORY_ORDER[rule.category_floor] > CATEGORY_ORDER[floor]:
            floor = rule.category_floor
        if rule.light_dimension and rule.light == "green":
            # A rule that only vouches for green explains the light, not the category.
            green_reasons[rule.light_dimension].append(rule.explanation)
            if not rule.points and not rule.category_floor:
                continue
        factors.append(
            {
                "code": rule.code,
                "kind": rule.kind,
                "fact": why,
                "explanation": rule.explanation,
                "points": rule.points,
                "category_floor": rule.category_floor,
                "light_dimension": rule.light_dimension,
                "light": rule.light,
            }
        )
        if rule.light_dimension and rule.light:
            entry = lights[rule.light_dimension]
            if LIGHT_ORDER[rule.light] > LIGHT_ORDER[entry["light"]]:
                entry["light"] = rule.light
            if rule.light != "green":
                entry["reasons"].append(rule.explanation)
    by_points = "A" if points >= ruleset.threshold_a else ("B" if points >= ruleset.threshold_b else "C")
    category = max(floor, by_points, key=lambda c: CATEGORY_ORDER[c])
    factors.append(
        {
            "code": "points",
            "kind": "total",
            "fact": _("%(points)s points (B from %(b)s, A from %(a)s)")
            % {"points": points, "a": ruleset.threshold_a, "b": ruleset.threshold_b},
            "explanation": _(
                "The points of all factors above give category %(cat)s; "
                "the highest category floor of any factor is %(floor)s."
            )
            % {"cat": by_points, "floor": floor},
            "points": 0,
            "category_floor": "",
            "light_dimension": "",
            "light": "",
        }
    )
    for dimension, entry in lights.items():
        if not entry["reasons"]:
            entry["reasons"] = green_reasons[dimension] or [_("No screening rule raised this dimension.")]
    return Result(category=category, points=points, factors=factors, lights=lights)
