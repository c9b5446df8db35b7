from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import permissions
        from portal.choices import OrganisationKind as K
        from portal.db import register_lookups
        from portal.registry import DashboardPanel, NavItem, registry

        register_lookups()
        registry.add_nav(NavItem(_("Home"), "portal:home", order=0))
        registry.add_nav(NavItem(_("Dashboard"), "portal:dashboard", order=20, visible=lambda u: u.is_authenticated))
        registry.add_nav(
            NavItem(_("Organisation"), "portal:organisation-detail", order=40, visible=permissions.is_enterprise_user)
        )
        registry.add_nav(
            NavItem(_("Staff"), "portal:staff-organisations", order=90, visible=permissions.is_portal_staff)
        )
        for kind, order in ((K.ENTERPRISE, 50), (K.EDITORIAL, 10), (K.FINANCIAL, 10), (K.NGO, 10)):
            registry.add_panel(DashboardPanel(kind, f"portal/panels/{kind}.html", order=order))
