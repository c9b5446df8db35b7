"""The compliance matrix against the real limits of the knowledge base (issue 10.1).

Each case is a design value of a project; the table says which limit must govern (or that
none can be compared, and why) and the verdict. The limits are the shipped rows of
``knowledge/data/limits.json`` built by the importer's own constructor, unsaved: the matrix is
a pure function, so the case table needs no database.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from assessments.models import DesignValue
from assessments.rules.compliance import compliance_matrix
from knowledge.importer import limit_from_record, read_dataset
from knowledge.models import Instrument


@pytest.fixture(scope="module")
def limits():
    data = read_dataset()
    instruments = {}
    for _line, rec in data["instruments"]:
        instruments[rec["key"]] = Instrument(
            key=rec["key"],
            jurisdiction=rec["jurisdiction"],
            title=rec["title"],
            number=rec.get("number", ""),
            legal_status=rec.get("status") or "unknown",
            repealed=rec.get("repealed") or "",
        )
    out = []
    for line, rec in data["limits"]:
        lim = limit_from_record(rec, instruments[rec["instrument"]])
        lim.pk = line  # a stable id for messages
        out.append(lim)
    return out


class _Values(list):
    def all(self):
        return self


def _project(country, sector="thermal_power", capacity=660, unit="MW", operation=datetime.date(2030, 1, 1)):
    return SimpleNamespace(
        host_country=SimpleNamespace(iso2=country),
        sector=sector,
        capacity=None if capacity is None else Decimal(capacity),
        capacity_unit=unit,
        operation_start=operation,
        construction_start=None,
        design_values=_Values(),
    )


def _judge(limits, project, **design):
    fields = {"medium": "air_emissions", "unit": "mg/Nm³", "averaging": "", "conditions": "", "plant_age": "new"}
    fields.update(design)
    fields["value"] = Decimal(str(fields["value"]))
    project.design_values.append(DesignValue(**fields))
    (row,) = compliance_matrix(project, limits=limits)
    return row


COAL = {"source_type": "boiler", "fuel": "coal", "airshed": "non_degraded", "conditions": "6% O2, 0 °C, dry gas"}
GAS_TURBINE = {"source_type": "gas_turbine", "fuel": "gas", "airshed": "non_degraded", "conditions": "15% O2, 0 °C"}
EFFLUENT = {"medium": "effluent", "unit": "mg/L"}

# (case, host country, project facts, design value, verdict, governing instrument, governing value)
CASES = [
    # Coal boilers
    (
        "pk-coal-nox-neqs-has-no-reference-o2",
        "PK",
        {},
        dict(parameter="NOx", value=510, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "pk-coal-nox-degraded-airshed-adds-ifc-boiler",
        "PK",
        {},
        dict(parameter="NOx", value=510, **{**COAL, "airshed": "degraded"}),
        "cannot_judge",
        None,
        None,
    ),
    (
        "pk-coal-so2-typed-lowercase-in-g-per-nm3-is-kept",
        "PK",
        {},
        dict(parameter="so2", value=0.4, unit="g/Nm³", **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "pk-coal-dust-alias-finds-particulate-rows",
        "PK",
        {},
        dict(parameter="dust", value=40, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "lk-coal-300mw-new-so2-within-850",
        "LK",
        {"capacity": 300},
        dict(parameter="SO2", value=800, **COAL),
        "pass",
        "lk-stationary-sources-emission-regulations-2019",
        "850",
    ),
    (
        "lk-coal-so2-in-g-per-nm3-converted-and-exceeds",
        "LK",
        {"capacity": 300},
        dict(parameter="so2", value=0.9, unit="g/Nm³", **COAL),
        "fail",
        "lk-stationary-sources-emission-regulations-2019",
        "0.85",
    ),
    (
        "lk-coal-so2-corrected-from-3-to-6-percent-o2",
        "LK",
        {"capacity": 300},
        dict(parameter="SO2", value=1100, **{**COAL, "conditions": "3% O2, 0 °C"}),
        "fail",
        "lk-stationary-sources-emission-regulations-2019",
        "1020",
    ),
    (
        "lk-coal-nox-row-does-not-say-new-or-existing",
        "LK",
        {"capacity": 300},
        dict(parameter="NOx", value=600, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "lk-coal-below-50mw-row-does-not-say-new-or-existing",
        "LK",
        {"capacity": 30},
        dict(parameter="SO2", value=1500, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "lk-coal-without-stated-o2-is-not-compared",
        "LK",
        {"capacity": 300},
        dict(parameter="SO2", value=800, **{**COAL, "conditions": ""}),
        "cannot_judge",
        None,
        None,
    ),
    (
        "id-coal-pltu-annex-a-or-b-unknown",
        "ID",
        {"capacity": 100},
        dict(parameter="SO2", value=700, **{**COAL, "conditions": "7% O2, 25 °C"}),
        "cannot_judge",
        None,
        None,
    ),
    (
        "in-coal-2030-only-the-2017-row-applies",
        "IN",
        {"capacity": 800},
        dict(parameter="SO2", value=90, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "th-factory-coal-boiler-ppm-row-not-converted",
        "TH",
        {"capacity": 50, "sector": "textiles"},
        dict(parameter="SO2", value=500, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "vn-new-coal-existing-plant-rows-left-out",
        "VN",
        {},
        dict(parameter="NOx", value=90, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "sg-any-fuel-burning-equipment-without-o2",
        "SG",
        {"capacity": 300},
        dict(parameter="NOx", value=400, **COAL),
        "cannot_judge",
        None,
        None,
    ),
    (
        "bd-ecr-1997-is-repealed-its-rows-are-left-out",
        "BD",
        {"capacity": 300},
        dict(parameter="PM", value=100, **COAL),
        "no_limit",
        None,
        None,
    ),
    # Oil boilers
    (
        "lk-oil-boiler-200mw-new-so2-within-850",
        "LK",
        {"capacity": 200},
        dict(parameter="SO2", value=800, **{**COAL, "fuel": "oil", "conditions": "3% O2, 0 °C"}),
        "pass",
        "lk-stationary-sources-emission-regulations-2019",
        "850",
    ),
    (
        "lk-oil-boiler-below-100mw-has-no-row",
        "LK",
        {"capacity": 60},
        dict(parameter="SO2", value=800, **{**COAL, "fuel": "oil", "conditions": "3% O2, 0 °C"}),
        "no_limit",
        None,
        None,
    ),
    # A thermal input is never below the electrical output: 60 MW electrical is above the IFC
    # small-combustion band (3-50 MWth), 20 MW electrical may or may not be inside it.
    (
        "ifc-small-boiler-20mwth-oil-so2-within-2000",
        "LK",
        {"capacity": 20, "unit": "MWth"},
        dict(parameter="SO2", value=1500, **{**COAL, "fuel": "oil", "conditions": "3% O2, 0 °C, dry gas"}),
        "pass",
        "ifc-ehs-general-2007",
        "2000",
    ),
    (
        "ifc-small-boiler-band-unknown-for-20mw-electrical",
        "LK",
        {"capacity": 20},
        dict(parameter="SO2", value=1500, **{**COAL, "fuel": "oil", "conditions": "3% O2, 0 °C, dry gas"}),
        "cannot_judge",
        None,
        None,
    ),
    # Gas turbines and engines
    (
        "lk-gas-turbine-row-does-not-say-new-or-existing",
        "LK",
        {"capacity": 100},
        dict(parameter="NOx", value=150, **GAS_TURBINE),
        "cannot_judge",
        None,
        None,
    ),
    (
        "vn-gas-turbine-falls-back-to-gb13223-turbine-row",
        "VN",
        {},
        dict(parameter="NOx", value=40, **GAS_TURBINE),
        "cannot_judge",
        None,
        None,
    ),
    (
        "lk-gas-engine-row-does-not-say-new-or-existing",
        "LK",
        {"capacity": 30},
        {
            "parameter": "NOx",
            "value": 300,
            "source_type": "engine",
            "fuel": "gas",
            "airshed": "non_degraded",
            "conditions": "3% O2, 0 °C",
        },
        "cannot_judge",
        None,
        None,
    ),
    # Effluent by receiving water
    (
        "pk-bod-into-inland-water",
        "PK",
        {},
        dict(parameter="BOD5", value=60, receiving_water="inland_surface", **EFFLUENT),
        "pass",
        "pk-neqs-1993",
        "80",
    ),
    (
        "pk-cod-into-sewage-treatment",
        "PK",
        {},
        dict(parameter="COD", value=160, receiving_water="sewer", **EFFLUENT),
        "pass",
        "pk-neqs-1993",
        "400",
    ),
    (
        "pk-cod-into-inland-water-exceeds-150",
        "PK",
        {},
        dict(parameter="COD", value=160, receiving_water="inland_surface", **EFFLUENT),
        "fail",
        "pk-neqs-1993",
        "150",
    ),
    (
        "pk-receiving-water-not-stated",
        "PK",
        {},
        dict(parameter="COD", value=160, **EFFLUENT),
        "cannot_judge",
        None,
        None,
    ),
    (
        "ph-bod-into-class-c-water",
        "PH",
        {},
        dict(parameter="BOD5", value=45, receiving_water="inland_surface", receiving_water_class="Class C", **EFFLUENT),
        "pass",
        "ph-dao-2016-08",
        "50",
    ),
    (
        "ph-bod-into-class-b-water-exceeds-30",
        "PH",
        {},
        dict(parameter="BOD5", value=45, receiving_water="inland_surface", receiving_water_class="Class B", **EFFLUENT),
        "fail",
        "ph-dao-2016-08",
        "30",
    ),
    (
        "ph-class-of-receiving-water-not-stated",
        "PH",
        {},
        dict(parameter="BOD5", value=45, receiving_water="inland_surface", **EFFLUENT),
        "cannot_judge",
        None,
        None,
    ),
    (
        "in-bod-into-inland-surface-water",
        "IN",
        {},
        dict(parameter="BOD5", value=25, receiving_water="inland_surface", **EFFLUENT),
        "pass",
        "in-ep-rules-1986",
        "30",
    ),
    (
        "lk-ph-range-inland",
        "LK",
        {},
        {
            "parameter": "pH",
            "value": 6.5,
            "unit": "pH units",
            "medium": "effluent",
            "receiving_water": "inland_surface",
        },
        "pass",
        "lk-protection-quality-regulations-2008",
        None,
    ),
    (
        "sg-bod-into-controlled-watercourse",
        "SG",
        {},
        dict(
            parameter="BOD5",
            value=15,
            receiving_water="inland_surface",
            receiving_water_class="controlled watercourse",
            **EFFLUENT,
        ),
        "pass",
        "sg-epm-trade-effluent-regulations",
        "20",
    ),
    (
        "my-standard-b-row-has-no-receiving-water",
        "MY",
        {},
        dict(parameter="BOD5", value=40, receiving_water="inland_surface", **EFFLUENT),
        "cannot_judge",
        None,
        None,
    ),
    # Ambient air: China's Grade II, never Grade I (nature reserves), for a Kazakh project
    (
        "kz-so2-24h-gb3095-grade-ii",
        "KZ",
        {"sector": "solar", "capacity": 50},
        {"parameter": "SO2", "value": 45, "medium": "ambient_air", "unit": "µg/m³", "averaging": "24-hour"},
        "pass",
        "cn-gb-3095-2012",
        "150",
    ),
    (
        "kz-no2-annual-gb3095",
        "KZ",
        {"sector": "solar", "capacity": 50},
        {"parameter": "NO2", "value": 30, "medium": "ambient_air", "unit": "µg/m³", "averaging": "annual"},
        "pass",
        "cn-gb-3095-2012",
        "40",
    ),
]


@pytest.mark.parametrize(
    ("country", "facts", "design", "verdict", "instrument", "value"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_picks_the_governing_limit_and_verdict(limits, country, facts, design, verdict, instrument, value):
    row = _judge(limits, _project(country, **facts), **design)
    assert row.verdict == verdict, [c.why_not for c in row.cells]
    if instrument is None:
        assert row.governing is None or verdict == "cannot_judge"
    else:
        assert row.governing.limit.instrument.key == instrument
        if value is not None:
            assert row.governing.converted.value == Decimal(value)
    if verdict == "cannot_judge":
        # Every limit that blocks a verdict says why, next to it.
        assert row.reasons and all(c.why_not for c in row.cells if not c.usable)


@pytest.mark.parametrize(("country", "facts", "design"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES])
def test_it_never_judges_against_a_row_for_another_source_fuel_or_grade(limits, country, facts, design):
    row = _judge(limits, _project(country, **facts), **design)
    for cell in row.cells:
        lim = cell.limit
        assert lim.instrument.legal_status != "repealed"
        assert lim.grade_scope not in ("designated", "target")
        if design.get("medium", "air_emissions") == "air_emissions":
            assert lim.source_type in ("", "any", "combustion_any", design["source_type"]), lim.category
            assert lim.fuel in ("", "any", design["fuel"]), lim.category


def test_the_case_table_is_large_enough():
    assert len(CASES) >= 25


def test_it_says_which_project_fact_is_missing(limits):
    # An existing plant whose dates are not stated cannot be placed in a build-date band.
    row = _judge(
        limits,
        _project("IN", capacity=800, operation=None),
        parameter="SO2",
        value=90,
        **{**COAL, "plant_age": "existing"},
    )
    assert any("dates are not stated" in r for r in row.reasons)


def test_a_new_plant_without_dates_counts_as_built_after_any_past_date(limits):
    row = _judge(limits, _project("IN", capacity=800, operation=None), parameter="SO2", value=90, **COAL)
    keys = [c.limit.category for c in row.cells if c.source == "host"]
    assert keys == ["coal TPP units installed from 1 Jan 2017"]
    row = _judge(limits, _project("PK"), parameter="NOx", value=510, **{**COAL, "source_type": ""})
    assert any("state the source type" in c.why_not for c in row.cells)
