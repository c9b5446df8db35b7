from django.urls import path

from assessments.views import statistics as v

app_name = "statistics"

urlpatterns = [
    path("", v.StatisticsView.as_view(), name="index"),
    path("<slug:slug>.csv", v.StatisticsCsvView.as_view(), name="csv"),
]
