"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal import views

urlpatterns = [
    path("", include("portal.web_urls")),
    path("knowledge/", include("knowledge.urls")),
    # Before the register's own routes, so "alerts" is never read as a project reference.
    path("disclosure/alerts/", include("assessments.alert_urls")),
    path("", include("assessments.public_urls")),
    path("workspace/projects/", include("assessments.urls")),
    path("review/", include("assessments.review_urls")),
    path("disclosure/", include("assessments.disclosure_urls")),
    path("service-standards/", include("assessments.standards_urls")),
    path("statistics/", include("assessments.statistics_urls")),
    path("accounts/", include("allauth.urls")),
    # Exempt from CSRF so that anonymous pages carry no per-visitor token and can be cached;
    # the worst a forged request can do is change a reader's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", views.healthz, name="healthz"),
    # One API namespace per app: portal-api:, knowledge-api:, assessments-api:.
    path("api/v1/", include(("portal.api.urls", "portal-api"))),
    path("api/v1/", include(("knowledge.api.urls", "knowledge-api"))),
    path("api/v1/", include(("assessments.api.urls", "assessments-api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
# No media route, not even under DEBUG: uploaded documents are confidential until disclosed and
# leave only through the download views, which check who is asking.

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
