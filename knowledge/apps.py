from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from knowledge.services import next_scheduled_publication
        from portal.public_cache import register_schedule_source

        register_schedule_source(next_scheduled_publication)
