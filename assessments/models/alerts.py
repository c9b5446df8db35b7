"""Alerts: anyone may follow new disclosures and opening comment windows by country, sector,
enterprise or an area, with a confirmed email (a daily digest) and a personal Atom feed.

A subscription counts only once its email is confirmed through the emailed link; the secret
``token`` in that link also names the personal feed and the one-click unsubscribe. Nothing is
deleted: an unsubscribed row is kept (with its time) so a digest never goes out twice.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import Sector


def new_token() -> str:
    return secrets.token_urlsafe(32)


class AlertSubscription(models.Model):
    email = models.EmailField(_("email"), max_length=254, db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    country = models.ForeignKey(
        "knowledge.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    enterprise = models.ForeignKey(
        "portal.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    # An area as a circle: sites within ``radius_km`` of the point.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    radius_km = models.PositiveIntegerField(_("radius (km)"), null=True, blank=True)
    new_disclosures = models.BooleanField(_("new disclosures and decisions"), default=True)
    windows_opening = models.BooleanField(_("comment windows opening"), default=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Events up to this instant have been sent; the next digest starts here.
    digest_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True, radius_km__isnull=True)
                    | models.Q(latitude__isnull=False, longitude__isnull=False, radius_km__isnull=False)
                ),
                name="assessments_alertsubscription_area_whole",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.pk})"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
