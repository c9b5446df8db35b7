"""Public statistics (``/statistics/``) and each chart's table as CSV.

Thin adapters over ``assessments.selectors.statistics``: every figure is computed there with
aggregate queries. Not served from the public page cache, whose version only the knowledge
publishing services bump: instead the computed charts are kept for ``CACHE_SECONDS`` per
language (when ``PUBLIC_CACHE`` is on), the page says when they were computed, and the CSV is
cut from the same charts, so page and download always agree.
"""

import csv

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views import View

from assessments.selectors import statistics as sel

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); such a
# label (a country name, say) is written with a leading apostrophe instead.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# How long computed figures are reused; the page prints when they were computed.
CACHE_SECONDS = 300


def _charts() -> tuple:
    """(computed at, charts) in the reader's language, from the cache when it has them. The
    cache is fail-soft: with Redis down the figures are computed for each request."""
    if not settings.PUBLIC_CACHE:
        return timezone.now(), sel.statistics_public()
    key = f"statistics:v1:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = (timezone.now(), sel.statistics_public())
        cache.set(key, found, CACHE_SECONDS)
    return found


class StatisticsView(View):
    def get(self, request):
        computed_at, charts = _charts()
        total = next(chart.total for chart in charts if chart.slug == "status")
        return render(
            request,
            "assessments/statistics/index.html",
            {"charts": charts, "total_projects": total, "now": computed_at, "refresh_minutes": CACHE_SECONDS // 60},
        )


class StatisticsCsvView(View):
    def get(self, request, slug):
        if slug not in sel.CHART_BUILDERS:
            raise Http404
        if settings.PUBLIC_CACHE:  # cut from the figures the page shows
            chart = next(chart for chart in _charts()[1] if chart.slug == slug)
        else:
            chart = sel.statistics_chart_public(slug)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="statistics-{chart.slug}-{get_language()}.csv"'
        # A byte-order mark so that spreadsheets read Chinese, Russian and Arabic labels as UTF-8.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(chart.header)
        for cells in chart.table():
            writer.writerow([_csv_cell(c) for c in cells])
        return response
