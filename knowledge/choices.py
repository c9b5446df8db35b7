"""Enumerations of the knowledge base."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class InstrumentType(models.TextChoices):
    LAW = "law", _("Law")
    REGULATION = "regulation", _("Regulation")
    STANDARD = "standard", _("Standard")
    GUIDELINE = "guideline", _("Guideline")
    CONVENTION = "convention", _("International convention")


class LegalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("In force, amended")
    REPEALED = "repealed", _("Repealed")
    DRAFT = "draft", _("Draft or not yet in force")
    UNKNOWN = "unknown", _("Status not verified")


class RelationType(models.TextChoices):
    AMENDS = "amends", _("amends")
    REPEALS = "repeals", _("repeals")
    IMPLEMENTS = "implements", _("implements")
    REPLACES = "replaces", _("replaces")


class Medium(models.TextChoices):
    AMBIENT_AIR = "ambient_air", _("Ambient air")
    AIR_EMISSIONS = "air_emissions", _("Emissions to air")
    WATER_QUALITY = "water_quality", _("Water quality")
    EFFLUENT = "effluent", _("Effluent")
    NOISE = "noise", _("Noise")
    SOIL = "soil", _("Soil")


class RiskDimension(models.TextChoices):
    BIODIVERSITY = "biodiversity", _("Biodiversity")
    WATER = "water", _("Water")
    AIR = "air", _("Air")
    SOIL = "soil", _("Soil")
    CLIMATE = "climate", _("Climate")
    SOCIAL = "social", _("Social")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", pgettext_lazy("risk level", "Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


RISK_LEVEL_ORDER = {
    RiskLevel.LOW: 1,
    RiskLevel.MEDIUM: 2,
    RiskLevel.HIGH: 3,
    RiskLevel.VERY_HIGH: 4,
}


class Treaty(models.TextChoices):
    PARIS = "paris", _("Paris Agreement")
    UNFCCC = "unfccc", _("UN Framework Convention on Climate Change")
    KYOTO = "kyoto", _("Kyoto Protocol")
    CBD = "cbd", _("Convention on Biological Diversity")
    BASEL = "basel", _("Basel Convention")
    RAMSAR = "ramsar", _("Ramsar Convention on Wetlands")
    WHC = "whc", _("World Heritage Convention")
    STOCKHOLM = "stockholm", _("Stockholm Convention")
    MINAMATA = "minamata", _("Minamata Convention")


class TreatyStatus(models.TextChoices):
    PARTY = "party", _("Party")
    SIGNATORY = "signatory", _("Signatory")
    NOT_PARTY = "not_party", _("Not a party")


class Topic(models.TextChoices):
    FRAMEWORK = "framework", _("Framework law")
    EIA = "eia", _("Environmental impact assessment")
    AIR = "air", _("Air")
    WATER = "water", _("Water")
    WASTE = "waste", _("Waste")
    BIODIVERSITY = "biodiversity", _("Biodiversity")
    CLIMATE = "climate", _("Climate")
    FOREST = "forest", _("Forests")
    NOISE = "noise", _("Noise")
    SOIL = "soil", _("Soil")
    CHEMICALS = "chemicals", _("Chemicals")
    LAND = "land", _("Land")
    HERITAGE = "heritage", _("Cultural heritage")
    DISCLOSURE = "disclosure", _("Disclosure and participation")
    FINANCE = "finance", _("Green finance")


class EntryKind(models.TextChoices):
    """Kinds of object in the search index."""

    COUNTRY = "country", _("Country profile")
    INSTRUMENT = "instrument", _("Legal instrument")
    LIMIT = "limit", _("Standard limit")
    GUIDANCE = "guidance", _("Sector guidance")
    ARTICLE = "article", _("Article")


# International reference bodies that issue instruments but are not countries.
INTERNATIONAL_JURISDICTIONS = {
    "WHO": _("World Health Organization"),
    "IFC": _("International Finance Corporation"),
    "EU": _("European Union"),
    "INT": _("International convention"),
}
