"""The design-compliance matrix: each design value against every limit that applies to it.

A pure module (no queries of its own beyond the default fetch of candidate limits): given a
project, its design values and the candidate limits, it decides which limits apply and what
the verdict is. A wrong verdict is worse than none, so:

- A limit *applies* only if its structured applicability (``knowledge.StandardLimit``: source
  type, fuel, capacity band, new/existing and build dates, airshed, grade scope, receiving
  water, sector; the instrument in force) matches the design value and the project. A limit
  that does not match is left out; one whose applicability is *unknown* for this project (the
  row or the project does not say) is listed with the reason and cannot decide the verdict.
- Values are compared only on the same basis: the same averaging period; stack emissions at a
  stated reference O2 on both sides (corrected by C_ref = C × (21 − O2_ref) / (21 − O2)); mg/m³
  against mg/Nm³ only when the limit records its reference temperature and pressure.
- The stricter of the host country's and the international (IFC EHS) value governs; without
  either, China's national standard. The design *complies* only when every applicable host
  and international limit could be compared; it *exceeds* as soon as one comparable limit is
  exceeded; otherwise the verdict is "cannot judge", with the reasons.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.comparison import Converted, convert, normalise_averaging, normalise_unit, reference_oxygen

# Parameter names as users type them → the names the knowledge base uses.
PARAMETER_ALIASES = {
    "so2": "SO2",
    "sox": "SO2",
    "sulphur dioxide": "SO2",
    "sulfur dioxide": "SO2",
    "nox": "NOx",
    "nitrogen oxides": "NOx",
    "no2": "NO2",
    "nitrogen dioxide": "NO2",
    "pm": "particulate matter",
    "dust": "particulate matter",
    "particulates": "particulate matter",
    "total particulate": "particulate matter",
    "particulate matter": "particulate matter",
    "pm10": "PM10",
    "pm2.5": "PM2.5",
    "pm25": "PM2.5",
    "tsp": "TSP",
    "o3": "O3",
    "ozone": "O3",
    "co": "CO",
    "bod": "BOD5",
    "bod5": "BOD5",
    "cod": "COD",
    "ss": "SS",
    "tss": "SS",
    "suspended solids": "SS",
    "total suspended solids": "SS",
    "ph": "pH",
    "hg": "mercury",
    "mercury": "mercury",
    "oil and grease": "oil and grease",
}


def normalise_parameter(name: str) -> str:
    """'so2' → 'SO2', 'TSS' → 'SS', 'dust' → 'particulate matter'; unknown names unchanged."""
    key = re.sub(r"\s+", " ", (name or "").strip().lower()).replace("₂", "2")
    return PARAMETER_ALIASES.get(key, (name or "").strip())


def reference_temperature_k(conditions: str) -> Decimal | None:
    """'0 °C' → 273.15, '25 °C' → 298.15, '273 K' → 273.15 (from a design value's conditions)."""
    text = conditions or ""
    if m := re.search(r"(-?\d+(?:\.\d+)?)\s*°\s*C", text):
        return (Decimal(m.group(1)) + Decimal("273.15")).normalize()
    if m := re.search(r"(\d{3}(?:\.\d+)?)\s*K\b", text):
        value = Decimal(m.group(1))
        return Decimal("273.15") if value == 273 else value
    return None


@dataclass
class LimitCell:
    limit: object
    source: str  # "host", "ifc", "china"
    converted: Converted
    # Why this applicable-or-maybe-applicable limit cannot be used (empty: it can).
    reason: str = ""

    @property
    def usable(self) -> bool:
        return not self.reason and self.converted.comparable

    @property
    def why_not(self) -> str:
        return self.reason or self.converted.reason


@dataclass
class MatrixRow:
    design: object
    cells: list = field(default_factory=list)
    governing: LimitCell | None = None
    governing_rule: str = ""
    verdict: str = ""  # "pass", "fail", "cannot_judge", "no_limit"
    reasons: list = field(default_factory=list)  # why the verdict is "cannot judge"
    excluded: int = 0  # limits of this parameter and medium that do not apply


# --- applicability ---------------------------------------------------------------------------------

NOT_APPLICABLE = object()


def _match(row_value: str, fact: str, *, row_unknown: str, fact_unknown: str, same=None):
    """None if the row applies, NOT_APPLICABLE if it does not, else the reason it is unknown."""
    if not row_value:
        return row_unknown
    if row_value == "any":
        return None
    if not fact:
        return fact_unknown
    if (same or (lambda a, b: a == b))(row_value, fact):
        return None
    return NOT_APPLICABLE


def _fuel_same(row: str, fact: str) -> bool:
    # Lignite is a solid fuel: a row for "coal and other solid fuels" covers it.
    return row == fact or (row == "coal" and fact == "lignite")


def _source_same(row: str, fact: str) -> bool:
    return row == fact or row == "combustion_any"


def applicability(limit, design, project, *, today=None) -> object:
    """None (applies), NOT_APPLICABLE, or a translated reason why it cannot be told."""
    today = today or timezone.localdate()
    instrument = limit.instrument
    if instrument.legal_status == "repealed" or instrument.repealed:
        return NOT_APPLICABLE
    if limit.sector_id and limit.sector_id != project.sector:
        return NOT_APPLICABLE
    if limit.grade_scope in ("target", "designated"):
        return NOT_APPLICABLE
    checks = []
    if not limit.grade_scope:
        checks.append(_("which class or grade of this instrument applies is not recorded"))
    if limit.medium == "air_emissions":
        checks += [
            _match(
                limit.source_type,
                design.source_type,
                row_unknown=_("the limit's source type is not recorded"),
                fact_unknown=_("state the source type (boiler, turbine, engine)"),
                same=_source_same,
            ),
            _match(
                limit.fuel,
                design.fuel,
                row_unknown=_("the limit's fuel is not recorded"),
                fact_unknown=_("state the fuel"),
                same=_fuel_same,
            ),
            _match(
                limit.airshed,
                design.airshed,
                row_unknown=_("the limit's airshed condition is not recorded"),
                fact_unknown=_("state whether the airshed is degraded"),
            ),
            _capacity(limit, project),
        ]
    if limit.medium in ("air_emissions", "effluent"):
        checks += [
            _match(
                limit.plant_age,
                design.plant_age,
                row_unknown=_("whether the limit is for new or existing plants is not recorded"),
                fact_unknown=_("state whether the plant is new or existing"),
            ),
            _built(limit, design, project, today),
        ]
    if limit.medium == "effluent":
        checks.append(
            _match(
                limit.receiving_water,
                design.receiving_water,
                row_unknown=_("the limit's receiving water is not recorded"),
                fact_unknown=_("state where the effluent is discharged"),
            )
        )
        if limit.receiving_water_class:
            checks.append(
                _match(
                    limit.receiving_water_class.lower(),
                    (design.receiving_water_class or "").lower(),
                    row_unknown="",
                    fact_unknown=_("state the class of the receiving water"),
                )
            )
    if NOT_APPLICABLE in checks:
        return NOT_APPLICABLE
    reasons = [c for c in checks if c]
    return "; ".join(reasons) if reasons else None


def _capacity(limit, project):
    if not limit.capacity_unit:
        return None
    if project.capacity is None:
        return _("the limit depends on capacity and the project's capacity is not stated")
    # Project capacity units: "MW" is electrical output, "MWth" thermal input.
    basis = {"MW": {"MW", "MWe"}, "MWth": {"MWth"}}.get(project.capacity_unit, set())
    cap = Decimal(project.capacity)
    if limit.capacity_unit not in basis:
        # A plant's thermal input is never less than its electrical output, so a band on the
        # other basis can still be ruled out: electrical output at or above a thermal band's top
        # is above it; thermal input below an electrical band's floor is below it.
        electrical_over_thermal_band = (
            project.capacity_unit == "MW" and limit.capacity_max is not None and cap >= limit.capacity_max
        )
        thermal_under_electrical_band = (
            project.capacity_unit == "MWth" and limit.capacity_min is not None and cap < limit.capacity_min
        )
        if electrical_over_thermal_band or thermal_under_electrical_band:
            return NOT_APPLICABLE
        return _("the limit's capacity band is in %(unit)s, the project's capacity is not") % {
            "unit": limit.capacity_unit
        }
    if limit.capacity_min is not None and cap < limit.capacity_min:
        return NOT_APPLICABLE
    if limit.capacity_max is not None and cap >= limit.capacity_max:
        return NOT_APPLICABLE
    return None


def _built(limit, design, project, today):
    if not (limit.built_from or limit.built_before):
        return None
    when = project.operation_start or project.construction_start
    if when is None and design.plant_age == "new":
        # A plant not yet built is built after any date already past.
        when = today
    if when is None:
        return _("the limit depends on when the plant was built and the project's dates are not stated")
    if limit.built_from and when < limit.built_from:
        return NOT_APPLICABLE
    if limit.built_before and when >= limit.built_before:
        return NOT_APPLICABLE
    return None


# --- conversion on a stated basis --------------------------------------------------------------------


def _convert(limit, design) -> Converted:
    """The limit in the design value's unit, averaging and reference conditions, or why not."""
    averaging = normalise_averaging(design.averaging) if design.averaging else None
    if limit.medium != "air_emissions":
        return convert(limit, to_unit=_design_unit(design), averaging=averaging)
    design_o2 = reference_oxygen(design.conditions)
    limit_o2 = limit.o2_ref_percent if limit.o2_ref_percent is not None else reference_oxygen(limit.conditions)
    if design_o2 is None:
        return Converted(None, reason=_("State the design value's reference O2 (e.g. 6% O2)."))
    if limit_o2 is None:
        return Converted(None, reason=_("The limit's reference O2 is not recorded: not comparable."))
    unit = normalise_unit(limit.unit)
    notes = []
    factor = Decimal(1)
    if unit in ("mg/m³", "µg/m³", "g/m³"):
        if limit.ref_temperature_k is None or limit.ref_pressure_kpa is None:
            return Converted(
                None,
                reason=_(
                    "The limit is in %(unit)s without recorded reference temperature and pressure: "
                    "not comparable with a value at normal conditions."
                )
                % {"unit": limit.unit},
            )
        unit = unit.replace("/m³", "/Nm³")
        notes.append(_("%(unit)s at the limit's stated reference conditions") % {"unit": limit.unit})
    design_t = reference_temperature_k(design.conditions)
    if limit.ref_temperature_k is not None and design_t is not None and design_t != limit.ref_temperature_k:
        # The same gas fills a larger volume when warmer: C(T2) = C(T1) × T1 / T2.
        factor = Decimal(limit.ref_temperature_k) / design_t
        notes.append(
            _("converted from %(t1)s K to %(t2)s K") % {"t1": limit.ref_temperature_k.normalize(), "t2": design_t}
        )
    proxy = SimpleNamespace(
        parameter=limit.parameter,
        medium=limit.medium,
        unit=unit,
        averaging=limit.averaging,
        conditions=f"{limit_o2}% O2",
        value=None if limit.value is None else limit.value * factor,
        value_min=None if limit.value_min is None else limit.value_min * factor,
        value_max=None if limit.value_max is None else limit.value_max * factor,
    )
    result = convert(proxy, to_unit=_design_unit(design), averaging=averaging, o2_ref=design_o2)
    result.notes = notes + result.notes
    return result


def _design_unit(design) -> str:
    return normalise_unit(design.unit)


# --- the matrix ---------------------------------------------------------------------------------------


def _strictest(cells: list[LimitCell]) -> LimitCell | None:
    usable = [c for c in cells if c.usable and c.converted.value is not None]
    return min(usable, key=lambda c: c.converted.value) if usable else None


def _exceeds(cell: LimitCell, value: Decimal) -> bool:
    c = cell.converted
    if c.value is not None:
        return value > c.value
    return (c.value_min is not None and value < c.value_min) or (c.value_max is not None and value > c.value_max)


def compliance_matrix(project, *, limits) -> list[MatrixRow]:
    """One row per design value of ``project``, judged against ``limits`` (the candidate rows
    the selector read: ``selectors.compliance_matrix_for_project``); no database access here."""
    limits = list(limits)
    host = project.host_country.iso2 if project.host_country else ""
    # China's standards are the host's own for a project in China, not a third reference.
    sources = {"IFC": "ifc", "CN": "china"}
    if host:
        sources[host] = "host"
    rows = []
    for design in project.design_values.all():
        parameter = normalise_parameter(design.parameter)
        row = MatrixRow(design=design)
        value = Decimal(design.value)
        for lim in limits:
            source = sources.get(lim.instrument.jurisdiction)
            if source is None or lim.medium != design.medium:
                continue
            if normalise_parameter(lim.parameter).lower() != parameter.lower():
                continue
            applies = applicability(lim, design, project)
            if (
                design.averaging
                and applies is not NOT_APPLICABLE
                and normalise_averaging(lim.averaging) != normalise_averaging(design.averaging)
                and lim.averaging
            ):
                # A limit for another averaging period is not a limit for this value.
                applies = NOT_APPLICABLE
            if applies is NOT_APPLICABLE:
                row.excluded += 1
                continue
            reason = applies or ""
            row.cells.append(LimitCell(limit=lim, source=source, converted=_convert(lim, design), reason=reason))
        order = {"host": 0, "ifc": 1, "china": 2}
        row.cells.sort(key=lambda c: (order[c.source], not c.usable))
        _decide(row, value)
        rows.append(row)
    return rows


def _decide(row: MatrixRow, value: Decimal) -> None:
    host = [c for c in row.cells if c.source == "host"]
    ifc = [c for c in row.cells if c.source == "ifc"]
    china = [c for c in row.cells if c.source == "china"]
    host_best, ifc_best = _strictest(host), _strictest(ifc)
    if host_best and ifc_best:
        row.governing = host_best if host_best.converted.value <= ifc_best.converted.value else ifc_best
        row.governing_rule = _("the stricter of the host-country and the international value")
    elif host_best:
        row.governing = host_best
        row.governing_rule = _("the host-country value (no comparable international value)")
    elif ifc_best:
        row.governing = ifc_best
        row.governing_rule = _("the international value (no comparable host-country value)")
    elif not host and not ifc and (china_best := _strictest(china)):
        row.governing = china_best
        row.governing_rule = _("China's national standard (no applicable host or international value)")
    if row.governing is None:
        # Ranges (pH): the host range governs, else the international, else China's.
        for group, label in ((host, _("the host-country range")), (ifc, _("the international range")), (china, "")):
            ranged = [c for c in group if c.usable and c.converted.value_min is not None]
            if ranged and (label or not (host or ifc)):
                row.governing = max(ranged, key=lambda c: c.converted.value_min)
                row.governing_rule = label or _("China's national range")
                break
    deciding = host + ifc if (host or ifc) else china
    unusable = [c for c in deciding if not c.usable]
    row.reasons = [f"{c.limit.instrument}: {c.why_not}" for c in unusable]
    if any(c.usable and _exceeds(c, value) for c in deciding):
        row.verdict = "fail"
        exceeded = [c for c in deciding if c.usable and _exceeds(c, value)]
        if row.governing is None or not _exceeds(row.governing, value):
            row.governing = exceeded[0]
            row.governing_rule = _("an applicable limit that the design value exceeds")
    elif not row.cells:
        row.verdict = "no_limit"
    elif row.governing is None or unusable:
        row.verdict = "cannot_judge"
    else:
        row.verdict = "pass"
