"""Writes of the barometer: recomputation on each event and nightly, regulators' overrides with
a written reason, incidents and their correction (the repair of a rating)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import IncidentSeverity, RatingColour, RedGround
from assessments.models import Incident, Project, Rating
from assessments.rules.rating import VERSION, rate
from assessments.selectors.blacklist import authority_role_for
from assessments.selectors.rating import rating_inputs_for
from portal.audit import audit_log
from portal.choices import MANAGING_ROLES, NotificationKind
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import Organisation, User
from portal.services import notification_send


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _replace_current(*, organisation: Organisation, new: Rating, actor, action: str, reason: str = "") -> Rating:
    """Make ``new`` the current rating; tell watchers when the colour changed."""
    from assessments.services.credit import webhook_notify

    old = Rating.objects.filter(organisation=organisation, current=True).first()
    if old is not None:
        old.current = False
        old.save(update_fields=["current"])
    new.organisation = organisation
    new.current = True
    new.save()
    audit_log(
        actor=actor,
        action=action,
        target=organisation,
        before={"colour": old.colour if old else None},
        after={"colour": new.colour, "reasons": new.reasons, "rules_version": new.rules_version},
        reason=reason,
    )
    if old is None or old.colour != new.colour:
        webhook_notify(
            enterprise=organisation,
            event="rating.changed",
            data={"from": old.colour if old else None, "to": new.colour, "rating_id": new.pk},
        )
    return new


@transaction.atomic
def rating_recompute(
    *, organisation: Organisation, trigger: str, actor=None, today: dt.date | None = None, force: bool = False
) -> Rating:
    """Apply the rule set to the enterprise's record now. A new history row only when the colour
    or the reasons changed. A regulator's override holds until a regulator clears it
    (``force`` is that clearing)."""
    organisation = _lock(organisation)
    current = Rating.objects.filter(organisation=organisation, current=True).first()
    if current is not None and current.is_override and not force:
        return current
    inputs = rating_inputs_for(organisation=organisation, today=today)
    result = rate(inputs)
    reasons = [r.as_dict() for r in result.reasons]
    if (
        current is not None
        and not current.is_override
        and current.colour == result.colour
        and current.reasons == reasons
        and current.rules_version == result.version
    ):
        return current
    new = Rating(
        colour=result.colour, reasons=reasons, rules_version=result.version, inputs=inputs.as_dict(), trigger=trigger
    )
    return _replace_current(organisation=organisation, new=new, actor=actor, action="rating.computed")


def rating_recompute_all(*, today: dt.date | None = None) -> int:
    """The nightly job: every enterprise, each in its own transaction. Returns how many changed."""
    from assessments.selectors.rating import enterprise_list_all

    changed = 0
    for organisation in enterprise_list_all().iterator():
        before = Rating.objects.filter(organisation=organisation, current=True).values_list("pk", flat=True).first()
        after = rating_recompute(organisation=organisation, trigger="nightly", today=today).pk
        changed += before != after
    return changed


def _ensure_regulator(user: User, organisation: Organisation) -> tuple[Organisation, str]:
    found = authority_role_for(user=user, enterprise=organisation)
    if found is None:
        raise PermissionDeniedError(_("Only an authority competent for this enterprise may do this."))
    return found


@transaction.atomic
def rating_override(*, organisation: Organisation, colour: str, reason: str, set_by: User) -> Rating:
    """A regulator sets the colour by hand, with a written reason kept in the history and trail."""
    _ensure_regulator(set_by, organisation)
    organisation = _lock(organisation)
    reason = (reason or "").strip()
    if colour not in RatingColour.values:
        raise ServiceError(_("Choose a colour."), field="colour")
    if not reason:
        raise ServiceError(_("An override needs a written reason."), field="reason")
    if len(reason) > 2000:
        raise ServiceError(_("Keep the reason under 2,000 characters."), field="reason")
    inputs = rating_inputs_for(organisation=organisation)
    new = Rating(
        colour=colour,
        reasons=[{"colour": colour, "code": "override", "params": {"reason": reason}}],
        rules_version=VERSION,
        inputs=inputs.as_dict(),
        trigger="override",
        is_override=True,
        override_reason=reason,
        set_by=set_by,
    )
    return _replace_current(organisation=organisation, new=new, actor=set_by, action="rating.overridden", reason=reason)


@transaction.atomic
def rating_override_clear(*, organisation: Organisation, cleared_by: User, reason: str) -> Rating:
    """End an override: the rule set rates the enterprise again."""
    _ensure_regulator(cleared_by, organisation)
    current = Rating.objects.filter(organisation=organisation, current=True).first()
    if current is None or not current.is_override:
        raise ConflictError(_("The current rating is not an override."))
    if not (reason or "").strip():
        raise ServiceError(_("Say why the override ends."), field="reason")
    audit_log(actor=cleared_by, action="rating.override_cleared", target=organisation, reason=reason.strip())
    return rating_recompute(organisation=organisation, trigger="override.cleared", actor=cleared_by, force=True)


def _tell_enterprise(organisation: Organisation, *, title: str, body: str, url: str = "") -> None:
    users = [m.user for m in organisation.memberships.select_related("user") if m.role in MANAGING_ROLES]
    notification_send(users=users, kind=NotificationKind.SYSTEM, title=title, body=body, url=url)


@transaction.atomic
def incident_record(
    *,
    organisation: Organisation,
    recorded_by: User,
    occurred_on: dt.date,
    severity: str,
    description: str,
    red_ground: str = "",
    project: Project | None = None,
) -> Incident:
    """A regulator records an incident or finding; the rating is recomputed at once."""
    _ensure_regulator(recorded_by, organisation)
    description = (description or "").strip()
    if severity not in IncidentSeverity.values:
        raise ServiceError(_("Choose the severity."), field="severity")
    if red_ground and red_ground not in RedGround.values:
        raise ServiceError(_("Choose a listed ground, or none."), field="red_ground")
    if not description:
        raise ServiceError(_("Describe the incident."), field="description")
    if occurred_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="occurred_on")
    if project is not None and project.organisation_id != organisation.pk:
        raise ServiceError(_("That project belongs to another enterprise."), field="project")
    incident = Incident.objects.create(
        organisation=organisation,
        project=project,
        occurred_on=occurred_on,
        severity=severity,
        red_ground=red_ground,
        description=description,
        recorded_by=recorded_by,
    )
    audit_log(
        actor=recorded_by,
        action="incident.recorded",
        target=incident,
        after={"severity": severity, "red_ground": red_ground, "occurred_on": occurred_on},
    )
    _tell_enterprise(
        organisation,
        title=_("A regulator recorded an incident against %(org)s") % {"org": organisation.name},
        body=description,
    )
    rating_recompute(organisation=organisation, trigger="incident.recorded", actor=recorded_by)
    return incident


@transaction.atomic
def incident_correct(*, incident: Incident, corrected_by: User, evidence: str) -> Incident:
    """The repair of a rating: after the enterprise shows the fault corrected, a regulator marks
    it so, with the evidence kept; the rating is recomputed and rises if nothing else holds it."""
    incident = Incident.objects.select_for_update().select_related("organisation").get(pk=incident.pk)
    _ensure_regulator(corrected_by, incident.organisation)
    evidence = (evidence or "").strip()
    if incident.corrected_at is not None:
        raise ConflictError(_("This incident is already marked corrected."))
    if not evidence:
        raise ServiceError(_("Say what shows the fault corrected."), field="evidence")
    incident.corrected_at = timezone.now()
    incident.corrected_by = corrected_by
    incident.correction_evidence = evidence
    incident.save(update_fields=["corrected_at", "corrected_by", "correction_evidence"])
    audit_log(actor=corrected_by, action="incident.corrected", target=incident, reason=evidence)
    rating_recompute(organisation=incident.organisation, trigger="incident.corrected", actor=corrected_by)
    return incident
