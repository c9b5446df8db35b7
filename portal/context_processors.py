"""Template context for the site shell: the navigation a user's roles open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import permissions
from portal.selectors import membership_get_primary, notification_unread_count


def shell(request):
    user = request.user
    nav = [
        (_("Home"), reverse("portal:home")),
        (_("Knowledge base"), reverse("knowledge:home")),
    ]
    if user.is_authenticated:
        nav.append((_("Dashboard"), reverse("portal:dashboard")))
        if permissions.is_enterprise_user(user):
            nav.append((_("Projects"), reverse("assessments:project-list")))
            nav.append((_("Organisation"), reverse("portal:organisation-detail")))
        if permissions.is_authority_user(user):
            nav.append((_("Review"), reverse("portal:authority-home")))
        if permissions.is_portal_staff(user):
            nav.append((_("Staff"), reverse("portal:staff-organisations")))
    current = request.path
    return {
        "is_portal_staff": permissions.is_portal_staff(user),
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": current == url or (url != "/" and current.startswith(url)),
            }
            for label, url in nav
        ],
        "primary_membership": membership_get_primary(user=user) if user.is_authenticated else None,
        "unread_count": notification_unread_count(user=user),
    }
