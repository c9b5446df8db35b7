from rest_framework.routers import SimpleRouter

from knowledge.api import views

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("instruments", views.InstrumentViewSet, basename="instrument")
router.register("limits", views.LimitViewSet, basename="limit")
router.register("guidance", views.GuidanceViewSet, basename="guidance")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("search", views.SearchViewSet, basename="search")

urlpatterns = [*router.urls]
