"""The legal moves of the editorial life cycle, in one table (``portal.workflow``)."""

from knowledge.choices import PublicationStatus as S
from portal.workflow import table

PUBLICATION = table(
    S,
    "publication",
    {
        S.DRAFT: {S.REVIEW, S.PUBLISHED},
        S.REVIEW: {S.DRAFT, S.PUBLISHED},
        S.PUBLISHED: {S.UNPUBLISHED},
        S.UNPUBLISHED: {S.DRAFT, S.PUBLISHED},
    },
)
TRANSITIONS = PUBLICATION.moves


def ensure_transition(obj, *, to: str) -> None:
    PUBLICATION.ensure(obj, to=to)
