"""Pages of a project itself: the list, creating, the overview, editing, submitting, withdrawing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.forms import ProjectForm, WithdrawForm
from assessments.selectors.report import report_states
from assessments.views.base import EnterpriseMixin, ProjectMixin


class ProjectListView(EnterpriseMixin, View):
    def get(self, request):
        projects = list(selectors.project_list_with_progress(user=request.user))
        for p in projects:
            p.next_action = selectors.next_action(p)
        blacklisted = selectors.blacklist_entry_active_for(organisation=self.membership.organisation)
        return render(request, "assessments/project_list.html", {"projects": projects, "blacklisted": blacklisted})


class ProjectCreateView(EnterpriseMixin, View):
    template = "assessments/project_form.html"

    def render_error(self, exc):
        return render(self.request, self.template, {"form": self.bound_form, "creating": True})

    def get(self, request):
        return render(request, self.template, {"form": ProjectForm(), "creating": True})

    def post(self, request):
        form = self.bound_form = ProjectForm(request.POST)
        if not form.is_valid():
            return render(request, self.template, {"form": form, "creating": True}, status=400)
        project = services.project_create(
            organisation=self.membership.organisation, created_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Draft saved. Next, draw the site."))
        return redirect("assessments:project-site", pk=project.pk)


class ProjectDetailView(ProjectMixin, View):
    template = "assessments/project_detail.html"

    def page_context(self, **extra):
        project = self.project
        return self.context(
            screening=selectors.screening_latest(project),
            missing=selectors.project_readiness(project) if project.is_editable else [],
            blacklisted=selectors.blacklist_entry_active_for(organisation=project.organisation),
            withdraw_form=extra.pop("withdraw_form", None) or WithdrawForm(),
            reports=report_states(project),
            **extra,
        )

    def get(self, request, pk):
        return self.render_page()


class ProjectEditView(ProjectMixin, View):
    template = "assessments/project_form.html"

    def get(self, request, pk):
        return self.render_page(form=ProjectForm(initial=ProjectForm.initial_for(self.project)))

    def post(self, request, pk):
        form = self.bound_form = ProjectForm(request.POST)
        if not form.is_valid():
            return self.render_page(form=form, status=400)
        services.project_update(project=self.project, updated_by=request.user, **form.cleaned_data)
        messages.success(request, _("Project saved."))
        return redirect("assessments:project-detail", pk=pk)


class ProjectSubmitView(ProjectDetailView):
    def get(self, request, pk):
        return redirect("assessments:project-detail", pk=pk)

    def post(self, request, pk):
        services.project_submit(project=self.project, submitted_by=request.user)
        messages.success(request, _("Submitted for review."))
        return redirect("assessments:project-detail", pk=pk)


class ProjectWithdrawView(ProjectDetailView):
    def get(self, request, pk):
        return redirect("assessments:project-detail", pk=pk)

    def render_error(self, exc):
        return self.render_page(withdraw_form=self.bound_form)

    def post(self, request, pk):
        form = self.bound_form = WithdrawForm(request.POST)
        if not form.is_valid():
            return self.render_page(withdraw_form=form, status=400)
        services.project_withdraw(project=self.project, withdrawn_by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The project is withdrawn. It stays in your list with its history."))
        return redirect("assessments:project-detail", pk=pk)
