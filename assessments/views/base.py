"""What every page of the enterprise workspace shares: the enterprise check, the project
fetched through the user's scope (another enterprise's project is a 404) and the error mapping."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.permissions import can_edit_project, can_submit_project, can_withdraw_project
from portal.mixins import ServiceErrorMixin
from portal.permissions import is_authority_user
from portal.selectors import enterprise_membership_for


class EnterpriseMixin(LoginRequiredMixin, ServiceErrorMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.require_enterprise(request)
        return super().dispatch(request, *args, **kwargs)

    def require_enterprise(self, request) -> None:
        self.membership = enterprise_membership_for(user=request.user)
        if self.membership is None:
            if is_authority_user(request.user):
                # Regulators arrive here from "new project submitted" links before review exists.
                raise PermissionDenied(
                    _("This is the enterprise workspace. Submitted projects are reviewed in the review workspace.")
                )
            raise PermissionDenied(_("The project workspace is for enterprises."))


class ProjectMixin(EnterpriseMixin):
    """Loads the project through the user's scope: another enterprise's project is a 404."""

    template = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.require_enterprise(request)  # a regulator is told why before any 404
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
            "can_withdraw": can_withdraw_project(self.request.user, project),
            "steps": selectors.project_steps(project),
            **extra,
        }

    def page_context(self, **extra) -> dict:
        """The page's own context; views override it, and error pages re-use it."""
        return self.context(**extra)

    def render_page(self, status: int = 200, **extra):
        return render(self.request, self.template, self.page_context(**extra), status=status)

    def render_error(self, exc):
        extra = {"error": exc.message} if self.bound_form is None else {"form": self.bound_form}
        return self.render_page(**extra)
