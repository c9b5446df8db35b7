"""Projects an enterprise registers for tiered environmental impact assessment.

Status moves are legal only as ``assessments.workflow.PROJECT`` lists them; services assign it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.choices import (
    CapacityUnit,
    Category,
    ProjectStatus,
)
from assessments.workflow import EDITABLE
from portal.choices import Sector
from portal.text import TEXT_MAX_LENGTH

S = ProjectStatus


class Project(models.Model):
    """An overseas investment project of one enterprise."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="projects")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("project name"), max_length=255)
    host_country = models.ForeignKey(
        "knowledge.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("host country"),
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    site = models.JSONField(_("site (GeoJSON geometry)"), null=True, blank=True)
    site_area_km2 = models.DecimalField(_("site area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True)
    capacity = models.DecimalField(_("capacity"), max_digits=14, decimal_places=3, null=True, blank=True)
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, choices=CapacityUnit.choices, blank=True)
    investment = models.DecimalField(_("investment"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    construction_start = models.DateField(_("construction start"), null=True, blank=True)
    operation_start = models.DateField(_("operation start"), null=True, blank=True)
    local_partner = models.CharField(_("local partner"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    answers = models.JSONField(_("questionnaire answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=24, choices=ProjectStatus.choices, default=S.DRAFT, db_index=True)
    category = models.CharField(_("category"), max_length=1, choices=Category.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Assigned at the first submission (``GBR-<year>-<id>``) and never changed.
    reference = models.CharField(_("reference number"), max_length=20, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(operation_start__isnull=True)
                | models.Q(construction_start__isnull=True)
                | models.Q(operation_start__gte=models.F("construction_start")),
                name="assessments_project_operation_after_construction",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:project-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE
