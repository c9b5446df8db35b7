"""Unit conversion, averaging periods and strictness, then the comparison page built on them."""

import re
from decimal import Decimal

import pytest

from knowledge.choices import Medium
from knowledge.comparison import convert, normalise_averaging, reference_oxygen, strictness
from knowledge.models import StandardLimit
from tests.knowledge import pages
from tests.knowledge.conftest import ambient


def limit(value=None, unit="µg/m³", *, parameter="PM2.5", medium=Medium.AMBIENT_AIR, averaging="", conditions="", **kw):
    """An unsaved limit: conversion needs no database."""
    return StandardLimit(
        parameter=parameter,
        medium=medium,
        value=None if value is None else Decimal(str(value)),
        unit=unit,
        averaging=averaging,
        conditions=conditions,
        **kw,
    )


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "parameter", "to_unit", "expected"),
    [
        # within one dimension
        ("0.035", "mg/m³", "PM2.5", "µg/m³", "35"),
        ("150", "µg/m³", "SO2", "mg/m³", "0.15"),
        ("0.1", "mg/m³", "O3", "µg/m³", "100"),
        ("0.16", "mg/m3", "O3", "µg/m³", "160"),
        ("50", "ug/m3", "PM10", "µg/m³", "50"),
        ("1", "mg/L", "COD", "µg/L", "1000"),
        ("500", "µg/L", "mercury", "mg/L", "0.5"),
        ("0.005", "mg/l", "mercury", "µg/L", "5"),
        ("50", "mg/Nm³", "SO2", "µg/Nm³", "50000"),
        # gases, ppm/ppb → µg/m³ at 25 °C and 1 atm (molar volume 24.45 L)
        ("1", "ppm", "SO2", "µg/m³", "2620.45"),
        ("1", "ppm", "NO2", "µg/m³", "1881.8"),
        ("1", "ppm", "O3", "µg/m³", "1963.19"),
        ("1", "ppm", "CO", "µg/m³", "1145.6"),
        ("100", "ppb", "SO2", "µg/m³", "262.04"),
        ("40", "ppb", "NO2", "µg/m³", "75.27"),
        ("0.05", "ppm", "SO2", "µg/m³", "131.02"),
        ("9", "ppm", "CO", "mg/m³", "10.31"),
        ("1", "ppm", "SO2", "ppb", "1000"),
    ],
)
def test_it_converts_units(value, unit, parameter, to_unit, expected):
    converted = convert(limit(value, unit, parameter=parameter), to_unit=to_unit)
    assert converted.comparable, converted.reason
    # Rounded to two decimals (the exponent of the result says how many it kept).
    assert converted.value == Decimal(expected)
    assert -converted.value.as_tuple().exponent <= 2
    assert converted.unit == to_unit


def test_it_says_when_a_value_was_converted():
    assert convert(limit("1", "ppm", parameter="SO2"), to_unit="µg/m³").notes == [
        "converted from ppm at 25 °C and 1 atm"
    ]
    assert convert(limit("0.1", "mg/m³"), to_unit="µg/m³").notes == ["converted from mg/m³"]
    assert convert(limit("35"), to_unit="µg/m³").notes == []


def test_it_converts_both_ends_of_a_range():
    converted = convert(limit(unit="mg/L", value_min=Decimal("0.5"), value_max=Decimal("2")), to_unit="µg/L")
    assert (converted.value, converted.value_min, converted.value_max) == (None, 500, 2000)


@pytest.mark.parametrize(
    ("value", "unit", "parameter", "to_unit", "reason"),
    [
        ("0.1", "ppm", "NOx", "µg/m³", "No molecular weight for NOx"),
        ("1", "ppm", "PM10", "µg/m³", "No molecular weight for PM10"),
        ("50", "mg/m³", "SO2", "mg/Nm³", "mg/m³ cannot be converted to mg/Nm³"),
        ("50", "mg/Nm³", "SO2", "mg/m³", "mg/Nm³ cannot be converted to mg/m³"),
        ("50", "µg/m³", "SO2", "ppm", "cannot be converted to ppm"),
        ("5", "mg/L", "COD", "mg/m³", "cannot be converted to mg/m³"),
        ("5", "g/GJ", "NOx", "mg/Nm³", "Unit g/GJ cannot be converted"),
    ],
)
def test_it_refuses_conversions_that_are_not_valid(value, unit, parameter, to_unit, reason):
    converted = convert(limit(value, unit, parameter=parameter), to_unit=to_unit)
    assert not converted.comparable
    assert converted.value is None
    assert reason in converted.reason


def test_it_refuses_another_averaging_period_with_a_reason():
    converted = convert(limit("25", averaging="annual mean"), to_unit="µg/m³", averaging="24h")
    assert (converted.comparable, converted.value) == (False, None)
    assert converted.reason == "Other averaging period (annual mean): not comparable."
    # The same limit is comparable in its own period.
    assert convert(limit("25", averaging="annual mean"), to_unit="µg/m³", averaging="annual").value == 25


def test_it_refuses_a_limit_without_an_averaging_period_when_one_is_asked_for():
    converted = convert(limit("25"), to_unit="µg/m³", averaging="24h")
    assert converted.value is None
    assert "(—)" in converted.reason


# --- reference oxygen -------------------------------------------------------------------------


def emission(value, conditions, unit="mg/Nm³"):
    return limit(value, unit, parameter="SO2", medium=Medium.AIR_EMISSIONS, conditions=conditions)


@pytest.mark.parametrize(
    ("value", "conditions", "o2_ref", "expected"),
    [
        # C_ref = C × (21 − O2_ref) / (21 − O2_given)
        ("100", "6% O2", "3", "120"),
        ("120", "3% O2, dry", "6", "100"),
        ("50", "dry, 15% O2", "6", "125"),
        ("200", "converted by CREA to 6% O2 reference", "6", "200"),
        ("100", "O2 = 11%", "6", "150"),
        ("35", "6 % O2", "11", "23.33"),
    ],
)
def test_it_corrects_emission_limits_to_a_reference_oxygen(value, conditions, o2_ref, expected):
    converted = convert(emission(value, conditions), to_unit="mg/Nm³", o2_ref=Decimal(o2_ref))
    assert converted.value == Decimal(expected)


def test_it_notes_an_oxygen_correction_and_not_a_null_one():
    assert convert(emission("100", "6% O2"), to_unit="mg/Nm³", o2_ref=Decimal(3)).notes == [
        "corrected from 6% to 3% O2"
    ]
    assert convert(emission("100", "6% O2"), to_unit="mg/Nm³", o2_ref=Decimal(6)).notes == []


def test_it_refuses_an_oxygen_correction_when_the_limit_states_no_reference():
    converted = convert(emission("100", "as NO2"), to_unit="mg/Nm³", o2_ref=Decimal(6))
    assert converted.value is None
    assert converted.reason == "Reference oxygen not stated: cannot be corrected to 6% O2."


def test_it_never_corrects_ambient_air_for_oxygen():
    converted = convert(limit("75", conditions="6% O2"), to_unit="µg/m³", o2_ref=Decimal(3))
    assert converted.value == 75


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ("6% O2", Decimal(6)),
        ("dry, 15 % O2", Decimal(15)),
        ("O2 = 3%", Decimal(3)),
        ("O2 of 3.5%", Decimal("3.5")),
        ("as NO2; 6% O2 (background)", Decimal(6)),
        ("applies for 95% of normal operating time", None),
        ("as NO2", None),
        ("", None),
    ],
)
def test_it_reads_the_reference_oxygen_of_a_limit(conditions, expected):
    assert reference_oxygen(conditions) == expected


# --- averaging periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24-hour", "24h"),
        ("24-hour (99th percentile)", "24h"),
        ("24-hour (average daily)", "24h"),
        ("24 hours", "24h"),
        ("daily mean", "24h"),
        ("annual", "annual"),
        ("annual mean", "annual"),
        ("calendar year", "annual"),
        ("1-hour", "1h"),
        ("hourly", "1h"),
        ("one hour", "1h"),
        ("8-hour", "8h"),
        # The ozone values China and the WHO publish: 8-hour values, not daily ones.
        ("8-hour (daily maximum)", "8h"),
        ("8-hour (daily maximum, 99th percentile)", "8h"),
        (
            "peak season (average of daily maximum 8-hour mean in the six consecutive months "
            "with highest six-month running average)",
            "season",
        ),
        ("20-minute", "20min"),
        ("15 minutes", "15min"),
        ("monthly", "month"),
        ("maximum one-time", "max"),
        ("grab sample", "max"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_it_normalises_averaging_periods(text, expected):
    assert normalise_averaging(text) == expected


# --- strictness -------------------------------------------------------------------------------


def converted(value=None, *, value_min=None, value_max=None, unit="µg/m³"):
    return convert(limit(value, unit, value_min=value_min, value_max=value_max), to_unit=unit)


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        ("50", "75", "stricter"),
        ("100", "75", "laxer"),
        ("75", "75", "equal"),
        ("75.00", "75", "equal"),
    ],
)
def test_it_rates_a_value_against_the_reference(candidate, reference, expected):
    assert strictness(converted(candidate), converted(reference), parameter="PM2.5") == expected


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        (("6.5", "8.5"), ("6", "9"), "stricter"),
        (("6", "9"), ("6.5", "8.5"), "laxer"),
        (("6", "9"), ("6", "9"), "equal"),
        (("5.5", "8.5"), ("6", "9"), ""),
    ],
)
def test_it_rates_ph_ranges_narrower_as_stricter(candidate, reference, expected):
    def ph(low, high):
        return converted(value_min=Decimal(low), value_max=Decimal(high), unit="pH")

    assert strictness(ph(*candidate), ph(*reference), parameter="pH") == expected


def test_it_does_not_rate_what_is_not_comparable():
    annual = convert(limit("25", averaging="annual"), to_unit="µg/m³", averaging="24h")
    assert strictness(annual, converted("75"), parameter="PM2.5") == ""
    assert strictness(converted("75"), annual, parameter="PM2.5") == ""
    ph_range = converted(value_min=Decimal(6), value_max=Decimal(9), unit="pH")
    assert strictness(converted("7", unit="pH"), ph_range, parameter="pH") == ""


# --- the comparison page ----------------------------------------------------------------------

COMPARE = "/knowledge/compare/"


def reference_lines(response) -> str:
    """What the page says China's reference is (one sentence per averaging period)."""
    text = pages.text(response)
    assert "China's reference" in text
    return text[text.index("China's reference") : text.index("Limits side by side")]


def row_for(rows, jurisdiction, category):
    matches = [r for r in rows if r and r[0] == jurisdiction and category in r]
    assert len(matches) == 1, f"no single row for {jurisdiction} {category!r} in {rows}"
    return matches[0]


@pytest.mark.django_db
def test_it_compares_vietnam_with_chinas_reference(client, knowledge_base):
    StandardLimit.objects.create(
        instrument=knowledge_base["vn_air_regulation"], **ambient("PM2.5", 100, "24-hour", "Industrial zones")
    )
    response = client.get(
        COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "24h", "countries": "VN"}
    )
    assert response.status_code == 200
    # China's least strict comparable value (Grade II) is the reference.
    assert "GB 3095-2012 Ambient Air Quality Standard (Grade II), 75 µg/m³." in reference_lines(response)
    rows = pages.table_rows(response)
    assert row_for(rows, "China", "Grade II")[-1] == "China's reference"
    assert row_for(rows, "China", "Grade I")[-1] == "stricter"
    assert row_for(rows, "Vietnam", "Ambient air")[-1] == "stricter"
    laxer = row_for(rows, "Vietnam", "Industrial zones")
    assert laxer[-1] == "laxer"
    assert "100 µg/m³" in laxer
    assert row_for(rows, "World Health Organization", "AQG level")[-1] == "stricter"


@pytest.mark.django_db
def test_it_marks_values_of_another_averaging_period_as_not_comparable(client, knowledge_base):
    response = client.get(
        COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "24h", "countries": "VN"}
    )
    rows = pages.table_rows(response)
    annual = row_for(rows, "Vietnam", "Ambient air (annual)")
    assert "not comparable Other averaging period (annual): not comparable." in annual
    assert annual[-1] == "—"
    assert row_for(rows, "China", "Grade II (annual)")[-1] == "—"
    text = pages.text(response)
    assert "3 values are not comparable with this choice:" in text
    # Grouped by why, so the reader knows what to change.
    assert "Other averaging period (annual): not comparable. (3)" in text


@pytest.mark.django_db
def test_it_compares_chinas_8_hour_ozone_value_as_an_8_hour_value(client, knowledge_base):
    eight_hours = client.get(COMPARE, {"parameter": "O3", "medium": "ambient_air", "averaging": "8h"})
    assert "GB 3095-2012 Ambient Air Quality Standard (Grade II), 160 µg/m³." in reference_lines(eight_hours)
    daily = client.get(COMPARE, {"parameter": "O3", "medium": "ambient_air", "averaging": "24h"})
    assert "China has no comparable value for this choice" in pages.text(daily)
    assert row_for(pages.table_rows(daily), "China", "Grade II")[-1] == "—"


@pytest.mark.django_db
def test_it_converts_ppm_before_comparing(client, knowledge_base):
    cn, vn = knowledge_base["cn_air_standard"], knowledge_base["vn_air_regulation"]
    StandardLimit.objects.create(instrument=cn, **ambient("SO2", 150, "24-hour", "Grade II"))
    StandardLimit.objects.create(instrument=vn, **ambient("SO2", "0.05", "24-hour", "Ambient air", unit="ppm"))
    StandardLimit.objects.create(instrument=vn, **ambient("SO2", "0.1", "24-hour", "Industrial zones", unit="ppm"))
    response = client.get(COMPARE, {"parameter": "SO2", "medium": "ambient_air", "averaging": "24h", "countries": "VN"})
    assert "GB 3095-2012 Ambient Air Quality Standard (Grade II), 150 µg/m³." in reference_lines(response)
    rows = pages.table_rows(response)
    stricter = row_for(rows, "Vietnam", "Ambient air")
    assert "131.02 µg/m³ converted from ppm at 25 °C and 1 atm" in stricter
    assert stricter[-1] == "stricter"
    assert row_for(rows, "Vietnam", "Industrial zones")[-1] == "laxer"


@pytest.mark.django_db
def test_it_compares_each_period_with_chinas_value_for_that_period(client, knowledge_base):
    StandardLimit.objects.create(
        instrument=knowledge_base["vn_air_regulation"], **ambient("PM2.5", 40, "annual", "Industrial zones (annual)")
    )
    response = client.get(COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "", "countries": "VN"})
    assert response.status_code == 200
    references = reference_lines(response)
    assert "(Grade II), 75 µg/m³." in references
    assert "(Grade II (annual)), 35 µg/m³." in references
    rows = pages.table_rows(response)
    assert row_for(rows, "Vietnam", "Ambient air")[-1] == "stricter"
    assert row_for(rows, "Vietnam", "Ambient air (annual)")[-1] == "stricter"
    assert row_for(rows, "Vietnam", "Industrial zones (annual)")[-1] == "laxer"
    assert row_for(rows, "China", "Grade II (annual)")[-1] == "China's reference"


@pytest.mark.django_db
def test_it_leaves_unpublished_limits_out_of_the_comparison(client, knowledge_base, make_instrument):
    make_instrument(
        key="vn-draft-air-rule",
        jurisdiction="VN",
        title="Draft air rule",
        publish=False,
        limits=[ambient("PM2.5", 10, "24-hour", "Draft category")],
    )
    response = client.get(
        COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "24h", "countries": "VN"}
    )
    assert response.status_code == 200
    assert "Draft category" not in pages.text(response)


@pytest.mark.django_db
def test_it_compares_pm25_in_ambient_air_over_a_year_before_anything_is_chosen(client, knowledge_base):
    # Issue 10.13: an empty page asks the reader to guess; the common question is answered first.
    response = client.get(COMPARE)
    assert response.status_code == 200
    text = pages.text(response)
    assert "PM2.5 · Ambient air" in text
    assert "China's reference (annual)" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"parameter": "Unobtainium", "medium": "ambient_air"},
        {"parameter": "PM2.5", "medium": "outer_space"},
        {"parameter": "PM2.5", "medium": "ambient_air", "countries": "XX"},
        {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "fortnight"},
        {"parameter": "PM2.5", "medium": "ambient_air", "o2_ref": "42"},
        {"medium": "ambient_air"},
    ],
)
def test_it_answers_400_to_an_invalid_choice(client, knowledge_base, query):
    response = client.get(COMPARE, query)
    assert response.status_code == 400
    assert "China's reference" not in pages.text(response)


@pytest.mark.django_db
def test_the_chart_has_an_axis_that_reaches_past_the_largest_bar_and_a_legend_of_what_it_shows(client, knowledge_base):
    response = client.get(COMPARE, {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "annual"})
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    bars = [float(w) for w in re.findall(r'<rect[^>]*width="([0-9.]+)"', svg)]
    ticks = [float(x) for x in re.findall(r'<text x="([0-9.]+)"[^>]*class="tick">', svg)]
    assert ticks and max(bars) <= max(ticks) - 380 + 0.01, "the longest bar runs past the axis"
    legend = html[html.index('class="legend"') : html.index("</figcaption>")]
    assert "China&#x27;s reference" in legend and "stricter than China" in legend
    # Nothing in the table is laxer than China's Grade II annual value, so the legend does not say so.
    assert "laxer than" not in legend


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ({"parameter": "PM2.5", "medium": "effluent"}, "PM2.5 is published only for: Ambient air."),
        (
            {"parameter": "PM2.5", "medium": "ambient_air", "category": "lunar"},
            "No limit's category contains “lunar”. Clear that field to see all.",
        ),
    ],
)
def test_an_empty_comparison_says_what_to_change(client, knowledge_base, query, hint):
    response = client.get(COMPARE, query)
    assert response.status_code == 200
    text = pages.text(response)
    assert "No published limit matches this choice." in text
    assert hint in text
