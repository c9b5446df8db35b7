"""Pages of the enterprise workspace. Each view: parse → fetch via selector (404) → authorise
(403) → call one service → respond; a ServiceError becomes its status and message."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from shapely.geometry import mapping

from assessments import selectors, services
from assessments.compliance import compliance_matrix
from assessments.forms import (
    DesignValueForm,
    DocumentUploadForm,
    DocumentVersionForm,
    MeasureAddForm,
    MeasureAnswerForm,
    ProjectForm,
    QuestionnaireForm,
    SiteForm,
)
from assessments.models import SensitiveArea
from assessments.permissions import can_edit_project, can_submit_project
from assessments.selectors import next_action, project_steps
from knowledge.geo import country_geometry
from knowledge.selectors import design_parameter_options, limit_list_for_jurisdictions
from portal.choices import OrganisationKind
from portal.errors import ServiceError
from portal.selectors import membership_list_for_user


def _enterprise_membership(user):
    return next(
        (m for m in membership_list_for_user(user=user) if m.organisation.kind == OrganisationKind.ENTERPRISE), None
    )


class EnterpriseMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = _enterprise_membership(request.user)
        if self.membership is None:
            raise PermissionDenied(_("The project workspace is for enterprises."))
        return super().dispatch(request, *args, **kwargs)


class ProjectMixin(EnterpriseMixin):
    """Loads the project through the user's scope: another enterprise's project is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = selectors.project_get_for_user(user=request.user, pk=kwargs["pk"])
            if self.project is None:
                raise Http404(_("No such project in your enterprise."))
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        project = self.project
        return {
            "project": project,
            "can_edit": can_edit_project(self.request.user, project),
            "can_submit": can_submit_project(self.request.user, project),
            "steps": project_steps(project),
            **extra,
        }

    def detail_context(self, **extra):
        project = self.project
        return self.context(
            screening=selectors.screening_latest(project),
            missing=services.completeness(project) if project.is_editable else [],
            blacklisted=selectors.blacklist_entry_active_for(organisation=project.organisation),
            **extra,
        )

    def fail(self, exc: ServiceError, template: str, ctx: dict):
        if exc.status == 403:
            raise PermissionDenied(exc.message)
        ctx["error"] = exc.message
        return render(self.request, template, self.context(**ctx), status=exc.status)


class ProjectListView(EnterpriseMixin, View):
    def get(self, request):
        projects = list(selectors.project_list_with_progress(user=request.user))
        for p in projects:
            p.next_action = next_action(p)
        blacklisted = selectors.blacklist_entry_active_for(organisation=self.membership.organisation)
        return render(request, "assessments/project_list.html", {"projects": projects, "blacklisted": blacklisted})


class ProjectCreateView(EnterpriseMixin, View):
    template = "assessments/project_form.html"

    def get(self, request):
        return render(request, self.template, {"form": ProjectForm(), "creating": True})

    def post(self, request):
        form = ProjectForm(request.POST)
        if not form.is_valid():
            return render(request, self.template, {"form": form, "creating": True}, status=400)
        try:
            project = services.project_create(
                organisation=self.membership.organisation, created_by=request.user, **form.cleaned_data
            )
        except ServiceError as exc:
            form.add_error(None, exc.message)
            return render(request, self.template, {"form": form, "creating": True}, status=exc.status)
        messages.success(request, _("Draft saved. Next, draw the site."))
        return redirect("assessments:project-site", pk=project.pk)


class ProjectDetailView(ProjectMixin, View):
    def get(self, request, pk):
        return render(request, "assessments/project_detail.html", self.detail_context())


class ProjectEditView(ProjectMixin, View):
    template = "assessments/project_form.html"

    def get(self, request, pk):
        return render(request, self.template, self.context(form=ProjectForm(instance=self.project)))

    def post(self, request, pk):
        form = ProjectForm(request.POST, instance=self.project)
        if not form.is_valid():
            return render(request, self.template, self.context(form=form), status=400)
        try:
            services.project_update(project=self.project, updated_by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            return self.fail(exc, self.template, {"form": form})
        messages.success(request, _("Project saved."))
        return redirect("assessments:project-detail", pk=pk)


class ProjectSiteView(ProjectMixin, View):
    template = "assessments/project_site.html"

    def _ctx(self, form):
        project = self.project
        country = country_geometry(project.host_country.iso2) if project.host_country else None
        areas = []
        if country is not None:
            minx, miny, maxx, maxy = country.bounds
            areas = SensitiveArea.objects.filter(
                min_lon__lte=maxx, max_lon__gte=minx, min_lat__lte=maxy, max_lat__gte=miny
            )
        map_data = {
            "country": mapping(country.simplify(0.01)) if country is not None else None,
            "site": project.site,
            "areas": [{"name": a.name, "type": a.get_type_display(), "geometry": a.geometry} for a in areas],
        }
        return self.context(
            form=form,
            map_data=map_data,
            results=project.site_results.select_related("area"),
        )

    def get(self, request, pk):
        initial = {"geojson": json.dumps(self.project.site) if self.project.site else ""}
        return render(request, self.template, self._ctx(SiteForm(initial=initial)))

    def post(self, request, pk):
        form = SiteForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template, self._ctx(form), status=400)
        try:
            services.project_set_site(
                project=self.project,
                site_text=form.cleaned_data["text"],
                fmt=form.cleaned_data["format"],
                updated_by=request.user,
            )
        except ServiceError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            form.add_error(None, exc.message)
            return render(request, self.template, self._ctx(form), status=exc.status)
        messages.success(request, _("Site saved and screened against sensitive areas."))
        return redirect("assessments:project-site", pk=pk)


class ProjectQuestionnaireView(ProjectMixin, View):
    template = "assessments/project_questionnaire.html"

    def get(self, request, pk):
        return render(request, self.template, self.context(form=QuestionnaireForm(answers=self.project.answers)))

    def post(self, request, pk):
        form = QuestionnaireForm(request.POST, answers=self.project.answers)
        if not form.is_valid():
            return render(request, self.template, self.context(form=form), status=400)
        try:
            services.project_set_answers(project=self.project, answers=form.answers(), updated_by=request.user)
        except ServiceError as exc:
            return self.fail(exc, self.template, {"form": form})
        messages.success(request, _("Answers saved. Next, run the screening."))
        return redirect("assessments:project-screening", pk=pk)


class ProjectScreeningView(ProjectMixin, View):
    template = "assessments/project_screening.html"

    def get(self, request, pk):
        screening = selectors.screening_latest(self.project)
        return render(
            request,
            self.template,
            self.context(
                screening=screening,
                current=services.screening_is_current(self.project) if screening else False,
                missing=services.screening_missing(self.project),
            ),
        )

    def post(self, request, pk):
        try:
            screening = services.project_screen(project=self.project, screened_by=request.user)
        except ServiceError as exc:
            return self.fail(
                exc,
                self.template,
                {
                    "screening": selectors.screening_latest(self.project),
                    "missing": services.screening_missing(self.project),
                },
            )
        messages.success(request, _("Screened: category %(cat)s.") % {"cat": screening.category})
        return redirect("assessments:project-screening", pk=pk)


class ProjectRisksView(ProjectMixin, View):
    template = "assessments/project_risks.html"

    def _ctx(self, add_form=None, errors=None):
        risks = list(selectors.risk_list_for_project(project=self.project))
        measures = list(selectors.measure_list_for_project(project=self.project))
        for m in measures:
            m.form = MeasureAnswerForm(
                initial={
                    "response": m.response if m.response != "pending" else None,
                    "alternative": m.alternative,
                    "reason": m.reason,
                    "owner": m.owner,
                    "due_date": m.due_date,
                },
                prefix=f"m{m.pk}",
            )
            m.error = (errors or {}).get(m.pk)
        return self.context(risks=risks, measures=measures, add_form=add_form or MeasureAddForm(risks=risks))

    def get(self, request, pk):
        return render(request, self.template, self._ctx())

    def post(self, request, pk):
        if "add" in request.POST:
            risks = selectors.risk_list_for_project(project=self.project)
            form = MeasureAddForm(request.POST, risks=risks)
            if not form.is_valid():
                return render(request, self.template, self._ctx(add_form=form), status=400)
            data = form.cleaned_data
            try:
                services.measure_add(
                    project=self.project,
                    added_by=request.user,
                    title=data["title"],
                    description=data["description"],
                    phase=data["phase"],
                    risk_ids=[int(r) for r in data["risks"]],
                    owner=data["owner"],
                    due_date=data["due_date"],
                )
            except ServiceError as exc:
                return self.fail(exc, self.template, {})
            messages.success(request, _("Your measure was added."))
            return redirect("assessments:project-risks", pk=pk)
        measure = self.project.measures.filter(pk=request.POST.get("measure"), active=True).first()
        if measure is None:
            raise Http404(_("No such measure in this project."))
        form = MeasureAnswerForm(request.POST, prefix=f"m{measure.pk}")
        if not form.is_valid():
            return render(request, self.template, self._ctx(errors={measure.pk: form.errors}), status=400)
        try:
            services.measure_answer(measure=measure, answered_by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            return render(request, self.template, self._ctx(errors={measure.pk: exc.message}), status=exc.status)
        messages.success(request, _("Answer saved: %(title)s") % {"title": measure.title})
        return redirect(reverse("assessments:project-risks", args=[pk]) + f"#measure-{measure.pk}")


class ProjectDesignView(ProjectMixin, View):
    template = "assessments/project_design.html"

    def _options(self):
        return design_parameter_options(jurisdictions=self._jurisdictions(), sector=self.project.sector or "")

    def _jurisdictions(self):
        host = self.project.host_country.iso2 if self.project.host_country else ""
        return [j for j in (host, "IFC", "CN") if j]

    def _form(self, data=None):
        return DesignValueForm(data, options=self._options())

    def _parts(self, form=None) -> dict:
        limits = limit_list_for_jurisdictions(jurisdictions=self._jurisdictions())
        return {
            "form": form or self._form(),
            "options": self._options(),
            "matrix": compliance_matrix(self.project, limits=limits),
        }

    def _ctx(self, form=None):
        return self.context(**self._parts(form))

    def get(self, request, pk):
        return render(request, self.template, self._ctx())

    def post(self, request, pk):
        if "remove" in request.POST:
            value = self.project.design_values.filter(pk=request.POST.get("remove")).first()
            if value is None:
                raise Http404
            try:
                services.design_value_remove(value=value, removed_by=request.user)
            except ServiceError as exc:
                return self.fail(exc, self.template, self._parts())
            return redirect("assessments:project-design", pk=pk)
        form = self._form(request.POST)
        if not form.is_valid():
            return render(request, self.template, self._ctx(form), status=400)
        try:
            services.design_value_add(project=self.project, added_by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            return render(request, self.template, self._ctx(form), status=exc.status)
        return redirect("assessments:project-design", pk=pk)


class ProjectDocumentsView(ProjectMixin, View):
    template = "assessments/project_documents.html"

    def _ctx(self, form=None):
        return self.context(
            form=form or DocumentUploadForm(),
            documents=selectors.document_list_for_project(project=self.project),
            version_form=DocumentVersionForm(),
        )

    def get(self, request, pk):
        return render(request, self.template, self._ctx())

    def post(self, request, pk):
        document = None
        if request.POST.get("document"):
            document = self.project.documents.filter(pk=request.POST["document"]).first()
            if document is None:
                raise Http404(_("No such document in this project."))
            form = DocumentVersionForm(request.POST, request.FILES)
        else:
            form = DocumentUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template, self._ctx(form if document is None else None), status=400)
        data = form.cleaned_data
        try:
            version = services.document_upload(
                project=self.project,
                uploaded_by=request.user,
                file=data["file"],
                kind=data.get("kind", ""),
                title=data.get("title", ""),
                visibility=data.get("visibility", ""),
                document=document,
            )
        except ServiceError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            upload_form = form if document is None else DocumentUploadForm()
            upload_form.add_error(None, exc.message)
            return render(request, self.template, self._ctx(upload_form), status=exc.status)
        messages.success(
            request, _("Uploaded %(name)s (version %(n)s).") % {"name": version.original_name, "n": version.number}
        )
        return redirect("assessments:project-documents", pk=pk)


class DocumentDownloadView(EnterpriseMixin, View):
    def get(self, request, pk, version_pk):
        version = selectors.document_version_get_for_user(user=request.user, project_pk=pk, version_pk=version_pk)
        if version is None:
            raise Http404(_("No such document."))
        response = FileResponse(
            version.file.open("rb"), as_attachment=True, filename=version.original_name, content_type=version.mime
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ProjectSubmitView(ProjectMixin, View):
    def post(self, request, pk):
        try:
            services.project_submit(project=self.project, submitted_by=request.user)
        except ServiceError as exc:
            if exc.status == 403 and not can_submit_project(request.user, self.project):
                raise PermissionDenied(exc.message) from exc
            return render(
                request, "assessments/project_detail.html", self.detail_context(error=exc.message), status=exc.status
            )
        messages.success(request, _("Submitted for review."))
        return redirect("assessments:project-detail", pk=pk)


class SiteAreasGeoJsonView(ProjectMixin, View):
    """Sensitive areas near the project's site, for the map."""

    def get(self, request, pk):
        features = [
            {
                "type": "Feature",
                "geometry": r.area.geometry,
                "properties": {"name": r.area.name, "relation": r.relation, "distance_m": r.distance_m},
            }
            for r in self.project.site_results.select_related("area")
        ]
        return JsonResponse({"type": "FeatureCollection", "features": features})
