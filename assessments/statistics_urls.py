from django.urls import path

from assessments.views import statistics as v
from portal.public_cache import cache_records

app_name = "statistics"

urlpatterns = [
    # Made from records: cached for anonymous readers until a record changes.
    path("", cache_records(v.StatisticsView.as_view()), name="index"),
    path("<slug:slug>.csv", v.StatisticsCsvView.as_view(), name="csv"),
]
