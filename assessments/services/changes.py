"""Change alerts (issue 15.2): when an instrument is amended or repealed, or one of its limits is
changed or removed, every project, condition and report that relied on it is flagged, and the
enterprise and the regulators are told what changed, each in their own language.

"Relied on" is read from what the portal recorded, never guessed:
- a report relied on a limit its automatic checks used (governing limit or China's limit);
- a condition relied on an instrument its control measure cites;
- a project relied on an instrument its control measures cite, on a limit its reports were
  checked against, or on a limit its design-compliance matrix compares a design value with.

The knowledge base announces the change (``knowledge.signals``); ``receive_*`` below are
connected in ``AssessmentsConfig.ready`` and call ``change_alert_raise``.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import ChangeKind, ProjectStatus
from assessments.models import ChangeAlert, ChangeFlag, Condition, ControlMeasure, Project, ReportCheck
from assessments.selectors.review import reviewer_list_for_project
from assessments.services.reports import enterprise_managers, notify
from portal.audit import audit_log
from portal.choices import NotificationKind
from portal.errors import PermissionDeniedError

MAX_LINES_IN_NOTICE = 8


def receive_instrument_changed(sender, *, instrument, changes, actor=None, **kwargs):
    repealed = any(
        (c["field"] == "repealed" and c["after"]) or (c["field"] == "legal_status" and c["after"] == "repealed")
        for c in changes
    )
    change_alert_raise(
        instrument=instrument,
        limit=None,
        kind=ChangeKind.REPEALED if repealed else ChangeKind.AMENDED,
        changes=changes,
        actor=actor,
    )


def receive_limit_changed(sender, *, limit, instrument, changes, actor=None, removed=False, **kwargs):
    change_alert_raise(
        instrument=instrument,
        limit=limit,
        kind=ChangeKind.LIMIT_REMOVED if removed else ChangeKind.LIMIT_CHANGED,
        changes=changes,
        actor=actor,
    )


def _design_reliance(instrument, limit) -> set[int]:
    """Submitted projects whose design-compliance matrix compares a design value with the limit
    (or, for an instrument-level change, any limit of the instrument)."""
    from assessments.rules.compliance import compliance_matrix
    from assessments.selectors.design import limit_list_for_jurisdictions

    jurisdiction = instrument.jurisdiction
    projects = Project.objects.filter(reference__isnull=False, design_values__isnull=False).exclude(
        status__in=(ProjectStatus.WITHDRAWN, ProjectStatus.REJECTED)
    )
    if jurisdiction not in ("IFC", "CN"):
        projects = projects.filter(host_country__iso2=jurisdiction)
    found = set()
    for project in projects.distinct().select_related("host_country").prefetch_related("design_values"):
        jurisdictions = [j for j in (project.host_country.iso2 if project.host_country_id else "", "IFC", "CN") if j]
        limits = list(limit_list_for_jurisdictions(jurisdictions=jurisdictions).select_related("instrument"))
        if limit is not None and all(lim.pk != limit.pk for lim in limits):
            # A removed or unpublished limit is no longer listed: judge with it as it was.
            limits.append(limit)
        for row in compliance_matrix(project, limits=limits):
            used = {c.limit.pk for c in row.cells} | ({row.governing.limit.pk} if row.governing else set())
            if (limit is not None and limit.pk in used) or (
                limit is None and any(c.limit.instrument_id == instrument.pk for c in row.cells)
            ):
                found.add(project.pk)
                break
    return found


@transaction.atomic
def change_alert_raise(*, instrument, limit, kind: str, changes: list[dict], actor=None) -> ChangeAlert | None:
    """Flag everything that relied on the change and notify; None when nothing relied on it."""
    if limit is not None:
        checks = ReportCheck.objects.filter(governing_limit=limit) | ReportCheck.objects.filter(china_limit=limit)
    else:
        checks = ReportCheck.objects.filter(governing_limit__instrument=instrument) | ReportCheck.objects.filter(
            china_limit__instrument=instrument
        )
    flags: dict[tuple, str] = {}
    for project_id, report_id in checks.values_list("report__project_id", "report_id").distinct():
        flags[(project_id, None, report_id)] = "report"
    for condition in Condition.objects.filter(measure__references=instrument).select_related("decision"):
        flags.setdefault((condition.decision.project_id, condition.pk, None), "condition")
    for project_id in ControlMeasure.objects.filter(references=instrument, active=True).values_list(
        "project_id", flat=True
    ):
        flags.setdefault((project_id, None, None), "measure")
    for project_id in _design_reliance(instrument, limit):
        flags.setdefault((project_id, None, None), "design")
    if not flags:
        return None
    alert = ChangeAlert.objects.create(
        instrument=instrument,
        instrument_label=str(instrument)[:500],
        limit=limit if kind != ChangeKind.LIMIT_REMOVED else None,
        limit_label=str(limit)[:255] if limit is not None else "",
        kind=kind,
        changes=changes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    ChangeFlag.objects.bulk_create(
        ChangeFlag(alert=alert, project_id=p, condition_id=c, report_id=r, relied_through=how)
        for (p, c, r), how in flags.items()
    )
    audit_log(
        actor=actor if getattr(actor, "pk", None) else None,
        action="change_alert.raised",
        target=alert,
        after={"kind": kind, "flags": len(flags), "changes": changes},
    )
    _tell(alert)
    return alert


def change_text(alert: ChangeAlert) -> list[str]:
    """What changed, one line per field, in the active language."""
    from knowledge.models import Instrument, StandardLimit

    model = StandardLimit if alert.limit_label else Instrument
    lines = []
    for c in alert.changes[:MAX_LINES_IN_NOTICE]:
        if c["field"] == "limit":
            lines.append(
                _("Limit removed: %(limit)s") % {"limit": c["before"]}
                if c["after"] is None
                else _("Limit added: %(limit)s") % {"limit": c["after"]}
            )
            continue
        try:
            label = str(model._meta.get_field(c["field"]).verbose_name)
        except Exception:  # noqa: BLE001 - a field removed since: show its name
            label = c["field"]
        lines.append(
            _("%(field)s: %(before)s → %(after)s")
            % {"field": label, "before": c["before"] or "—", "after": c["after"] or "—"}
        )
    return lines


def _tell(alert: ChangeAlert) -> None:
    projects = Project.objects.filter(pk__in=alert.flags.values("project_id")).select_related(
        "organisation", "host_country"
    )
    label = alert.instrument_label
    for project in projects:
        ref = project.reference or project.name
        kind = alert.kind

        def title(ref=ref, kind=kind):
            return _("%(instrument)s: %(change)s — %(ref)s relied on it") % {
                "instrument": label,
                "change": ChangeKind(kind).label,
                "ref": ref,
            }

        def body():
            return "\n".join(change_text(alert))

        notify(
            enterprise_managers(project),
            kind=NotificationKind.SYSTEM,
            url=reverse("assessments:report-list", args=[project.pk]),
            title=title,
            body=body,
        )
        notify(
            reviewer_list_for_project(project=project),
            kind=NotificationKind.SYSTEM,
            url=reverse("review:performance-project", args=[project.pk]),
            title=title,
            body=body,
        )


@transaction.atomic
def change_flag_acknowledge(*, flag: ChangeFlag, acknowledged_by) -> ChangeFlag:
    """The enterprise or a regulator has looked at the change and taken it in hand."""
    from assessments.permissions import can_review_project

    flag = ChangeFlag.objects.select_for_update().select_related("project").get(pk=flag.pk)
    member = flag.project.organisation.memberships.filter(user=acknowledged_by).exists()
    if not (member or can_review_project(acknowledged_by, flag.project)):
        raise PermissionDeniedError(_("Only the enterprise or its regulators may acknowledge this change."))
    if flag.acknowledged_at is None:
        flag.acknowledged_at = timezone.now()
        flag.acknowledged_by = acknowledged_by
        flag.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_log(actor=acknowledged_by, action="change_flag.acknowledged", target=flag)
    return flag
