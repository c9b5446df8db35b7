from django.urls import path

from assessments import views

app_name = "standards"

urlpatterns = [path("", views.ServiceStandardsView.as_view(), name="service-standards")]
