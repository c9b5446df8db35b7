"""The legal moves of the editorial life cycle, in one table."""

from django.utils.translation import gettext as _

from knowledge.choices import PublicationStatus as S
from portal.errors import ServiceError

TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.REVIEW, S.PUBLISHED},
    S.REVIEW: {S.DRAFT, S.PUBLISHED},
    S.PUBLISHED: {S.UNPUBLISHED},
    S.UNPUBLISHED: {S.DRAFT, S.PUBLISHED},
}


def ensure_transition(obj, *, to: str) -> None:
    if to not in TRANSITIONS.get(obj.status, set()):
        raise ServiceError(
            _("“%(obj)s” cannot go from %(from)s to %(to)s.")
            % {"obj": obj, "from": S(obj.status).label, "to": S(to).label},
            status=409,
        )
