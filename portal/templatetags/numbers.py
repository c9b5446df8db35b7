"""Number filters: for people, in their language; for SVG, in the one format SVG reads.

``{{ value|num }}`` formats a number for the active language (grouping and decimal separator
of the locale) with its own significant decimals and never in scientific notation: a Decimal
``6.6E+2`` (what ``Decimal("660.000").normalize()`` prints) shows as "660". ``{{ value|svg }}``
writes a coordinate or length with a dot and no grouping whatever the language: SVG
attributes are not localised, and "560,0" in a width makes a Russian or Arabic chart empty.
"""

from django import template
from django.utils import formats

from portal.numbers import to_decimal

register = template.Library()


@register.filter
def num(value, places=None):
    """The number for the active language, with its own decimals (or ``places``)."""
    d = to_decimal(value)
    if d is None:
        return "" if value is None else value
    if places is None:
        exponent = d.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return formats.number_format(d, decimal_pos=int(places), use_l10n=True, force_grouping=True)


@register.filter
def svg(value, places=1):
    """A coordinate or length for an SVG attribute: '560.0' in every language."""
    d = to_decimal(value)
    if d is None:
        return "0"
    return f"{d:.{int(places)}f}"


@register.filter
def limit_value(limit):
    """A limit's value, or its range (pH 6–9), for the active language."""
    if getattr(limit, "value", None) is not None:
        return num(limit.value)
    return "–".join(num(v) for v in (limit.value_min, limit.value_max) if v is not None)
