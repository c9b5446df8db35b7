"""Design emission, effluent and noise values an enterprise declares for its project."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge.choices import Airshed, Fuel, Medium, PlantAge, ReceivingWater, SourceType


class DesignValue(models.Model):
    """A design emission, effluent or noise value the enterprise declares for its project."""

    project = models.ForeignKey("assessments.Project", on_delete=models.CASCADE, related_name="design_values")
    parameter = models.CharField(_("parameter"), max_length=60)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    value = models.DecimalField(_("design value"), max_digits=20, decimal_places=10)
    unit = models.CharField(_("unit"), max_length=30)
    averaging = models.CharField(_("averaging period"), max_length=60, blank=True)
    conditions = models.CharField(_("conditions"), max_length=120, blank=True, help_text=_("e.g. 6% O2, dry gas"))
    # The emission source's facts the applicable limits depend on (issue 10.1); empty = not stated,
    # and the compliance matrix then refuses to judge against rows that depend on it.
    source_type = models.CharField(_("source type"), max_length=20, choices=SourceType.choices, blank=True)
    fuel = models.CharField(_("fuel"), max_length=12, choices=Fuel.choices, blank=True)
    plant_age = models.CharField(
        _("new or existing"), max_length=10, choices=PlantAge.choices, blank=True, default=PlantAge.NEW
    )
    airshed = models.CharField(_("airshed"), max_length=14, choices=Airshed.choices, blank=True)
    receiving_water = models.CharField(_("receiving water"), max_length=16, choices=ReceivingWater.choices, blank=True)
    receiving_water_class = models.CharField(_("receiving-water class"), max_length=60, blank=True)

    class Meta:
        ordering = ["medium", "parameter"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "parameter", "medium", "averaging"], name="assessments_designvalue_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.parameter} {self.value} {self.unit}"
