"""Submission of a project for review (and, with the review issue, what follows it)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import ProjectStatus
from assessments.models import Project
from assessments.permissions import can_submit_project
from assessments.selectors.blacklist import blacklist_entry_active_for
from assessments.selectors.submission import project_readiness
from assessments.services.projects import lock_project
from assessments.services.review import review_record_submission, review_submit_status
from assessments.workflow import PROJECT
from portal.audit import audit_log
from portal.errors import BlacklistedError, PermissionDeniedError, ServiceError
from portal.models import User


@transaction.atomic
def project_submit(*, project: Project, submitted_by: User) -> Project:
    """Send the project for review. The blacklist check lives here so page, API and admin agree."""
    project = lock_project(project)
    if not can_submit_project(submitted_by, project):
        raise PermissionDeniedError(_("Only the enterprise's owners and administrators can submit projects."))
    to = review_submit_status(project)
    before = PROJECT.ensure(project, to=to)
    entry = blacklist_entry_active_for(organisation=project.organisation)
    if entry is not None:
        raise BlacklistedError(
            _("This enterprise is blacklisted since %(date)s and cannot submit projects: %(reason)s")
            % {"date": entry.starts_on, "reason": entry.reason}
        )
    missing = project_readiness(project)
    if missing:
        raise ServiceError(_("The project is not complete: ") + " ".join(missing), details=missing)
    project.status = to
    project.submitted_at = timezone.now()
    project.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_log(
        actor=submitted_by,
        action="project.submitted",
        target=project,
        before={"status": before},
        after={"status": project.status, "category": project.category},
    )
    # The frozen version, the reference number, the review clock and both sides' notifications.
    review_record_submission(project=project, submitted_by=submitted_by)
    return project


@transaction.atomic
def project_withdraw(*, project: Project, withdrawn_by: User, reason: str) -> Project:
    """The enterprise takes its project back, with a reason kept in the trail (never deleted)."""
    project = lock_project(project)
    if not can_submit_project(withdrawn_by, project):
        raise PermissionDeniedError(_("Only the enterprise's owners and administrators can withdraw projects."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say why the project is withdrawn."), field="reason")
    if len(reason) > 2000:
        raise ServiceError(_("Keep the reason under 2,000 characters."), field="reason")
    before = PROJECT.ensure(project, to=ProjectStatus.WITHDRAWN)
    project.status = ProjectStatus.WITHDRAWN
    project.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=withdrawn_by,
        action="project.withdrawn",
        target=project,
        before={"status": before},
        after={"status": project.status},
        reason=reason,
    )
    return project
