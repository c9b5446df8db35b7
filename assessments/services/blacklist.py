"""The blacklist with due process: notice with grounds and evidence, the enterprise's response
within a window, a lead reviewer's decision, one appeal, lifting on appeal or at period end.

Every move is checked against ``BLACKLIST_CASE`` (``assessments/workflow.py``), row-locked
(a regulator and the enterprise may act at once), audited, and told to the other side. Nothing
is deleted: a dismissed case and a lifted entry stay in the history.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import BlacklistCaseStatus as B
from assessments.choices import BlacklistGround
from assessments.models import BlacklistCase, BlacklistEntry, BlacklistEvidence
from assessments.selectors.blacklist import authority_role_for, blacklist_entry_list_to_end
from assessments.workflow import BLACKLIST_CASE
from portal.audit import audit_log
from portal.choices import MANAGING_ROLES, NotificationKind, Role
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import Organisation, User
from portal.services import notification_send
from portal.uploads import check_upload

MAX_TEXT = 10_000


def _text(value: str, *, field: str, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(missing, field=field)
    if len(value) > MAX_TEXT:
        raise ServiceError(_("Keep it under 10,000 characters."), field=field)
    return value


def _lock(case: BlacklistCase) -> BlacklistCase:
    return (
        BlacklistCase.objects.select_for_update(of=("self",))
        .select_related("organisation", "authority")
        .get(pk=case.pk)
    )


def _attach(case: BlacklistCase, files, user: User) -> None:
    for f in files or ():
        checked = check_upload(f, max_bytes=settings.UPLOAD_MAX_BYTES)
        doc = BlacklistEvidence.objects.create(case=case, uploaded_by=user, **checked.stored_fields(f))
        audit_log(actor=user, action="blacklist_case.evidence_added", target=case, after={"sha256": doc.sha256})


def _enterprise_users(organisation: Organisation) -> list[User]:
    return [m.user for m in organisation.memberships.select_related("user")]


def _lead_reviewers(authority: Organisation) -> list[User]:
    return [m.user for m in authority.memberships.select_related("user") if m.role == Role.LEAD_REVIEWER]


def _tell_enterprise(case: BlacklistCase, title: str, body: str = "") -> None:
    notification_send(
        users=_enterprise_users(case.organisation),
        kind=NotificationKind.BLACKLIST,
        title=title,
        body=body,
        url=reverse("barometer:workspace-case", args=[case.pk]),
    )


def _tell_leads(case: BlacklistCase, title: str, body: str = "") -> None:
    notification_send(
        users=_lead_reviewers(case.authority),
        kind=NotificationKind.BLACKLIST,
        title=title,
        body=body,
        url=case.get_absolute_url(),
    )


def _ensure_lead(user: User, case: BlacklistCase) -> None:
    if not case.authority.memberships.filter(user=user, role=Role.LEAD_REVIEWER).exists():
        raise PermissionDeniedError(_("Only a lead reviewer of the authority that opened the case decides it."))


def _ensure_enterprise_manager(user: User, case: BlacklistCase) -> None:
    if not case.organisation.memberships.filter(user=user, role__in=MANAGING_ROLES).exists():
        raise PermissionDeniedError(_("Only the enterprise's owners and administrators answer for it."))


def _move(case: BlacklistCase, to: str) -> str:
    before = BLACKLIST_CASE.ensure(case, to=to)
    case.status = to
    return before


@transaction.atomic
def blacklist_case_open(
    *,
    organisation: Organisation,
    opened_by: User,
    ground: str,
    evidence: str,
    files=(),
    response_days: int | None = None,
) -> BlacklistCase:
    """A regulator competent for the enterprise opens a case; the enterprise is given notice
    and ``response_days`` (default ``BLACKLIST_RESPONSE_DAYS``) to answer."""
    found = authority_role_for(user=opened_by, enterprise=organisation)
    if found is None:
        raise PermissionDeniedError(_("Only an authority competent for this enterprise may open a case."))
    authority, _role = found
    if ground not in BlacklistGround.values:
        raise ServiceError(_("Choose the ground for the case."), field="ground")
    evidence = _text(evidence, field="evidence", missing=_("State the evidence for the case."))
    days = settings.BLACKLIST_RESPONSE_DAYS if response_days is None else response_days
    if not 7 <= days <= 90:
        raise ServiceError(_("Give the enterprise between 7 and 90 days to respond."), field="response_days")
    case = BlacklistCase.objects.create(
        organisation=organisation,
        authority=authority,
        opened_by=opened_by,
        ground=ground,
        evidence=evidence,
        response_due_on=timezone.localdate() + dt.timedelta(days=days),
    )
    _attach(case, files, opened_by)
    audit_log(
        actor=opened_by,
        action="blacklist_case.opened",
        target=case,
        after={"ground": ground, "response_due_on": case.response_due_on, "status": case.status},
    )
    _tell_enterprise(
        case,
        _("Blacklist notice: %(authority)s opened a case against %(org)s")
        % {"authority": authority.name, "org": organisation.name},
        _("Ground: %(ground)s. You may respond, with documents, until %(date)s; a lead reviewer decides after that.")
        % {"ground": case.get_ground_display(), "date": case.response_due_on.isoformat()},
    )
    return case


@transaction.atomic
def blacklist_case_respond(*, case: BlacklistCase, responded_by: User, response: str, files=()) -> BlacklistCase:
    """The enterprise answers the notice, within the window."""
    case = _lock(case)
    _ensure_enterprise_manager(responded_by, case)
    before = _move(case, B.AWAITING_DECISION)
    if timezone.localdate() > case.response_due_on:
        raise ConflictError(_("The response window closed on %(date)s.") % {"date": case.response_due_on.isoformat()})
    case.response = _text(response, field="response", missing=_("Write your response."))
    case.responded_by = responded_by
    case.responded_at = timezone.now()
    case.save(update_fields=["status", "response", "responded_by", "responded_at", "updated_at"])
    _attach(case, files, responded_by)
    audit_log(
        actor=responded_by,
        action="blacklist_case.responded",
        target=case,
        before={"status": before},
        after={"status": case.status},
    )
    _tell_leads(case, _("%(org)s responded to its blacklist notice") % {"org": case.organisation.name})
    return case


@transaction.atomic
def blacklist_case_decide(
    *,
    case: BlacklistCase,
    decided_by: User,
    list_enterprise: bool,
    reason: str,
    ends_on: dt.date | None = None,
    starts_on: dt.date | None = None,
) -> BlacklistCase:
    """A lead reviewer lists the enterprise for a period, or dismisses the case. Before the
    enterprise has responded, only once its window has closed (due process)."""
    case = _lock(case)
    _ensure_lead(decided_by, case)
    to = B.LISTED if list_enterprise else B.DISMISSED
    before = _move(case, to)
    today = timezone.localdate()
    if before == B.AWAITING_RESPONSE and today <= case.response_due_on:
        raise ConflictError(
            _("The enterprise may respond until %(date)s; decide after that or once it has responded.")
            % {"date": case.response_due_on.isoformat()}
        )
    reason = _text(reason, field="reason", missing=_("Give the reasons for the decision."))
    case.decided_by = decided_by
    case.decided_at = timezone.now()
    case.decision_reason = reason
    case.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
    if list_enterprise:
        starts_on = starts_on or today
        if ends_on is None or ends_on <= starts_on:
            raise ServiceError(_("Give the last day of the listing period, after its first."), field="ends_on")
        if ends_on > starts_on + dt.timedelta(days=5 * 366):
            raise ServiceError(_("A listing lasts at most five years."), field="ends_on")
        entry = BlacklistEntry.objects.create(
            organisation=case.organisation,
            case=case,
            ground=case.ground,
            reason=reason,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        audit_log(
            actor=decided_by,
            action="blacklist.listed",
            target=entry,
            reason=reason,
            after={"starts_on": starts_on, "ends_on": ends_on, "ground": case.ground},
        )
        _tell_enterprise(
            case,
            _("%(org)s is blacklisted from %(start)s until %(end)s")
            % {"org": case.organisation.name, "start": starts_on.isoformat(), "end": ends_on.isoformat()},
            _("Reasons: %(reason)s. You may appeal once.") % {"reason": reason},
        )
        _after_listing_change(case.organisation, event="blacklist.listed", entry=entry, actor=decided_by)
    else:
        _tell_enterprise(
            case,
            _("The blacklist case against %(org)s was dismissed") % {"org": case.organisation.name},
            reason,
        )
    audit_log(
        actor=decided_by,
        action=f"blacklist_case.{to}",
        target=case,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )
    return case


@transaction.atomic
def blacklist_case_appeal(*, case: BlacklistCase, appealed_by: User, appeal: str) -> BlacklistCase:
    """The enterprise appeals a listing, once (the table has no second way into APPEALED)."""
    case = _lock(case)
    _ensure_enterprise_manager(appealed_by, case)
    before = _move(case, B.APPEALED)
    case.appeal = _text(appeal, field="appeal", missing=_("Write the grounds of your appeal."))
    case.appealed_by = appealed_by
    case.appealed_at = timezone.now()
    case.save(update_fields=["status", "appeal", "appealed_by", "appealed_at", "updated_at"])
    audit_log(
        actor=appealed_by,
        action="blacklist_case.appealed",
        target=case,
        before={"status": before},
        after={"status": case.status},
    )
    _tell_leads(case, _("%(org)s appealed its blacklisting") % {"org": case.organisation.name})
    return case


@transaction.atomic
def blacklist_case_decide_appeal(*, case: BlacklistCase, decided_by: User, uphold: bool, reason: str) -> BlacklistCase:
    """A lead reviewer upholds the listing or lifts it on appeal."""
    case = _lock(case)
    _ensure_lead(decided_by, case)
    to = B.UPHELD if uphold else B.LIFTED_ON_APPEAL
    before = _move(case, to)
    reason = _text(reason, field="reason", missing=_("Give the reasons for the decision on appeal."))
    case.appeal_decided_by = decided_by
    case.appeal_decided_at = timezone.now()
    case.appeal_reason = reason
    case.save(update_fields=["status", "appeal_decided_by", "appeal_decided_at", "appeal_reason", "updated_at"])
    audit_log(
        actor=decided_by,
        action=f"blacklist_case.{to}",
        target=case,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )
    if not uphold:
        entry = BlacklistEntry.objects.select_for_update().get(case=case)
        _lift(entry, actor=decided_by, why="appeal", reason=reason)
    _tell_enterprise(
        case,
        (
            _("Appeal decided: the listing of %(org)s is upheld")
            if uphold
            else _("Appeal decided: %(org)s is lifted from the blacklist")
        )
        % {"org": case.organisation.name},
        reason,
    )
    return case


def _lift(entry: BlacklistEntry, *, actor, why: str, reason: str = "") -> BlacklistEntry:
    entry.lifted_at = timezone.now()
    entry.lift_reason = why
    entry.save(update_fields=["lifted_at", "lift_reason"])
    audit_log(actor=actor, action="blacklist.lifted", target=entry, after={"why": why}, reason=reason)
    _after_listing_change(entry.organisation, event="blacklist.lifted", entry=entry, actor=actor)
    return entry


def _after_listing_change(organisation: Organisation, *, event: str, entry: BlacklistEntry, actor) -> None:
    from assessments.services.credit import webhook_notify
    from assessments.services.rating import rating_recompute

    webhook_notify(
        enterprise=organisation,
        event=event,
        data={"entry_id": entry.pk, "starts_on": entry.starts_on, "ends_on": entry.ends_on, "ground": entry.ground},
    )
    rating_recompute(organisation=organisation, trigger=event, actor=actor)


def blacklist_lift_ended(*, today: dt.date | None = None) -> int:
    """The beat job: lift every entry whose period ended, each in its own transaction; the case
    moves to ENDED. Idempotent: a lifted entry is never lifted again."""
    today = today or timezone.localdate()
    lifted = 0
    for pk in list(blacklist_entry_list_to_end(today=today).values_list("pk", flat=True)):
        with transaction.atomic():
            entry = (
                BlacklistEntry.objects.select_for_update(of=("self",))
                .select_related("organisation", "case")
                .filter(pk=pk, lifted_at__isnull=True)
                .first()
            )
            if entry is None:
                continue
            _lift(entry, actor=None, why="period ended")
            case = entry.case
            if case is not None and BLACKLIST_CASE.allows(case.status, B.ENDED):
                case = _lock(case)
                before = _move(case, B.ENDED)
                case.save(update_fields=["status", "updated_at"])
                audit_log(
                    actor=None,
                    action="blacklist_case.ended",
                    target=case,
                    before={"status": before},
                    after={"status": case.status},
                )
            notification_send(
                users=_enterprise_users(entry.organisation),
                kind=NotificationKind.BLACKLIST,
                title=_("%(org)s is no longer blacklisted: the listing period ended")
                % {"org": entry.organisation.name},
            )
            lifted += 1
    return lifted
