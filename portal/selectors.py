"""Reads of accounts, organisations and the inbox, scoped to the user asking."""

from django.db.models import QuerySet

from portal.choices import OrganisationKind
from portal.models import Invitation, Membership, Notification, Organisation


def membership_list_for_user(*, user) -> QuerySet[Membership]:
    """The user's memberships with their organisations, the primary (oldest) first."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation").order_by("created_at", "id")


def membership_get_primary(*, user) -> Membership | None:
    """The membership that decides the user's workspace (the first organisation joined)."""
    return membership_list_for_user(user=user).first()


def organisation_kinds_for_user(*, user) -> set[str]:
    return {m.organisation.kind for m in membership_list_for_user(user=user)}


def organisation_member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("created_at", "id")


def invitation_list_open(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related(
        "invited_by"
    )


def invitation_get_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def organisation_list_by_kind(*, kind: OrganisationKind) -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=kind)


def enterprise_membership_for(*, user) -> Membership | None:
    """The user's membership of an enterprise (the first joined), or None: "this user's enterprise"."""
    return next(
        (m for m in membership_list_for_user(user=user) if m.organisation.kind == OrganisationKind.ENTERPRISE),
        None,
    )


def user_list_of_authorities_for(*, country: str, sector: str = "") -> QuerySet:
    """Members of the authorities competent for ``country`` and ``sector`` (an authority's
    jurisdiction with an empty sector covers every sector of its country)."""
    from django.db.models import Q

    from portal.models import User

    return User.objects.filter(
        Q(memberships__organisation__jurisdictions__sector="")
        | Q(memberships__organisation__jurisdictions__sector=sector),
        memberships__organisation__kind=OrganisationKind.AUTHORITY,
        memberships__organisation__jurisdictions__country=country,
        is_active=True,
    ).distinct()


def organisation_list_for_staff() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("jurisdictions").order_by("kind", "name")


def notification_none() -> QuerySet[Notification]:
    """An empty queryset that tells the API schema the model behind the inbox."""
    return Notification.objects.none()


def as_id(value) -> int | None:
    """A primary key from a URL or a form field, or None when it is not one (the caller 404s)."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if pk > 0 else None
