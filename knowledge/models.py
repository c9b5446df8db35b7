"""The knowledge base: countries, legal instruments, standard limits, guidance, articles.

Editorial content carries a publication status and an optional ``publish_at``: the public sees
a record only when it is published and its time has come (see ``knowledge.selectors``).
Translatable fields are registered in ``knowledge/translation.py`` (django-modeltranslation:
one column per language, falling back to English).
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.choices import (
    Airshed,
    CapacityBasis,
    EntryKind,
    Fuel,
    GasBasis,
    GradeScope,
    InstrumentType,
    LegalStatus,
    Medium,
    PlantAge,
    PublicationStatus,
    ReceivingWater,
    RelationType,
    RiskDimension,
    RiskLevel,
    SourceType,
    Treaty,
    TreatyStatus,
    WorldRegion,
)
from portal.text import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH

partial_date_validator = RegexValidator(
    r"^\d{4}(-\d{2}(-\d{2})?)?$",
    _("Enter a year (2014), a month (2014-04) or a date (2014-04-24)."),
)


def year_of(partial_date: str) -> int | None:
    return int(partial_date[:4]) if partial_date and re.match(r"^\d{4}", partial_date) else None


def editor_note_field() -> models.TextField:
    """The editors' own notes on a record (how it was read, what is uncertain): shown in the
    admin, deferred by every public selector, never on a public page or in the API."""
    return models.TextField(
        _("internal note"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("For editors only; never shown on a public page."),
    )


class Publishable(models.Model):
    """Editorial life cycle shared by every knowledge-base record."""

    status = models.CharField(
        _("publication status"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once; a future time schedules publication."),
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )


class MachineTranslated(models.Model):
    """Which translated languages of a record came from machine-assisted translation and still
    wait for an editor's review. Readers of such a language see a label saying so; an editor
    who has reviewed the translation removes the language code."""

    machine_translated = models.JSONField(
        _("machine-assisted translations"),
        default=list,
        blank=True,
        help_text=_(
            "Language codes (zh-hans, ru, ar) whose translation was machine-assisted and is not yet "
            "reviewed. Remove a code once an editor has reviewed that translation."
        ),
    )

    class Meta:
        abstract = True

    def machine_translated_in(self, language: str) -> bool:
        return language in (self.machine_translated or [])


class Sector(models.Model):
    """One of the policy paper's sectors (codes from ``portal.choices.Sector``)."""

    code = models.CharField(max_length=30, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    code = models.CharField(max_length=30, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Country(MachineTranslated, Publishable):
    """A Belt and Road host country (or China, the reference) and its environmental profile."""

    # The translatable profile sections, in the order pages show them.
    PROFILE_SECTIONS = (
        "sustainable_development",
        "ecological_status",
        "governance_capacity",
        "infrastructure",
        "culture_religion",
    )

    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    region = models.CharField(_("region"), max_length=60, blank=True, choices=WorldRegion.choices)
    is_reference = models.BooleanField(
        _("reference country"), default=False, help_text=_("China, the reference for comparisons.")
    )
    sustainable_development = models.TextField(
        _("sustainable-development level"), blank=True, max_length=LONG_TEXT_MAX_LENGTH
    )
    ecological_status = models.TextField(_("ecological status"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    governance_capacity = models.TextField(
        _("environmental governance capacity"), blank=True, max_length=LONG_TEXT_MAX_LENGTH
    )
    infrastructure = models.TextField(_("environmental infrastructure"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    culture_religion = models.TextField(_("culture and religion"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    profile_sources = models.JSONField(_("profile sources"), default=list, blank=True)
    # The country's own names, as its source gives them: the local long (or short) form in Latin
    # letters, and the name in each official language's script, e.g.
    # [{"language": "kk", "language_name": "Kazakh", "name": "Қазақстан"}].
    local_name = models.CharField(_("local name (romanized)"), max_length=300, blank=True)
    official_names = models.JSONField(_("names in the official languages"), default=list, blank=True)
    names_source_url = models.URLField(_("source of the names"), max_length=500, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:country-detail", args=[self.iso2.lower()])


class TreatyParticipation(models.Model):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="treaties")
    treaty = models.CharField(_("treaty"), max_length=20, choices=Treaty.choices)
    status = models.CharField(_("status"), max_length=12, choices=TreatyStatus.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("treaty participation")
        verbose_name_plural = _("treaty participation")
        ordering = ["treaty"]
        constraints = [models.UniqueConstraint(fields=["country", "treaty"], name="knowledge_treaty_one_per_country")]

    def __str__(self) -> str:
        return f"{self.country_id}: {self.treaty}"


class Indicator(models.Model):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=120)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=80, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name", "-year"]

    def __str__(self) -> str:
        return f"{self.name} {self.value} {self.unit} ({self.year})"


class CountryRisk(models.Model):
    """The country's risk level on one dimension, with the reasons.

    ``justification`` is the public evidence; how the level follows from it is written for
    readers in ``knowledge.risk_methods``; the editors' own derivation notes are in
    ``editor_note`` (admin only)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="risks")
    dimension = models.CharField(_("dimension"), max_length=20, choices=RiskDimension.choices)
    level = models.CharField(_("level"), max_length=12, choices=RiskLevel.choices)
    justification = models.TextField(
        _("justification"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("The evidence, for readers.")
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    editor_note = editor_note_field()

    class Meta:
        verbose_name = _("country risk")
        verbose_name_plural = _("country risks")
        ordering = ["dimension"]
        constraints = [
            models.UniqueConstraint(fields=["country", "dimension"], name="knowledge_countryrisk_one_per_dimension")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.dimension}: {self.level}"

    @property
    def method(self) -> str:
        """How this rating is derived, written for readers (translated)."""
        from knowledge.risk_methods import risk_method

        return risk_method(self.dimension)


class Region(MachineTranslated, Publishable):
    """A sub-national profile: one of China's provinces or autonomous regions on the Belt and
    Road routes (issue 16.7), with its ecological status, its environmental pressures and the
    regional risks that a project sited or supplied there meets.

    ``code`` is the ISO 3166-2 subdivision code (``CN-XJ``); its first two letters are the
    country's, so the page address is built without reading the country. ``sources`` lists the
    profile's sources as ``{"url": …, "title": …}``; ``editor_note`` is for editors only and never
    reaches a public page."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="regions")
    code = models.CharField(
        _("ISO 3166-2 code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", _("Enter an ISO 3166-2 code such as CN-XJ."))],
    )
    name = models.CharField(_("name"), max_length=120)
    route_role = models.TextField(_("place on the Belt and Road routes"), blank=True, max_length=TEXT_MAX_LENGTH)
    ecological_status = models.TextField(_("ecological status"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    pressures = models.TextField(_("regional environmental pressures"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Only when the facts were read in the cited sources."),
    )
    editor_note = editor_note_field()

    # The translatable profile sections, in the order the page shows them.
    PROFILE_SECTIONS = ("route_role", "ecological_status", "pressures")

    class Meta:
        verbose_name = _("sub-national region")
        verbose_name_plural = _("sub-national regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:region-detail", args=[self.code[:2].lower(), self.code.lower()])


class RegionRisk(models.Model):
    """One sourced statement of a risk in a region (several may share a dimension: Xinjiang's
    air and its inland rivers are two different stories). ``level`` is left empty unless an
    editor has rated it: the statement and its source are the evidence."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="risks")
    dimension = models.CharField(_("dimension"), max_length=20, choices=RiskDimension.choices)
    level = models.CharField(_("level"), max_length=12, choices=RiskLevel.choices, blank=True)
    justification = models.TextField(
        _("justification"), max_length=TEXT_MAX_LENGTH, help_text=_("The evidence, for readers.")
    )
    source_url = models.URLField(_("source"), max_length=500)
    verified = models.BooleanField(_("verified"), default=False)
    editor_note = editor_note_field()

    class Meta:
        verbose_name = _("regional risk")
        verbose_name_plural = _("regional risks")
        ordering = ["dimension", "pk"]

    def __str__(self) -> str:
        return f"{self.region_id} {self.dimension}"


class Instrument(MachineTranslated, Publishable):
    """A law, regulation, standard, guideline or international convention."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=3,
        db_index=True,
        help_text=_("ISO alpha-2 code, or WHO, IFC, EU, INT."),
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="instruments")
    type = models.CharField(_("type"), max_length=12, choices=InstrumentType.choices)
    title = models.CharField(_("title"), max_length=500)
    title_original = models.CharField(_("title in the official language"), max_length=500, blank=True)
    number = models.CharField(_("number"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    adopted = models.CharField(_("adopted"), max_length=10, blank=True, validators=[partial_date_validator])
    in_force = models.CharField(_("in force from"), max_length=10, blank=True, validators=[partial_date_validator])
    amended = models.CharField(_("last amended"), max_length=10, blank=True, validators=[partial_date_validator])
    repealed = models.CharField(_("repealed"), max_length=10, blank=True, validators=[partial_date_validator])
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True, editable=False)
    legal_status = models.CharField(
        _("legal status"), max_length=10, choices=LegalStatus.choices, default=LegalStatus.UNKNOWN
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"), related_name="instruments")
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"), related_name="instruments")
    summary = models.TextField(_("summary"), blank=True, max_length=TEXT_MAX_LENGTH)
    source_url = models.URLField(_("source"), max_length=500)
    # Public: readers are told when the link is a third-party copy (a legal database, a
    # document-sharing site) rather than the official gazette or the issuer's own publication.
    source_secondary = models.BooleanField(
        _("source is a secondary copy"),
        default=False,
        help_text=_("The source link is a third-party copy, not the official publication; shown to readers."),
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Only when the facts were read in the cited source."),
    )
    note = models.TextField(
        _("internal note"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("For editors only; never shown on a public page."),
    )

    class Meta:
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        ordering = ["jurisdiction", "-year", "title"]
        indexes = [
            # A country's instruments in the list's order (titles of one year sorted on top),
            # and the count of its public ones, of one type or all, from the index alone: both
            # stay flat as the table grows (the filtered list at a million rows, tests/bench).
            models.Index(fields=["jurisdiction", "-year"], name="instrument_country_year"),
            models.Index(fields=["jurisdiction", "type", "status", "publish_at"], name="instrument_country_public"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number and self.number not in self.title else self.title

    def save(self, *args, **kwargs):
        # ``year`` is a cheap derived column for the year facet.
        self.year = year_of(self.adopted) or year_of(self.in_force)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("knowledge:instrument-detail", args=[self.key])

    def clean(self):
        if self.repealed and self.legal_status not in (LegalStatus.REPEALED, LegalStatus.UNKNOWN):
            raise ValidationError({"legal_status": _("A repealed instrument cannot be in force.")})


class InstrumentRelation(models.Model):
    source = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="relations_out")
    type = models.CharField(_("relation"), max_length=12, choices=RelationType.choices)
    target = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="relations_in")

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "type", "target"], name="knowledge_relation_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="knowledge_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.type} {self.target_id}"


class StandardLimit(models.Model):
    """One machine-readable limit value of a standard (published with its instrument).

    Besides the value, a limit carries its *applicability* as fields (issue 10.1), so the
    compliance matrix can tell a coal boiler's row from an engine's: source type, fuel, capacity
    band (``capacity_min`` inclusive, ``capacity_max`` exclusive, in ``capacity_unit``), new or
    existing plants and build dates, airshed, grade and whether that grade applies generally,
    receiving water, and the reference conditions of the value (O2, temperature and pressure of
    "N", dry or wet). An empty field means *unknown*: the matrix will not judge against it where
    the project's fact matters. ``editor_note`` is internal and never reaches a public page.
    """

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="limits")
    parameter = models.CharField(_("parameter"), max_length=60, db_index=True)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices, db_index=True)
    category = models.CharField(_("sector or source category"), max_length=255, blank=True)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="limits",
        verbose_name=_("sector"),
    )
    # Ten decimal places: trace limits such as GB 3838's mercury (0.00005 mg/L) or benzo(a)pyrene
    # (2.8×10⁻⁶ mg/L) must not round to zero, which four places did on PostgreSQL.
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=10, null=True, blank=True)
    value_min = models.DecimalField(_("minimum"), max_digits=20, decimal_places=10, null=True, blank=True)
    value_max = models.DecimalField(_("maximum"), max_digits=20, decimal_places=10, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30)
    averaging = models.CharField(_("averaging period"), max_length=120, blank=True)
    conditions = models.CharField(_("conditions"), max_length=255, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    note = models.TextField(_("note"), blank=True, max_length=TEXT_MAX_LENGTH)
    # Applicability (see the class docstring and /work/brief/limit-schema.md).
    source_type = models.CharField(_("source type"), max_length=20, choices=SourceType.choices, blank=True)
    fuel = models.CharField(_("fuel"), max_length=12, choices=Fuel.choices, blank=True)
    capacity_min = models.DecimalField(
        _("capacity from"), max_digits=12, decimal_places=3, null=True, blank=True, help_text=_("inclusive")
    )
    capacity_max = models.DecimalField(
        _("capacity below"), max_digits=12, decimal_places=3, null=True, blank=True, help_text=_("exclusive")
    )
    capacity_unit = models.CharField(_("capacity basis"), max_length=6, choices=CapacityBasis.choices, blank=True)
    plant_age = models.CharField(_("new or existing"), max_length=10, choices=PlantAge.choices, blank=True)
    built_from = models.DateField(_("built on or after"), null=True, blank=True)
    built_before = models.DateField(_("built before"), null=True, blank=True)
    airshed = models.CharField(_("airshed"), max_length=14, choices=Airshed.choices, blank=True)
    grade = models.CharField(_("class or grade"), max_length=60, blank=True)
    grade_scope = models.CharField(_("grade applies"), max_length=12, choices=GradeScope.choices, blank=True)
    receiving_water = models.CharField(_("receiving water"), max_length=16, choices=ReceivingWater.choices, blank=True)
    receiving_water_class = models.CharField(_("receiving-water class"), max_length=60, blank=True)
    o2_ref_percent = models.DecimalField(_("reference O2 (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    ref_temperature_k = models.DecimalField(
        _("reference temperature (K)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    ref_pressure_kpa = models.DecimalField(
        _("reference pressure (kPa)"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    gas_basis = models.CharField(_("dry or wet gas"), max_length=4, choices=GasBasis.choices, blank=True)
    editor_note = editor_note_field()

    class Meta:
        verbose_name = _("standard limit")
        verbose_name_plural = _("standard limits")
        ordering = ["parameter", "medium", "instrument__jurisdiction"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=False)
                | models.Q(value_min__isnull=False)
                | models.Q(value_max__isnull=False),
                name="knowledge_standardlimit_has_a_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.parameter} {self.display_value} {self.unit} ({self.averaging})"

    @property
    def display_value(self) -> str:
        def fmt(d):
            return f"{d.normalize():f}" if d is not None else ""

        if self.value is not None:
            return fmt(self.value)
        return "–".join(v for v in (fmt(self.value_min), fmt(self.value_max)) if v)


class SectorGuidance(MachineTranslated, Publishable):
    """ "Investing in SECTOR in COUNTRY": what applies, which EIA tier, permits, key risks.

    ``editor_note`` holds the editors' own derivation notes (which source gave the tier, what
    was not found); it is admin only, and public selectors defer it."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="guidance")
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="guidance")
    instruments = models.ManyToManyField(Instrument, blank=True, related_name="guidance")
    instruments_text = models.JSONField(_("other applicable instruments"), default=list, blank=True)
    eia_tier = models.TextField(_("EIA level expected"), blank=True, max_length=TEXT_MAX_LENGTH)
    permits = models.JSONField(_("permits"), default=list, blank=True)
    key_risks = models.JSONField(_("key risks"), default=list, blank=True)
    notes = models.TextField(_("practical notes"), blank=True, max_length=TEXT_MAX_LENGTH)
    source_urls = models.JSONField(_("sources"), default=list, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    editor_note = editor_note_field()

    class Meta:
        verbose_name = _("sector guidance")
        verbose_name_plural = _("sector guidance")
        ordering = ["country__name", "sector__name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "sector"], name="knowledge_guidance_one_per_country_sector")
        ]

    def __str__(self) -> str:
        return f"{self.sector} — {self.country}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:guidance-detail", args=[self.country.iso2.lower(), self.sector_id])


class Article(MachineTranslated, Publishable):
    """A guide for enterprises: plain text, with its main source and the instruments it cites.

    An article without ``source_url`` explains the portal's own method (how screening or the
    compliance matrix decides): its facts are the portal's rules, which no outside source holds,
    and its page says so instead of naming a source."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True, max_length=TEXT_MAX_LENGTH)
    body = models.TextField(
        _("body"), help_text=_("Plain text; blank lines separate paragraphs."), max_length=LONG_TEXT_MAX_LENGTH
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="articles")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="articles")
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    instruments = models.ManyToManyField(
        Instrument, blank=True, related_name="articles", verbose_name=_("cited instruments")
    )
    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The main source. Leave empty only for an article that explains the portal's own method."),
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Only when the facts were read in the cited source (or, for a method article, in the rules)."),
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article-detail", args=[self.slug])


class SearchEntry(models.Model):
    """One row of the search index per public record, rebuilt when a record changes.

    Holds the text of every language (Chinese pre-segmented into words with jieba) and the
    facet columns, so one query with one FilterSet serves pages and API. On PostgreSQL
    ``search_vector`` carries English- and Russian-stemmed and simple (Chinese, Arabic)
    lexemes under a GIN index.
    """

    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    object_id = models.CharField(max_length=120)
    url = models.CharField(max_length=300)
    title_en = models.CharField(max_length=500, blank=True)
    title_zh_hans = models.CharField(max_length=500, blank=True)
    title_ru = models.CharField(max_length=500, blank=True)
    title_ar = models.CharField(max_length=500, blank=True)
    text_en = models.TextField(blank=True)
    text_zh_hans = models.TextField(blank=True, help_text="jieba-segmented, words separated by spaces")
    text_ru = models.TextField(blank=True)
    text_ar = models.TextField(blank=True)
    country = models.CharField(max_length=3, blank=True, db_index=True)
    type = models.CharField(max_length=20, blank=True, db_index=True)
    sectors = models.CharField(max_length=500, blank=True, help_text="space-separated sector codes")
    topics = models.CharField(max_length=500, blank=True, help_text="space-separated topic codes")
    legal_status = models.CharField(max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    visible_from = models.DateTimeField(null=True, blank=True, help_text="scheduled publication time")
    # PostgreSQL only (SQLite stores nothing here); its GIN index is made by migration 0002.
    search_vector = SearchVectorField(null=True, editable=False)
    # The record's number reduced to letters and digits ("gb30952012"), for identifier queries;
    # on PostgreSQL a trigram index (migration 0004) serves its substring matches.
    identifier = models.CharField(max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="knowledge_searchentry_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class DatasetImport(models.Model):
    """A successful import of the shipped data set (so ``make run`` re-imports only on change)."""

    checksum = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.checksum[:12]}"
