"""One mechanism for every status machine: a table of legal moves and one check.

Each app declares its machines in its own ``workflow.py`` as ``Workflow`` tables; services call
``ensure()`` before they assign a status, so page, API, admin and tasks obey the same table.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from portal.errors import ConflictError


@dataclass(frozen=True)
class Workflow:
    name: str
    states: type[models.TextChoices]
    moves: Mapping[str, frozenset[str]]

    def __post_init__(self):
        known = set(self.states.values)
        for src, targets in self.moves.items():
            unknown = ({src} | set(targets)) - known
            if unknown:
                raise ValueError(f"{self.name}: unknown states {sorted(unknown)}")

    def allows(self, src: str, dst: str) -> bool:
        return dst in self.moves.get(src, frozenset())

    def sources_of(self, dst: str) -> frozenset[str]:
        """The states from which ``dst`` can be reached (for "may this be withdrawn?" buttons)."""
        return frozenset(src for src, targets in self.moves.items() if dst in targets)

    def ensure(self, obj, *, to: str, field: str = "status") -> str:
        """Refuse (409) a move the table does not hold; return the state moved from."""
        src = getattr(obj, field)
        if not self.allows(src, to):
            raise ConflictError(
                _("“%(obj)s” cannot go from %(from)s to %(to)s.")
                % {"obj": obj, "from": self.states(src).label, "to": self.states(to).label}
            )
        return src


def table(states: type[models.TextChoices], name: str, moves: Mapping[str, set[str]]) -> Workflow:
    return Workflow(name=name, states=states, moves={k: frozenset(v) for k, v in moves.items()})
