from django.urls import path

from assessments import views
from assessments.views import blacklist as bl_views

app_name = "review"

urlpatterns = [
    path("", views.ReviewHomeView.as_view(), name="home"),
    path("blacklist/", bl_views.ReviewCaseListView.as_view(), name="blacklist-list"),
    path("blacklist/<int:pk>/", bl_views.ReviewCaseView.as_view(), name="blacklist-case"),
    path("enterprises/<int:pk>/", bl_views.ReviewEnterpriseActionView.as_view(), name="enterprise-action"),
]
