"""How each country risk rating is derived, written for readers (issue 10.4).

The data set's justifications end with the editors' derivation notes ("Level derived here
... = very_high", "(read in https://...)"): those stay in ``CountryRisk.editor_note`` for the
admin. The public sees the evidence sentence(s) and, per dimension, the method below: the
same rules, in plain words, translatable with the interface.
"""

import re

from django.utils.translation import gettext_lazy as _

from knowledge.choices import RiskDimension

RISK_METHODS = {
    RiskDimension.CLIMATE: _(
        "Rated from the country's ND-GAIN vulnerability score, by its quarter among the 187 countries "
        "scored: the least vulnerable quarter is low, the next medium, the next high and the most "
        "vulnerable quarter very high."
    ),
    RiskDimension.WATER: _(
        "Rated from freshwater withdrawal as a share of renewable water resources: below 10% low, "
        "10–40% medium, 40–80% high, above 80% very high. A national average can hide water stress "
        "in particular river basins."
    ),
    RiskDimension.AIR: _(
        "Rated from the annual mean PM2.5 concentration: up to 10 µg/m³ low (the EU's 2030 limit), "
        "up to 25 µg/m³ medium (the EU's 2008 limit), up to 35 µg/m³ high (the WHO's first interim "
        "target), above 35 µg/m³ very high."
    ),
    RiskDimension.SOCIAL: _(
        "Rated from the UNDP Human Development Index: very high human development (0.800 and above) "
        "low, high (0.700–0.799) medium, medium (0.550–0.699) high, low (below 0.550) very high. It "
        "shows baseline social vulnerability only, not a project's own land, resettlement or labour "
        "risks."
    ),
    RiskDimension.SOIL: _(
        "Rated from the number of soil and land-degradation problems the CIA World Factbook names for "
        "the country: two or more high, one medium. National soil-quality data is not used."
    ),
    RiskDimension.BIODIVERSITY: _(
        "Rated from biodiversity hotspots and forest cover: a country wholly or mostly inside a "
        "biodiversity hotspot is very high, partly inside high; otherwise the biodiversity problems the "
        "CIA World Factbook names and the forest cover decide. Threatened species and protected areas "
        "are not counted: screen each project site against protected-area and key biodiversity area maps."
    ),
}

# Editors' work notes inside public text.
_DERIVATION = re.compile(r"\s*Level derived\b.*\Z", re.S)
_WORK_NOTES = re.compile(r"\s*\((?:read in https?://[^)]*|not read here|matched terms:[^)]*)\)")


def public_justification(text: str) -> str:
    """The evidence part of a risk justification, without the editors' notes."""
    text = _DERIVATION.sub("", text or "")
    return _WORK_NOTES.sub("", text).strip()


def risk_method(dimension: str) -> str:
    return str(RISK_METHODS.get(dimension, ""))
