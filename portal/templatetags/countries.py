"""``{{ code|country_name }}``: an ISO 3166 country code as its name in the reader's language."""

from django import template

from portal.countries import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code):
    return _country_name(code or "")
