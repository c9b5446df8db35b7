"""The legal moves of a rendered artefact, in one table (the house pattern of
``knowledge/workflow.py``). A ready artefact never changes again; a failed one may be queued
again when someone asks for the same inputs; a render lost with its worker goes back to queued.
"""

from django.utils.translation import gettext as _

from portal.choices import ArtefactState as S
from portal.errors import ServiceError

TRANSITIONS: dict[str, set[str]] = {
    S.QUEUED: {S.RENDERING, S.FAILED},
    S.RENDERING: {S.READY, S.FAILED, S.QUEUED},
    S.READY: set(),
    S.FAILED: {S.QUEUED},
}


def can_transition(artefact, *, to: str) -> bool:
    return to in TRANSITIONS.get(artefact.state, set())


def ensure_transition(artefact, *, to: str) -> None:
    if not can_transition(artefact, to=to):
        raise ServiceError(
            _("“%(obj)s” cannot go from %(from)s to %(to)s.")
            % {"obj": artefact, "from": S(artefact.state).label, "to": S(to).label},
            status=409,
        )
