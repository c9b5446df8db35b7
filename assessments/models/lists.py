"""The hazard and measure catalogue and each project's risk and control-measure lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import (
    MeasureResponse,
    MeasureStatus,
    Phase,
)
from knowledge.choices import RiskDimension
from portal.text import TEXT_MAX_LENGTH


class HazardTemplate(models.Model):
    """The catalogue's hazards per sector ("*" = every sector)."""

    code = models.CharField(max_length=100, primary_key=True)
    sectors = models.JSONField(default=list)
    dimension = models.CharField(max_length=20, choices=RiskDimension.choices)
    title = models.CharField(max_length=255)
    description = models.TextField(max_length=TEXT_MAX_LENGTH)
    likelihood = models.PositiveSmallIntegerField()
    severity = models.PositiveSmallIntegerField()
    site_amplifiers = models.JSONField(default=list)
    # A yes/no question whose answer "no" rules this hazard out (e.g. Indigenous Peoples).
    ruled_out_by_no = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class MeasureTemplate(models.Model):
    code = models.CharField(max_length=100, primary_key=True)
    title = models.CharField(max_length=255)
    description = models.TextField(max_length=TEXT_MAX_LENGTH)
    phase = models.CharField(max_length=12, choices=Phase.choices)
    treats = models.ManyToManyField(HazardTemplate, related_name="measures")
    references = models.JSONField(default=list, help_text="instrument keys in the knowledge base")
    evidence = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class RiskItem(models.Model):
    """One risk of one project, generated from the catalogue and kept across regenerations."""

    project = models.ForeignKey("assessments.Project", on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(max_length=100)
    dimension = models.CharField(_("dimension"), max_length=20, choices=RiskDimension.choices)
    title = models.CharField(_("risk"), max_length=255)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    severity = models.PositiveSmallIntegerField(_("severity"))
    rating = models.PositiveSmallIntegerField(_("rating"))
    amplified_by = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-rating", "code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="assessments_risk_code_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def amplification(self) -> list[str]:
        """Why the likelihood or severity was raised, in the reader's language."""
        from assessments.rules.lists import amplification_text

        return [text for text in map(amplification_text, self.amplified_by or []) if text]

    @property
    def band(self) -> str:
        return "high" if self.rating >= 15 else ("medium" if self.rating >= 8 else "low")


class ControlMeasure(models.Model):
    """One item of the project's action plan."""

    project = models.ForeignKey("assessments.Project", on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(max_length=100)
    title = models.CharField(_("measure"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    risks = models.ManyToManyField(RiskItem, blank=True, related_name="measures", verbose_name=_("risks treated"))
    references = models.ManyToManyField(
        "knowledge.Instrument", blank=True, related_name="+", verbose_name=_("references")
    )
    evidence_expected = models.TextField(_("evidence expected"), blank=True, max_length=TEXT_MAX_LENGTH)
    proposed_by_enterprise = models.BooleanField(default=False)
    response = models.CharField(
        _("answer"), max_length=12, choices=MeasureResponse.choices, default=MeasureResponse.PENDING
    )
    alternative = models.TextField(_("alternative measure"), blank=True, max_length=TEXT_MAX_LENGTH)
    reason = models.TextField(_("reason"), blank=True, max_length=TEXT_MAX_LENGTH)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    evidence = models.TextField(_("evidence"), blank=True, max_length=TEXT_MAX_LENGTH)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["phase", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="assessments_measure_code_unique"),
            models.CheckConstraint(
                condition=~models.Q(response="alternative") | ~models.Q(reason=""),
                name="assessments_measure_alternative_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title
