"""Country names from ISO 3166 (pycountry and its translations), never typed by hand."""

import gettext
from functools import lru_cache

import pycountry
from django.utils import translation

# Django language code → pycountry catalogue locale.
LOCALES = {"zh-hans": "zh_CN", "ru": "ru", "ar": "ar"}


@lru_cache(maxsize=8)
def _catalogue(locale: str):
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return gettext.NullTranslations()


def country_name(iso2: str, language: str | None = None) -> str:
    """The country's name in ``language`` (the active one by default); the code itself when
    ISO 3166 does not know it, and "" for no code."""
    if not iso2:
        return ""
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return iso2
    language = language or translation.get_language() or "en"
    locale = LOCALES.get(language)
    if locale is None:
        return getattr(country, "common_name", None) or country.name
    return _catalogue(locale).gettext(country.name)
