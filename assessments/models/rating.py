"""The barometer: regulator-recorded incidents and the history of each enterprise's rating."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import IncidentSeverity, RatingColour, RedGround


class Incident(models.Model):
    """An environmental incident or finding recorded by a regulator against an enterprise.

    Performance reports will add incidents the enterprise reports itself; these are the
    regulator's. ``corrected_at`` with its evidence is how a rating is repaired."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="incidents")
    project = models.ForeignKey(
        "assessments.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    occurred_on = models.DateField(_("date"))
    severity = models.CharField(_("severity"), max_length=10, choices=IncidentSeverity.choices)
    red_ground = models.CharField(_("turns the rating red"), max_length=30, choices=RedGround.choices, blank=True)
    description = models.TextField(_("description"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    corrected_at = models.DateTimeField(_("corrected"), null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    correction_evidence = models.TextField(_("evidence of correction"), blank=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.occurred_on} ({self.severity})"


class Rating(models.Model):
    """One rating of an enterprise: computed by a rule-set version, or a regulator's override.

    Rows are never changed except ``current``: the newest row of an enterprise is current (one
    per enterprise, a named constraint), the rest are its history."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="ratings")
    colour = models.CharField(_("colour"), max_length=10, choices=RatingColour.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    rules_version = models.CharField(_("rule set"), max_length=20)
    inputs = models.JSONField(default=dict)
    trigger = models.CharField(_("recomputed on"), max_length=50)
    is_override = models.BooleanField(_("regulator override"), default=False)
    override_reason = models.TextField(_("reason for the override"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    current = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(current=True),
                name="assessments_rating_one_current_per_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(is_override=False) | ~models.Q(override_reason=""),
                name="assessments_rating_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.colour}"
