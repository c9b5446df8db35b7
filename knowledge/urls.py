from django.urls import path

from knowledge import feeds, report_views, views

app_name = "knowledge"

urlpatterns = [
    path("", views.KnowledgeHomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("compare/", views.ComparisonView.as_view(), name="compare"),
    path("countries/<str:iso2>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("countries/<str:iso2>/profile.pdf", report_views.CountryProfilePdfView.as_view(), name="country-pdf"),
    path("instruments/", views.InstrumentListView.as_view(), name="instrument-list"),
    path("instruments/feed/", feeds.InstrumentFeed(), name="instrument-feed"),
    path("instruments/<slug:key>/", views.InstrumentDetailView.as_view(), name="instrument-detail"),
    path("guidance/", views.GuidanceListView.as_view(), name="guidance-list"),
    path(
        "guidance/<str:iso2>/<str:sector>/",
        views.GuidanceDetailView.as_view(),
        name="guidance-detail",
    ),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
