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


def review_roles(user, project) -> set[str]:
    """The user's roles in the authorities whose jurisdiction covers the project (country, and
    sector unless the jurisdiction row covers every sector)."""
    from portal.models import Membership

    if not user.is_authenticated or not project.host_country_id:
        return set()
    cache = getattr(user, "_review_roles", None)
    if cache is None:
        cache = user._review_roles = {}
    key = (project.host_country.iso2, project.sector)
    if key not in cache:
        from django.db.models import Q

        from portal.choices import OrganisationKind

        cache[key] = set(
            Membership.objects.filter(
                Q(organisation__jurisdictions__sector="") | Q(organisation__jurisdictions__sector=project.sector),
                user=user,
                organisation__kind=OrganisationKind.AUTHORITY,
                organisation__jurisdictions__country=key[0],
            ).values_list("role", flat=True)
        )
    return cache[key]


def can_review_project(user, project) -> bool:
    """Reviewers and lead reviewers of the right jurisdiction claim, note, ask and recommend."""
    from portal.choices import Role

    return bool(review_roles(user, project) & {Role.REVIEWER, Role.LEAD_REVIEWER})


def can_decide_project(user, project) -> bool:
    """Only a lead reviewer of the right jurisdiction decides, assigns and changes the category."""
    from portal.choices import Role

    return Role.LEAD_REVIEWER in review_roles(user, project)


def can_answer_request(user, project) -> bool:
    """Any member of the enterprise may answer a request for information."""
    return user.is_authenticated and _role(user, project) is not None
