from django.urls import path

from assessments import views

app_name = "review"

urlpatterns = [
    path("", views.ReviewHomeView.as_view(), name="home"),
]
