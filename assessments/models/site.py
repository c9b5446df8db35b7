"""Sensitive areas (protected areas, KBAs, water sources, heritage) and a site's distances to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import (
    SensitiveAreaType,
    SiteRelation,
)


class SensitiveAreaKind(models.Model):
    """Buffer distance per type of sensitive area (staff-managed)."""

    code = models.CharField(max_length=30, choices=SensitiveAreaType.choices, primary_key=True)
    buffer_m = models.PositiveIntegerField(_("buffer (m)"))

    class Meta:
        verbose_name = _("sensitive-area buffer")
        verbose_name_plural = _("sensitive-area buffers")

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.buffer_m} m"


class SensitiveArea(models.Model):
    """A protected area, KBA, drinking-water zone, heritage site or wetland with its outline."""

    type = models.CharField(_("type"), max_length=30, choices=SensitiveAreaType.choices, db_index=True)
    name = models.CharField(_("name"), max_length=255)
    name_local = models.CharField(_("local name"), max_length=255, blank=True)
    designation = models.CharField(_("designation"), max_length=255, blank=True)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    geometry = models.JSONField(_("geometry (GeoJSON)"))
    # Bounding box for a cheap pre-filter before exact geometry tests.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=2, null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500)
    simplified = models.BooleanField(_("simplified outline"), default=False)
    simplification_note = models.CharField(_("simplification"), max_length=300, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("sensitive area")
        verbose_name_plural = _("sensitive areas")
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "type", "name"], name="assessments_area_unique")]

    def __str__(self) -> str:
        return self.name


class SiteScreeningResult(models.Model):
    project = models.ForeignKey("assessments.Project", on_delete=models.CASCADE, related_name="site_results")
    area = models.ForeignKey(SensitiveArea, on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(max_length=10, choices=SiteRelation.choices)
    distance_m = models.PositiveIntegerField()
    buffer_m = models.PositiveIntegerField()

    class Meta:
        ordering = ["distance_m"]

    def __str__(self) -> str:
        return f"{self.area} {self.relation} {self.distance_m} m"
