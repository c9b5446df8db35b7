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
