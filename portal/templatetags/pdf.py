"""Template helpers for the PDF templates (``{% load pdf %}``)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _css_string(text: str) -> str:
    # A CSS string literal: escape backslash, quote and line breaks; < and > as escapes so the
    # value can never close the surrounding <style> element.
    out = []
    for ch in str(text):
        if ch in '\\"<>\n\r' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@register.simple_tag
def page_of_pages() -> str:
    """CSS ``content`` for "page N of M" in the active language (counters in place)."""
    pattern = _("Page %(page)s of %(pages)s")
    before, _sep, rest = pattern.partition("%(page)s")
    middle, _sep, after = rest.partition("%(pages)s")
    return mark_safe(  # noqa: S308 - every literal piece is escaped by _css_string
        f"{_css_string(before)} counter(page) {_css_string(middle)} counter(pages) {_css_string(after)}"
    )


@register.filter
def css_string(value) -> str:
    """A value as a CSS string literal (for ``content:`` in a template's style block)."""
    return mark_safe(_css_string(value))  # noqa: S308 - escaped above


@register.filter
def filesize(value) -> str:
    """Bytes as KiB/MiB with one decimal (numbers stay in Latin digits in every language)."""
    try:
        size = float(value)
    except (TypeError, ValueError):
        return ""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


@register.filter
def isodate(value) -> str:
    """The date part of an ISO timestamp string (YYYY-MM-DD)."""
    return str(value or "")[:10]


@register.filter
def isominute(value) -> str:
    """An ISO timestamp string shown as YYYY-MM-DD HH:MM (UTC)."""
    text = str(value or "")
    return f"{text[:10]} {text[11:16]}".strip()


@register.filter
def bidi_dir(value) -> str:
    """``rtl`` or ``ltr`` from the first strong character, for user text in a document of the
    other direction (an English answer in the Arabic report keeps its full stop at the end).
    WeasyPrint 70 ignores ``unicode-bidi: plaintext`` and ``dir=auto``, hence this."""
    import unicodedata

    for ch in str(value or ""):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"
