"""The risk and control-measure page: one form answers every measure (or accepts them all),
and a second adds a measure of the enterprise's own."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.choices import MeasureResponse, Phase
from assessments.forms import MeasureAddForm, MeasureAnswerForm
from assessments.views.base import ProjectMixin


def _initial(m) -> dict:
    return {
        "response": m.response if m.response != MeasureResponse.PENDING else None,
        "alternative": m.alternative,
        "reason": m.reason,
        "owner": m.owner,
        "due_date": m.due_date,
    }


class ProjectRisksView(ProjectMixin, View):
    template = "assessments/project_risks.html"

    def page_context(self, add_form=None, data=None, errors=None, **extra):
        risks = list(selectors.risk_list_for_project(project=self.project))
        measures = list(selectors.measure_list_for_project(project=self.project))
        errors = errors or {}
        for m in measures:
            m.form = MeasureAnswerForm(data, initial=_initial(m), prefix=f"m{m.pk}")
            m.error = errors.get(m.pk)
        phases = [
            {"label": label, "measures": [m for m in measures if m.phase == value]} for value, label in Phase.choices
        ]
        return self.context(
            risks=risks,
            measures=measures,
            phases=[p for p in phases if p["measures"]],
            pending=sum(1 for m in measures if m.response == MeasureResponse.PENDING),
            add_form=add_form or MeasureAddForm(risks=risks),
            **extra,
        )

    def render_error(self, exc):
        if getattr(self, "answers_data", None) is not None:
            errors = {d["measure"]: d["message"] for d in exc.details if isinstance(d, dict)}
            return self.render_page(data=self.answers_data, errors=errors, error=exc.message)
        return self.render_page(add_form=self.bound_form)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        if "add" in request.POST:
            return self._add(request, pk)
        return self._answer_all(request, pk, accept_all="accept_all" in request.POST)

    def _answer_all(self, request, pk, *, accept_all: bool):
        """Every row of the form in one request; rows left blank stay as they are."""
        self.answers_data = request.POST
        answers, errors = {}, {}
        for m in selectors.measure_list_for_project(project=self.project):
            if m.proposed_by_enterprise:
                continue
            form = MeasureAnswerForm(request.POST, prefix=f"m{m.pk}")
            if not form.is_valid():
                errors[m.pk] = "; ".join(str(e) for field in form.errors.values() for e in field)
                continue
            data = form.cleaned_data
            if accept_all and not data["response"] and m.response == MeasureResponse.PENDING:
                data["response"] = MeasureResponse.ACCEPTED
            if data["response"]:
                answers[m.pk] = data
        if errors:
            return self.render_page(
                data=request.POST, errors=errors, error=_("Some answers need your attention."), status=400
            )
        changed = services.measure_answer_all(project=self.project, answered_by=request.user, answers=answers)
        messages.success(request, _("%(n)s answers saved.") % {"n": changed})
        return redirect("assessments:project-risks", pk=pk)

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
