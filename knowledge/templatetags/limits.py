"""Template filters for limit values: the averaging period in the reader's language."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The averaging periods as the data set spells them; anything else is shown as published.
AVERAGING_LABELS = {
    "annual": _("annual"),
    "annual (average annual)": _("annual (average annual)"),
    "24-hour": _("24-hour"),
    "24-hour (average daily)": _("24-hour (average daily)"),
    "24-hour (99th percentile)": _("24-hour (99th percentile)"),
    "8-hour": _("8-hour"),
    "8-hour (daily maximum)": _("8-hour (daily maximum)"),
    "8-hour (daily maximum, 99th percentile)": _("8-hour (daily maximum, 99th percentile)"),
    "1-hour": _("1-hour"),
    "20-minute": _("20-minute"),
    "15-minute": _("15-minute"),
    "10-minute": _("10-minute"),
    "maximum one-time": _("maximum one-time"),
    "daytime LAeq": _("daytime LAeq"),
    "night-time LAeq": _("night-time LAeq"),
    "daytime Leq": _("daytime Leq"),
    "night-time Leq": _("night-time Leq"),
}


@register.filter
def averaging_label(text):
    """'24-hour' → '24 小时' for a Chinese reader; an unknown phrasing stays as published."""
    return AVERAGING_LABELS.get((text or "").strip(), text)
