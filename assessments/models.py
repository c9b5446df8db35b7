"""Projects an enterprise submits for tiered environmental impact assessment, their screening,
site screening, risk and control-measure lists, design values and documents.

The project's status is a django-fsm-2 state machine (transitions below); services call the
transitions, never assign ``status`` directly.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from assessments.choices import (
    CapacityUnit,
    Category,
    DocumentKind,
    Light,
    LightDimension,
    MeasureResponse,
    MeasureStatus,
    Operator,
    Phase,
    ProjectStatus,
    RuleKind,
    SensitiveAreaType,
    SiteRelation,
    Visibility,
)
from knowledge.choices import Airshed, Fuel, Medium, PlantAge, ReceivingWater, RiskDimension, RiskLevel, SourceType
from portal.choices import Sector

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
    description = models.TextField(_("description"), blank=True)
    answers = models.JSONField(_("questionnaire answers"), default=dict, blank=True)
    status = FSMField(_("status"), max_length=24, choices=ProjectStatus.choices, default=S.DRAFT, db_index=True)
    category = models.CharField(_("category"), max_length=1, choices=Category.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
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

    # --- state machine (django-fsm-2) -----------------------------------------------------------
    @transition(field=status, source=[S.DRAFT, S.REVISION_REQUESTED, S.INFO_REQUESTED], target=S.SUBMITTED)
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(field=status, source=[S.DRAFT, S.SUBMITTED, S.REVISION_REQUESTED, S.INFO_REQUESTED], target=S.WITHDRAWN)
    def withdraw(self):
        """Withdrawn projects are kept (never deleted) with their trail."""

    @property
    def is_editable(self) -> bool:
        return self.status in (S.DRAFT, S.REVISION_REQUESTED, S.INFO_REQUESTED)


class ScreeningRuleSet(models.Model):
    """A versioned set of screening rules. A ruleset that screened a project is frozen: staff
    change the rules by cloning it into a new version and activating that."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=False)
    threshold_a = models.PositiveSmallIntegerField(_("points for category A"), default=8)
    threshold_b = models.PositiveSmallIntegerField(_("points for category B"), default=3)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("screening rule set")
        verbose_name_plural = _("screening rule sets")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="assessments_ruleset_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.name}"

    @property
    def is_frozen(self) -> bool:
        return self.screenings.exists()


class ScreeningRule(models.Model):
    """One rule: when its condition holds, it adds points, sets a category floor and may raise a
    traffic light, with an explanation shown to the enterprise and the regulator."""

    ruleset = models.ForeignKey(ScreeningRuleSet, on_delete=models.CASCADE, related_name="rules")
    code = models.SlugField(_("code"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)
    sector = models.CharField(
        _("sector"), max_length=30, choices=Sector.choices, blank=True, help_text=_("Empty: any sector.")
    )
    question = models.CharField(_("question"), max_length=40, blank=True)
    operator = models.CharField(_("condition"), max_length=10, choices=Operator.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=14, decimal_places=3, null=True, blank=True)
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, choices=CapacityUnit.choices, blank=True)
    site_type = models.CharField(_("site type"), max_length=30, choices=SensitiveAreaType.choices, blank=True)
    country_dimension = models.CharField(
        _("country risk dimension"), max_length=20, choices=RiskDimension.choices, blank=True
    )
    country_level = models.CharField(_("country risk level"), max_length=12, choices=RiskLevel.choices, blank=True)
    points = models.SmallIntegerField(_("points"), default=0)
    category_floor = models.CharField(_("at least category"), max_length=1, choices=Category.choices, blank=True)
    light_dimension = models.CharField(_("raises light"), max_length=12, choices=LightDimension.choices, blank=True)
    light = models.CharField(_("to"), max_length=6, choices=Light.choices, blank=True)
    explanation = models.CharField(_("explanation"), max_length=500)

    class Meta:
        verbose_name = _("screening rule")
        verbose_name_plural = _("screening rules")
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["ruleset", "code"], name="assessments_rule_code_unique")]

    def __str__(self) -> str:
        return self.code


class Screening(models.Model):
    """The result of screening a project with one rule-set version. Never changes afterwards."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="screenings")
    ruleset = models.ForeignKey(ScreeningRuleSet, on_delete=models.PROTECT, related_name="screenings")
    ruleset_version = models.PositiveIntegerField()
    category = models.CharField(max_length=1, choices=Category.choices)
    points = models.SmallIntegerField()
    factors = models.JSONField(default=list)
    lights = models.JSONField(default=dict)
    inputs = models.JSONField(default=dict, help_text="the project facts the rules saw")
    site_results = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project} → {self.category} (rules v{self.ruleset_version})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("A screening never changes once recorded.")
        super().save(*args, **kwargs)


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
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="site_results")
    area = models.ForeignKey(SensitiveArea, on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(max_length=10, choices=SiteRelation.choices)
    distance_m = models.PositiveIntegerField()
    buffer_m = models.PositiveIntegerField()

    class Meta:
        ordering = ["distance_m"]

    def __str__(self) -> str:
        return f"{self.area} {self.relation} {self.distance_m} m"


class HazardTemplate(models.Model):
    """The catalogue's hazards per sector ("*" = every sector)."""

    code = models.CharField(max_length=100, primary_key=True)
    sectors = models.JSONField(default=list)
    dimension = models.CharField(max_length=20, choices=RiskDimension.choices)
    title = models.CharField(max_length=255)
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField()
    severity = models.PositiveSmallIntegerField()
    site_amplifiers = models.JSONField(default=list)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class MeasureTemplate(models.Model):
    code = models.CharField(max_length=100, primary_key=True)
    title = models.CharField(max_length=255)
    description = models.TextField()
    phase = models.CharField(max_length=12, choices=Phase.choices)
    treats = models.ManyToManyField(HazardTemplate, related_name="measures")
    references = models.JSONField(default=list, help_text="instrument keys in the knowledge base")
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class RiskItem(models.Model):
    """One risk of one project, generated from the catalogue and kept across regenerations."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(max_length=100)
    dimension = models.CharField(_("dimension"), max_length=20, choices=RiskDimension.choices)
    title = models.CharField(_("risk"), max_length=255)
    description = models.TextField(_("description"))
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
    def band(self) -> str:
        return "high" if self.rating >= 15 else ("medium" if self.rating >= 8 else "low")


class ControlMeasure(models.Model):
    """One item of the project's action plan."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(max_length=100)
    title = models.CharField(_("measure"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    risks = models.ManyToManyField(RiskItem, blank=True, related_name="measures", verbose_name=_("risks treated"))
    references = models.ManyToManyField(
        "knowledge.Instrument", blank=True, related_name="+", verbose_name=_("references")
    )
    evidence_expected = models.TextField(_("evidence expected"), blank=True)
    proposed_by_enterprise = models.BooleanField(default=False)
    response = models.CharField(
        _("answer"), max_length=12, choices=MeasureResponse.choices, default=MeasureResponse.PENDING
    )
    alternative = models.TextField(_("alternative measure"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    evidence = models.TextField(_("evidence"), blank=True)
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


class DesignValue(models.Model):
    """A design emission, effluent or noise value the enterprise declares for its project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="design_values")
    parameter = models.CharField(_("parameter"), max_length=60)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    value = models.DecimalField(_("design value"), max_digits=14, decimal_places=4)
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


def document_upload_to(instance, filename: str) -> str:
    # A fresh UUID per version: a stored file is never overwritten, whatever its name.
    return f"documents/{instance.document.project_id}/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    visibility = models.CharField(
        _("visibility"), max_length=14, choices=Visibility.choices, default=Visibility.REGULATORS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class DocumentVersion(models.Model):
    """One uploaded file. A new upload is a new version; nothing is overwritten or deleted."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    mime = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="assessments_docversion_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:document-download", args=[self.document.project_id, self.pk])


class BlacklistEntry(models.Model):
    """An enterprise's blacklisting. The due-process workflow comes with the blacklist issue;
    the submission check (``assessments.selectors.blacklist_entry_active_for``) is defined now."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="blacklist_entries")
    reason = models.TextField(_("reason"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blacklist entry")
        verbose_name_plural = _("blacklist entries")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.organisation} from {self.starts_on}"
