from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from portal.registry import NavItem, registry

        registry.add_nav(NavItem(_("Knowledge base"), "knowledge:home", order=10))
