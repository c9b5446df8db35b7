"""``{{ record.verified|verified_tag }}``: the "verified" / "unverified" tag of a record.

A filter rather than an included partial: tables show it on every row, and an include with
its translate tags cost several times more per row than the rest of the row."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def verified_tag(verified) -> str:
    if verified:
        return format_html('<span class="tag verified">{}</span>', _("verified"))
    return format_html('<span class="tag unverified">{}</span>', _("unverified"))
