"""The risk and control-measure page: answers to each measure and measures of the enterprise's own."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.forms import MeasureAddForm, MeasureAnswerForm
from assessments.views.base import ProjectMixin


class ProjectRisksView(ProjectMixin, View):
    template = "assessments/project_risks.html"

    def page_context(self, add_form=None, errors=None, **extra):
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
        return self.context(risks=risks, measures=measures, add_form=add_form or MeasureAddForm(risks=risks), **extra)

    def render_error(self, exc):
        measure = getattr(self, "measure", None)
        if measure is not None:
            return self.render_page(errors={measure.pk: exc.message})
        return self.render_page(add_form=self.bound_form)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        if "add" in request.POST:
            return self._add(request, pk)
        self.measure = selectors.measure_get_for_project(project=self.project, pk=request.POST.get("measure"))
        if self.measure is None:
            raise Http404(_("No such measure in this project."))
        form = MeasureAnswerForm(request.POST, prefix=f"m{self.measure.pk}")
        if not form.is_valid():
            return self.render_page(errors={self.measure.pk: form.errors}, status=400)
        services.measure_answer(measure=self.measure, answered_by=request.user, **form.cleaned_data)
        messages.success(request, _("Answer saved: %(title)s") % {"title": self.measure.title})
        return redirect(reverse("assessments:project-risks", args=[pk]) + f"#measure-{self.measure.pk}")

    def _add(self, request, pk):
        risks = selectors.risk_list_for_project(project=self.project)
        form = self.bound_form = MeasureAddForm(request.POST, risks=risks)
        if not form.is_valid():
            return self.render_page(add_form=form, status=400)
        data = form.cleaned_data
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
        messages.success(request, _("Your measure was added."))
        return redirect("assessments:project-risks", pk=pk)
