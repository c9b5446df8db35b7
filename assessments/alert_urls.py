from django.urls import path

from assessments.views import alerts as v

app_name = "alerts"

urlpatterns = [
    path("", v.AlertSubscribeView.as_view(), name="subscribe"),
    path("<str:token>/", v.AlertManageView.as_view(), name="manage"),
    path("<str:token>/confirm/", v.AlertConfirmView.as_view(), name="confirm"),
    path("<str:token>/feed/", v.AlertFeed(), name="feed"),
    path("<str:token>/unsubscribe/", v.AlertUnsubscribeView.as_view(), name="unsubscribe"),
]
