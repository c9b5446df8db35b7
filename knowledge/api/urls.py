from django.urls import path
from rest_framework.routers import SimpleRouter

from knowledge.api import report, views

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("instruments", views.InstrumentViewSet, basename="instrument")
router.register("limits", views.LimitViewSet, basename="limit")
router.register("guidance", views.GuidanceViewSet, basename="guidance")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("regions", views.RegionViewSet, basename="region")
router.register("search", views.SearchViewSet, basename="search")

urlpatterns = [
    path("countries/<str:iso2>/profile-pdf/", report.CountryProfilePdfApi.as_view(), name="country-profile-pdf"),
    *router.urls,
]
