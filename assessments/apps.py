from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Project assessment")

    def ready(self):
        from assessments import report
        from portal.artefacts import ArtefactKind, artefact_kind_register

        artefact_kind_register(
            ArtefactKind(
                code=report.KIND,
                template="pdf/project_report.html",
                build=report.project_report_inputs,
                title=report.project_report_title,
                url=report.project_report_url,
                template_version=report.TEMPLATE_VERSION,
            )
        )
