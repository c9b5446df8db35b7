"""Public statistics (``/statistics/``) and each chart's table as CSV.

Thin adapters over ``assessments.selectors.statistics``: every figure is computed there with
aggregate queries. Not served from the public page cache: the assessment services do not bump
the public version, and a handful of aggregate queries is cheap.
"""

import csv

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


class StatisticsView(View):
    def get(self, request):
        charts = sel.statistics_public()
        total = next(chart.total for chart in charts if chart.slug == "status")
        return render(
            request,
            "assessments/statistics/index.html",
            {"charts": charts, "total_projects": total, "now": timezone.now()},
        )


class StatisticsCsvView(View):
    def get(self, request, slug):
        chart = sel.statistics_chart_public(slug)
        if chart is None:
            raise Http404
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="statistics-{chart.slug}-{get_language()}.csv"'
        # A byte-order mark so that spreadsheets read Chinese, Russian and Arabic labels as UTF-8.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(chart.header)
        for cells in chart.table():
            writer.writerow([_csv_cell(c) for c in cells])
        return response
