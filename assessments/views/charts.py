"""Server-side SVG charts for public pages: no script, readable without colour (exceedances are
drawn as squares, values within the limit as circles, the limit as a dashed step line), with a
title and description for screen readers; the page always shows the same data as a table.

Every text in the SVG goes through ``format_html`` (escaped); numbers are formatted here.
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

W, H = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 24, 48


def _fmt(v: Decimal | None) -> str:
    if v is None:
        return "—"
    v = Decimal(v).normalize()
    return f"{v:f}" if v.as_tuple().exponent < 0 else f"{v.quantize(Decimal(1)):f}"


def _n(v: float) -> str:
    return f"{v:.1f}"


def series_chart(series: dict) -> str:
    """One series (``selectors.reports.compliance_series``) as an inline SVG string."""
    rows = [r for r in series["rows"] if r["value"] is not None or r["limit"] is not None]
    if not rows:
        return ""
    values = [Decimal(r["value"]) for r in rows if r["value"] is not None]
    limits = [Decimal(r["limit"]) for r in rows if r["limit"] is not None]
    top = max(values + limits) * Decimal("1.15") or Decimal(1)
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    step = plot_w / max(1, len(rows))

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(v) -> float:
        return TOP + plot_h - float(Decimal(v) / top) * plot_h

    parts = []
    # Axis and three gridlines with their values.
    for k in range(4):
        gv = top * k / 3
        gy = y(gv)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" class="grid"/>'
                '<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>',
                LEFT,
                _n(gy),
                W - RIGHT,
                _n(gy),
                LEFT - 6,
                _n(gy + 4),
                _fmt(gv.quantize(Decimal("0.1")) if gv < 100 else gv.quantize(Decimal(1))),
            )
        )
    for i, r in enumerate(rows):
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>', x(i), H - BOTTOM + 18, r["label"]
            )
        )
    # The governing limit as a step line (it can change from one report to the next).
    limit_points = []
    for i, r in enumerate(rows):
        if r["limit"] is None:
            continue
        ly = y(r["limit"])
        limit_points.append(f"{x(i) - step / 2:.1f},{ly:.1f} {x(i) + step / 2:.1f},{ly:.1f}")
    if limit_points:
        parts.append(format_html('<polyline points="{}" class="limit"/>', " ".join(limit_points)))
    value_points = [f"{x(i):.1f},{y(r['value']):.1f}" for i, r in enumerate(rows) if r["value"] is not None]
    if len(value_points) > 1:
        parts.append(format_html('<polyline points="{}" class="values"/>', " ".join(value_points)))
    for i, r in enumerate(rows):
        if r["value"] is None:
            continue
        cx, cy = x(i), y(r["value"])
        label = _("%(period)s: %(value)s %(unit)s") % {
            "period": r["label"],
            "value": _fmt(r["value"]),
            "unit": series["unit"],
        }
        if r["verdict"] == "exceeded":
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="10" height="10" class="exceeded"><title>{}</title></rect>',
                    _n(cx - 5),
                    _n(cy - 5),
                    label,
                )
            )
        else:
            parts.append(
                format_html('<circle cx="{}" cy="{}" r="5" class="point"><title>{}</title></circle>', cx, cy, label)
            )
    from assessments.templatetags.assessments_reports import period_label

    title = _("%(parameter)s at %(point)s (%(period)s), %(unit)s") % {
        "parameter": series["parameter"],
        "point": series["point"],
        "period": period_label(series["period"]),
        "unit": series["unit"],
    }
    exceeded = sum(1 for r in rows if r["verdict"] == "exceeded")
    desc = _(
        "Reported value per report period against the governing limit (dashed line). "
        "%(n)s of %(total)s periods above the limit, drawn as squares."
    ) % {"n": exceeded, "total": len(rows)}
    legend = format_html(
        '<g class="legend"><circle cx="{}" cy="{}" r="5" class="point"/><text x="{}" y="{}">{}</text>'
        '<rect x="{}" y="{}" width="10" height="10" class="exceeded"/><text x="{}" y="{}">{}</text>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="limit"/><text x="{}" y="{}">{}</text></g>',
        LEFT + 6,
        H - 12,
        LEFT + 16,
        H - 8,
        _("within the limit"),
        LEFT + 180,
        H - 17,
        LEFT + 196,
        H - 8,
        _("above the limit"),
        LEFT + 350,
        H - 12,
        LEFT + 380,
        H - 12,
        LEFT + 386,
        H - 8,
        _("governing limit"),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{id}-t {id}-d" direction="ltr">'
        '<title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>{}{}</svg>',
        W,
        H,
        title,
        desc,
        format_html_join("", "{}", ((p,) for p in parts)),
        legend,
        id=mark_safe(series["id"]),  # noqa: S308 - built from a slug below
    )
