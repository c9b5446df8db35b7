"""The standards comparison: form and the table it produces (reads only public limits)."""

from dataclasses import dataclass
from decimal import Decimal

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
    (u, u) for u in ("µg/m³", "mg/m³", "mg/Nm³", "mg/L", "pH", "dB(A)")
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
    maximum = max((r.converted.value for r in comparable), default=None)
    chart = []
    if maximum:
        for i, r in enumerate(comparable):
            chart.append(
                {
                    "y": i * 28,
                    "width": float(r.converted.value / maximum * 560),
                    "label": " · ".join(filter(None, [r.jurisdiction_label, r.limit.category]))[:60],
                    "value": r.converted.value,
                    "css": r.versus_china or ("reference" if r.is_china_reference else "other"),
                }
            )
    return {
        "rows": rows,
        "unit": unit,
        "averaging": averaging,
        "reference": reference,
        "references": list(references.values()),
        "chart": chart,
        "chart_height": len(chart) * 28 + 10,
        "reference_x": float(reference.converted.value / maximum * 560)
        if reference and maximum and reference.converted.value
        else None,
        "not_comparable": sum(1 for r in rows if not r.converted.comparable),
        "parameter": parameter,
        "medium_label": dict(Medium.choices)[medium],
        "normalise_averaging": normalise_averaging,
        "message": "" if rows else _("No published limit matches this choice."),
    }
