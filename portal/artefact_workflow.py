"""The legal moves of a rendered artefact, as a ``portal.workflow`` table. A ready artefact
never changes again; a failed one may be queued again when someone asks for the same inputs; a
render lost with its worker goes back to queued."""

from portal.choices import ArtefactState as S
from portal.workflow import table

ARTEFACT = table(
    S,
    "artefact",
    {
        S.QUEUED: {S.RENDERING, S.FAILED},
        S.RENDERING: {S.READY, S.FAILED, S.QUEUED},
        S.READY: set(),
        S.FAILED: {S.QUEUED},
    },
)
TRANSITIONS = ARTEFACT.moves


def can_transition(artefact, *, to: str) -> bool:
    return ARTEFACT.allows(artefact.state, to)


def ensure_transition(artefact, *, to: str) -> None:
    ARTEFACT.ensure(artefact, to=to, field="state")
