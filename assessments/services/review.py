"""Writes of regulator review: versions at submission, claiming and assignment, requests for
information on a paused clock, internal notes, decisions with conditions, category changes and
the periodic due-date job.

Every public service is atomic, locks the project row first (two reviewers may act at once),
moves status only through ``assessments.workflow`` and writes the audit trail in the same
transaction. Notifications are recorded in the inbox now and emailed after commit, each in the
recipient's language, with a link that works for that recipient.
"""

import datetime as dt
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.choices import Category, DecisionOutcome, NoteKind, ProjectStatus, Recurrence, RequestStatus
from assessments.models import (
    CategoryChange,
    Condition,
    Decision,
    InformationRequest,
    Project,
    RequestAttachment,
    Review,
    ReviewNote,
    SubmissionVersion,
)
from assessments.permissions import can_answer_request, can_decide_project, can_review_project
from assessments.selectors import review as sel
from assessments.selectors.letter import KIND as LETTER_KIND
from assessments.services.projects import lock_project
from assessments.workflow import CLOCK_PAUSED, INFORMATION_REQUEST, PROJECT, REQUEST_OPEN
from portal.artefacts import artefact_request
from portal.audit import audit_log
from portal.choices import NotificationKind
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import User
from portal.services import notification_send
from portal.uploads import check_upload

P = ProjectStatus
# Limits a person can see the reason for: long enough for a real answer, short enough for a page.
MAX_TEXT = 10_000
REQUEST_ATTACHMENTS_MAX = 5
# The periodic job warns the reviewer this long before the due date.
DUE_SOON = timedelta(days=3)


# --- Helpers ---------------------------------------------------------------------------------


def _text(value: str, *, field: str, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(missing, field=field)
    if len(value) > MAX_TEXT:
        raise ServiceError(_("Keep this under 10,000 characters."), field=field)
    return value


def _notify(users, *, kind: str, url: str, title, body=None) -> None:
    """One notification per user, its words computed in that user's language (``title`` and
    ``body`` are callables so gettext runs under each recipient's ``translation.override``)."""
    for user in {u.pk: u for u in users}.values():
        with translation.override(user.preferred_language or "en"):
            notification_send(users=[user], kind=kind, title=str(title()), body=str(body()) if body else "", url=url)


def _enterprise_users(project: Project) -> list[User]:
    return [m.user for m in project.organisation.memberships.select_related("user") if m.user.is_active]


def _reviewers(project: Project, review: Review | None) -> list[User]:
    """The assigned reviewer, or, before anyone holds the file, every reviewer who could."""
    if review is not None and review.reviewer_id:
        return [review.reviewer]
    return list(sel.reviewer_list_for_project(project=project))


def _review_url(project: Project) -> str:
    return reverse("review:project", args=[project.pk])


def _enterprise_url(project: Project) -> str:
    return reverse("assessments:project-review", args=[project.pk])


def _lock_review(project: Project) -> Review | None:
    return Review.objects.select_for_update(of=("self",)).select_related("reviewer").filter(project=project).first()


def _pause(review: Review, now) -> None:
    if review.paused_since is None:
        review.paused_since = now


def _resume(review: Review, now) -> None:
    """End a pause: the due date moves on by exactly the time the enterprise held the file."""
    if review.paused_since is not None:
        held = now - review.paused_since
        review.paused += held
        review.due_at += held
        review.paused_since = None


def _set_status(project: Project, to: str, *, actor, action: str, **audit) -> str:
    before = PROJECT.ensure(project, to=to)
    project.status = to
    project.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action=action, target=project, before={"status": before}, after={"status": to, **audit})
    return before


def _reviewing(user, project: Project) -> None:
    if not can_review_project(user, project):
        raise PermissionDeniedError(_("Only reviewers of this project's jurisdiction can do this."))


# --- Submission ------------------------------------------------------------------------------


def review_submit_status(project: Project) -> str:
    """Where a (re)submission goes: back to the reviewer who holds the file, else to the queue."""
    # Read, not the cached relation: the caller's project object outlives this transaction's writes.
    review = Review.objects.filter(project=project).first()
    if project.status in CLOCK_PAUSED and review is not None and review.reviewer_id:
        return P.UNDER_REVIEW
    return P.SUBMITTED


def review_record_submission(*, project: Project, submitted_by: User) -> SubmissionVersion:
    """Freeze the submission as a new version, give the project its reference at the first one,
    start the review clock (or resume it on a resubmission) and tell both sides.

    Called by ``project_submit`` inside its transaction, with the project row locked.
    """
    now = timezone.now()
    last = project.versions.order_by("-number").first()
    version = SubmissionVersion.objects.create(
        project=project,
        number=(last.number + 1) if last else 1,
        snapshot=sel.submission_snapshot(project),
        submitted_by=submitted_by,
        created_at=now,
    )
    if not project.reference:
        # The id makes it unique without a counter to race on; the year is the first submission's.
        project.reference = f"GBR-{now.year}-{project.pk:06d}"
        project.save(update_fields=["reference"])
    review = _lock_review(project)
    if review is None:
        days = sel.review_period_days(project.category)
        review = Review.objects.create(
            project=project, started_at=now, period_days=days, due_at=now + timedelta(days=days)
        )
    else:
        _resume(review, now)
        review.save(update_fields=["paused", "due_at", "paused_since"])
    # A revised submission answers every request still open.
    for request in project.information_requests.select_for_update().filter(status__in=REQUEST_OPEN):
        INFORMATION_REQUEST.ensure(request, to=RequestStatus.SUPERSEDED)
        request.status = RequestStatus.SUPERSEDED
        request.answered_by = submitted_by
        request.answered_at = now
        request.answered_by_version = version
        request.save(update_fields=["status", "answered_by", "answered_at", "answered_by_version"])
    audit_log(
        actor=submitted_by,
        action="submission.versioned",
        target=project,
        after={"reference": project.reference, "version": version.number, "due": review.due(now)},
    )
    ref, name, number = project.reference, project.name, version.number
    _notify(
        _enterprise_users(project),
        kind=NotificationKind.SYSTEM,
        url=_enterprise_url(project),
        title=lambda: _("Submission received: %(ref)s, version %(n)s") % {"ref": ref, "n": number},
        body=lambda: _("We received %(name)s for review. Reference %(ref)s.") % {"name": name, "ref": ref},
    )
    org, country, cat = project.organisation.name, project.host_country.name, project.category
    _notify(
        _reviewers(project, review),
        kind=NotificationKind.SYSTEM,
        url=_review_url(project),
        title=lambda: (
            _("New project submitted: %(name)s (category %(cat)s)") % {"name": name, "cat": cat}
            if number == 1
            else _("Revised submission: %(ref)s, version %(n)s") % {"ref": ref, "n": number}
        ),
        body=lambda: (
            _("%(org)s submitted %(name)s in %(country)s for review.") % {"org": org, "name": name, "country": country}
        ),
    )
    return version


# --- Claiming and assignment -----------------------------------------------------------------


@transaction.atomic
def review_claim(*, project: Project, claimed_by: User) -> Review:
    """A reviewer takes an unassigned project from the queue."""
    project = lock_project(project)
    _reviewing(claimed_by, project)
    review = _lock_review(project)
    if review is None:
        raise ConflictError(_("This project has not been submitted."))
    if review.reviewer_id and review.reviewer_id != claimed_by.pk:
        raise ConflictError(_("%(who)s already reviews this project.") % {"who": review.reviewer})
    if review.reviewer_id == claimed_by.pk:
        raise ConflictError(_("You already review this project."))
    review.reviewer = claimed_by
    review.assigned_at = timezone.now()
    review.save(update_fields=["reviewer", "assigned_at"])
    audit_log(actor=claimed_by, action="review.claimed", target=project, after={"reviewer": claimed_by.email})
    if project.status == P.SUBMITTED:
        _set_status(project, P.UNDER_REVIEW, actor=claimed_by, action="project.review_started")
    return review


@transaction.atomic
def review_assign(*, project: Project, reviewer: User, assigned_by: User) -> Review:
    """A lead reviewer gives the project to a reviewer of the same jurisdiction (or takes it back)."""
    project = lock_project(project)
    if not can_decide_project(assigned_by, project):
        raise PermissionDeniedError(_("Only a lead reviewer of this project's jurisdiction assigns reviewers."))
    if not sel.reviewer_list_for_project(project=project).filter(pk=reviewer.pk).exists():
        raise ServiceError(_("This person is not a reviewer of this project's jurisdiction."), field="reviewer")
    review = _lock_review(project)
    if review is None or project.status not in PROJECT.sources_of(P.WITHDRAWN) - {P.DRAFT}:
        raise ConflictError(_("Only a project under review can be assigned."))
    before = review.reviewer.email if review.reviewer_id else ""
    review.reviewer = reviewer
    review.assigned_at = timezone.now()
    review.save(update_fields=["reviewer", "assigned_at"])
    audit_log(
        actor=assigned_by,
        action="review.assigned",
        target=project,
        before={"reviewer": before},
        after={"reviewer": reviewer.email},
    )
    if project.status == P.SUBMITTED:
        _set_status(project, P.UNDER_REVIEW, actor=assigned_by, action="project.review_started")
    ref, name = project.reference, project.name
    _notify(
        [reviewer],
        kind=NotificationKind.SYSTEM,
        url=_review_url(project),
        title=lambda: _("Assigned to you: %(ref)s %(name)s") % {"ref": ref, "name": name},
    )
    return review


# --- Internal notes --------------------------------------------------------------------------


@transaction.atomic
def review_note_add(*, project: Project, author: User, body: str, outcome: str = "") -> ReviewNote:
    """An internal note, or with ``outcome`` a recommendation to the lead reviewer. The text
    stays out of the audit trail (the trail may be shown more widely than the notes)."""
    project = lock_project(project)
    _reviewing(author, project)
    body = _text(body, field="body", missing=_("Write the note."))
    if outcome and outcome not in DecisionOutcome.values:
        raise ServiceError(_("Choose a decision to recommend."), field="outcome")
    note = ReviewNote.objects.create(
        project=project,
        author=author,
        body=body,
        kind=NoteKind.RECOMMENDATION if outcome else NoteKind.NOTE,
        outcome=outcome,
    )
    audit_log(
        actor=author,
        action="review.recommended" if outcome else "review.noted",
        target=project,
        after={"note": note.pk, **({"outcome": outcome} if outcome else {})},
    )
    return note


# --- Requests for information ----------------------------------------------------------------


@transaction.atomic
def _attach(request: InformationRequest, *, side: str, files, uploaded_by: User) -> list[RequestAttachment]:
    """Store the files that go with a question or an answer, each checked by content first (a
    refused file refuses the whole action: nothing half-sent)."""
    files = [f for f in (files or []) if f]
    if len(files) > REQUEST_ATTACHMENTS_MAX:
        raise ServiceError(
            _("At most %(n)s files go with one question or answer.") % {"n": REQUEST_ATTACHMENTS_MAX},
            field="attachment",
        )
    stored = []
    for file in files:
        checked = check_upload(file, max_bytes=settings.UPLOAD_MAX_BYTES)
        stored.append(
            RequestAttachment.objects.create(
                request=request, side=side, uploaded_by=uploaded_by, **checked.stored_fields(file)
            )
        )
    return stored


@transaction.atomic
def information_request_create(
    *, project: Project, asked_by: User, question: str, due_date, attachments=()
) -> InformationRequest:
    """Ask the enterprise; the file goes to the enterprise and the review clock stops."""
    project = lock_project(project)
    _reviewing(asked_by, project)
    question = _text(question, field="question", missing=_("Write the question."))
    if not isinstance(due_date, dt.date) or due_date <= timezone.localdate():
        raise ServiceError(_("Give a due date after today."), field="due_date")
    version = project.versions.first()
    review = _lock_review(project)
    if version is None or review is None:
        raise ConflictError(_("This project has not been submitted."))
    if project.status != P.INFO_REQUESTED:
        _set_status(project, P.INFO_REQUESTED, actor=asked_by, action="project.information_requested")
    last = project.information_requests.order_by("-number").first()
    request = InformationRequest.objects.create(
        project=project,
        version=version,
        number=(last.number + 1) if last else 1,
        question=question,
        due_date=due_date,
        asked_by=asked_by,
    )
    files = _attach(request, side=RequestAttachment.Side.QUESTION, files=attachments, uploaded_by=asked_by)
    _pause(review, timezone.now())
    review.save(update_fields=["paused_since"])
    audit_log(
        actor=asked_by,
        action="information_request.created",
        target=project,
        after={
            "request": request.number,
            "due_date": due_date,
            "version": version.number,
            "attachments": [{"name": f.original_name, "sha256": f.sha256} for f in files],
        },
    )
    ref, number = project.reference, request.number
    _notify(
        _enterprise_users(project),
        kind=NotificationKind.REQUEST_FOR_INFORMATION,
        url=_enterprise_url(project),
        title=lambda: _("Request for information %(n)s on %(ref)s") % {"n": number, "ref": ref},
        body=lambda: (
            _("Please answer by %(date)s, or revise the project and submit it again.") % {"date": due_date.isoformat()}
        ),
    )
    return request


@transaction.atomic
def information_request_answer(
    *, request: InformationRequest, answered_by: User, answer: str, attachments=()
) -> InformationRequest:
    """The enterprise answers in writing; when no request is left open the file returns to the
    regulator and the clock runs again."""
    project = lock_project(request.project)
    if not can_answer_request(answered_by, project):
        raise PermissionDeniedError(_("Only members of the enterprise can answer its requests."))
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    answer = _text(answer, field="answer", missing=_("Write the answer."))
    INFORMATION_REQUEST.ensure(request, to=RequestStatus.ANSWERED)
    now = timezone.now()
    before = request.status
    request.status = RequestStatus.ANSWERED
    request.answer = answer
    request.answered_by = answered_by
    request.answered_at = now
    request.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    files = _attach(request, side=RequestAttachment.Side.ANSWER, files=attachments, uploaded_by=answered_by)
    audit_log(
        actor=answered_by,
        action="information_request.answered",
        target=project,
        before={"request": request.number, "status": before},
        after={
            "request": request.number,
            "status": request.status,
            "attachments": [{"name": f.original_name, "sha256": f.sha256} for f in files],
        },
    )
    review = _lock_review(project)
    still_open = project.information_requests.filter(status__in=REQUEST_OPEN).exists()
    if not still_open and project.status == P.INFO_REQUESTED:
        _resume(review, now)
        review.save(update_fields=["paused", "due_at", "paused_since"])
        to = P.UNDER_REVIEW if review.reviewer_id else P.SUBMITTED
        _set_status(project, to, actor=answered_by, action="project.information_provided")
    ref, number = project.reference, request.number
    _notify(
        _reviewers(project, review),
        kind=NotificationKind.REQUEST_FOR_INFORMATION,
        url=_review_url(project),
        title=lambda: _("Answer to request %(n)s on %(ref)s") % {"n": number, "ref": ref},
    )
    return request


# --- Decisions -------------------------------------------------------------------------------


def _clean_conditions(project: Project, outcome: str, conditions: list[dict]) -> list[dict]:
    if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not conditions:
        raise ServiceError(_("An approval with conditions needs at least one condition."), field="conditions")
    if outcome != DecisionOutcome.APPROVED_WITH_CONDITIONS and conditions:
        raise ServiceError(_("Only an approval with conditions carries conditions."), field="conditions")
    measures = {m.pk: m for m in project.measures.filter(active=True)}
    cleaned = []
    for number, item in enumerate(conditions, start=1):
        text = _text(
            item.get("text", ""),
            field="conditions",
            missing=_("Condition %(n)s has no text.") % {"n": number},
        )
        due, recurrence = item.get("due_date"), item.get("recurrence") or ""
        if recurrence not in Recurrence.values:
            raise ServiceError(_("Condition %(n)s: unknown recurrence.") % {"n": number}, field="conditions")
        if due is None and not recurrence:
            raise ServiceError(
                _("Condition %(n)s needs a due date or a recurrence.") % {"n": number}, field="conditions"
            )
        measure = item.get("measure")
        measure_id = getattr(measure, "pk", measure)
        if measure_id and measure_id not in measures:
            raise ServiceError(
                _("Condition %(n)s names a control measure of another project.") % {"n": number}, field="conditions"
            )
        cleaned.append(
            {
                "number": number,
                "text": text,
                "due_date": due,
                "recurrence": recurrence,
                "measure": measures.get(measure_id),
            }
        )
    return cleaned


@transaction.atomic
def decision_make(
    *, project: Project, decided_by: User, outcome: str, reasons: str, conditions: list[dict] | None = None
) -> Decision:
    """A lead reviewer decides the latest submission version, with reasons (and conditions).

    The project row lock serialises two lead reviewers deciding at once: the second waits, then
    finds the project decided and gets a ConflictError (409). The one-decision-per-version
    constraint backs it in the database.
    """
    project = lock_project(project)
    if not can_decide_project(decided_by, project):
        raise PermissionDeniedError(_("Only a lead reviewer of this project's jurisdiction can decide."))
    if outcome not in DecisionOutcome.values:
        raise ServiceError(_("Choose a decision."), field="outcome")
    reasons = _text(reasons, field="reasons", missing=_("Give the reasons for the decision."))
    PROJECT.ensure(project, to=outcome)
    version = project.versions.first()
    if version is None:
        raise ConflictError(_("This project has not been submitted."))
    cleaned = _clean_conditions(project, outcome, conditions or [])
    now = timezone.now()
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                project=project,
                version=version,
                outcome=outcome,
                reasons=reasons,
                decided_by=decided_by,
                decided_at=now,
            )
    except IntegrityError as exc:
        raise ConflictError(_("This submission has already been decided.")) from exc
    for item in cleaned:
        Condition.objects.create(decision=decision, **item)
    review = _lock_review(project)
    if outcome == DecisionOutcome.REVISION_REQUESTED:
        _pause(review, now)
        review.save(update_fields=["paused_since"])
    else:
        review.closed_at = now
        review.save(update_fields=["closed_at"])
    _set_status(
        project,
        outcome,
        actor=decided_by,
        action="decision.made",
        version=version.number,
        conditions=len(cleaned),
    )
    # The letter is rendered now, in the language of the person who submitted (the render
    # queue takes it after commit; a failure there never undoes the decision).
    artefact_request(kind=LETTER_KIND, subject=decision, language=version.submitted_by.preferred_language or "en")
    # Issue 14: a final decision is disclosed (A, B) or publicly noticed (C) in the same
    # transaction, so the public record never lags the decision.
    from assessments.services.disclosure import disclosure_on_decision

    disclosure_on_decision(project=project, decision=decision, actor=decided_by)
    decision_label = DecisionOutcome(outcome).label
    ref = project.reference
    _notify(
        _enterprise_users(project),
        kind=NotificationKind.DECISION,
        url=_enterprise_url(project),
        title=lambda: _("Decision on %(ref)s: %(decision)s") % {"ref": ref, "decision": decision_label},
        body=lambda: _("The reasons and any conditions are on the project's review page."),
    )
    if review.reviewer_id and review.reviewer_id != decided_by.pk:
        _notify(
            [review.reviewer],
            kind=NotificationKind.DECISION,
            url=_review_url(project),
            title=lambda: _("Decision on %(ref)s: %(decision)s") % {"ref": ref, "decision": decision_label},
        )
    return decision


@transaction.atomic
def review_change_category(*, project: Project, changed_by: User, category: str, reason: str) -> CategoryChange:
    """The regulator overrides the screened category, with a reason kept for good; the review
    period (and so the due date) follows the new category."""
    project = lock_project(project)
    if not can_decide_project(changed_by, project):
        raise PermissionDeniedError(_("Only a lead reviewer of this project's jurisdiction changes the category."))
    if category not in Category.values:
        raise ServiceError(_("Choose a category."), field="category")
    reason = _text(reason, field="reason", missing=_("Say why the category changes."))
    if project.status not in PROJECT.sources_of(P.WITHDRAWN) - {P.DRAFT}:
        raise ConflictError(_("The category can change only while the project is under review."))
    if category == project.category:
        raise ServiceError(_("The project is already in this category."), field="category")
    change = CategoryChange.objects.create(
        project=project, before=project.category, after=category, reason=reason, changed_by=changed_by
    )
    before = project.category
    project.category = category
    project.save(update_fields=["category", "updated_at"])
    review = _lock_review(project)
    if review is not None:
        days = sel.review_period_days(category)
        review.due_at += timedelta(days=days - review.period_days)
        review.period_days = days
        review.save(update_fields=["due_at", "period_days"])
    audit_log(
        actor=changed_by,
        action="project.category_changed",
        target=project,
        before={"category": before},
        after={"category": category},
        reason=reason,
    )
    ref = project.reference
    _notify(
        _enterprise_users(project),
        kind=NotificationKind.SYSTEM,
        url=_enterprise_url(project),
        title=lambda: _("The regulator changed the category of %(ref)s to %(cat)s") % {"ref": ref, "cat": category},
        body=lambda: reason,
    )
    return change


# --- The periodic job ------------------------------------------------------------------------


@transaction.atomic
def review_due_dates_check(*, now=None) -> dict:
    """Mark overdue requests and warn reviewers of reviews due soon or overdue, once each.

    Idempotent: a second run the same hour finds nothing new (the marks are stored).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"requests_overdue": 0, "due_soon": 0, "overdue": 0}
    for request in (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("project", "project__organisation")
        .filter(status=RequestStatus.OPEN, due_date__lt=today)
    ):
        INFORMATION_REQUEST.ensure(request, to=RequestStatus.OVERDUE)
        request.status = RequestStatus.OVERDUE
        request.save(update_fields=["status"])
        project = request.project
        audit_log(actor=None, action="information_request.overdue", target=project, after={"request": request.number})
        ref, number, due = project.reference, request.number, request.due_date.isoformat()
        review = getattr(project, "review", None)

        def title(number=number, ref=ref, due=due):
            return _("Request %(n)s on %(ref)s is overdue (due %(date)s)") % {"n": number, "ref": ref, "date": due}

        kind = NotificationKind.REQUEST_FOR_INFORMATION
        _notify(_enterprise_users(project), kind=kind, url=_enterprise_url(project), title=title)
        _notify(_reviewers(project, review), kind=kind, url=_review_url(project), title=title)
        counts["requests_overdue"] += 1
    open_reviews = (
        Review.objects.select_for_update(of=("self",))
        .select_related("project", "reviewer")
        .filter(closed_at__isnull=True, paused_since__isnull=True, project__status__in=[P.SUBMITTED, P.UNDER_REVIEW])
    )
    for review in open_reviews.filter(overdue_notified_at__isnull=True, due_at__lt=now):
        project, ref, due = review.project, review.project.reference, review.due_at.date().isoformat()
        review.overdue_notified_at = now
        review.save(update_fields=["overdue_notified_at"])
        _notify(
            _reviewers(project, review),
            kind=NotificationKind.SYSTEM,
            url=_review_url(project),
            title=lambda ref=ref, due=due: (
                _("Review of %(ref)s is past its due date (%(date)s)") % {"ref": ref, "date": due}
            ),
        )
        counts["overdue"] += 1
    for review in open_reviews.filter(due_soon_notified_at__isnull=True, due_at__gte=now, due_at__lt=now + DUE_SOON):
        project, ref, due = review.project, review.project.reference, review.due_at.date().isoformat()
        review.due_soon_notified_at = now
        review.save(update_fields=["due_soon_notified_at"])
        _notify(
            _reviewers(project, review),
            kind=NotificationKind.SYSTEM,
            url=_review_url(project),
            title=lambda ref=ref, due=due: _("Review of %(ref)s is due on %(date)s") % {"ref": ref, "date": due},
        )
        counts["due_soon"] += 1
    return counts
