from django.urls import path
from rest_framework.routers import SimpleRouter

from portal.api import views

router = SimpleRouter()
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="me"),
    path(
        "notifications/mark-read/",
        views.NotificationMarkReadApi.as_view(),
        name="notification-mark-read",
    ),
    path("auth/token/", views.TokenObtainApi.as_view(), name="token-obtain"),
    path("auth/token/rotate/", views.TokenRotateApi.as_view(), name="token-rotate"),
    path("auth/token/revoke/", views.TokenRevokeApi.as_view(), name="token-revoke"),
    *router.urls,
]
