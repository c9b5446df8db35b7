"""Green credit: who asked about whom, and the institutions' webhook subscriptions."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import WebhookDeliveryStatus


class CreditQuery(models.Model):
    """One lookup by a financial institution (append-only; the enterprise may read its own)."""

    institution = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_queries"
    )
    registration_number = models.CharField(max_length=100)
    kind = models.CharField(max_length=10)  # "lookup" or "bulk"
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("credit query")
        verbose_name_plural = _("credit queries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.institution} → {self.registration_number}"


def _webhook_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    """An institution's endpoint told when a watched enterprise's rating or listing changes."""

    institution = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="webhooks")
    url = models.URLField(_("endpoint URL"), max_length=500)
    secret = models.CharField(max_length=64, default=_webhook_secret, editable=False)
    watched = models.ManyToManyField("portal.Organisation", related_name="watched_by", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.institution} → {self.url}"


class WebhookDelivery(models.Model):
    """One event for one subscription; the body is fixed at creation so every retry signs the
    same bytes."""

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries")
    event = models.CharField(max_length=50)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=WebhookDeliveryStatus.choices, default=WebhookDeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription.url}"
