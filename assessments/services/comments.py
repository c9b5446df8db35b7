"""Writes of public participation: a comment (anyone, no account; confirmed by an emailed link
before it counts), moderation (publish, reject with a reason, redact a passage), reports of
abuse (every one told to the moderators; three distinct reporters hide the comment until a
moderator looks again) and the enterprise's answer to each comment.

Threats and their answers: a flood from one address or one email (``_rate_limit``, counted in
the database so every node agrees; 429 with the minutes to wait); a comment submitted for
someone else's email (it counts only once the link sent to that address is followed; the token
is stored only as its SHA-256); markup or links in the text or an attachment's name (kept as
typed, escaped by every template and the PDF, attachments through ``portal.uploads``); a
window that closed a second ago (``ensure_window_open`` compares the instant, not the status).
"""

from __future__ import annotations

import ipaddress
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.choices import AnswerVerdict, CommentStatus
from assessments.models import Comment, CommentAnswer, CommentAttachment, CommentReport, Project
from assessments.models.comments import token_hash
from assessments.permissions import can_answer_request, can_review_project
from assessments.services.disclosure import ensure_window_open
from assessments.services.projects import lock_project
from assessments.workflow import COMMENT
from portal.audit import audit_log
from portal.choices import NotificationKind, OrganisationKind
from portal.errors import ConflictError, NotFoundError, RateLimitedError, ServiceError
from portal.outbox import enqueue_on_commit
from portal.text import clean_name, clean_text
from portal.throttle import parse_rate
from portal.uploads import check_upload

S = CommentStatus
BODY_MAX = 10_000
REASON_MAX = 5_000
MAX_ATTACHMENTS = 3
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# A confirmation link older than this no longer confirms: the comment lapses unconfirmed.
CONFIRM_WITHIN = timedelta(hours=72)
# Distinct reporters after whom a published comment is hidden until a moderator looks again.
HIDE_AFTER_REPORTS = 3
REDACTED = "[…]"
CONFIRMATION_SENT = gettext_lazy(
    "We have emailed a confirmation link; the comment counts once it is opened (within 72 hours)."
)
AWAITING_MODERATION = gettext_lazy("Received; a moderator reads it before it is published.")


def _text(value: str, *, field: str, missing: str, limit: int) -> str:
    value = clean_text(value or "").strip()
    if not value:
        raise ServiceError(missing, field=field)
    if len(value) > limit:
        raise ServiceError(_("Keep this under %(n)s characters.") % {"n": f"{limit:,}"}, field=field)
    return value


def _rate_limit(*, ip: str | None, email: str, now) -> None:
    for rate, condition, message in (
        (
            settings.COMMENT_RATE_PER_ADDRESS,
            {"ip_address": ip} if ip else None,
            _("Too many comments from your network address. Please try again in %(minutes)s minutes."),
        ),
        (
            settings.COMMENT_RATE_PER_EMAIL,
            {"email__iexact": email},
            _("Too many comments from this email address. Please try again in %(minutes)s minutes."),
        ),
    ):
        parsed = parse_rate(rate)
        if parsed is None or condition is None:
            continue
        limit, period = parsed
        since = now - timedelta(seconds=period)
        recent = list(
            Comment.objects.filter(created_at__gte=since, **condition)
            .order_by("created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            wait = max(60, int((recent[0] + timedelta(seconds=period) - now).total_seconds()))
            raise RateLimitedError(message % {"minutes": (wait + 59) // 60}, retry_after=wait)


def _ip_or_none(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def _moderators(project: Project):
    from assessments.selectors.review import reviewer_list_for_project

    return list(reviewer_list_for_project(project=project))


def _notify(users, *, url: str, title) -> None:
    from assessments.services.review import _notify as notify

    notify(users, kind=NotificationKind.COMMENT_WINDOW, url=url, title=title)


def _send_confirmation(comment: Comment, token: str) -> None:
    from portal.tasks import email_send_task

    link = settings.SITE_URL + reverse("disclosure:comment-confirm", args=[token])
    with translation.override(comment.language):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Confirm your comment on %(ref)s") % {
            "ref": comment.project.reference
        }
        body = _(
            "You (or someone using your address) commented on project %(ref)s, %(name)s.\n\n"
            "The comment counts once you confirm it by opening this link within 72 hours:\n%(link)s\n\n"
            "After confirmation a moderator reads it before it is published. Your email address is never "
            "published. If you did not write this comment, ignore this message."
        ) % {"ref": comment.project.reference, "name": comment.project.name, "link": link}
    enqueue_on_commit(email_send_task, to=[comment.email], subject=subject, body=body)


@transaction.atomic
def comment_submit(
    *,
    project: Project,
    name: str,
    email: str,
    body: str,
    organisation_name: str = "",
    country: str = "",
    attachments=(),
    author=None,
    ip: str | None = None,
    language: str = "en",
    now=None,
) -> tuple[Comment, str]:
    """Record a comment while the window is open. Anonymous: unconfirmed until the emailed link
    is followed (returns the token so the API can say it was sent, never shows it). A signed-in
    member of an NGO comments under the organisation's name with the account's confirmed email,
    and goes straight to moderation."""
    now = now or timezone.now()
    # The address is stored and counted as an IP; a server that passes none (a unix socket, a
    # test client) must not turn a comment into a 500: then only the per-email limit applies.
    ip = _ip_or_none(ip)
    project = lock_project(project)
    ensure_window_open(project, now=now)
    organisation = None
    verified = False
    if author is not None and getattr(author, "is_authenticated", False):
        from allauth.account.models import EmailAddress

        membership = (
            author.memberships.select_related("organisation").filter(organisation__kind=OrganisationKind.NGO).first()
        )
        if membership is not None:
            organisation = membership.organisation
            organisation_name = organisation.name
        email = author.email
        name = name or author.get_full_name() or author.email.split("@")[0]
        verified = EmailAddress.objects.filter(user=author, email__iexact=author.email, verified=True).exists()
    else:
        author = None
    name = clean_name(name)[:120]
    if not name:
        raise ServiceError(_("Give your name."), field="name")
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(_("Give an email address we can send the confirmation link to."), field="email") from exc
    body = _text(body, field="body", missing=_("Write your comment."), limit=BODY_MAX)
    country = (country or "").strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise ServiceError(_("Choose a country from the list."), field="country")
    attachments = [a for a in attachments if a]
    if len(attachments) > MAX_ATTACHMENTS:
        raise ServiceError(_("Attach at most three files."), field="attachments")
    checked = [check_upload(a, max_bytes=ATTACHMENT_MAX_BYTES) for a in attachments]
    _rate_limit(ip=ip, email=email, now=now)
    last = project.comments.order_by("-number").first()
    token = secrets.token_urlsafe(32)
    comment = Comment.objects.create(
        project=project,
        number=(last.number + 1) if last else 1,
        name=name,
        organisation_name=clean_name(organisation_name)[:200],
        organisation=organisation,
        author=author,
        country=country,
        email=email,
        body=body,
        status=S.PENDING if verified else S.UNCONFIRMED,
        token_hash="" if verified else token_hash(token),
        ip_address=ip or None,
        language=language if language in dict(settings.LANGUAGES) else "en",
        created_at=now,
        confirmed_at=now if verified else None,
    )
    for upload, check in zip(attachments, checked, strict=True):
        upload.seek(0)
        attachment = CommentAttachment(
            comment=comment, original_name=check.name, size=check.size, sha256=check.sha256, mime=check.mime
        )
        attachment.file.save(check.name, ContentFile(upload.read()), save=False)
        attachment.save()
    audit_log(
        actor=author,
        action="comment.submitted",
        target=project,
        after={"comment": comment.number, "attachments": len(checked), "confirmed": verified},
    )
    if not verified:
        _send_confirmation(comment, token)
    return comment, ("" if verified else token)


@transaction.atomic
def comment_confirm(*, token: str, now=None) -> Comment:
    """The author followed the emailed link: the comment goes to moderation. Following it twice
    changes nothing; an unknown or lapsed link is refused."""
    now = now or timezone.now()
    comment = (
        Comment.objects.select_for_update().filter(token_hash=token_hash(token or "")).select_related("project").first()
    )
    if comment is None or not token:
        raise NotFoundError(_("This confirmation link is not valid."))
    if comment.status != S.UNCONFIRMED:
        return comment
    if now - comment.created_at > CONFIRM_WITHIN:
        raise ConflictError(_("This confirmation link has expired (72 hours). Please comment again."))
    COMMENT.ensure(comment, to=S.PENDING)
    comment.status = S.PENDING
    comment.confirmed_at = now
    comment.save(update_fields=["status", "confirmed_at"])
    audit_log(actor=None, action="comment.confirmed", target=comment.project, after={"comment": comment.number})
    return comment


def _moderating(user, comment: Comment) -> Comment:
    if not can_review_project(user, comment.project):
        raise NotFoundError(_("No such comment in your jurisdiction."))
    return Comment.objects.select_for_update().select_related("project").get(pk=comment.pk)


def _move(comment: Comment, to: str, *, actor, action: str, reason: str = "") -> None:
    before = COMMENT.ensure(comment, to=to)
    comment.status = to
    comment.moderated_by = actor
    fields = ["status", "moderated_by"]
    if to == S.PUBLISHED and comment.published_at is None:
        comment.published_at = timezone.now()
        fields.append("published_at")
    if to == S.PUBLISHED and not comment.public_body:
        comment.public_body = comment.body
        fields.append("public_body")
    comment.save(update_fields=fields)
    audit_log(
        actor=actor,
        action=action,
        target=comment.project,
        before={"comment": comment.number, "status": before},
        after={"comment": comment.number, "status": to},
        reason=reason,
    )


@transaction.atomic
def comment_publish(*, comment: Comment, moderator) -> Comment:
    """Publish a confirmed comment (or one hidden after reports, once read again)."""
    comment = _moderating(moderator, comment)
    if comment.status == S.HIDDEN:
        # The moderator read the reports and kept the comment: hiding it again takes three new ones.
        comment.reports_reviewed_at = timezone.now()
        comment.save(update_fields=["reports_reviewed_at"])
    _move(comment, S.PUBLISHED, actor=moderator, action="comment.published")
    return comment


@transaction.atomic
def comment_reject(*, comment: Comment, moderator, reason: str) -> Comment:
    """Reject with a reason (kept, and shown to no one but moderators)."""
    comment = _moderating(moderator, comment)
    reason = _text(reason, field="reason", missing=_("Give the reason for rejecting it."), limit=REASON_MAX)
    comment.rejection_reason = reason
    comment.save(update_fields=["rejection_reason"])
    _move(comment, S.REJECTED, actor=moderator, action="comment.rejected", reason=reason)
    return comment


@transaction.atomic
def comment_redact(*, comment: Comment, moderator, passage: str) -> Comment:
    """Remove a passage (personal data, abuse) from the published text; the original is kept
    for the record and the page says that the moderator removed something."""
    comment = _moderating(moderator, comment)
    if comment.status not in (S.PENDING, S.PUBLISHED, S.HIDDEN):
        raise ConflictError(_("Only a confirmed comment can be redacted."))
    passage = (passage or "").strip()
    current = comment.public_body or comment.body
    if not passage or passage not in current:
        raise ServiceError(_("Copy the passage exactly as it appears in the comment."), field="passage")
    comment.public_body = current.replace(passage, REDACTED)
    comment.redacted = True
    comment.save(update_fields=["public_body", "redacted"])
    audit_log(
        actor=moderator,
        action="comment.redacted",
        target=comment.project,
        after={"comment": comment.number, "removed_chars": len(passage)},
    )
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, reporter_key: str, reason: str) -> Comment:
    """A reader flags a published comment. Every report is told to the project's moderators;
    the third distinct reporter hides the comment until a moderator publishes or rejects it."""
    comment = Comment.objects.select_for_update().select_related("project").get(pk=comment.pk)
    if comment.status != S.PUBLISHED:
        raise NotFoundError(_("No such published comment."))
    reason = _text(reason, field="reason", missing=_("Say what is wrong with this comment."), limit=500)
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter_key=reporter_key[:80], reason=reason)
    except IntegrityError as exc:
        raise ConflictError(_("You have already reported this comment; a moderator has been told.")) from exc
    reports = comment.reports.all()
    if comment.reports_reviewed_at is not None:
        reports = reports.filter(created_at__gt=comment.reports_reviewed_at)
    count = reports.count()
    audit_log(actor=None, action="comment.reported", target=comment.project, after={"comment": comment.number})
    hidden = count >= HIDE_AFTER_REPORTS
    if hidden:
        _move(comment, S.HIDDEN, actor=None, action="comment.hidden")
    ref, number = comment.project.reference, comment.number
    _notify(
        _moderators(comment.project),
        url=reverse("review:moderation"),
        title=(
            (
                lambda: (
                    _("Comment %(n)s on %(ref)s hidden after %(count)s reports")
                    % {"n": number, "ref": ref, "count": count}
                )
            )
            if hidden
            else (lambda: _("Comment %(n)s on %(ref)s was reported") % {"n": number, "ref": ref})
        ),
    )
    return comment


@transaction.atomic
def comment_answer(*, comment: Comment, answered_by, verdict: str, reason: str) -> CommentAnswer:
    """The enterprise answers a published comment, also after the window closed. One answer per
    comment (a second is a conflict: the public has read the first)."""
    project = lock_project(comment.project)
    if not can_answer_request(answered_by, project):
        raise NotFoundError(_("No such comment on your projects."))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != S.PUBLISHED:
        raise ConflictError(_("Only published comments are answered."))
    if verdict not in AnswerVerdict.values:
        raise ServiceError(_("Choose adopted, partly adopted or not adopted."), field="verdict")
    reason = _text(reason, field="reason", missing=_("Give the reason for your answer."), limit=REASON_MAX)
    if CommentAnswer.objects.filter(comment=comment).exists():
        raise ConflictError(_("This comment has already been answered."))
    answer = CommentAnswer.objects.create(comment=comment, verdict=verdict, reason=reason, answered_by=answered_by)
    audit_log(
        actor=answered_by,
        action="comment.answered",
        target=project,
        after={"comment": comment.number, "verdict": verdict},
    )
    return answer
