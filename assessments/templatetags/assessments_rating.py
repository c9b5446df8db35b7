from django import template

from assessments.selectors.rating import reason_text as _reason_text

register = template.Library()


@register.filter
def reason_text(reason: dict) -> str:
    """A stored rating reason in words, in the reader's language."""
    return _reason_text(reason)
