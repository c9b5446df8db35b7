"""Design values and the compliance matrix."""

from django.http import Http404
from django.shortcuts import redirect
from django.views import View

from assessments import selectors, services
from assessments.forms import DesignValueForm
from assessments.views.base import ProjectMixin


class ProjectDesignView(ProjectMixin, View):
    template = "assessments/project_design.html"

    def _form(self, data=None):
        return DesignValueForm(data, options=selectors.design_options_for_project(project=self.project))

    def page_context(self, form=None, **extra):
        return self.context(
            form=form or self._form(),
            options=selectors.design_options_for_project(project=self.project),
            matrix=selectors.compliance_matrix_for_project(project=self.project),
            **extra,
        )

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        if "remove" in request.POST:
            value = selectors.design_value_get_for_project(project=self.project, pk=request.POST.get("remove"))
            if value is None:
                raise Http404
            services.design_value_remove(value=value, removed_by=request.user)
            return redirect("assessments:project-design", pk=pk)
        form = self.bound_form = self._form(request.POST)
        if not form.is_valid():
            return self.render_page(form=form, status=400)
        services.design_value_add(project=self.project, added_by=request.user, **form.cleaned_data)
        return redirect("assessments:project-design", pk=pk)
