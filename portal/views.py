"""Pages of the site shell and the account and organisation workspace."""

import ipaddress

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View, defaults
from django.views.generic import TemplateView

from portal import permissions, selectors, services
from portal.forms import InvitationForm, ProfileForm, StaffOrganisationForm
from portal.health import health_report
from portal.lockout import client_ip
from portal.mixins import ServiceErrorMixin
from portal.registry import registry


class HomeView(TemplateView):
    template_name = "portal/home.html"


def healthz(request):
    """Up or down per part for anyone (load balancers); the why only for staff or loopback."""
    detail = request.user.is_staff or _is_loopback(client_ip(request))
    ok, body = health_report(detail=detail)
    return JsonResponse(body, status=200 if ok else 503)


def _wants_json(request) -> bool:
    return request.path.startswith("/api/v1/")


def page_not_found(request, exception):
    """``handler404``: API clients get the API's JSON error body (``/api/v1/projects/abc/``
    matches no route, and the schema promises ``{"detail": ...}``); people get the page."""
    if _wants_json(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """``handler400``: a request Django refuses before any view (too many form fields, a
    malformed body) gets the API's JSON body under ``/api/v1/`` and the page elsewhere."""
    if _wants_json(request):
        return JsonResponse({"detail": _("The request could not be read; check its format and size.")}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    """``handler500``: the same split; the JSON says as little as the page does."""
    if _wants_json(request):
        return JsonResponse({"detail": _("Something went wrong on our side; the error was recorded.")}, status=500)
    return defaults.server_error(request)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class DashboardView(LoginRequiredMixin, TemplateView):
    """Each user's start page; what it shows depends on their organisation's kind."""

    template_name = "portal/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["memberships"] = list(selectors.membership_list_for_user(user=user))
        ctx["kinds"] = {m.organisation.kind for m in ctx["memberships"]}
        ctx["notifications"] = list(selectors.notification_list_for_user(user=user)[:5])
        for membership in ctx["memberships"]:
            membership.panels = [
                {"template": panel.template, "context": panel.context(user)}
                for panel in registry.panels_for(membership.organisation.kind)
            ]
        return ctx


class OrganisationMixin(LoginRequiredMixin, ServiceErrorMixin):
    """The user's primary organisation; a user with none has no organisation workspace."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        membership = selectors.membership_get_primary(user=request.user)
        if membership is None:
            raise Http404(_("You do not belong to an organisation."))
        self.membership = membership
        self.organisation = membership.organisation
        return super().dispatch(request, *args, **kwargs)


class OrganisationDetailView(OrganisationMixin, View):
    template_name = "portal/organisation_detail.html"

    def render_error(self, exc):
        return self.get(self.request, form=self.bound_form)

    def get(self, request, form=None):
        org = self.organisation
        can_invite = permissions.can_invite_members(request.user, org)
        return render(
            request,
            self.template_name,
            {
                "organisation": org,
                "membership": self.membership,
                "members": selectors.organisation_member_list(organisation=org),
                "invitations": selectors.invitation_list_open(organisation=org) if can_invite else [],
                "jurisdictions": org.jurisdictions.all(),
                "can_invite": can_invite,
                "form": form or InvitationForm(organisation=org),
            },
            status=400 if form is not None else 200,
        )

    def post(self, request):
        org = self.organisation
        if not permissions.can_invite_members(request.user, org):
            raise PermissionDenied(_("Only owners and administrators can invite members."))
        form = self.bound_form = InvitationForm(request.POST, organisation=org)
        if not form.is_valid():
            return self.get(request, form=form)
        services.invitation_create(
            organisation=org,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("portal:organisation-detail")


class InvitationRevokeView(OrganisationMixin, View):
    def post(self, request, pk):
        invitation = self.organisation.invitations.filter(pk=pk).first()
        if invitation is None:
            raise Http404
        services.invitation_revoke(invitation=invitation, revoked_by=request.user)
        messages.success(request, _("Invitation revoked."))
        return redirect("portal:organisation-detail")


class InvitationAcceptView(LoginRequiredMixin, ServiceErrorMixin, View):
    template_name = "portal/invitation_accept.html"

    def render_error(self, exc):
        return render(self.request, self.template_name, {"invitation": self.invitation, "error": exc.message})

    def _get(self, token):
        invitation = selectors.invitation_get_by_token(token=token)
        if invitation is None:
            raise Http404(_("This invitation does not exist."))
        return invitation

    def get(self, request, token):
        return render(request, self.template_name, {"invitation": self._get(token)})

    def post(self, request, token):
        self.invitation = self._get(token)
        services.invitation_accept(invitation=self.invitation, user=request.user)
        invitation = self.invitation
        messages.success(request, _("You joined %(org)s.") % {"org": invitation.organisation.name})
        return redirect("portal:dashboard")


class InboxView(LoginRequiredMixin, View):
    template_name = "portal/inbox.html"

    def get(self, request):
        items = selectors.notification_list_for_user(user=request.user)[:200]
        return render(request, self.template_name, {"notifications": items})

    def post(self, request):
        services.notification_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("portal:inbox")


class ProfileView(LoginRequiredMixin, View):
    template_name = "portal/profile.html"

    def get(self, request, form=None):
        user = request.user
        form = form or ProfileForm(initial={"full_name": user.full_name, "preferred_language": user.preferred_language})
        return render(
            request,
            self.template_name,
            {"form": form, "memberships": selectors.membership_list_for_user(user=user)},
            status=400 if form.is_bound else 200,
        )

    def post(self, request):
        form = ProfileForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        services.user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("portal:profile")


class StaffOrganisationsView(LoginRequiredMixin, View):
    """Staff list organisations and create those that cannot register themselves."""

    template_name = "portal/staff_organisations.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.is_portal_staff(request.user):
            raise PermissionDenied(_("This page is for portal staff."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, form=None):
        organisations = selectors.organisation_list_for_staff()
        return render(
            request,
            self.template_name,
            {"organisations": organisations, "form": form or StaffOrganisationForm()},
            status=400 if form is not None else 200,
        )

    def post(self, request):
        form = StaffOrganisationForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        org = services.organisation_create_by_staff(
            created_by=request.user,
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"],
            owner_email=form.cleaned_data["owner_email"],
            jurisdictions=form.jurisdictions(),
        )
        messages.success(request, _("%(name)s was created.") % {"name": org.name})
        return HttpResponseRedirect(reverse("portal:staff-organisations"))
