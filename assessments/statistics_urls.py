from django.urls import path

from assessments.views import statistics as v
from portal.public_cache import RECORDS, cache_public

app_name = "statistics"

urlpatterns = [
    # Made from records: cached for anonymous readers until a record changes.
    path("", cache_public(v.StatisticsView.as_view(), scope=RECORDS), name="index"),
    path("<slug:slug>.csv", v.StatisticsCsvView.as_view(), name="csv"),
]
