"""Rule set rating-v1 as a case table: inputs in, colour and the reasons' codes out."""

import pytest

from assessments.rules.rating import VERSION, RatingInputs, rate

I = RatingInputs  # noqa: E741 - short for the table

CASES = [
    ("clean record", I(), "green", ["clean"]),
    ("blacklisted", I(blacklisted=True), "red", ["blacklisted"]),
    ("built without approval", I(red_grounds=("building_without_approval",)), "red", ["red_ground"]),
    ("illegal discharge", I(red_grounds=("illegal_discharge",)), "red", ["red_ground"]),
    (
        "both red grounds",
        I(red_grounds=("illegal_discharge", "building_without_approval")),
        "red",
        ["red_ground", "red_ground"],
    ),
    (
        "red ground beats a perfect score",
        I(red_grounds=("illegal_discharge",), review_score=100),
        "red",
        ["red_ground"],
    ),
    ("one major incident", I(major_incidents=1), "red", ["major_incidents"]),
    ("one serious incident", I(serious_incidents=1), "yellow", ["serious_incidents"]),
    ("one minor incident", I(minor_incidents=1), "blue", ["minor_incidents"]),
    ("overdue report", I(overdue_reports=1), "yellow", ["overdue_reports"]),
    ("three exceedances", I(exceedances=3), "yellow", ["many_exceedances"]),
    ("two exceedances", I(exceedances=2), "blue", ["some_exceedances"]),
    ("one exceedance", I(exceedances=1), "blue", ["some_exceedances"]),
    ("score 59", I(review_score=59), "yellow", ["low_score"]),
    ("score 60", I(review_score=60), "blue", ["fair_score"]),
    ("score 79", I(review_score=79), "blue", ["fair_score"]),
    ("score 80", I(review_score=80), "green", ["clean"]),
    ("open conditions", I(conditions_due=3, conditions_fulfilled=2), "blue", ["conditions_open"]),
    ("all conditions fulfilled", I(conditions_due=3, conditions_fulfilled=3), "green", ["clean"]),
    (
        "minor and serious: worst wins, both listed",
        I(minor_incidents=2, serious_incidents=1),
        "yellow",
        ["serious_incidents", "minor_incidents"],
    ),
    (
        "blacklisted with minor incident",
        I(blacklisted=True, minor_incidents=1),
        "red",
        ["blacklisted", "minor_incidents"],
    ),
    ("major and overdue", I(major_incidents=1, overdue_reports=2), "red", ["major_incidents", "overdue_reports"]),
    (
        "yellow from score, blue from exceedance",
        I(review_score=10, exceedances=1),
        "yellow",
        ["low_score", "some_exceedances"],
    ),
]


@pytest.mark.parametrize(("inputs", "colour", "codes"), [pytest.param(i, c, k, id=n) for n, i, c, k in CASES])
def test_it_rates_each_case(inputs, colour, codes):
    result = rate(inputs)
    assert result.colour == colour
    assert [r.code for r in result.reasons] == codes
    assert result.version == VERSION


def test_the_table_has_at_least_twenty_cases():
    assert len(CASES) >= 20
