"""The questionnaire and the screening pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.forms import QuestionnaireForm
from assessments.views.base import ProjectMixin


class ProjectQuestionnaireView(ProjectMixin, View):
    template = "assessments/project_questionnaire.html"

    def get(self, request, pk):
        return self.render_page(form=QuestionnaireForm(answers=self.project.answers))

    def post(self, request, pk):
        form = self.bound_form = QuestionnaireForm(request.POST, answers=self.project.answers)
        if not form.is_valid():
            return self.render_page(form=form, status=400)
        services.project_set_answers(project=self.project, answers=form.answers(), updated_by=request.user)
        messages.success(request, _("Answers saved. Next, run the screening."))
        return redirect("assessments:project-screening", pk=pk)


class ProjectScreeningView(ProjectMixin, View):
    template = "assessments/project_screening.html"

    def page_context(self, **extra):
        screening = selectors.screening_latest(self.project)
        return self.context(
            screening=screening,
            result=selectors.screening_explained(screening) if screening else None,
            guidance=selectors.host_eia_guidance(self.project),
            current=selectors.screening_is_current(self.project) if screening else False,
            missing=selectors.screening_missing(self.project),
            **extra,
        )

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        screening = services.project_screen(project=self.project, screened_by=request.user)
        messages.success(request, _("Screened: category %(cat)s.") % {"cat": screening.category})
        return redirect("assessments:project-screening", pk=pk)
