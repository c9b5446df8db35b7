"""Server-side SVG bar charts for ``/statistics/`` (no script, no charting library).

A chart is a horizontal bar per table row, the label on its own line above the bar so that long
translated labels never collide with the bars. In a right-to-left language the bars grow from
the right and the labels start at the right. The SVG is ``role="img"`` with a title and a
description; the data table beside it is the accessible equivalent.
"""

from django import template
from django.utils.translation import get_language_bidi

register = template.Library()

WIDTH = 640
PAD = 8
# Room for the value written after the bar's end.
VALUE_ROOM = 72
LABEL_HEIGHT = 20
BAR_HEIGHT = 16
ROW_GAP = 10


@register.inclusion_tag("assessments/statistics/_bar_chart.html")
def bar_chart(chart):
    """The geometry of ``chart``'s bars; all text is escaped by the template."""
    rtl = get_language_bidi()
    values = [row.values[chart.bar_column] for row in chart.rows]
    targets = [row.target for row in chart.rows if row.target is not None]
    top = max([v for v in values if v is not None] + targets + [0])
    span = WIDTH - 2 * PAD - VALUE_ROOM

    def x_of(length: float, start_at: float = 0) -> float:
        # LTR: from the left edge; RTL: mirrored from the right edge.
        return round(WIDTH - PAD - start_at - length if rtl else PAD + start_at, 1)

    bars = []
    y = PAD
    for row, value in zip(chart.rows, values, strict=True):
        length = round(span * value / top, 1) if value and top else 0
        bar = {
            "label": row.label,
            "value": value,
            "label_x": WIDTH - PAD if rtl else PAD,
            "label_y": y + 14,
            "bar_x": x_of(length),
            "bar_y": y + LABEL_HEIGHT,
            "width": max(length, 0),
            "value_x": x_of(0, length + 6),
            "value_y": y + LABEL_HEIGHT + 13,
        }
        if row.target is not None and top:
            offset = span * row.target / top
            bar["target_x"] = round(WIDTH - PAD - offset if rtl else PAD + offset, 1)
            bar["target_y1"] = y + LABEL_HEIGHT - 3
            bar["target_y2"] = y + LABEL_HEIGHT + BAR_HEIGHT + 3
        bars.append(bar)
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return {
        "chart": chart,
        "bars": bars,
        "width": WIDTH,
        "height": max(y + PAD, 40),
        "bar_height": BAR_HEIGHT,
        "direction": "rtl" if rtl else "ltr",
    }
