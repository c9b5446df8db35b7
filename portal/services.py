"""Writes for accounts, organisations, invitations and notifications.

Every function here is atomic and writes the audit trail for the state it changes.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.choices import MANAGING_ROLES, NotificationKind, OrganisationKind, Role, Sector
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import Invitation, Jurisdiction, Membership, Notification, Organisation, User
from portal.outbox import enqueue_on_commit
from portal.permissions import can_invite_members, is_portal_staff
from portal.text import clean_name


@transaction.atomic
def organisation_register_enterprise(
    *, owner: User, name: str, registration_number: str, home_country: str, main_sectors: list[str]
) -> Organisation:
    """Create an enterprise with ``owner`` as its owner (the self-registration path)."""
    unknown = set(main_sectors) - set(Sector.values)
    if unknown:
        raise ServiceError(_("Unknown sector: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                kind=OrganisationKind.ENTERPRISE,
                name=clean_name(name),
                registration_number=clean_name(registration_number),
                home_country=home_country,
                main_sectors=list(main_sectors),
            )
    except IntegrityError as exc:
        raise ConflictError(
            _("An enterprise with this registration number is already registered in this country.")
        ) from exc
    Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
    audit_log(
        actor=owner,
        action="organisation.registered",
        target=organisation,
        after={"kind": organisation.kind, "name": organisation.name, "owner": owner.email},
    )
    return organisation


@transaction.atomic
def organisation_create_by_staff(
    *,
    created_by: User,
    kind: str,
    name: str,
    owner_email: str,
    jurisdictions: list[tuple[str, str]] | None = None,
    home_country: str = "",
) -> Organisation:
    """Create an authority, editorial team, NGO or financial institution (staff only)."""
    if not is_portal_staff(created_by):
        raise PermissionDeniedError(_("Only portal staff can create this kind of organisation."))
    name = clean_name(name)
    organisation = Organisation.objects.create(kind=kind, name=name, home_country=home_country)
    for country, sector in jurisdictions or []:
        Jurisdiction.objects.create(organisation=organisation, country=country, sector=sector)
    owner, _created = User.objects.get_or_create(email=owner_email.lower())
    role = Role.LEAD_REVIEWER if kind == OrganisationKind.AUTHORITY else Role.OWNER
    Membership.objects.create(user=owner, organisation=organisation, role=role)
    audit_log(
        actor=created_by,
        action="organisation.created",
        target=organisation,
        after={
            "kind": kind,
            "name": name,
            "owner": owner.email,
            "jurisdictions": jurisdictions or [],
        },
    )
    return organisation


def _allowed_invite_roles(organisation: Organisation) -> set[str]:
    if organisation.kind == OrganisationKind.AUTHORITY:
        return {Role.ADMIN, Role.REVIEWER, Role.LEAD_REVIEWER}
    return {Role.ADMIN, Role.MEMBER}


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, role: str, invited_by: User) -> Invitation:
    """Invite ``email`` to join ``organisation``; the invitation link is emailed."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not can_invite_members(invited_by, organisation):
        raise PermissionDeniedError(_("Only owners and administrators can invite members."))
    if role not in _allowed_invite_roles(organisation):
        raise ServiceError(_("This role cannot be given in this organisation."))
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ConflictError(_("This person is already a member."))
    if organisation.invitations.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True).exists():
        raise ConflictError(_("An invitation to this address is already open."))
    invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=invited_by)
    audit_log(
        actor=invited_by,
        action="invitation.created",
        target=invitation,
        after={"organisation": organisation.pk, "email": email, "role": role},
    )
    link = settings.SITE_URL + invitation.get_absolute_url()
    subject = _("You are invited to join %(org)s") % {"org": organisation.name}
    body = render_to_string("portal/email/invitation.txt", {"invitation": invitation, "link": link})
    email_queue(to=[email], subject=subject, body=body)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the organisation. The invitation must be open and addressed to the user's email."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ConflictError(_("This invitation has expired or has already been used."))
    if invitation.email.lower() != user.email.lower():
        raise PermissionDeniedError(_("This invitation was sent to another email address. Log in with that address."))
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created:
        raise ConflictError(_("You are already a member of this organisation."))
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(
        actor=user,
        action="invitation.accepted",
        target=invitation,
        after={"organisation": invitation.organisation_id, "role": invitation.role},
    )
    notification_send(
        users=[
            m.user
            for m in invitation.organisation.memberships.select_related("user")
            if m.role in MANAGING_ROLES and m.user_id != user.pk
        ],
        kind=NotificationKind.INVITATION,
        title=_("%(email)s joined %(org)s") % {"email": user.email, "org": invitation.organisation.name},
        url="/workspace/organisation/",
    )
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, revoked_by: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not can_invite_members(revoked_by, invitation.organisation):
        raise PermissionDeniedError(_("Only owners and administrators can revoke invitations."))
    if invitation.accepted_at or invitation.revoked_at:
        raise ConflictError(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log(actor=revoked_by, action="invitation.revoked", target=invitation)
    return invitation


def email_queue(*, to: list[str], subject: str, body: str, headers: dict | None = None) -> None:
    """Send after commit through the outbox (a broker outage delays the mail, never loses it)."""
    from portal.tasks import email_send_task

    enqueue_on_commit(email_send_task, to=to, subject=subject, body=body, headers=headers or {})


def notification_send(
    *, users, kind: str, title: str, body: str = "", url: str = "", email: bool = True
) -> list[Notification]:
    """Record a notification in each user's inbox and, after commit, email it to them."""
    from portal.tasks import notification_email_task

    title = clean_name(title)[:255]
    created = [Notification.objects.create(user=u, kind=kind, title=title, body=body, url=url) for u in users]
    if email:
        for n in created:
            enqueue_on_commit(notification_email_task, n.pk)
    return created


@transaction.atomic
def notification_email(*, notification_id: int) -> bool:
    """Email one notification in the recipient's language; never twice."""
    notification = Notification.objects.select_for_update().select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    with translation.override(notification.user.preferred_language):
        body = render_to_string(
            "portal/email/notification.txt",
            {"notification": notification, "site_url": settings.SITE_URL},
        )
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + notification.title
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    email_queue(to=[notification.user.email], subject=subject, body=body)
    return True


@transaction.atomic
def notification_mark_read(*, user: User, notification_ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, preferred_language: str) -> User:
    before = {"full_name": user.full_name, "preferred_language": user.preferred_language}
    user.full_name = clean_name(full_name)
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "preferred_language"])
    audit_log(
        actor=user,
        action="user.updated",
        target=user,
        before=before,
        after={"full_name": user.full_name, "preferred_language": user.preferred_language},
    )
    return user
