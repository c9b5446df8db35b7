from django.urls import path

from knowledge import feeds, report_views, views
from portal.public_cache import cache_public

app_name = "knowledge"

urlpatterns = [
    path("", cache_public(views.KnowledgeHomeView.as_view()), name="home"),
    path("search/", cache_public(views.SearchView.as_view()), name="search"),
    path("compare/", cache_public(views.ComparisonView.as_view()), name="compare"),
    path("countries/<str:iso2>/", cache_public(views.CountryDetailView.as_view()), name="country-detail"),
    path(
        "countries/<str:iso2>/regions/<str:code>/",
        cache_public(views.RegionDetailView.as_view()),
        name="region-detail",
    ),
    path("countries/<str:iso2>/profile.pdf", report_views.CountryProfilePdfView.as_view(), name="country-pdf"),
    path("instruments/", cache_public(views.InstrumentListView.as_view()), name="instrument-list"),
    path("instruments/feed/", cache_public(feeds.InstrumentFeed()), name="instrument-feed"),
    path("instruments/<slug:key>/", cache_public(views.InstrumentDetailView.as_view()), name="instrument-detail"),
    path("guidance/", cache_public(views.GuidanceListView.as_view()), name="guidance-list"),
    path(
        "guidance/<str:iso2>/<str:sector>/",
        cache_public(views.GuidanceDetailView.as_view()),
        name="guidance-detail",
    ),
    path("articles/<slug:slug>/", cache_public(views.ArticleDetailView.as_view()), name="article-detail"),
]
