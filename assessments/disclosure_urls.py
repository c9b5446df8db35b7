from django.urls import path

from assessments.views import disclosure as v
from portal.public_cache import cache_records

app_name = "disclosure"

urlpatterns = [
    path("", cache_records(v.RegisterView.as_view()), name="register"),
    path("map.geojson", cache_records(v.RegisterMapView.as_view()), name="map"),
    path("export.csv", v.RegisterExportView.as_view(), {"fmt": "csv"}, name="export-csv"),
    path("export.json", v.RegisterExportView.as_view(), {"fmt": "json"}, name="export-json"),
    path("feed/", cache_records(v.DisclosureFeed()), name="feed"),
    path("feed/decisions/", cache_records(v.DecisionFeed()), name="feed-decisions"),
    path("feed/windows/", cache_records(v.WindowFeed()), name="feed-windows"),
    path("confirm/<str:token>/", v.CommentConfirmView.as_view(), name="comment-confirm"),
    path("<str:reference>/", v.DisclosedProjectView.as_view(), name="project"),
    path("<str:reference>/comments/", v.CommentSubmitView.as_view(), name="comment-submit"),
    path("<str:reference>/comments/<str:number>/report/", v.CommentReportView.as_view(), name="comment-report"),
    path("<str:reference>/snapshots/<str:number>/", v.SnapshotView.as_view(), name="snapshot"),
    path("<str:reference>/disclosure.pdf", v.DisclosurePdfView.as_view(), name="pdf"),
    path("<str:reference>/documents/<str:version_pk>/", v.PublicDocumentView.as_view(), name="document"),
    path("<str:reference>/attachments/<str:pk>/", v.AttachmentView.as_view(), name="attachment"),
]
