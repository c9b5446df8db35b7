"""The regulator's workspace. Today: the authority's jurisdiction; the review queue comes with
the review issue and lands here."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from portal.choices import OrganisationKind
from portal.permissions import is_authority_user
from portal.selectors import membership_list_for_user


class ReviewHomeView(LoginRequiredMixin, TemplateView):
    template_name = "assessments/review/home.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_authority_user(request.user):
            raise PermissionDenied(_("This workspace is for authorities."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["memberships"] = [
            m
            for m in membership_list_for_user(user=self.request.user).prefetch_related("organisation__jurisdictions")
            if m.organisation.kind == OrganisationKind.AUTHORITY
        ]
        return ctx
