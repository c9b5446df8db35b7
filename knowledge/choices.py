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


class WorldRegion(models.TextChoices):
    """The world regions the country profiles are grouped in (their stored value is the English
    name, as the data set and the API write it)."""

    AFRICA = "Africa", _("Africa")
    CENTRAL_ASIA = "Central Asia", _("Central Asia")
    EAST_ASIA = "East Asia", _("East Asia")
    EURASIA = "Eurasia", _("Eurasia")
    EUROPE = "Europe", _("Europe")
    SOUTH_ASIA = "South Asia", _("South Asia")
    SOUTHEAST_ASIA = "Southeast Asia", _("Southeast Asia")
    WEST_ASIA = "West Asia and Middle East", _("West Asia and Middle East")


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
    REGION = "region", _("Regional profile")


# International reference bodies that issue instruments but are not countries.
INTERNATIONAL_JURISDICTIONS = {
    "WHO": _("World Health Organization"),
    "IFC": _("International Finance Corporation"),
    "EU": _("European Union"),
    "INT": _("International convention"),
}


# --- applicability of a limit (issue 10.1; field meanings in StandardLimit's docstring) ----------
# An empty value on a limit means "unknown", never "any": the compliance matrix refuses to judge
# against a row whose applicability it does not know.


class SourceType(models.TextChoices):
    ANY = "any", _("Any source (not source-specific)")
    BOILER = "boiler", _("Boiler or steam generator")
    GAS_TURBINE = "gas_turbine", _("Gas turbine")
    ENGINE = "engine", _("Reciprocating engine")
    COMBUSTION_ANY = "combustion_any", _("Any fuel-burning equipment")


class Fuel(models.TextChoices):
    ANY = "any", _("Any fuel")
    COAL = "coal", _("Coal and other solid fossil fuels")
    LIGNITE = "lignite", _("Lignite")
    BIOMASS = "biomass", _("Biomass")
    PEAT = "peat", _("Peat")
    OIL = "oil", _("Liquid fuels (oil)")
    GAS = "gas", _("Natural gas")
    GAS_OTHER = "gas_other", _("Other gaseous fuels")


class CapacityBasis(models.TextChoices):
    MWTH = "MWth", _("MW (thermal input)")
    MWE = "MWe", _("MW (electrical output)")
    MW = "MW", _("MW (basis not stated)")


class PlantAge(models.TextChoices):
    ANY = "any", _("New and existing plants")
    NEW = "new", _("New plants")
    EXISTING = "existing", _("Existing plants")


class Airshed(models.TextChoices):
    ANY = "any", _("Any airshed")
    DEGRADED = "degraded", _("Degraded airshed")
    NON_DEGRADED = "non_degraded", _("Non-degraded airshed")


class GradeScope(models.TextChoices):
    GENERAL = "general", _("Applies generally")
    DESIGNATED = "designated", _("Only in designated areas or waters")
    TARGET = "target", _("Interim target (not a limit)")


class ReceivingWater(models.TextChoices):
    ANY = "any", _("Any receiving water")
    INLAND_SURFACE = "inland_surface", _("Inland surface water")
    SEA = "sea", _("Sea or coastal water")
    SEWER = "sewer", _("Public sewer or common treatment plant")
    LAND = "land", _("Land or irrigation")


class GasBasis(models.TextChoices):
    DRY = "dry", _("Dry gas")
    WET = "wet", _("Wet gas")
