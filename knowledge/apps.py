from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from portal.registry import NavItem, registry

        registry.add_nav(NavItem(_("Knowledge base"), "knowledge:home", order=10))
        from knowledge import report
        from portal.artefacts import ArtefactKind, artefact_kind_register

        artefact_kind_register(
            ArtefactKind(
                code=report.KIND,
                template="pdf/country_profile.html",
                build=report.country_profile_inputs,
                title=report.country_profile_title,
                url=report.country_profile_url,
                template_version=report.TEMPLATE_VERSION,
                notify=False,
            )
        )
        from knowledge.services import next_scheduled_publication
        from portal.public_cache import register_schedule_source

        register_schedule_source(next_scheduled_publication)
        from knowledge.search import warm_up

        registry.add_warm_up(warm_up)
