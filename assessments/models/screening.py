"""Versioned screening rules and the screenings they produced (never changed afterwards)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import (
    CapacityUnit,
    Category,
    Light,
    LightDimension,
    Operator,
    RuleKind,
    SensitiveAreaType,
)
from knowledge.choices import RiskDimension, RiskLevel
from portal.choices import Sector
from portal.text import TEXT_MAX_LENGTH


class ScreeningRuleSet(models.Model):
    """A versioned set of screening rules. A ruleset that screened a project is frozen: staff
    change the rules by cloning it into a new version and activating that."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=False)
    threshold_a = models.PositiveSmallIntegerField(_("points for category A"), default=8)
    threshold_b = models.PositiveSmallIntegerField(_("points for category B"), default=3)
    notes = models.TextField(_("notes"), blank=True, max_length=TEXT_MAX_LENGTH)
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

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="screenings")
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
