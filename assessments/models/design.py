"""Design emission, effluent and noise values an enterprise declares for its project."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge.choices import Medium


class DesignValue(models.Model):
    """A design emission, effluent or noise value the enterprise declares for its project."""

    project = models.ForeignKey("assessments.Project", on_delete=models.CASCADE, related_name="design_values")
    parameter = models.CharField(_("parameter"), max_length=60)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    value = models.DecimalField(_("design value"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=30)
    averaging = models.CharField(_("averaging period"), max_length=60, blank=True)
    conditions = models.CharField(_("conditions"), max_length=120, blank=True, help_text=_("e.g. 6% O2, dry gas"))

    class Meta:
        ordering = ["medium", "parameter"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "parameter", "medium", "averaging"], name="assessments_designvalue_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.parameter} {self.value} {self.unit}"
