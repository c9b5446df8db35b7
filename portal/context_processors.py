"""Template context for the site shell: the navigation a user's roles open."""

from portal import permissions
from portal.registry import registry
from portal.selectors import membership_get_primary, notification_unread_count


def shell(request):
    user = request.user
    current = request.path
    nav = [(item.label, item.url) for item in registry.nav_for(user)]
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
