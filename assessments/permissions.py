"""May this user do X to this project? (Projects reach views through scoped selectors first.)"""

from portal.choices import MANAGING_ROLES


def _role(user, project) -> str | None:
    membership = project.organisation.memberships.filter(user=user).only("role").first()
    return membership.role if membership else None


def can_edit_project(user, project) -> bool:
    """Every member of the enterprise may draft; the project must still be editable."""
    return user.is_authenticated and project.is_editable and _role(user, project) is not None


def can_submit_project(user, project) -> bool:
    """Only owners and administrators submit on the enterprise's behalf."""
    return user.is_authenticated and _role(user, project) in MANAGING_ROLES


def can_withdraw_project(user, project) -> bool:
    """Owners and administrators may take a project back until a decision is made."""
    from assessments.choices import ProjectStatus
    from assessments.workflow import PROJECT

    return can_submit_project(user, project) and project.status in PROJECT.sources_of(ProjectStatus.WITHDRAWN)
