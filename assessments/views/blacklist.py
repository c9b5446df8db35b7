"""Blacklist and barometer pages: the public register, feed, ratings list and enterprise page;
the enterprise's cases (respond, appeal) and who looked at its credit profile; the regulator's
cases (open, decide, decide an appeal) and enterprise actions (incident, correction, override).

Thin adapters: parse, fetch through scoped selectors (out of scope is a 404), call a service;
``ServiceErrorMixin`` maps the typed errors.
"""

import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from assessments.choices import BlacklistGround, IncidentSeverity, RatingColour, RedGround
from assessments.filters import RatingFilter
from assessments.selectors import blacklist as bl
from assessments.selectors import credit as credit_selectors
from assessments.selectors import rating as rs
from assessments.selectors.reports import compliance_project_list_public
from assessments.services import blacklist as bl_services
from assessments.services import rating as rating_services
from portal.mixins import ServiceErrorMixin
from portal.permissions import is_authority_user
from portal.selectors import enterprise_membership_for


def _date(value: str):
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


class BlacklistPublicView(View):
    def get(self, request):
        entries = bl.blacklist_entry_list_active_public()
        return render(request, "assessments/blacklist/public_list.html", {"entries": entries})


class BlacklistFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Green Belt and Road Environmental Portal: blacklist")
    subtitle = gettext_lazy("Enterprises blacklisted now, with grounds and dates.")
    link = "/blacklist/"

    def items(self):
        return bl.blacklist_entry_list_active_public()[:100]

    def item_title(self, item):
        return f"{item.organisation.name}: {item.get_ground_display() or item.reason[:80]}"

    def item_description(self, item):
        return _("%(reason)s (from %(start)s until %(end)s)") % {
            "reason": item.reason,
            "start": item.starts_on.isoformat(),
            "end": item.ends_on.isoformat() if item.ends_on else "—",
        }

    def item_link(self, item):
        return reverse("barometer:enterprise", args=[item.organisation_id])

    def item_pubdate(self, item):
        return item.created_at


class RatingListView(View):
    def get(self, request):
        filterset = RatingFilter(request.GET, queryset=rs.rating_list_public())
        page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
        return render(request, "assessments/rating/public_list.html", {"filter": filterset, "page": page})


class EnterprisePublicView(View):
    def get(self, request, pk):
        org = rs.enterprise_get_public(pk=pk)
        if org is None:
            raise Http404(_("No such enterprise."))
        ctx = {
            "org": org,
            "current": rs.rating_current_for(organisation=org),
            "history": rs.rating_list_for_organisation(organisation=org),
            "entry": bl.blacklist_entry_active_for(organisation=org),
            "entries": bl.blacklist_entry_list_for_organisation(organisation=org),
            "regulator": is_authority_user(request.user)
            and bl.enterprise_get_for_regulator(user=request.user, pk=pk) is not None,
            "incidents": rs.incident_list_for_organisation(organisation=org) if is_authority_user(request.user) else [],
            "compliance_projects": compliance_project_list_public(organisation=org),
            "colours": RatingColour.choices,
            "severities": IncidentSeverity.choices,
            "red_grounds": RedGround.choices,
        }
        return render(request, "assessments/rating/enterprise.html", ctx)


class _Enterprise(LoginRequiredMixin, ServiceErrorMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and enterprise_membership_for(user=request.user) is None:
            raise PermissionDenied(_("This page is for enterprises."))
        return super().dispatch(request, *args, **kwargs)


class EnterpriseCaseListView(_Enterprise):
    def get(self, request):
        cases = bl.blacklist_case_list_for_enterprise(user=request.user)
        return render(request, "assessments/blacklist/enterprise_cases.html", {"cases": cases})


class EnterpriseCaseView(_Enterprise):
    def _case(self, request, pk):
        case = bl.blacklist_case_get_for_enterprise(user=request.user, pk=pk)
        if case is None:
            raise Http404(_("No such case against your enterprise."))
        return case

    def get(self, request, pk):
        return render(
            request, "assessments/blacklist/case.html", {"case": self._case(request, pk), "side": "enterprise"}
        )

    def post(self, request, pk):
        case = self._case(request, pk)
        if request.POST.get("action") == "appeal":
            bl_services.blacklist_case_appeal(case=case, appealed_by=request.user, appeal=request.POST.get("text", ""))
        else:
            bl_services.blacklist_case_respond(
                case=case,
                responded_by=request.user,
                response=request.POST.get("text", ""),
                files=request.FILES.getlist("files"),
            )
        return redirect("barometer:workspace-case", pk=case.pk)


class CreditLookupLogView(_Enterprise):
    def get(self, request):
        org = enterprise_membership_for(user=request.user).organisation
        page = Paginator(credit_selectors.credit_query_list_for_enterprise(organisation=org), 50).get_page(
            request.GET.get("page")
        )
        return render(request, "assessments/credit/lookups.html", {"page": page, "org": org})


class _Regulator(LoginRequiredMixin, ServiceErrorMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_authority_user(request.user):
            raise PermissionDenied(_("This workspace is for authorities."))
        return super().dispatch(request, *args, **kwargs)


class ReviewCaseListView(_Regulator):
    def get(self, request):
        return render(
            request,
            "assessments/blacklist/review_cases.html",
            {
                "cases": bl.blacklist_case_list_for_regulator(user=request.user),
                "enterprises": bl.enterprise_list_for_regulator(user=request.user),
                "grounds": BlacklistGround.choices,
            },
        )

    def post(self, request):
        org = bl.enterprise_get_for_regulator(user=request.user, pk=request.POST.get("organisation") or 0)
        if org is None:
            raise Http404(_("No such enterprise in your jurisdiction."))
        days = request.POST.get("response_days") or None
        case = bl_services.blacklist_case_open(
            organisation=org,
            opened_by=request.user,
            ground=request.POST.get("ground", ""),
            evidence=request.POST.get("evidence", ""),
            files=request.FILES.getlist("files"),
            response_days=int(days) if days and days.isdigit() else None,
        )
        return redirect("review:blacklist-case", pk=case.pk)


class ReviewCaseView(_Regulator):
    def _case(self, request, pk):
        case = bl.blacklist_case_get_for_regulator(user=request.user, pk=pk)
        if case is None:
            raise Http404(_("No such case in your authority."))
        return case

    def get(self, request, pk):
        return render(
            request, "assessments/blacklist/case.html", {"case": self._case(request, pk), "side": "regulator"}
        )

    def post(self, request, pk):
        case = self._case(request, pk)
        action = request.POST.get("action", "")
        reason = request.POST.get("reason", "")
        if action in {"list", "dismiss"}:
            bl_services.blacklist_case_decide(
                case=case,
                decided_by=request.user,
                list_enterprise=action == "list",
                reason=reason,
                ends_on=_date(request.POST.get("ends_on", "")),
            )
        else:
            bl_services.blacklist_case_decide_appeal(
                case=case, decided_by=request.user, uphold=action == "uphold", reason=reason
            )
        return redirect("review:blacklist-case", pk=case.pk)


class ReviewEnterpriseActionView(_Regulator):
    """Incident, correction (repair) and override, posted from the enterprise page."""

    def post(self, request, pk):
        org = bl.enterprise_get_for_regulator(user=request.user, pk=pk)
        if org is None:
            raise Http404(_("No such enterprise in your jurisdiction."))
        action = request.POST.get("action", "")
        if action == "incident":
            rating_services.incident_record(
                organisation=org,
                recorded_by=request.user,
                occurred_on=_date(request.POST.get("occurred_on", "")) or timezone.localdate(),
                severity=request.POST.get("severity", ""),
                red_ground=request.POST.get("red_ground", ""),
                description=request.POST.get("description", ""),
            )
        elif action == "correct":
            incident = rs.incident_get_for_regulator(user=request.user, pk=request.POST.get("incident") or 0)
            if incident is None:
                raise Http404
            rating_services.incident_correct(
                incident=incident, corrected_by=request.user, evidence=request.POST.get("evidence", "")
            )
        elif action == "override":
            rating_services.rating_override(
                organisation=org,
                colour=request.POST.get("colour", ""),
                reason=request.POST.get("reason", ""),
                set_by=request.user,
            )
        return redirect("barometer:enterprise", pk=org.pk)
