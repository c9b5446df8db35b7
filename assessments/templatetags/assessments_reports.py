"""Template helpers of performance reports."""

from django import template

register = template.Library()


@register.filter
def change_lines(alert) -> list[str]:
    """What a change alert changed, in the reader's language."""
    from assessments.services.changes import change_text

    return change_text(alert)


@register.filter
def source_label(code: str) -> str:
    from django.utils.translation import gettext as _

    return {"host": _("Host country"), "ifc": _("IFC EHS guidelines"), "china": _("China's national standard")}.get(
        code, code or "—"
    )
