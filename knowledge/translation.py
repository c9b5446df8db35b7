"""Per-field translations (django-modeltranslation); missing languages fall back to English."""

from modeltranslation.translator import TranslationOptions, register

from knowledge.models import (
    Article,
    Country,
    CountryRisk,
    Instrument,
    Region,
    RegionRisk,
    Sector,
    SectorGuidance,
    Topic,
)


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", *Country.PROFILE_SECTIONS)


@register(CountryRisk)
class CountryRiskTranslation(TranslationOptions):
    fields = ("justification",)


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(SectorGuidance)
class SectorGuidanceTranslation(TranslationOptions):
    fields = ("eia_tier", "notes", "permits", "key_risks")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", *Region.PROFILE_SECTIONS)


@register(RegionRisk)
class RegionRiskTranslation(TranslationOptions):
    fields = ("justification",)
