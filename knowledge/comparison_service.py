"""The standards comparison: form and the table it produces (reads only public limits)."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.choices import INTERNATIONAL_JURISDICTIONS, Medium
from knowledge.comparison import Converted, convert, default_unit, normalise_averaging, strictness
from knowledge.selectors import country_list_public, limit_list_public

AVERAGING_CHOICES = [
    ("1h", gettext_lazy("1 hour")),
    ("8h", gettext_lazy("8 hours")),
    ("24h", gettext_lazy("24 hours")),
    ("annual", gettext_lazy("Annual")),
    ("", gettext_lazy("Any (each value against China's value for the same period)")),
]
UNIT_CHOICES = [("", gettext_lazy("Most common unit"))] + [
    (u, u) for u in ("µg/m³", "mg/m³", "mg/Nm³", "mg/L", "mg/kg", "pH", "dB(A)")
]
REFERENCES = ("CN", "WHO", "IFC")
# What the page compares before a reader chooses: the pollutant most people ask about.
DEFAULT_CHOICE = {"parameter": "PM2.5", "medium": Medium.AMBIENT_AIR, "averaging": "annual"}


class ComparisonForm(forms.Form):
    parameter = forms.ChoiceField(label=gettext_lazy("Parameter"))
    medium = forms.ChoiceField(label=gettext_lazy("Medium"), choices=Medium.choices)
    averaging = forms.ChoiceField(label=gettext_lazy("Averaging period"), choices=AVERAGING_CHOICES, required=False)
    category = forms.CharField(
        label=gettext_lazy("Sector or source category contains"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("For example “coal” or “Grade II”. Leave empty for all."),
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries"), widget=forms.CheckboxSelectMultiple, required=False
    )
    unit = forms.ChoiceField(label=gettext_lazy("Compare in"), choices=UNIT_CHOICES, required=False)
    o2_ref = forms.DecimalField(
        label=gettext_lazy("Reference oxygen for stack emissions (%)"),
        required=False,
        min_value=0,
        max_value=20,
        decimal_places=1,
        help_text=gettext_lazy("Converts emission limits stated at another O2 level, e.g. 6 for solid fuels."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Distinct values from the database, not one row per limit into Python.
        limits = limit_list_public().order_by()
        self.fields["parameter"].choices = [
            (p, p) for p in sorted(set(limits.values_list("parameter", flat=True).distinct()), key=str.lower)
        ]
        with_limits = set(limits.values_list("instrument__jurisdiction", flat=True).distinct())
        self.fields["countries"].choices = [
            (c.iso2, c.name) for c in country_list_public().order_by("name") if c.iso2 in with_limits and c.iso2 != "CN"
        ]


def nice_ceiling(value: Decimal) -> tuple[Decimal, Decimal]:
    """The axis end and tick step for values up to ``value``: 1, 2 or 5 times a power of ten,
    four to six ticks (0, 50, 100 … for 120)."""
    if value <= 0:
        return Decimal(1), Decimal(1)
    exponent = value.adjusted()
    for power in (exponent - 1, exponent):
        for mantissa in (1, 2, 5):
            step = Decimal(mantissa).scaleb(power)
            ticks = (value / step).to_integral_value(rounding=ROUND_CEILING)
            if ticks <= 6:
                return step * ticks, step
    step = Decimal(10).scaleb(exponent)
    return step * (value / step).to_integral_value(rounding=ROUND_CEILING), step


# The chart's colours and what each means, in the order the legend lists them.
LEGEND = [
    ("stricter", gettext_lazy("stricter than China's reference")),
    ("equal", gettext_lazy("the same as China's reference")),
    ("laxer", gettext_lazy("laxer than China's reference")),
    ("reference", gettext_lazy("China's reference")),
    ("other", gettext_lazy("no Chinese value to compare with")),
]
CHART_LEFT, CHART_WIDTH = 380, 560


def _hints(*, parameter, medium, averaging, category, countries) -> list[str]:
    """What a reader can change when nothing matches: said plainly, from what the base holds."""
    base = limit_list_public().filter(parameter__iexact=parameter).order_by()
    hints = []
    media = set(base.values_list("medium", flat=True).distinct())
    if medium not in media:
        labels = ", ".join(str(label) for code, label in Medium.choices if code in media)
        hints.append(
            _("%(parameter)s is published only for: %(media)s. Choose one of these media.")
            % {"parameter": parameter, "media": labels or "—"}
        )
        return hints
    here = base.filter(medium=medium)
    if category and not here.filter(category__icontains=category).exists():
        hints.append(
            _("No limit's category contains “%(category)s”. Clear that field to see all.") % {"category": category}
        )
    if countries and not here.filter(instrument__jurisdiction__in=[*countries, *REFERENCES]).exists():
        hints.append(_("None of the chosen countries publishes this limit. Choose other countries or none."))
    periods = sorted({normalise_averaging(a) for a in here.values_list("averaging", flat=True).distinct()} - {""})
    if averaging and averaging not in periods and periods:
        names = dict(AVERAGING_CHOICES)
        hints.append(
            _("No limit for this averaging period. The base holds: %(periods)s.")
            % {"periods": ", ".join(str(names.get(p, p)) for p in periods)}
        )
    return hints or [_("Choose another parameter, medium or averaging period.")]


def _sort_value(row) -> Decimal:
    c = row.converted
    return c.value if c.value is not None else (c.value_max or Decimal(0))


@dataclass
class Row:
    limit: object
    jurisdiction: str
    jurisdiction_label: str
    converted: Converted
    versus_china: str = ""
    is_china_reference: bool = False


def build_comparison(*, parameter, medium, averaging, category, countries, unit, o2_ref) -> dict:
    limits = list(
        limit_list_public()
        .filter(
            parameter__iexact=parameter,
            medium=medium,
            instrument__jurisdiction__in=[*countries, *REFERENCES],
        )
        .order_by("instrument__jurisdiction", "category", "value")
    )
    if category:
        limits = [lim for lim in limits if category.lower() in lim.category.lower()]
    unit = unit or default_unit(limits)
    names = dict(country_list_public().values_list("iso2", "name"))
    rows = [
        Row(
            limit=lim,
            jurisdiction=lim.instrument.jurisdiction,
            jurisdiction_label=str(
                INTERNATIONAL_JURISDICTIONS.get(
                    lim.instrument.jurisdiction,
                    names.get(lim.instrument.jurisdiction, lim.instrument.jurisdiction),
                )
            ),
            converted=convert(lim, to_unit=unit, averaging=averaging or None, o2_ref=o2_ref),
        )
        for lim in limits
    ]
    # China's reference, per averaging period, is its least strict comparable value (e.g. Grade
    # II for general areas): a host value stricter than that is stricter than anything China asks.
    references: dict[str, Row] = {}
    for r in rows:
        if r.jurisdiction == "CN" and r.converted.comparable:
            code = normalise_averaging(r.limit.averaging)
            current = references.get(code)
            if current is None or _sort_value(r) > _sort_value(current):
                references[code] = r
    for r in references.values():
        r.is_china_reference = True
    for r in rows:
        ref = references.get(normalise_averaging(r.limit.averaging))
        if ref is not None and r is not ref:
            r.versus_china = strictness(r.converted, ref.converted, parameter=parameter)
    reference = (
        references.get(averaging) if averaging else (next(iter(references.values())) if len(references) == 1 else None)
    )
    order = {code: i for i, code in enumerate([*countries, *REFERENCES])}
    rows.sort(key=lambda r: (order.get(r.jurisdiction, 99), r.limit.category))
    # A chart only makes sense for one averaging period.
    comparable = [r for r in rows if r.converted.comparable and r.converted.value is not None] if averaging else []
    largest = max((r.converted.value for r in comparable), default=None)
    maximum, step = nice_ceiling(largest) if largest else (None, None)
    chart = []
    if maximum:
        for i, r in enumerate(comparable):
            chart.append(
                {
                    "y": i * 28,
                    "width": float(r.converted.value / maximum * CHART_WIDTH),
                    "label": " · ".join(filter(None, [r.jurisdiction_label, r.limit.category]))[:60],
                    "value": r.converted.value,
                    "css": r.versus_china or ("reference" if r.is_china_reference else "other"),
                }
            )
    ticks = []
    if maximum:
        tick = Decimal(0)
        while tick <= maximum:
            ticks.append({"x": CHART_LEFT + float(tick / maximum * CHART_WIDTH), "value": tick})
            tick += step
    present = {b["css"] for b in chart}
    not_comparable: dict[str, int] = {}
    for r in rows:
        if not r.converted.comparable:
            reason = str(r.converted.reason or _("no conversion is valid"))
            not_comparable[reason] = not_comparable.get(reason, 0) + 1
    return {
        "rows": rows,
        "comparable_rows": [r for r in rows if r.converted.comparable],
        "other_rows": [r for r in rows if not r.converted.comparable],
        "ticks": ticks,
        "axis_y": len(chart) * 28 + 6,
        "legend": [(css, label) for css, label in LEGEND if css in present],
        "not_comparable_reasons": sorted(not_comparable.items(), key=lambda kv: -kv[1]),
        "unit": unit,
        "averaging": averaging,
        "reference": reference,
        "references": list(references.values()),
        "chart": chart,
        "chart_height": len(chart) * 28 + 40,
        "reference_x": float(reference.converted.value / maximum * CHART_WIDTH)
        if reference and maximum and reference.converted.value
        else None,
        "not_comparable": sum(not_comparable.values()),
        "parameter": parameter,
        "medium_label": dict(Medium.choices)[medium],
        "normalise_averaging": normalise_averaging,
        "message": "" if rows else _("No published limit matches this choice."),
        "hints": []
        if rows
        else _hints(parameter=parameter, medium=medium, averaging=averaging, category=category, countries=countries),
    }
