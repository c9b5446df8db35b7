"""Per-field translations (django-modeltranslation) of the texts an enterprise and a regulator
read: screening rule explanations, the hazard and measure catalogue, and each project's copies.
The shipped translations are machine-assisted (``assessments/data/catalogue_i18n.json`` says so
and the pages label them); missing languages fall back to English."""

from modeltranslation.translator import TranslationOptions, register

from assessments.models import ControlMeasure, HazardTemplate, MeasureTemplate, RiskItem, ScreeningRule


@register(ScreeningRule)
class ScreeningRuleTranslation(TranslationOptions):
    fields = ("explanation",)


@register(HazardTemplate)
class HazardTemplateTranslation(TranslationOptions):
    fields = ("title", "description")


@register(MeasureTemplate)
class MeasureTemplateTranslation(TranslationOptions):
    fields = ("title", "description", "evidence")


@register(RiskItem)
class RiskItemTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ControlMeasure)
class ControlMeasureTranslation(TranslationOptions):
    fields = ("title", "description", "evidence_expected")
