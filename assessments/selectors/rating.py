"""Reads of the barometer: the rules' inputs (the hook later areas plug into), the public
ratings list and an enterprise's history. Reasons are stored as codes and put into words here,
in the reader's language."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.choices import IncidentSeverity, RatingColour, RedGround
from assessments.models import Incident, Rating
from assessments.rules.rating import WINDOW_DAYS, RatingInputs
from assessments.selectors.blacklist import blacklist_entry_active_for
from portal.choices import OrganisationKind
from portal.models import Organisation


def rating_inputs_for(*, organisation: Organisation, today: dt.date | None = None) -> RatingInputs:
    """Everything rule set v1 reads about one enterprise.

    Performance reports add ``exceedances``, ``overdue_reports`` and ``conditions_due`` /
    ``conditions_fulfilled`` (``selectors.reports.report_rating_inputs``); performance review
    adds ``review_score`` (``selectors.performance.review_score_for``).
    """
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=WINDOW_DAYS)
    open_incidents = list(
        Incident.objects.filter(organisation=organisation, corrected_at__isnull=True, occurred_on__gte=since)
    )
    red_grounds = tuple(
        sorted(
            {
                i.red_ground
                for i in Incident.objects.filter(organisation=organisation, corrected_at__isnull=True)
                if i.red_ground
            }
        )
    )

    def count(severity):
        return sum(1 for i in open_incidents if i.severity == severity)

    from assessments.selectors.performance import review_score_for
    from assessments.selectors.reports import report_rating_inputs

    reports = report_rating_inputs(organisation=organisation, today=today, since=since)
    return RatingInputs(
        **reports,
        review_score=review_score_for(organisation=organisation, since=since),
        blacklisted=blacklist_entry_active_for(organisation=organisation) is not None,
        red_grounds=red_grounds,
        major_incidents=count(IncidentSeverity.MAJOR),
        serious_incidents=count(IncidentSeverity.SERIOUS),
        minor_incidents=count(IncidentSeverity.MINOR),
    )


def reason_text(reason: dict) -> str:
    """One stored reason in words, in the active language."""
    code, p = reason.get("code"), reason.get("params", {})
    n = p.get("n", 0)
    if code == "blacklisted":
        return _("The enterprise is on the blacklist.")
    if code == "red_ground":
        label = dict(RedGround.choices).get(p.get("ground"), p.get("ground"))
        return _("A regulator found: %(ground)s (red whatever the rest of the record).") % {"ground": label}
    if code == "major_incidents":
        return ngettext("%(n)s major incident not yet corrected.", "%(n)s major incidents not yet corrected.", n) % {
            "n": n
        }
    if code == "serious_incidents":
        return ngettext(
            "%(n)s serious incident not yet corrected.", "%(n)s serious incidents not yet corrected.", n
        ) % {"n": n}
    if code == "minor_incidents":
        return ngettext("%(n)s minor incident not yet corrected.", "%(n)s minor incidents not yet corrected.", n) % {
            "n": n
        }
    if code == "overdue_reports":
        return ngettext("%(n)s performance report overdue.", "%(n)s performance reports overdue.", n) % {"n": n}
    if code in {"many_exceedances", "some_exceedances"}:
        return ngettext("%(n)s exceedance of a limit.", "%(n)s exceedances of limits.", n) % {"n": n}
    if code in {"low_score", "fair_score"}:
        return _("Performance review score %(score)s of 100.") % {"score": p.get("score")}
    if code == "conditions_open":
        return ngettext("%(n)s condition not fulfilled.", "%(n)s conditions not fulfilled.", p.get("open", 0)) % {
            "n": p.get("open", 0)
        }
    if code == "clean":
        return _("No open incidents, findings or listings.")
    if code == "override":
        return _("Set by a regulator: %(reason)s") % {"reason": p.get("reason", "")}
    return str(code)


def rating_current_for(*, organisation: Organisation) -> Rating | None:
    return Rating.objects.filter(organisation=organisation, current=True).first()


def rating_list_for_organisation(*, organisation: Organisation) -> QuerySet[Rating]:
    """The history, newest first (the current rating included)."""
    return Rating.objects.filter(organisation=organisation).select_related("set_by").order_by("-created_at", "-id")


def rating_list_public(*, filters=None) -> QuerySet[Rating]:
    """Current ratings of every enterprise, for the public list (``RatingFilter`` narrows it)."""
    from assessments.filters import RatingFilter

    qs = (
        Rating.objects.filter(current=True, organisation__kind=OrganisationKind.ENTERPRISE)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    return RatingFilter(filters or {}, queryset=qs).qs


def enterprise_get_public(*, pk) -> Organisation | None:
    """An enterprise for its public page (authorities, banks and NGOs have none)."""
    return Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, pk=pk).first()


def enterprise_list_all() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE)


def incident_list_for_organisation(*, organisation: Organisation) -> QuerySet[Incident]:
    return Incident.objects.filter(organisation=organisation).select_related("project").order_by("-occurred_on", "-id")


def incident_get_for_regulator(*, user, pk) -> Incident | None:
    from assessments.selectors.blacklist import enterprise_list_for_regulator

    return Incident.objects.filter(pk=pk, organisation__in=enterprise_list_for_regulator(user=user)).first()


COLOUR_LABELS = dict(RatingColour.choices)
