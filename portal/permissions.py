"""Predicates answering "may this user do X?" for the portal's workspaces.

Views call these after fetching objects through selectors; a denied predicate is a 403.
"""

from portal.choices import MANAGING_ROLES, OrganisationKind
from portal.models import Organisation
from portal.selectors import membership_list_for_user


def _kinds(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_portal_kinds", None)
    if cached is None:
        cached = {m.organisation.kind for m in membership_list_for_user(user=user)}
        user._portal_kinds = cached
    return cached


def is_enterprise_user(user) -> bool:
    return OrganisationKind.ENTERPRISE in _kinds(user)


def is_authority_user(user) -> bool:
    return OrganisationKind.AUTHORITY in _kinds(user)


def is_editor(user) -> bool:
    return user.is_authenticated and (
        OrganisationKind.EDITORIAL in _kinds(user) or user.has_perm("knowledge.change_instrument")
    )


def is_financial_user(user) -> bool:
    return OrganisationKind.FINANCIAL in _kinds(user)


def is_ngo_user(user) -> bool:
    return OrganisationKind.NGO in _kinds(user)


def is_portal_staff(user) -> bool:
    """Staff who administer organisations (editors are staff for the admin, but not this)."""
    return user.is_authenticated and user.is_staff and user.has_perm("portal.add_organisation")


def role_in(user, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    membership = organisation.memberships.filter(user=user).only("role").first()
    return membership.role if membership else None


def can_manage_organisation(user, organisation: Organisation) -> bool:
    """Owners and admins invite members and submit on the organisation's behalf."""
    return role_in(user, organisation) in MANAGING_ROLES


def can_invite_members(user, organisation: Organisation) -> bool:
    return can_manage_organisation(user, organisation)
