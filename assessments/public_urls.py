from django.contrib.sitemaps.views import sitemap
from django.urls import path

from assessments.sitemaps import SITEMAPS
from assessments.views import blacklist as v
from assessments.views import reports as perf_views
from portal.public_cache import cache_records

app_name = "barometer"

urlpatterns = [
    path("blacklist/", cache_records(v.BlacklistPublicView.as_view()), name="blacklist"),
    path("blacklist/feed/", cache_records(v.BlacklistFeed()), name="blacklist-feed"),
    path("enterprises/", cache_records(v.RatingListView.as_view()), name="rating-list"),
    path("enterprises/<int:pk>/", cache_records(v.EnterprisePublicView.as_view()), name="enterprise"),
    path(
        "enterprises/<int:pk>/compliance/<str:reference>/",
        cache_records(perf_views.CompliancePublicView.as_view()),
        name="compliance",
    ),
    path("workspace/blacklist/", v.EnterpriseCaseListView.as_view(), name="workspace-cases"),
    path("workspace/blacklist/<int:pk>/", v.EnterpriseCaseView.as_view(), name="workspace-case"),
    # Issue 14: the disclosure register's sitemap (other apps may add their sections here).
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("workspace/credit-lookups/", v.CreditLookupLogView.as_view(), name="credit-lookups"),
]
