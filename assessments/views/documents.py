"""Documents: upload (a new document or its next version) and download through the user's scope."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.forms import DocumentUploadForm, DocumentVersionForm
from assessments.views.base import EnterpriseMixin, ProjectMixin
from assessments.views.files import document_version_response


class ProjectDocumentsView(ProjectMixin, View):
    template = "assessments/project_documents.html"

    def page_context(self, form=None, **extra):
        return self.context(
            form=form or DocumentUploadForm(),
            required=selectors.required_document_list(project=self.project),
            documents=selectors.document_list_for_project(project=self.project),
            version_form=DocumentVersionForm(),
            **extra,
        )

    def render_error(self, exc):
        if isinstance(self.bound_form, DocumentUploadForm):
            return self.render_page(form=self.bound_form)
        form = DocumentUploadForm()
        form.add_error(None, exc.message)
        return self.render_page(form=form)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        document = None
        if request.POST.get("document"):
            document = selectors.document_get_for_project(project=self.project, pk=request.POST["document"])
            if document is None:
                raise Http404(_("No such document in this project."))
            form = DocumentVersionForm(request.POST, request.FILES)
        else:
            form = self.bound_form = DocumentUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form=form if document is None else None, status=400)
        data = form.cleaned_data
        version = services.document_upload(
            project=self.project,
            uploaded_by=request.user,
            file=data["file"],
            kind=data.get("kind", ""),
            title=data.get("title", ""),
            visibility=data.get("visibility", ""),
            document=document,
            allow_duplicate=data.get("allow_duplicate", False),
        )
        messages.success(
            request, _("Uploaded %(name)s (version %(n)s).") % {"name": version.original_name, "n": version.number}
        )
        return redirect("assessments:project-documents", pk=pk)


class DocumentDownloadView(EnterpriseMixin, View):
    def get(self, request, pk, version_pk):
        version = selectors.document_version_get_for_user(user=request.user, project_pk=pk, version_pk=version_pk)
        if version is None:
            raise Http404(_("No such document."))
        return document_version_response(version)
