"""Blacklisting of enterprises with due process: a case (notice, response, decision, appeal)
and the entry it creates. Neither is ever deleted; an entry is lifted with a date and a reason."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.choices import BlacklistCaseStatus, BlacklistGround
from portal.text import TEXT_MAX_LENGTH


class BlacklistCase(models.Model):
    """A regulator's case against an enterprise. Its moves are the ``BLACKLIST_CASE`` table in
    ``assessments/workflow.py``; every move is a service in ``services/blacklist.py``."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="blacklist_cases")
    authority = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("ground"), max_length=30, choices=BlacklistGround.choices)
    evidence = models.TextField(_("evidence"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=BlacklistCaseStatus.choices,
        default=BlacklistCaseStatus.AWAITING_RESPONSE,
        db_index=True,
    )
    response_due_on = models.DateField(_("response due"))
    response = models.TextField(_("enterprise's response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    appeal = models.TextField(_("appeal"), blank=True)
    appealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    appeal_reason = models.TextField(_("reasons for the appeal decision"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("blacklist case")
        verbose_name_plural = _("blacklist cases")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_ground_display()})"

    def get_absolute_url(self) -> str:
        return reverse("review:blacklist-case", args=[self.pk])


def evidence_upload_to(instance, filename: str) -> str:
    # A fresh UUID per file: a stored file is never overwritten, whatever its name.
    return f"blacklist/{instance.case_id}/{uuid.uuid4().hex}/{filename}"


class BlacklistEvidence(models.Model):
    """A document attached to a case by the regulator or by the enterprise (checked upload)."""

    case = models.ForeignKey(BlacklistCase, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    mime = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blacklist evidence")
        verbose_name_plural = _("blacklist evidence")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class BlacklistEntry(models.Model):
    """An enterprise's listing. Created by a lead reviewer's decision on a case (``case``);
    entries from before the case workflow have none. Never deleted: lifted with a date."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="blacklist_entries")
    case = models.OneToOneField(BlacklistCase, on_delete=models.PROTECT, null=True, blank=True, related_name="entry")
    ground = models.CharField(_("ground"), max_length=30, choices=BlacklistGround.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX_LENGTH)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lift_reason = models.CharField(_("why lifted"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blacklist entry")
        verbose_name_plural = _("blacklist entries")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} from {self.starts_on}"
