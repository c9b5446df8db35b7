"""The screening rules, table-driven: category A/B/C and the three traffic lights per case.

Runs the engine on rule set v1 as shipped (assessments/data/screening_rules_v1.json).
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from assessments.models import ScreeningRule, ScreeningRuleSet
from assessments.rules.screening import Facts, screen

RULES_FILE = Path(__file__).resolve().parents[2] / "assessments" / "data" / "screening_rules_v1.json"


@pytest.fixture(scope="module")
def ruleset():
    data = json.loads(RULES_FILE.read_text())
    rs = ScreeningRuleSet(version=data["version"], threshold_a=data["threshold_a"], threshold_b=data["threshold_b"])
    rules = [
        ScreeningRule(**{k: (Decimal(str(v)) if k == "threshold" else v) for k, v in r.items()}) for r in data["rules"]
    ]
    return rs, rules


def inside(site_type, name="Area"):
    return {"type": site_type, "relation": "inside", "name": name, "distance_m": 0}


def near(site_type, name="Area", distance=1500):
    return {"type": site_type, "relation": "buffer", "name": name, "distance_m": distance}


G, Y, R = "green", "yellow", "red"

# (id, sector, capacity, unit, answers, country risk, site, category, (pollution, biodiversity, climate))
CASES = [
    ("solar-small", "solar", 20, "MW", {}, {}, [], "C", (G, G, G)),
    ("solar-large", "solar", 150, "MW", {}, {}, [], "B", (G, G, G)),
    ("wind-small", "wind", 30, "MW", {}, {}, [], "C", (G, G, G)),
    ("wind-large", "wind", 60, "MW", {}, {}, [], "B", (G, G, G)),
    ("grid-110kv", "power_grid", 110, "kV_km", {}, {}, [], "C", (G, G, G)),
    ("grid-500kv", "power_grid", 500, "kV_km", {}, {}, [], "B", (G, G, G)),
    ("textiles-effluent", "light_industry", None, "", {"effluent_discharge": True}, {}, [], "C", (Y, G, G)),
    ("food-water", "food_processing", None, "", {"water_abstraction_m3_day": 1500}, {}, [], "C", (G, G, G)),
    (
        "food-water-effluent",
        "food_processing",
        None,
        "",
        {"water_abstraction_m3_day": 1500, "effluent_discharge": True},
        {},
        [],
        "B",
        (Y, G, G),
    ),
    ("gas-power-50mw", "thermal_power", 50, "MW", {"ghg_t_per_year": 30000}, {}, [], "B", (Y, G, Y)),
    ("thermal-350mw", "thermal_power", 350, "MW", {}, {}, [], "A", (Y, G, Y)),
    ("coal-power-small", "thermal_power", 50, "MW", {"coal": True}, {}, [], "A", (R, G, R)),
    ("thermal-200mwth", "thermal_power", 200, "MWth", {}, {}, [], "B", (Y, G, Y)),
    ("hydro-20mw", "hydropower", 20, "MW", {}, {}, [], "B", (G, Y, G)),
    ("hydro-120mw", "hydropower", 120, "MW", {}, {}, [], "A", (G, Y, G)),
    (
        "hydro-river-forest",
        "hydropower",
        20,
        "MW",
        {"river_works": True, "forest_clearing": True},
        {},
        [],
        "B",
        (G, Y, G),
    ),
    (
        "hydro-river-forest-resettle",
        "hydropower",
        20,
        "MW",
        {"river_works": True, "forest_clearing": True, "resettlement": True, "displaced_persons": 50},
        {},
        [],
        "A",
        (G, Y, G),
    ),
    ("mine-10ha", "mining", 10, "ha", {}, {}, [], "B", (Y, Y, G)),
    ("mine-40ha", "mining", 40, "ha", {}, {}, [], "A", (Y, Y, G)),
    ("nuclear", "nuclear", 1000, "MW", {}, {}, [], "A", (R, Y, G)),
    ("road-5km", "road", 5, "km", {}, {}, [], "B", (G, G, G)),
    ("road-30km", "road", 30, "km", {}, {}, [], "B", (G, G, G)),
    ("rail-30km", "railway", 30, "km", {}, {}, [], "B", (G, G, G)),
    ("rail-120km", "railway", 120, "km", {}, {}, [], "A", (G, G, G)),
    ("port-small", "port", 500000, "TEU_per_year", {}, {}, [], "B", (G, Y, G)),
    ("port-large", "port", 2000000, "TEU_per_year", {}, {}, [], "A", (G, Y, G)),
    ("steel", "steel", None, "", {}, {}, [], "B", (Y, G, R)),
    ("cement-high-ghg", "cement", None, "", {"ghg_t_per_year": 150000}, {}, [], "B", (Y, G, R)),
    ("aluminium-hazardous", "aluminium", None, "", {"hazardous_substances": True}, {}, [], "B", (Y, G, R)),
    ("solar-in-protected-area", "solar", 20, "MW", {}, {}, [inside("protected_area")], "A", (G, R, G)),
    ("solar-near-wetland", "solar", 20, "MW", {}, {}, [near("wetland")], "B", (G, Y, G)),
    ("wind-outside-all", "wind", 30, "MW", {}, {}, [], "C", (G, G, G)),
    (
        "food-in-drinking-water-zone",
        "food_processing",
        None,
        "",
        {},
        {},
        [inside("drinking_water_source")],
        "A",
        (R, G, G),
    ),
    (
        "textiles-resettlement-250",
        "light_industry",
        None,
        "",
        {"resettlement": True, "displaced_persons": 250},
        {},
        [],
        "A",
        (G, G, G),
    ),
    (
        "park-risky-country",
        "industrial_parks",
        None,
        "",
        {},
        {"biodiversity": "very_high", "water": "high", "social": "high"},
        [],
        "B",
        (Y, Y, G),
    ),
    ("solar-climate-vulnerable", "solar", 20, "MW", {}, {"climate": "very_high"}, [], "C", (G, G, Y)),
    ("road-indigenous", "road", 5, "km", {"indigenous_peoples": True}, {}, [], "B", (G, G, G)),
    ("textiles-heritage", "light_industry", None, "", {"cultural_heritage": True}, {}, [], "B", (G, G, G)),
    ("oil-gas-workers-land", "oil_gas", None, "", {"peak_workers": 2000, "land_area_ha": 1500}, {}, [], "B", (Y, G, Y)),
    ("textiles-bad-air", "light_industry", None, "", {}, {"air": "very_high"}, [], "C", (Y, G, G)),
    ("grid-in-heritage-site", "power_grid", 300, "kV_km", {}, {}, [inside("heritage_site")], "A", (G, R, G)),
    ("water-27400", "food_processing", None, "", {"water_abstraction_m3_day": 27400}, {}, [], "A", (G, G, G)),
    (
        "country-levels-below-threshold",
        "solar",
        20,
        "MW",
        {},
        {"biodiversity": "high", "climate": "high", "social": "medium"},
        [],
        "C",
        (G, G, G),
    ),
]


@pytest.mark.parametrize(
    ("sector", "capacity", "unit", "answers", "country", "site", "category", "lights"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_screens_the_case(ruleset, sector, capacity, unit, answers, country, site, category, lights):
    rs, rules = ruleset
    facts = Facts(
        sector=sector,
        capacity=None if capacity is None else Decimal(str(capacity)),
        capacity_unit=unit,
        answers=answers,
        country_risk=country,
        site=site,
    )
    result = screen(facts, rs, rules)
    got = (
        result.lights["pollution"]["light"],
        result.lights["biodiversity"]["light"],
        result.lights["climate"]["light"],
    )
    assert (result.category, got) == (category, lights), [f["code"] for f in result.factors]


def test_there_are_at_least_30_cases():
    assert len(CASES) >= 30


def test_it_explains_every_factor_and_light(ruleset):
    rs, rules = ruleset
    facts = Facts(
        sector="thermal_power",
        capacity=Decimal(50),
        capacity_unit="MW",
        answers={"coal": True},
        site=[near("wetland", "Lake X", 2300)],
    )
    result = screen(facts, rs, rules)
    codes = [f["code"] for f in result.factors]
    assert "q-coal" in codes and "sector-thermal-power" in codes and "site-buffer-wetland" in codes
    site_factor = next(f for f in result.factors if f["code"] == "site-buffer-wetland")
    assert "Lake X (2300 m)" in site_factor["fact"]
    assert result.points == 3 + 3 + 2
    assert result.factors[-1]["kind"] == "total" and "8 points" in result.factors[-1]["fact"]
    assert any("coal" in r.lower() for r in result.lights["climate"]["reasons"])
    assert result.lights["biodiversity"]["light"] == "yellow"


def test_it_is_deterministic(ruleset):
    rs, rules = ruleset
    facts = Facts(
        sector="mining",
        capacity=Decimal(40),
        capacity_unit="ha",
        answers={"forest_clearing": True},
        country_risk={"biodiversity": "very_high"},
    )
    first = screen(facts, rs, rules)
    second = screen(facts, rs, list(reversed(rules)))
    assert (first.category, first.points, first.factors, first.lights) == (
        second.category,
        second.points,
        second.factors,
        second.lights,
    )
