from django.urls import path

from portal import views
from portal.public_cache import cache_public

app_name = "portal"

urlpatterns = [
    path("", cache_public(views.HomeView.as_view()), name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "workspace/organisation/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "workspace/organisation/invitations/<int:pk>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation-accept"),
    path("workspace/inbox/", views.InboxView.as_view(), name="inbox"),
    path("workspace/profile/", views.ProfileView.as_view(), name="profile"),
    path("staff/organisations/", views.StaffOrganisationsView.as_view(), name="staff-organisations"),
]
