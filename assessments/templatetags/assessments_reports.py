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


@register.filter
def period_label(code: str) -> str:
    """A normalised averaging period ('24h', 'month') in words, in the reader's language."""
    import re

    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if not code:
        return _("not stated")
    if m := re.fullmatch(r"(\d+)h", code):
        n = int(m.group(1))
        return ngettext("%(n)s-hour mean", "%(n)s-hour mean", n) % {"n": n}
    if m := re.fullmatch(r"(\d+)min", code):
        n = int(m.group(1))
        return ngettext("%(n)s-minute mean", "%(n)s-minute mean", n) % {"n": n}
    return {
        "month": _("monthly mean"),
        "annual": _("annual mean"),
        "max": _("any single value"),
        "season": _("seasonal mean"),
    }.get(code, code)
