"""Every status machine's table, pair by pair: each (from, to) is allowed exactly when the table
lists it, and a refused move names both states."""

import itertools

import pytest

from assessments.workflow import BLACKLIST_CASE, COMMENT, COMMENT_WINDOW, INFORMATION_REQUEST, PROJECT
from knowledge.workflow import PUBLICATION
from portal.artefact_workflow import ARTEFACT
from portal.errors import ConflictError

MACHINES = [PROJECT, INFORMATION_REQUEST, BLACKLIST_CASE, COMMENT_WINDOW, COMMENT, PUBLICATION, ARTEFACT]
PAIRS = [
    pytest.param(machine, src, dst, id=f"{machine.name}:{src}->{dst}")
    for machine in MACHINES
    for src, dst in itertools.product(machine.states.values, repeat=2)
]


class Subject:
    def __init__(self, status):
        self.status = status

    def __str__(self):
        return "the record"


@pytest.mark.parametrize(("machine", "src", "dst"), PAIRS)
def test_it_allows_exactly_the_moves_in_the_table(machine, src, dst):
    listed = dst in machine.moves.get(src, ())
    if listed:
        assert machine.ensure(Subject(src), to=dst) == src
    else:
        with pytest.raises(ConflictError) as refused:
            machine.ensure(Subject(src), to=dst)
        assert str(machine.states(src).label) in refused.value.message
        assert str(machine.states(dst).label) in refused.value.message


def test_a_project_can_be_withdrawn_from_every_state_before_a_decision():
    assert PROJECT.sources_of("withdrawn") == {
        "draft",
        "submitted",
        "under_review",
        "info_requested",
        "revision_requested",
    }


def test_a_decided_project_has_no_way_out():
    for decided in ("approved", "approved_conditions", "rejected", "withdrawn"):
        assert PROJECT.moves.get(decided, frozenset()) == frozenset()


def test_only_the_regulator_side_reaches_a_decision():
    for outcome in ("approved", "approved_conditions", "revision_requested", "rejected"):
        assert PROJECT.sources_of(outcome) == {"submitted", "under_review"}


def test_a_table_naming_an_unknown_state_is_refused_at_import():
    from assessments.choices import ProjectStatus
    from portal.workflow import table

    with pytest.raises(ValueError, match="unknown states"):
        table(ProjectStatus, "broken", {"draft": {"nowhere"}})
