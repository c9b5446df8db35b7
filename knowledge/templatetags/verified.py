"""``{{ record.verified|verified_tag }}``: the "verified" / "unverified" tag of a record.

A filter rather than an included partial: tables show it on every row, and an include with
its translate tags cost several times more per row than the rest of the row."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# The two tags per language, made once per process (translations are fixed while it runs).
_TAGS: dict[tuple[str | None, bool], str] = {}


@register.filter
def verified_tag(verified) -> str:
    key = (get_language(), bool(verified))
    tag = _TAGS.get(key)
    if tag is None:
        if verified:
            tag = format_html('<span class="tag verified">{}</span>', _("verified"))
        else:
            tag = format_html('<span class="tag unverified">{}</span>', _("unverified"))
        _TAGS[key] = tag
    return tag
