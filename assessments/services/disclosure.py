"""Writes of public disclosure: the regulator opens the consultation (a comment window and the
first snapshot), each final decision publishes another snapshot (category C: a short public
notice), and the periodic job opens and closes windows at their instants.

A snapshot is what the public saw from its instant on: it is built once, in every interface
language, from the same selectors the assessment report reads, with everything private left
out (internal notes, the audit trail's people, documents not marked public, emails), and is
never changed afterwards. The register row is rebuilt from the latest snapshot.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from shapely.geometry import shape

from assessments.choices import Category, DayBasis, DisclosureKind, ProjectStatus, WindowStatus
from assessments.models import CommentWindow, Decision, Disclosure, Project, RegisterEntry
from assessments.permissions import can_review_project
from assessments.rules.windows import DEFAULT_DAYS, MAX_DAYS, close_instant, default_time_zone, valid_time_zone
from assessments.services.projects import lock_project
from assessments.workflow import COMMENT_WINDOW, CONSULTABLE, FINAL_DECISIONS
from portal.audit import audit_log
from portal.choices import NotificationKind
from portal.errors import ConflictError, PermissionDeniedError, ServiceError

logger = logging.getLogger(__name__)
# Extracted text of one public document kept for search: enough for a long report's words.
DOCUMENT_TEXT_MAX_CHARS = 200_000
DOCUMENT_TEXT_MAX_PAGES = 200


# --- snapshot --------------------------------------------------------------------------------


def _document_text(version) -> str:
    """The text layer of a public PDF, for search (scans without one give nothing)."""
    if version.mime != "application/pdf":
        return ""
    from pypdf import PdfReader

    try:
        with version.file.open("rb") as handle:
            reader = PdfReader(handle)
            parts, size = [], 0
            for page in reader.pages[:DOCUMENT_TEXT_MAX_PAGES]:
                text = page.extract_text() or ""
                parts.append(text)
                size += len(text)
                if size > DOCUMENT_TEXT_MAX_CHARS:
                    break
    except Exception:  # noqa: BLE001 - a damaged file must not stop a disclosure
        logger.warning("no text from document version %s", version.pk, exc_info=True)
        return ""
    return "\n".join(parts)[:DOCUMENT_TEXT_MAX_CHARS]


def _public_versions(project: Project, kind: str):
    """Latest versions of documents the enterprise marked public; "Public after the decision"
    is what the enterprise was promised, so a consultation snapshot lists none."""
    from assessments.choices import Visibility

    if kind == DisclosureKind.CONSULTATION:
        return []
    versions = []
    for document in project.documents.filter(visibility=Visibility.PUBLIC).prefetch_related("versions"):
        latest = max(document.versions.all(), key=lambda v: v.number, default=None)
        if latest is not None:
            versions.append((document, latest))
    return versions


def _decision_part(decision: Decision | None) -> dict | None:
    if decision is None:
        return None
    return {
        "outcome": decision.outcome,
        "outcome_label": decision.get_outcome_display(),
        "reasons": decision.reasons,
        "decided_at": decision.decided_at.isoformat(),
        "conditions": [
            {
                "number": c.number,
                "text": c.text,
                "due_date": c.due_date.isoformat() if c.due_date else "",
                "recurrence": c.get_recurrence_display() if c.recurrence else "",
            }
            for c in decision.conditions.all()
        ],
    }


def _window_part(window: CommentWindow | None) -> dict | None:
    if window is None:
        return None
    return {
        "opens_at": window.opens_at.isoformat(),
        "closes_at": window.closes_at.isoformat(),
        "time_zone": window.time_zone,
        "days": window.days,
        "day_basis": window.day_basis,
        "day_basis_label": window.get_day_basis_display(),
        "skipped_holidays": window.skipped_holidays,
    }


def _snapshot_language(project, *, kind, decision, window, versions, language) -> dict:
    from assessments.selectors.report import project_report_inputs

    with translation.override(language):
        full = project_report_inputs(subject=project, language=language)
        summary = dict(full["project"])
        summary["category_label"] = Category(project.category).label if project.category else ""
        summary["kind_label"] = DisclosureKind(kind).label
        part = {
            "language": language,
            "reference": project.reference,
            "kind": kind,
            "project": summary,
            "decision": _decision_part(decision),
            "window": _window_part(window),
            "documents": [
                {
                    "version_id": v.pk,
                    "title": d.title,
                    "kind": d.get_kind_display(),
                    "name": v.original_name,
                    "size": v.size,
                    "sha256": v.sha256,
                    "uploaded_at": v.created_at.isoformat(),
                }
                for d, v in versions
            ],
        }
        if kind == DisclosureKind.NOTICE:
            # Category C: the short notice names the project, its site and the decision.
            part.update({"screening": None, "site_results": [], "risks": [], "measures": [], "map": None})
        else:
            part.update(
                {
                    "screening": full["screening"],
                    "site_results": full["site_results"],
                    "map": full["map"],
                    "risks": full["risks"],
                    "measures": [
                        {
                            k: m[k]
                            for k in (
                                "title",
                                "description",
                                "phase",
                                "response",
                                "response_label",
                                "alternative",
                                "reason",
                                "due_date",
                                "status",
                                "risks",
                            )
                        }
                        for m in full["measures"]
                    ],
                }
            )
    return part


def _search_text(snapshot: dict, document_texts: list[str]) -> str:
    from knowledge.search import segment

    bits = []
    for part in snapshot.values():
        p = part["project"]
        bits += [part["reference"] or "", p["name"], p["organisation"], p["country"], p["sector"], p["description"]]
        bits += [r["title"] for r in part.get("risks") or []]
        bits += [m["title"] for m in part.get("measures") or []]
        if part.get("decision"):
            bits += [part["decision"]["reasons"], *(c["text"] for c in part["decision"]["conditions"])]
        bits += [d["title"] for d in part["documents"]]
    text = "\n".join(dict.fromkeys(b for b in bits if b))
    return segment(text + "\n" + "\n".join(document_texts))


def _site_centre(project: Project) -> tuple[float | None, float | None]:
    if not project.site:
        return None, None
    try:
        point = shape(project.site).representative_point()
    except Exception:  # noqa: BLE001 - a malformed stored site shows no marker, nothing worse
        return None, None
    return round(point.x, 5), round(point.y, 5)


def _publish(*, project: Project, kind: str, actor, decision: Decision | None = None) -> Disclosure:
    """Write one snapshot and rebuild the register row (caller holds the project lock)."""
    window = CommentWindow.objects.filter(project=project).first()
    versions = _public_versions(project, kind)
    snapshot = {
        code: _snapshot_language(project, kind=kind, decision=decision, window=window, versions=versions, language=code)
        for code, _label in settings.LANGUAGES
    }
    # Plain JSON (lazy labels, dates as text), exactly as it will read back.
    snapshot = json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))
    last = project.disclosures.order_by("-number").first()
    now = timezone.now()
    disclosure = Disclosure.objects.create(
        project=project,
        number=(last.number + 1) if last else 1,
        kind=kind,
        snapshot=snapshot,
        published_at=now,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    lon, lat = _site_centre(project)
    entry, created = RegisterEntry.objects.get_or_create(
        project=project,
        defaults={"latest": disclosure, "first_disclosed_at": now, "last_disclosed_at": now},
    )
    entry.latest = disclosure
    entry.last_disclosed_at = now
    entry.search_text = _search_text(snapshot, [_document_text(v) for _d, v in versions])
    entry.lon, entry.lat = lon, lat
    entry.save(update_fields=["latest", "last_disclosed_at", "search_text", "lon", "lat"])
    _update_vector(entry.pk)
    audit_log(
        actor=actor,
        action="disclosure.published",
        target=project,
        after={"number": disclosure.number, "kind": kind},
    )
    return disclosure


def _update_vector(entry_id: int) -> None:
    if not settings.IS_POSTGRES:
        return
    from django.contrib.postgres.search import SearchVector

    RegisterEntry.objects.filter(pk=entry_id).update(
        search_vector=SearchVector("search_text", config="english") + SearchVector("search_text", config="simple")
    )


# --- consultation ----------------------------------------------------------------------------


def _parse_instant(value, zone_name: str, field: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise ServiceError(_("Give the date and time as YYYY-MM-DD HH:MM."), field=field) from exc
    if timezone.is_naive(value):
        from zoneinfo import ZoneInfo

        value = value.replace(tzinfo=ZoneInfo(zone_name))
    return value


@transaction.atomic
def consultation_open(
    *,
    project: Project,
    opened_by,
    opens_at=None,
    closes_at=None,
    days: int | None = None,
    day_basis: str = DayBasis.CALENDAR,
    time_zone: str = "",
) -> CommentWindow:
    """A reviewer of the project's jurisdiction opens the public consultation of a category A
    or B project: sets the window (defaults 30 days for A, 14 for B, from now, in the host
    country's time zone) and publishes the first snapshot. Naive instants are read in
    ``time_zone``. Once set, a window is never moved (the public relies on its dates)."""
    project = lock_project(project)
    if not can_review_project(opened_by, project):
        raise PermissionDeniedError(_("Only reviewers of this project's jurisdiction can open its consultation."))
    if project.category not in (Category.A, Category.B):
        raise ConflictError(_("Only category A and B projects go to public consultation."))
    if project.status not in CONSULTABLE:
        raise ConflictError(_("The consultation can be opened only while the project is in review."))
    if CommentWindow.objects.filter(project=project).exists():
        raise ConflictError(_("This project's comment window is already set."))
    iso2 = project.host_country.iso2 if project.host_country else ""
    zone = time_zone or default_time_zone(iso2)
    if not valid_time_zone(zone):
        raise ServiceError(_("Unknown time zone: %(zone)s") % {"zone": zone}, field="time_zone")
    if day_basis not in DayBasis.values:
        raise ServiceError(_("Choose calendar or working days."), field="day_basis")
    now = timezone.now()
    start = _parse_instant(opens_at, zone, "opens_at") or now
    end = _parse_instant(closes_at, zone, "closes_at")
    skipped: dict[str, str] = {}
    if end is None:
        days = days or DEFAULT_DAYS[project.category]
        if not 1 <= days <= MAX_DAYS:
            raise ServiceError(_("A window lasts between 1 and 180 days."), field="days")
        times = close_instant(
            opens_at=start, days=days, working=day_basis == DayBasis.WORKING, time_zone=zone, country=iso2
        )
        end, skipped = times.closes_at, times.skipped_holidays
    else:
        days = None
    if end <= start:
        raise ServiceError(_("The window must close after it opens."), field="closes_at")
    if end <= now:
        raise ServiceError(_("The window would already be closed."), field="closes_at")
    if (end - start).days > MAX_DAYS * 2:
        raise ServiceError(_("A window lasts between 1 and 180 days."), field="closes_at")
    window = CommentWindow.objects.create(
        project=project,
        opens_at=start,
        closes_at=end,
        time_zone=zone,
        days=days,
        day_basis=day_basis,
        skipped_holidays=skipped,
        status=WindowStatus.OPEN if start <= now else WindowStatus.SCHEDULED,
        set_by=opened_by,
    )
    audit_log(
        actor=opened_by,
        action="comment_window.set",
        target=project,
        after={"opens_at": start, "closes_at": end, "time_zone": zone, "days": days, "day_basis": day_basis},
    )
    _publish(project=project, kind=DisclosureKind.CONSULTATION, actor=opened_by)
    if window.status == WindowStatus.OPEN:
        _window_opened(window)
    return window


def disclosure_on_decision(*, project: Project, decision: Decision, actor) -> Disclosure | None:
    """Called by ``decision_make`` inside its transaction: a final decision of a category A or B
    project is disclosed, a category C one gets its short public notice. A window still open
    stays open to its closing instant (the public was promised those dates)."""
    if decision.outcome not in FINAL_DECISIONS or not project.category:
        return None
    kind = DisclosureKind.NOTICE if project.category == Category.C else DisclosureKind.DECISION
    return _publish(project=project, kind=kind, actor=actor, decision=decision)


# --- the clock -------------------------------------------------------------------------------


def _notify_enterprise(window: CommentWindow, title) -> None:
    from assessments.services.review import _enterprise_users, _notify

    url = reverse("disclosure:project", args=[window.project.reference])
    _notify(_enterprise_users(window.project), kind=NotificationKind.COMMENT_WINDOW, url=url, title=title)


def _window_opened(window: CommentWindow) -> None:
    ref = window.project.reference
    closes = window.closes_at
    window.opened_notified_at = timezone.now()
    window.save(update_fields=["opened_notified_at"])
    _notify_enterprise(
        window,
        lambda: (
            _("The public comment window on %(ref)s is open until %(date)s")
            % {"ref": ref, "date": closes.date().isoformat()}
        ),
    )


def ensure_window_open(project: Project, *, now=None) -> CommentWindow:
    """The write-path check: the instant decides, whatever the periodic job has done yet."""
    window = CommentWindow.objects.filter(project=project).first()
    now = now or timezone.now()
    if window is None:
        raise ConflictError(_("This project is not open for public comments."))
    if project.status == ProjectStatus.WITHDRAWN:
        raise ConflictError(_("The enterprise withdrew this project; comments are no longer accepted."))
    if window.not_yet_open(now):
        raise ConflictError(_("The comment window has not opened yet."))
    if window.has_closed(now):
        raise ConflictError(_("The comment window has closed; comments are no longer accepted."))
    return window


def comment_windows_tick(*, now=None) -> dict:
    """Periodic (Celery beat, every minute): open windows whose instant came, close those whose
    instant passed. Idempotent; each move is audited."""
    now = now or timezone.now()
    opened = closed = 0
    due = CommentWindow.objects.filter(status__in=[WindowStatus.SCHEDULED, WindowStatus.OPEN]).filter(opens_at__lte=now)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            window = CommentWindow.objects.select_for_update().select_related("project").get(pk=pk)
            to = WindowStatus.CLOSED if window.has_closed(now) else WindowStatus.OPEN
            if window.status == to:
                continue
            before = COMMENT_WINDOW.ensure(window, to=to)
            window.status = to
            window.save(update_fields=["status"])
            audit_log(
                actor=None,
                action="comment_window.opened" if to == WindowStatus.OPEN else "comment_window.closed",
                target=window.project,
                before={"status": before},
                after={"status": to},
            )
            if to == WindowStatus.OPEN:
                opened += 1
                if window.opened_notified_at is None:
                    _window_opened(window)
            else:
                closed += 1
    return {"opened": opened, "closed": closed}
