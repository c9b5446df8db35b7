"""Public comments on a disclosed project: the comment, its attachments, reports of abuse and
the enterprise's answer.

A comment's email is never shown: only its SHA-256 is kept once confirmed for rate limits, the
address itself for the confirmation mail and the moderator. A redaction keeps the original
(``body``) for the record and publishes ``public_body``.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.choices import AnswerVerdict, CommentStatus
from portal.text import TEXT_MAX_LENGTH


def token_hash(token: str) -> str:
    """What is kept of a confirmation link's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def comment_attachment_upload_to(instance, filename: str) -> str:
    return f"comments/{instance.comment.project_id}/{uuid.uuid4().hex}/{filename}"


class Comment(models.Model):
    """One comment from a member of the public or an NGO member."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="comments")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    # Set when an NGO member comments signed in: the comment is shown under the organisation.
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    body = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH)
    # What the public sees: the body, or the body with the moderator's redactions.
    public_body = models.TextField(_("published text"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CommentStatus.choices, default=CommentStatus.UNCONFIRMED, db_index=True
    )
    # SHA-256 of the confirmation token sent by email (the token itself is never stored).
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    language = models.CharField(max_length=10, default="en")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    redacted = models.BooleanField(_("redacted"), default=False)
    # When a moderator last looked at the reports (publishing a hidden comment again): only
    # reports made after it count towards hiding it again.
    reports_reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="assessments_comment_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="assessments_comment_rejected_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["project", "status"], name="assessments_comment_status")]

    def __str__(self) -> str:
        return f"{self.project.reference} comment {self.number}"

    @property
    def shown_name(self) -> str:
        """The name the public sees: an NGO member's organisation, or the person's own."""
        if self.organisation_id:
            return self.organisation.name
        return self.name


class CommentAttachment(models.Model):
    """A file attached to a comment, checked by ``portal.uploads`` before it was stored."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=comment_attachment_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    mime = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment attachment")
        verbose_name_plural = _("comment attachments")
        ordering = ["comment", "id"]

    def __str__(self) -> str:
        return self.original_name


class CommentReport(models.Model):
    """Someone flagged a published comment as abusive; one per reporter (address or account)."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="reports")
    # Who reported: the account, or a hash of the address for anonymous readers.
    reporter_key = models.CharField(max_length=80)
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_key"], name="assessments_commentreport_one_per_person")
        ]

    def __str__(self) -> str:
        return f"report on {self.comment}"


class CommentAnswer(models.Model):
    """The enterprise's answer to one comment: adopted, partly adopted or not, with a reason."""

    comment = models.OneToOneField(Comment, on_delete=models.PROTECT, related_name="answer")
    verdict = models.CharField(_("answer"), max_length=16, choices=AnswerVerdict.choices)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX_LENGTH)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer to a comment")
        verbose_name_plural = _("answers to comments")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="assessments_commentanswer_has_reason")
        ]

    def __str__(self) -> str:
        return f"answer to {self.comment}"
