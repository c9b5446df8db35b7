"""Numbers on pages (issue 10.5): never in scientific notation, in the reader's language; and
locale-independent inside SVG attributes, so the comparison chart draws in every language."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import translation

from knowledge.importer import import_dataset, read_dataset
from portal.numbers import plain
from portal.templatetags.numbers import limit_value, num, svg

# Attributes that hold numbers (or lists of numbers) in the SVG we draw.
NUMERIC_SVG_ATTRIBUTES = {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r", "viewbox"}


class _SvgNumbers(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.depth += 1
        if self.depth:
            for name, value in attrs:
                if name in NUMERIC_SVG_ATTRIBUTES:
                    self.values.append((tag, name, value or ""))
                if name == "transform":
                    self.values += [(tag, name, n) for n in re.findall(r"\(([^)]*)\)", value or "")]

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1


def _numbers(text: str) -> list[float]:
    """Every number of an attribute; raises if a part is not a number SVG can read."""
    return [float(part) for part in re.split(r"[\s]+", text.strip()) if part]


def test_plain_never_writes_scientific_notation():
    assert plain(Decimal("660.000").normalize()) == "660"
    assert plain(Decimal("6.6E+2")) == "660"
    assert plain(Decimal("0.030")) == "0.03"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "6,600"), ("ru", "6\xa0600"), ("zh-hans", "6600")],
)
def test_num_formats_for_the_active_language_without_exponent(language, expected):
    with translation.override(language):
        assert num(Decimal("6.6E+3")) == expected
        assert "E" not in num(Decimal("1.5E+2"))


def test_num_keeps_the_decimals_a_value_has():
    with translation.override("ru"):
        assert num(Decimal("0.85")) == "0,85"
    with translation.override("en"):
        assert num(Decimal("850.00")) == "850"


def test_svg_is_the_same_in_every_language():
    for language in ("en", "zh-hans", "ru", "ar"):
        with translation.override(language):
            assert svg(560.0) == "560.0"
            assert svg(Decimal("1234.56"), 0) == "1235"


def test_limit_value_shows_a_range():
    from knowledge.models import StandardLimit

    with translation.override("ru"):
        assert limit_value(StandardLimit(value_min=Decimal("6.5"), value_max=Decimal("8.5"))) == "6,5–8,5"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans", "ru", "ar"])
def test_the_comparison_chart_draws_its_bars_in_every_language(client, language):
    import_dataset(read_dataset())
    response = client.get(
        "/knowledge/compare/",
        {"parameter": "PM2.5", "medium": "ambient_air", "averaging": "24h"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert response.headers.get("Content-Language", language).lower().startswith(language.split("-")[0])
    parser = _SvgNumbers()
    parser.feed(html)
    assert parser.values, "the page draws no chart"
    for tag, name, value in parser.values:
        try:
            _numbers(value)
        except ValueError:
            pytest.fail(f"<{tag} {name}={value!r}> is not a number in {language}")
    widths = [float(v) for tag, name, v in parser.values if tag == "rect" and name == "width"]
    assert widths and all(w > 0 for w in widths)
    # Labels start at x=0: in a right-to-left page they would run off the chart's left edge.
    assert 'direction="ltr"' in html[html.index('<figure class="chart">') :]
