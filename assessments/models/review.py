"""Regulator review: frozen submission versions, the review clock, requests for information,
internal notes, decisions and their numbered conditions.

Every row here is a legal record: versions, decisions and conditions never change once written
(``save`` refuses an update), requests change only through ``workflow.INFORMATION_REQUEST``,
and nothing is deleted (``on_delete=PROTECT``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.choices import Category, DecisionOutcome, NoteKind, Recurrence, RequestStatus


class _Frozen(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(f"A {self._meta.verbose_name} never changes once recorded.")
        super().save(*args, **kwargs)


class ReviewPeriod(models.Model):
    """The published service standard: how many calendar days a regulator takes per category.

    Staff edit it in the admin; ``/service-standards/`` publishes it with its legal basis.
    """

    category = models.CharField(_("category"), max_length=1, choices=Category.choices, primary_key=True)
    days = models.PositiveSmallIntegerField(_("review period (calendar days)"))
    basis = models.CharField(_("basis"), max_length=300)
    source_url = models.URLField(_("source"), max_length=500)
    verified = models.BooleanField(_("verified in the source"), default=False)

    class Meta:
        verbose_name = _("review period")
        verbose_name_plural = _("review periods")
        ordering = ["-category"]

    def __str__(self) -> str:
        return f"{self.category}: {self.days} d"


class Review(models.Model):
    """The review of one project across its versions: who reviews it and the review clock.

    The clock runs from the first submission; while the enterprise holds the file (an open
    request for information, a requested revision) it stands still, and the due date moves by
    exactly the paused time. ``due_at`` is stored (so the queue sorts by it in SQL) as
    ``started_at + period + paused`` for the pauses that have ended; a pause still running is
    added when it is read.
    """

    project = models.OneToOneField("assessments.Project", on_delete=models.PROTECT, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(_("in review since"))
    period_days = models.PositiveSmallIntegerField(_("review period (days)"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    paused = models.DurationField(_("time paused"), default=timedelta(0))
    paused_since = models.DateTimeField(_("paused since"), null=True, blank=True)
    # Set by a final decision: the clock stops for good.
    closed_at = models.DateTimeField(null=True, blank=True)
    # The periodic job warns once before and once after the due date.
    due_soon_notified_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.project} ({self.project.reference})"

    def paused_until(self, now=None) -> timedelta:
        """All paused time up to ``now``, the pause still running included."""
        now = now or timezone.now()
        running = now - self.paused_since if self.paused_since else timedelta(0)
        return self.paused + running

    def due(self, now=None):
        """The due date as of ``now``: a running pause pushes it on by the time it has run."""
        now = now or timezone.now()
        return self.due_at + (now - self.paused_since if self.paused_since else timedelta(0))

    def days_in_review(self, now=None) -> int:
        """Days the regulator has held the file (paused time is the enterprise's, not counted)."""
        now = self.closed_at or now or timezone.now()
        return max(0, (now - self.started_at - self.paused_until(now)).days)

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


class SubmissionVersion(_Frozen):
    """What the enterprise submitted, frozen as JSON at the moment of submission."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("submission version")
        verbose_name_plural = _("submission versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="assessments_submissionversion_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.number}"


class InformationRequest(models.Model):
    """A regulator's question to the enterprise, with a due date, and the enterprise's answer."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="information_requests")
    version = models.ForeignKey(SubmissionVersion, on_delete=models.PROTECT, related_name="requests")
    number = models.PositiveIntegerField(_("number"))
    question = models.TextField(_("question"))
    due_date = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set when a revised submission, rather than a written answer, closed the request.
    answered_by_version = models.ForeignKey(
        SubmissionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="assessments_informationrequest_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="answered") | ~models.Q(answer=""),
                name="assessments_informationrequest_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} RFI {self.number}"


class ReviewNote(_Frozen):
    """A reviewer's internal note or recommendation: never shown to the enterprise or the public."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="review_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=NoteKind.choices, default=NoteKind.NOTE)
    outcome = models.CharField(_("recommended decision"), max_length=24, choices=DecisionOutcome.choices, blank=True)
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("internal review note")
        verbose_name_plural = _("internal review notes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="recommendation") | ~models.Q(outcome=""),
                name="assessments_reviewnote_recommendation_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.project}"


class CategoryChange(_Frozen):
    """The regulator changed the category the portal screened, with a reason (kept for good)."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="category_changes")
    before = models.CharField(_("from"), max_length=1, choices=Category.choices, blank=True)
    after = models.CharField(_("to"), max_length=1, choices=Category.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("category change")
        verbose_name_plural = _("category changes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.before or '-'} → {self.after}"


class RequestAttachment(models.Model):
    """A file that goes with a request for information: the regulator's with the question, the
    enterprise's with its answer. Checked by content on upload (``portal.uploads``), kept for good."""

    class Side(models.TextChoices):
        QUESTION = "question", _("With the question")
        ANSWER = "answer", _("With the answer")

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="attachments")
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    file = models.FileField(upload_to="requests/%Y/%m/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    mime = models.CharField(max_length=127)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Decision(_Frozen):
    """The lead reviewer's decision on one submission version, with reasons. One per version
    (a database constraint, so two lead reviewers deciding at once cannot both win)."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="decisions")
    version = models.OneToOneField(SubmissionVersion, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=24, choices=DecisionOutcome.choices)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reasons=""), name="assessments_decision_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:project-review", args=[self.project_id])


class Condition(_Frozen):
    """A numbered obligation of an approval, due once or recurring, optionally tied to one of
    the project's control measures; performance review checks it later."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="conditions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("condition"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices, blank=True)
    measure = models.ForeignKey(
        "assessments.ControlMeasure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conditions",
        verbose_name=_("control measure"),
    )

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="assessments_condition_number_unique"),
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=False) | ~models.Q(recurrence=""),
                name="assessments_condition_due_or_recurring",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"
