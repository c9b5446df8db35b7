"""Side-by-side comparison of standard limits, converted to one unit where that is valid.

Conversions performed, and only these:
- within one dimension: µg/m³ ↔ mg/m³, mg/Nm³ ↔ µg/Nm³, mg/L ↔ µg/L, mg/kg ↔ µg/kg (soil);
- gases in ambient air, ppm/ppb → µg/m³ at 25 °C and 1 atm (molar volume 24.45 L, the WHO
  convention), for SO2, NO2, O3 and CO only;
- stack emissions at different reference oxygen: C_ref = C × (21 − O2_ref) / (21 − O2_given),
  when both limits state their reference O2.
Anything else (another averaging period, mg/m³ against mg/Nm³, unknown molecular weight) is
reported as not comparable, never converted silently.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

MOLAR_VOLUME_25C = Decimal("24.45")
MOLECULAR_WEIGHT = {
    "SO2": Decimal("64.07"),
    "NO2": Decimal("46.01"),
    "O3": Decimal("48.00"),
    "CO": Decimal("28.01"),
}

# unit -> (dimension, factor to the dimension's base unit)
UNITS = {
    "µg/m³": ("mass/air", Decimal(1)),
    "mg/m³": ("mass/air", Decimal(1000)),
    "µg/Nm³": ("mass/normal-air", Decimal(1)),
    "mg/Nm³": ("mass/normal-air", Decimal(1000)),
    "g/m³": ("mass/air", Decimal(1000000)),
    "g/Nm³": ("mass/normal-air", Decimal(1000000)),
    "ppb": ("mixing", Decimal(1)),
    "ppm": ("mixing", Decimal(1000)),
    "µg/L": ("mass/water", Decimal(1)),
    "mg/L": ("mass/water", Decimal(1000)),
    # Soil concentrations (dry mass), the unit of GB 15618 and GB 36600.
    "µg/kg": ("mass/soil", Decimal(1)),
    "mg/kg": ("mass/soil", Decimal(1000)),
    "pH": ("pH", Decimal(1)),
    "dB(A)": ("sound", Decimal(1)),
    "°C": ("temperature", Decimal(1)),
}

_UNIT_ALIASES = {
    "ug/m3": "µg/m³",
    "μg/m³": "µg/m³",
    "µg/m3": "µg/m³",
    "μg/m3": "µg/m³",
    "ug/m³": "µg/m³",
    "mg/m3": "mg/m³",
    "mg/nm3": "mg/Nm³",
    "mg/ncm": "mg/Nm³",
    "g/nm3": "g/Nm³",
    "g/nm³": "g/Nm³",
    "g/m3": "g/m³",
    "mg/nm³": "mg/Nm³",
    "ug/nm3": "µg/Nm³",
    "µg/nm³": "µg/Nm³",
    "mg/l": "mg/L",
    "ug/l": "µg/L",
    "µg/l": "µg/L",
    "μg/l": "µg/L",
    "ph units": "pH",
    "ph unit": "pH",
    "ph": "pH",
    "-": "pH",
    "db(a)": "dB(A)",
    "dba": "dB(A)",
    "db": "dB(A)",
    "ppm": "ppm",
    "ppb": "ppb",
    "°c": "°C",
    "ug/kg": "µg/kg",
    "μg/kg": "µg/kg",
    "mg/kg dry weight": "mg/kg",
}


def normalise_unit(unit: str) -> str:
    u = (unit or "").strip()
    return _UNIT_ALIASES.get(u.lower(), u) if u not in UNITS else u


def normalise_averaging(text: str) -> str:
    """'24-hour (99th percentile)' → '24h'; 'annual mean' → 'annual'; '' stays ''."""
    t = (text or "").lower()
    if not t.strip():
        return ""
    if re.search(r"annual|year|calendar", t):
        return "annual"
    # A peak-season mean is built from 8-hour values but is not itself an 8-hour value.
    if re.search(r"season", t):
        return "season"
    # An explicit period wins over "daily": "8-hour (daily maximum)" is an 8-hour value.
    m = re.search(r"(\d+)[\s-]*(h|hour|hr)", t)
    if m:
        return f"{int(m.group(1))}h"
    if re.search(r"daily|day\b", t):
        return "24h"
    if re.search(r"hourly|one hour", t):
        return "1h"
    m = re.search(r"(\d+)[\s-]*(min|minute)", t)
    if m:
        return f"{int(m.group(1))}min"
    if re.search(r"month", t):
        return "month"
    if re.search(r"instant|grab|any time|maximum|max\b|spot", t):
        return "max"
    return t.strip()


def reference_oxygen(conditions: str) -> Decimal | None:
    m = re.search(
        r"(\d+(?:\.\d+)?)\s*%\s*O\s*2|O\s*2\s*(?:of|=|:)?\s*(\d+(?:\.\d+)?)\s*%",
        conditions or "",
        re.I,
    )
    if not m:
        return None
    return Decimal(m.group(1) or m.group(2))


@dataclass
class Converted:
    value: Decimal | None
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    unit: str = ""
    notes: list[str] = field(default_factory=list)
    reason: str = ""  # why not comparable, when value is None

    @property
    def comparable(self) -> bool:
        return not self.reason


def convert(limit, *, to_unit: str, averaging: str | None = None, o2_ref: Decimal | None = None) -> Converted:
    """The limit in ``to_unit`` for ``averaging`` (normalised; None: any period), or why not."""
    unit = normalise_unit(limit.unit)
    target = normalise_unit(to_unit)
    notes: list[str] = []
    if averaging is not None and normalise_averaging(limit.averaging) != averaging:
        return Converted(
            None,
            reason=_("Other averaging period (%(given)s): not comparable.") % {"given": limit.averaging or "—"},
        )
    if unit not in UNITS or target not in UNITS:
        return Converted(None, reason=_("Unit %(unit)s cannot be converted.") % {"unit": limit.unit})
    (dim, factor), (tdim, tfactor) = UNITS[unit], UNITS[target]

    def scale(v: Decimal | None) -> Decimal | None:
        return None if v is None else v

    values = [limit.value, limit.value_min, limit.value_max]
    if dim == "mixing" and tdim == "mass/air":
        mw = MOLECULAR_WEIGHT.get(limit.parameter.upper().replace(" ", ""))
        if mw is None:
            return Converted(
                None,
                reason=_("No molecular weight for %(p)s: ppm cannot be converted.") % {"p": limit.parameter},
            )
        # ppb × MW / 24.45 = µg/m³ (25 °C, 1 atm)
        values = [None if v is None else v * factor * mw / MOLAR_VOLUME_25C for v in values]
        factor = Decimal(1)
        notes.append(_("converted from %(unit)s at 25 °C and 1 atm") % {"unit": unit})
    elif dim != tdim:
        return Converted(
            None,
            reason=_("%(unit)s cannot be converted to %(target)s (different reference or dimension).")
            % {"unit": limit.unit, "target": target},
        )
    values = [None if v is None else v * factor / tfactor for v in values]
    if unit != target and dim != "mixing":
        notes.append(_("converted from %(unit)s") % {"unit": unit})
    if o2_ref is not None and dim in ("mass/air", "mass/normal-air") and limit.medium == "air_emissions":
        given = reference_oxygen(limit.conditions)
        if given is None:
            return Converted(
                None,
                reason=_("Reference oxygen not stated: cannot be corrected to %(o2)s%% O2.") % {"o2": o2_ref},
            )
        if given != o2_ref:
            ratio = (Decimal(21) - o2_ref) / (Decimal(21) - given)
            values = [None if v is None else v * ratio for v in values]
            notes.append(_("corrected from %(g)s%% to %(r)s%% O2") % {"g": given, "r": o2_ref})
    q = Decimal("0.01")
    values = [None if v is None else plain_decimal(v.quantize(q)) for v in values]
    return Converted(values[0], values[1], values[2], unit=target, notes=notes)


def plain_decimal(d: Decimal) -> Decimal:
    """Trailing zeros dropped without scientific notation: 850.00 → 850 (not 8.5E+2)."""
    n = d.normalize()
    return n.quantize(Decimal(1)) if n.as_tuple().exponent > 0 else n


def strictness(candidate: Converted, reference: Converted, *, parameter: str) -> str:
    """'stricter', 'laxer', 'equal' or '' (not comparable) relative to ``reference``."""
    if not (candidate.comparable and reference.comparable):
        return ""
    if candidate.value is not None and reference.value is not None:
        if candidate.value < reference.value:
            return "stricter"
        if candidate.value > reference.value:
            return "laxer"
        return "equal"
    # Ranges (pH): narrower on both ends is stricter.
    if None not in (
        candidate.value_min,
        candidate.value_max,
        reference.value_min,
        reference.value_max,
    ):
        inside = candidate.value_min >= reference.value_min and candidate.value_max <= reference.value_max
        outside = candidate.value_min <= reference.value_min and candidate.value_max >= reference.value_max
        if inside and outside:
            return "equal"
        if inside:
            return "stricter"
        if outside:
            return "laxer"
    return ""


def default_unit(limits) -> str:
    """The most common unit among the limits (what the comparison converts to by default)."""
    counts: dict[str, int] = {}
    for limit in limits:
        u = normalise_unit(limit.unit)
        if u == "ppm" or u == "ppb":
            u = "µg/m³"
        counts[u] = counts.get(u, 0) + 1
    return max(counts, key=counts.get) if counts else ""
