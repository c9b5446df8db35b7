"""The exceedance computation as a case table: units, reference oxygen, averaging periods,
coverage, host against China, ranges. Pure: limits and readings are plain objects (the values
are test values, not quotations of any standard)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from assessments.rules.exceedance import check_readings

KZ = SimpleNamespace(iso2="KZ")
PROJECT = SimpleNamespace(
    host_country=KZ,
    sector="thermal_power",
    capacity=None,
    capacity_unit="",
    operation_start=dt.date(2026, 1, 1),
    construction_start=dt.date(2025, 1, 1),
)
_ids = iter(range(1, 10_000))


class _Instrument(SimpleNamespace):
    def __str__(self):
        return self.title


def lim(value=None, *, unit="mg/Nm³", averaging="1-hour", j="KZ", parameter="SO2", medium="air_emissions", **kw):
    instrument = _Instrument(jurisdiction=j, legal_status="in_force", repealed="", title=f"{j} standard", pk=1)
    base = {
        "pk": next(_ids),
        "instrument": instrument,
        "parameter": parameter,
        "medium": medium,
        "sector_id": None,
        "grade_scope": "general",
        "source_type": "any",
        "fuel": "any",
        "airshed": "any",
        "plant_age": "any",
        "built_from": None,
        "built_before": None,
        "capacity_unit": "",
        "capacity_min": None,
        "capacity_max": None,
        "receiving_water": "any",
        "receiving_water_class": "",
        "unit": unit,
        "averaging": averaging,
        "conditions": "6% O2" if medium == "air_emissions" else "",
        "value": None if value is None else Decimal(str(value)),
        "value_min": None,
        "value_max": None,
        "o2_ref_percent": Decimal(6) if medium == "air_emissions" else None,
        "ref_temperature_k": Decimal("273.15"),
        "ref_pressure_kpa": Decimal("101.325"),
    }
    base.update(kw)
    return SimpleNamespace(**base)


def rd(when, value, *, unit="mg/Nm³", averaging="1-hour", parameter="SO2", medium="air_emissions", conditions=None):
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC)
    if conditions is None:
        conditions = "6% O2, 0 °C, dry gas" if medium == "air_emissions" else ""
    return SimpleNamespace(
        point="Stack 1",
        parameter=parameter,
        medium=medium,
        sampled_at=when,
        averaging=averaging,
        value=Decimal(str(value)),
        unit=unit,
        conditions=conditions,
    )


def hours(day: str, values, **kw):
    start = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    return [rd(start + dt.timedelta(hours=i), v, **kw) for i, v in enumerate(values)]


def days(first: str, values, **kw):
    start = dt.datetime.fromisoformat(first).replace(tzinfo=dt.UTC)
    return [rd(start + dt.timedelta(days=i), v, averaging="24-hour", **kw) for i, v in enumerate(values)]


CASES = [
    # (name, readings, limits, expected: list of (period, verdict, judged, exceeded, percent))
    (
        "same unit, same period: one hour above",
        [rd("2026-02-01T00:00", 80), rd("2026-02-01T01:00", 120), rd("2026-02-01T02:00", 90)],
        [lim(100)],
        [("1h", "exceeded", 3, 1, "20.0")],
    ),
    (
        "same period, all within",
        [rd("2026-02-01T00:00", 80), rd("2026-02-01T01:00", 100)],
        [lim(100)],
        [("1h", "pass", 2, 0, None)],
    ),
    (
        "µg/L readings against a mg/L limit",
        [rd("2026-02-01", 120000, unit="µg/L", medium="effluent", parameter="COD", averaging="daily")],
        [lim(100, unit="mg/L", medium="effluent", parameter="COD", averaging="daily")],
        [("24h", "exceeded", 1, 1, "20.0")],
    ),
    (
        "mixed units in one group: µg/Nm³ converted to the first reading's mg/Nm³",
        [rd("2026-02-01T00:00", 90), rd("2026-02-01T01:00", 110000, unit="µg/Nm³")],
        [lim(100)],
        [("1h", "exceeded", 2, 1, "10.0")],
    ),
    (
        "reference oxygen: a limit at 6% O2 corrected to readings at 15% O2",
        [rd("2026-02-01T00:00", 100, conditions="15% O2, 0 °C, dry gas")],
        [lim(200)],  # 200 × (21 − 15) / (21 − 6) = 80
        [("1h", "exceeded", 1, 1, "25.0")],
    ),
    (
        "stack readings without reference O2 cannot be judged",
        [rd("2026-02-01T00:00", 500, conditions="dry gas")],
        [lim(200)],
        [("1h", "cannot_judge", 0, 0, None)],
    ),
    (
        "hourly readings averaged into a daily limit: the mean, not the peak, decides",
        hours("2026-02-01T00:00", [110] * 24) + hours("2026-02-02T00:00", [300] + [80] * 23),
        [lim(100, averaging="24-hour")],
        [("24h", "exceeded", 2, 1, "10.0")],
    ),
    (
        "a day with too few hourly readings is not judged (75% coverage)",
        hours("2026-02-01T00:00", [500] * 10),
        [lim(100, averaging="24-hour")],
        [("24h", "cannot_judge", 0, 0, None)],
    ),
    (
        "18 of 24 hours is enough for a daily mean",
        hours("2026-02-01T00:00", [90] * 18),
        [lim(100, averaging="24-hour")],
        [("24h", "pass", 1, 0, None)],
    ),
    (
        "a daily mean above an hourly limit shows an exceedance",
        days("2026-02-01", [150]),
        [lim(100)],
        [("1h", "exceeded", 1, 1, "50.0")],
    ),
    (
        "a daily mean below an hourly limit shows nothing",
        days("2026-02-01", [50]),
        [lim(100)],
        [("1h", "cannot_judge", 0, 0, None)],
    ),
    (
        "daily readings averaged into a monthly limit",
        days("2026-02-01", [120] * 14 + [60] * 14),  # February 2026: 28 days, mean 90
        [lim(100, averaging="monthly average")],
        [("month", "pass", 1, 0, None)],
    ),
    (
        "a quarter of daily readings cannot make an annual mean",
        days("2026-01-01", [500] * 90),
        [lim(100, averaging="annual")],
        [("annual", "cannot_judge", 0, 0, None)],
    ),
    (
        "hourly readings in fixed 8-hour blocks",
        hours("2026-02-01T00:00", [120] * 8 + [50] * 8),
        [lim(100, averaging="8-hour")],
        [("8h", "exceeded", 2, 1, "20.0")],
    ),
    (
        "limits of two periods give two checks",
        hours("2026-02-01T00:00", [150] + [50] * 23),
        [lim(100), lim(80, averaging="24-hour")],
        [("1h", "exceeded", 24, 1, "50.0"), ("24h", "pass", 1, 0, None)],
    ),
    (
        "host limit governs; China's stricter limit flagged and exceeded",
        [rd("2026-02-01T00:00", 150)],
        [lim(200), lim(100, j="CN")],
        [("1h", "pass", 1, 0, None)],
    ),
    (
        "without host or IFC limit, China's standard governs",
        [rd("2026-02-01T00:00", 150)],
        [lim(100, j="CN")],
        [("1h", "exceeded", 1, 1, "50.0")],
    ),
    (
        "host and IFC: the stricter governs",
        [rd("2026-02-01T00:00", 150)],
        [lim(200), lim(120, j="IFC")],
        [("1h", "exceeded", 1, 1, "25.0")],
    ),
    (
        "pH range: below the minimum is an exceedance",
        [rd("2026-02-01T00:00", 5.5, unit="pH", parameter="pH", medium="effluent", averaging="grab")],
        [
            lim(
                None,
                unit="pH units",
                parameter="pH",
                medium="effluent",
                averaging="",
                value_min=Decimal(6),
                value_max=Decimal(9),
            )
        ],
        [("", "exceeded", 1, 1, None)],
    ),
    (
        "a reading in a unit that cannot be converted is left out",
        [rd("2026-02-01T00:00", 3, unit="kg/h")],
        [lim(100)],
        [("1h", "cannot_judge", 0, 0, None)],
    ),
    (
        "no limit for the parameter",
        [rd("2026-02-01T00:00", 3, parameter="benzene")],
        [lim(100)],
        [("", "no_limit", 0, 0, None)],
    ),
    (
        "a limit of another jurisdiction is not used",
        [rd("2026-02-01T00:00", 300)],
        [lim(100, j="PK")],
        [("", "no_limit", 0, 0, None)],
    ),
]


@pytest.mark.parametrize(("name", "readings", "limits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_it_computes_exceedances(name, readings, limits, expected):
    results = check_readings(project=PROJECT, readings=readings, limits=limits)
    got = [
        (
            r.period,
            r.verdict,
            len(r.judged),
            r.exceeded_windows,
            None if r.exceedance_percent is None else str(r.exceedance_percent),
        )
        for r in results
    ]
    assert got == expected


def test_it_flags_china_as_stricter_and_exceeded():
    (result,) = check_readings(
        project=PROJECT, readings=[rd("2026-02-01T00:00", 150)], limits=[lim(200), lim(100, j="CN")]
    )
    assert result.governing.source == "host"
    assert result.governing_value == Decimal(200)
    assert result.china_value == Decimal(100)
    assert result.stricter == "china"
    assert result.exceeds_china is True


def test_it_says_why_a_day_was_not_judged():
    (result,) = check_readings(
        project=PROJECT, readings=hours("2026-02-01T00:00", [500] * 10), limits=[lim(100, averaging="24-hour")]
    )
    assert result.windows[0].why_not.startswith("10 of 24 readings")
    assert any("too few readings" in n for n in result.notes)


def test_a_mean_of_trace_values_keeps_its_digits_and_is_judged():
    # Trace metals are limited in millionths of a milligram (mercury 0.00005 mg/L in surface
    # water): a daily mean of 0.00004 and 0.00007 is 0.000055 and exceeds, it is not rounded to 0.
    readings = [
        rd(f"2026-02-01T{h:02d}:00", v, unit="mg/L", medium="effluent", parameter="Hg")
        for h, v in [(0, "0.00004"), (12, "0.00007")]
    ]
    for r in readings:
        r.averaging = "12-hour"
    (result,) = check_readings(
        project=PROJECT,
        readings=readings,
        limits=[lim("0.00005", unit="mg/L", averaging="24-hour", medium="effluent", parameter="Hg")],
    )
    assert result.worst_value == Decimal("0.000055")
    assert result.exceeded_windows == 1
