from django.urls import path

from macpu.organisations.views import api_tokens, directory, staff

app_name = "organisations"

urlpatterns = [
    path("organisations/", directory.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<uuid:organisation_id>/", directory.OrganisationDetailView.as_view(), name="organisation-detail"
    ),
    path(
        "organisations/<uuid:organisation_id>/contacts/",
        directory.OrganisationContactsView.as_view(),
        name="organisation-contacts",
    ),
    path("staff/", staff.StaffListView.as_view(), name="staff"),
    path("staff/<uuid:organisation_id>/join/", staff.StaffJoinView.as_view(), name="staff-join"),
    path("staff/memberships/<uuid:membership_id>/end/", staff.StaffLeaveView.as_view(), name="staff-leave"),
    path("staff/people/<uuid:user_id>/", staff.StaffMemberView.as_view(), name="staff-member"),
    path("staff/people/<uuid:user_id>/sign-out/", staff.StaffSignOutView.as_view(), name="staff-sign-out"),
    path("staff/people/<uuid:user_id>/close/", staff.StaffCloseAccountView.as_view(), name="staff-close"),
    path("api-tokens/", api_tokens.ApiTokenListView.as_view(), name="api-tokens"),
    path("api-tokens/<uuid:client_id>/", api_tokens.ApiTokenDetailView.as_view(), name="api-token"),
    path("api-tokens/<uuid:client_id>/rotate/", api_tokens.ApiTokenRotateView.as_view(), name="api-token-rotate"),
    path("api-tokens/<uuid:client_id>/revoke/", api_tokens.ApiTokenRevokeView.as_view(), name="api-token-revoke"),
]
