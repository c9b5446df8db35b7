"""Link helpers for templates."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def host(url: str) -> str:
    """The site a link points to ('www.lexology.com'), for a short "source" line."""
    return urlsplit(url or "").hostname or ""
