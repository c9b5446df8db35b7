"""Pages of the project assessment report: ask for it, follow its state, download it.

The project is loaded through the user's scope first (``ProjectMixin``: another enterprise's
project is a 404, an anonymous visitor is sent to log in); artefacts are then looked up only
among that project's reports.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from assessments.selectors.report import KIND, report_states
from assessments.views.base import ProjectMixin
from portal.artefact_selectors import artefact_get_for_subject
from portal.artefact_views import artefact_download_response, json_with_etag
from portal.artefacts import artefact_request


class ProjectReportRequestView(ProjectMixin, View):
    def post(self, request, pk):
        language = request.POST.get("language") or get_language()
        if language not in dict(settings.LANGUAGES):
            raise Http404(_("No such language."))
        artefact = artefact_request(kind=KIND, subject=self.project, language=language, requested_by=request.user)
        if artefact.is_ready:
            messages.info(request, _("This report is up to date: version %(v)s.") % {"v": artefact.version})
        else:
            messages.success(request, _("The report is being prepared. You will find it here and in your inbox."))
        return redirect(reverse("assessments:project-detail", args=[pk]) + "#report")


class ProjectReportStateView(ProjectMixin, View):
    """The state of the project's reports as JSON, with an ETag (polled by the project page)."""

    def get(self, request, pk):
        return json_with_etag(request, report_states(self.project))


class ProjectReportDownloadView(ProjectMixin, View):
    def get(self, request, pk, artefact_pk):
        artefact = artefact_get_for_subject(subject=self.project, kind=KIND, pk=artefact_pk)
        if artefact is None or not artefact.is_ready:
            raise Http404(_("No such report, or it is not ready yet."))
        return artefact_download_response(artefact)
