"""Enterprise claims (services): a sign-up reserves a registration number only on confirmation.

Threat (issue 9.8): anyone could sign up with a named company's registration number and
never confirm the email; the unique number was taken and the real company could not
register. Now sign-up records a claim, the enterprise is created when the claimant confirms
their email, and a claim that finds the number taken waits as *disputed* for staff.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.choices import ClaimStatus, NotificationKind, Sector
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import EnterpriseClaim, Organisation, User
from portal.services import notification_send, organisation_register_enterprise
from portal.text import clean_name


@transaction.atomic
def enterprise_claim_create(
    *, user: User, name: str, registration_number: str, home_country: str, main_sectors: list[str]
) -> EnterpriseClaim:
    """Record what a sign-up wants to register; nothing is reserved yet."""
    unknown = set(main_sectors) - set(Sector.values)
    if unknown:
        raise ServiceError(_("Unknown sector: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    name, number = clean_name(name), clean_name(registration_number)
    if not name or not number:
        raise ServiceError(_("Give the enterprise's legal name and registration number."))
    claim = EnterpriseClaim.objects.create(
        user=user, name=name, registration_number=number, home_country=home_country, main_sectors=list(main_sectors)
    )
    audit_log(
        actor=user,
        action="enterprise_claim.created",
        target=claim,
        after={"name": name, "registration_number": number, "home_country": home_country},
    )
    return claim


def _register(claim: EnterpriseClaim, *, actor: User) -> Organisation:
    organisation = organisation_register_enterprise(
        owner=claim.user,
        name=claim.name,
        registration_number=claim.registration_number,
        home_country=claim.home_country,
        main_sectors=claim.main_sectors,
    )
    claim.status = ClaimStatus.REGISTERED
    claim.organisation = organisation
    claim.resolved_at = timezone.now()
    claim.save(update_fields=["status", "organisation", "resolved_at"])
    audit_log(actor=actor, action="enterprise_claim.registered", target=claim, after={"organisation": organisation.pk})
    return organisation


@transaction.atomic
def enterprise_claim_confirm(*, user: User) -> list[Organisation]:
    """The claimant confirmed their email: register each pending claim whose number is free;
    a taken number makes the claim disputed and tells the claimant and staff."""
    registered = []
    for claim in EnterpriseClaim.objects.select_for_update().filter(user=user, status=ClaimStatus.PENDING):
        try:
            with transaction.atomic():
                registered.append(_register(claim, actor=user))
        except ServiceError:
            claim.status = ClaimStatus.DISPUTED
            claim.save(update_fields=["status"])
            audit_log(actor=user, action="enterprise_claim.disputed", target=claim)
            notification_send(
                users=[user],
                kind=NotificationKind.ACCOUNT,
                title=_("%(name)s is already registered on the portal") % {"name": claim.name},
                body=_(
                    "Another account registered this registration number first. Portal staff will review "
                    "your claim; you can also ask the enterprise's owner to invite you."
                ),
            )
            notification_send(
                users=list(User.objects.filter(is_staff=True, is_active=True)),
                kind=NotificationKind.SYSTEM,
                title=_("Disputed enterprise claim: %(name)s") % {"name": claim.name},
                url="/admin/portal/enterpriseclaim/?status__exact=disputed",
                email=False,
            )
    return registered


def _ensure_staff(user: User) -> None:
    if not user.is_staff:
        raise PermissionDeniedError(_("Only portal staff can resolve enterprise claims."))


@transaction.atomic
def enterprise_claim_register(*, claim: EnterpriseClaim, resolved_by: User) -> Organisation:
    """Staff register a disputed claim for its claimant (the number must be free by now)."""
    _ensure_staff(resolved_by)
    claim = EnterpriseClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.DISPUTED:
        raise ConflictError(_("Only disputed claims can be resolved."))
    organisation = _register(claim, actor=resolved_by)
    claim.resolved_by = resolved_by
    claim.save(update_fields=["resolved_by"])
    return organisation


@transaction.atomic
def enterprise_claim_reject(*, claim: EnterpriseClaim, resolved_by: User, note: str = "") -> EnterpriseClaim:
    """Staff refuse a claim (pending or disputed); the claimant is told."""
    _ensure_staff(resolved_by)
    claim = EnterpriseClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status not in (ClaimStatus.PENDING, ClaimStatus.DISPUTED):
        raise ConflictError(_("This claim is already resolved."))
    before = claim.status
    claim.status = ClaimStatus.REJECTED
    claim.resolved_at, claim.resolved_by, claim.note = timezone.now(), resolved_by, note
    claim.save(update_fields=["status", "resolved_at", "resolved_by", "note"])
    audit_log(
        actor=resolved_by,
        action="enterprise_claim.rejected",
        target=claim,
        before={"status": before},
        after={"status": claim.status},
        reason=note,
    )
    notification_send(
        users=[claim.user],
        kind=NotificationKind.ACCOUNT,
        title=_("Your registration of %(name)s was not accepted") % {"name": claim.name},
        body=note,
    )
    return claim
