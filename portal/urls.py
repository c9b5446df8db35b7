"""Root URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal import views

api_v1 = [
    path("", include("portal.api.urls")),
    path("", include("knowledge.api.urls")),
    path("", include("assessments.api.urls")),
]

urlpatterns = [
    path("", include("portal.web_urls")),
    path("knowledge/", include("knowledge.urls")),
    path("workspace/projects/", include("assessments.urls")),
    path("accounts/", include("allauth.urls")),
    # Exempt from CSRF so that anonymous pages carry no per-visitor token and can be cached;
    # the worst a forged request can do is change a reader's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
