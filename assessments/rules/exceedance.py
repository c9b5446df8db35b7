"""Monitored values against the limits that apply: which limit governs, whether it was exceeded
and by how much, across units and averaging periods. Pure functions, no database.

Which limits apply, and how a limit is converted into the readings' unit and reference oxygen,
is exactly the design-compliance matrix (``assessments.rules.compliance``: structured
applicability, ``knowledge.comparison`` conversions); this module adds time.

Rules (this portal's own, documented in the README, "Performance reports"):

1. Readings are grouped by monitoring point, parameter and medium; every reading is converted
   to the group's unit and reference O2 (the first reading's) or, if it cannot be, left out with
   the reason.
2. Limits are taken one averaging period at a time. Within a period the governing limit is the
   stricter of the host country's and the international (IFC) one; China's national standard
   governs only when neither exists. China's limit of the same period is always compared too,
   and the stricter of the two is flagged.
3. A reading is compared with a limit of the *same* period directly. Readings of a *shorter*
   period are averaged over each calendar window of the limit's period (clock hour, fixed 8-hour
   blocks from midnight, calendar day, month, year); a window counts only when it holds at least
   ``COVERAGE`` of the readings it could hold, otherwise it is reported as not judged. A reading
   of a *longer* period than the limit's can show an exceedance (a mean above the limit means at
   least one shorter period was above it) but never compliance.
4. Range limits (pH) and limits that state no averaging period are compared with each reading.
5. The verdict is "exceeded" when any window is above the governing limit, "within" when at
   least one window was judged and none was above, otherwise "cannot be judged" with the
   reasons. The exceedance is (highest window − limit) / limit, in per cent.
"""

import calendar
import datetime as dt
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.utils.translation import gettext as _

from assessments.rules.compliance import compliance_matrix, normalise_parameter
from knowledge.comparison import convert, normalise_averaging, normalise_unit, reference_oxygen

COVERAGE = Decimal("0.75")

PASS, EXCEEDED, CANNOT_JUDGE, NO_LIMIT = "pass", "exceeded", "cannot_judge", "no_limit"


def period_hours(period: str) -> float | None:
    """Duration of a normalised averaging period in hours ('max' = 0: an instantaneous value);
    months and years are ranked by their nominal length; None if unknown."""
    if period == "max":
        return 0.0
    if m := re.fullmatch(r"(\d+)min", period or ""):
        return int(m.group(1)) / 60
    if m := re.fullmatch(r"(\d+)h", period or ""):
        return float(m.group(1))
    return {"month": 24 * 30.0, "annual": 24 * 365.0}.get(period)


def _window_key(period: str, t: dt.datetime):
    if m := re.fullmatch(r"(\d+)min", period):
        n = int(m.group(1))
        return (t.date(), t.hour, t.minute // n)
    if m := re.fullmatch(r"(\d+)h", period):
        n = int(m.group(1))
        return (t.date(), t.hour // n) if n < 24 else (t.date(),)
    if period == "month":
        return (t.year, t.month)
    if period == "annual":
        return (t.year,)
    return None


def _window_hours(period: str, key) -> float:
    if period == "month":
        return calendar.monthrange(key[0], key[1])[1] * 24.0
    if period == "annual":
        return (366 if calendar.isleap(key[0]) else 365) * 24.0
    return period_hours(period)


def _window_label(period: str, key) -> str:
    if period == "month":
        return f"{key[0]}-{key[1]:02d}"
    if period == "annual":
        return str(key[0])
    day = key[0].isoformat()
    if len(key) == 1:
        return day
    if len(key) == 2:
        n = int(period[:-1])
        return f"{day} {key[1] * n:02d}:00–{(key[1] + 1) * n:02d}:00"
    n = int(period[:-3])
    return f"{day} {key[1]:02d}:{key[2] * n:02d}"


@dataclass
class Window:
    label: str
    value: Decimal | None  # None: not judged
    readings: int
    exceeded: bool | None = None  # None: not judged
    why_not: str = ""


@dataclass
class CheckResult:
    point: str
    parameter: str
    medium: str
    period: str
    verdict: str
    unit: str = ""
    windows: list = field(default_factory=list)
    governing: object = None  # compliance.LimitCell
    governing_value: Decimal | None = None
    china: object = None
    china_value: Decimal | None = None
    stricter: str = ""
    exceeds_china: bool = False
    exceedance_percent: Decimal | None = None
    notes: list = field(default_factory=list)

    @property
    def judged(self) -> list:
        return [w for w in self.windows if w.exceeded is not None]

    @property
    def exceeded_windows(self) -> int:
        return sum(1 for w in self.windows if w.exceeded)

    @property
    def worst_value(self) -> Decimal | None:
        values = [w.value for w in self.windows if w.value is not None]
        return max(values) if values else None


def _q(v: Decimal) -> Decimal:
    """A mean kept to four decimals, or to four significant digits when it is smaller than that
    (a mercury mean of 0.000035 mg/L must not become 0), within the ten places stored."""
    if v == 0:
        return v
    places = min(10, max(4, 3 - v.adjusted()))
    return v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _to_group(reading, unit: str, o2) -> tuple[Decimal | None, str]:
    """The reading in the group's unit and reference O2, or (None, why not)."""
    proxy = SimpleNamespace(
        parameter=normalise_parameter(reading.parameter),
        medium=reading.medium,
        unit=reading.unit,
        averaging=reading.averaging,
        conditions=reading.conditions or "",
        value=Decimal(reading.value),
        value_min=None,
        value_max=None,
    )
    converted = convert(proxy, to_unit=unit, o2_ref=o2 if reading.medium == "air_emissions" else None)
    if not converted.comparable:
        return None, converted.reason
    # ``convert`` rounds to 0.01, enough for a limit; readings keep their own precision when no
    # conversion was needed.
    if normalise_unit(reading.unit) == unit and (o2 is None or reference_oxygen(reading.conditions) == o2):
        return Decimal(reading.value), ""
    return converted.value, ""


def _exceeds(cell, value: Decimal) -> bool:
    c = cell.converted
    if c.value is not None:
        return value > c.value
    return (c.value_min is not None and value < c.value_min) or (c.value_max is not None and value > c.value_max)


def _strictest(cells):
    usable = [c for c in cells if c.usable and c.converted.value is not None]
    if usable:
        return min(usable, key=lambda c: c.converted.value)
    ranged = [c for c in cells if c.usable and (c.converted.value_min is not None or c.converted.value_max is not None)]
    return ranged[0] if ranged else None


def _windows(readings: list, reading_period: str, limit_period: str, cell) -> tuple[list[Window], list[str]]:
    """Build the windows of ``limit_period`` from ``readings`` [(time, value)] and judge them."""
    notes = []
    ranged = cell.converted.value is None
    r_hours, l_hours = period_hours(reading_period), period_hours(limit_period)
    if ranged or not limit_period or reading_period == limit_period:
        if not limit_period and not ranged:
            notes.append(_("The limit states no averaging period: each reading is compared with it."))
        return [Window(t.strftime("%Y-%m-%d %H:%M"), v, 1, _exceeds(cell, v)) for t, v in readings], notes
    if l_hours is None or r_hours is None:
        notes.append(
            _("No rule builds a %(limit)s value from %(reading)s readings: not judged.")
            % {"limit": limit_period, "reading": reading_period or "—"}
        )
        return [], notes
    if r_hours > l_hours:
        # A mean above the limit shows at least one shorter period above it; a mean below shows nothing.
        notes.append(
            _("Readings are %(reading)s values, longer than the limit's %(limit)s: only an exceedance can be shown.")
            % {"reading": reading_period, "limit": limit_period}
        )
        out = []
        for t, v in readings:
            above = _exceeds(cell, v)
            out.append(
                Window(
                    t.strftime("%Y-%m-%d %H:%M"),
                    v,
                    1,
                    True if above else None,
                    "" if above else _("a longer mean below the limit does not show compliance"),
                )
            )
        return out, notes
    if r_hours == 0:
        notes.append(_("Spot samples cannot make a %(limit)s mean: not judged.") % {"limit": limit_period})
        return [], notes
    groups: OrderedDict = OrderedDict()
    for t, v in sorted(readings, key=lambda tv: tv[0]):
        groups.setdefault(_window_key(limit_period, t), []).append(v)
    out = []
    for key, values in groups.items():
        slots = _window_hours(limit_period, key) / r_hours
        needed = max(1, math.ceil(float(COVERAGE) * slots - 1e-9))
        label = _window_label(limit_period, key)
        if len(values) < needed:
            out.append(
                Window(
                    label,
                    None,
                    len(values),
                    None,
                    _("%(n)s of %(slots)s readings (%(needed)s needed)")
                    % {"n": len(values), "slots": int(round(slots)), "needed": needed},
                )
            )
            continue
        mean = _q(sum(values, Decimal(0)) / len(values))
        out.append(Window(label, mean, len(values), _exceeds(cell, mean)))
    skipped = sum(1 for w in out if w.exceeded is None)
    if skipped:
        notes.append(
            _("%(n)s %(period)s periods had too few readings to be judged (at least %(pct)s%% needed).")
            % {"n": skipped, "period": limit_period, "pct": int(COVERAGE * 100)}
        )
    return out, notes


def check_readings(*, project, readings, limits, design_values=()) -> list[CheckResult]:
    """Every point × parameter of ``readings`` against ``limits`` (the candidate rows the
    selector read for the project's jurisdictions). ``design_values`` lend the emission source's
    facts (source type, fuel, new or existing, receiving water) by parameter and medium."""
    facts = {(normalise_parameter(d.parameter).lower(), d.medium): d for d in design_values}
    groups: OrderedDict = OrderedDict()
    for r in readings:
        key = (r.point.strip(), normalise_parameter(r.parameter), r.medium)
        groups.setdefault(key, []).append(r)
    results = []
    for (point, parameter, medium), rows in groups.items():
        results.extend(_check_group(project, point, parameter, medium, rows, limits, facts))
    return results


def _check_group(project, point, parameter, medium, rows, limits, facts) -> list[CheckResult]:
    first = rows[0]
    unit = normalise_unit(first.unit)
    o2 = reference_oxygen(first.conditions) if medium == "air_emissions" else None
    notes, converted = [], []
    by_period: dict[str, list] = {}
    for r in rows:
        value, why = _to_group(r, unit, o2)
        if value is None:
            notes.append(_("%(when)s left out: %(why)s") % {"when": f"{r.sampled_at:%Y-%m-%d %H:%M}", "why": why})
            continue
        converted.append(r)
        by_period.setdefault(normalise_averaging(r.averaging), []).append((r.sampled_at, value))
    d = facts.get((parameter.lower(), medium))
    design = SimpleNamespace(
        parameter=parameter,
        medium=medium,
        value=Decimal(0),
        unit=unit,
        averaging="",
        conditions=first.conditions or "",
        source_type=getattr(d, "source_type", ""),
        fuel=getattr(d, "fuel", ""),
        plant_age=getattr(d, "plant_age", ""),
        airshed=getattr(d, "airshed", ""),
        receiving_water=getattr(d, "receiving_water", ""),
        receiving_water_class=getattr(d, "receiving_water_class", ""),
    )
    proxy_project = SimpleNamespace(
        host_country=project.host_country,
        sector=project.sector,
        capacity=project.capacity,
        capacity_unit=project.capacity_unit,
        operation_start=project.operation_start,
        construction_start=project.construction_start,
        design_values=SimpleNamespace(all=lambda: [design]),
    )
    (row,) = compliance_matrix(proxy_project, limits=limits)
    if not row.cells:
        return [CheckResult(point, parameter, medium, "", NO_LIMIT, unit=unit, notes=notes)]
    cells_by_period: OrderedDict = OrderedDict()
    for cell in row.cells:
        cells_by_period.setdefault(normalise_averaging(cell.limit.averaging), []).append(cell)
    out = []
    for limit_period, cells in cells_by_period.items():
        out.append(_check_period(point, parameter, medium, unit, limit_period, cells, by_period, list(notes)))
    return out


def _check_period(point, parameter, medium, unit, limit_period, cells, by_period, notes) -> CheckResult:
    result = CheckResult(point, parameter, medium, limit_period, CANNOT_JUDGE, unit=unit, notes=notes)
    host_ifc = [c for c in cells if c.source in ("host", "ifc")]
    china = [c for c in cells if c.source == "china"]
    result.china = _strictest(china)
    if host_ifc:
        result.governing = _strictest(host_ifc)
        if result.governing is None:
            result.notes += [f"{c.limit.instrument}: {c.why_not}" for c in host_ifc]
    else:
        result.governing = result.china
        if result.governing is None:
            result.notes += [f"{c.limit.instrument}: {c.why_not}" for c in china]
    gov, cn = result.governing, result.china
    if gov is not None:
        result.governing_value = gov.converted.value
    if cn is not None:
        result.china_value = cn.converted.value
    if gov is not None and cn is not None and gov is not cn:
        g, c = gov.converted.value, cn.converted.value
        if g is not None and c is not None:
            result.stricter = "equal" if g == c else ("governing" if g < c else "china")
    elif gov is not None and gov is cn:
        result.stricter = "china"
    if gov is None:
        return result
    for reading_period, readings in by_period.items():
        windows, more = _windows(readings, reading_period, limit_period, gov)
        result.windows += windows
        result.notes += more
        if cn is not None and cn is not gov:
            cn_windows, _more = _windows(readings, reading_period, limit_period, cn)
            result.exceeds_china = result.exceeds_china or any(w.exceeded for w in cn_windows)
    if gov is cn:
        result.exceeds_china = any(w.exceeded for w in result.windows)
    if result.exceeded_windows:
        result.verdict = EXCEEDED
        if gov.converted.value:
            worst = max(w.value for w in result.windows if w.exceeded)
            result.exceedance_percent = ((worst - gov.converted.value) / gov.converted.value * 100).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
    elif result.judged:
        result.verdict = PASS
    return result
