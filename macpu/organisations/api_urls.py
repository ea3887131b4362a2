from django.urls import path

from macpu.organisations.api import api_tokens, directory, staff

urlpatterns = [
    path("organisations", directory.OrganisationListApi.as_view(), name="api-organisations"),
    path(
        "organisations/<uuid:organisation_id>",
        directory.OrganisationDetailApi.as_view(),
        name="api-organisation-detail",
    ),
    path(
        "organisations/<uuid:organisation_id>/contacts",
        directory.OrganisationContactsApi.as_view(),
        name="api-organisation-contacts",
    ),
    path("staff", staff.StaffApi.as_view(), name="api-staff"),
    path("staff/memberships/<uuid:membership_id>/end", staff.StaffLeaveApi.as_view(), name="api-staff-leave"),
    path("staff/people/<uuid:user_id>/sign-out", staff.StaffSignOutApi.as_view(), name="api-staff-sign-out"),
    path("staff/people/<uuid:user_id>/close", staff.StaffCloseAccountApi.as_view(), name="api-staff-close"),
    path("api-tokens", api_tokens.ApiTokenListApi.as_view(), name="api-api-tokens"),
    path("api-tokens/<uuid:client_id>", api_tokens.ApiTokenDetailApi.as_view(), name="api-api-token"),
    path("api-tokens/<uuid:client_id>/rotate", api_tokens.ApiTokenRotateApi.as_view(), name="api-api-token-rotate"),
    path("api-tokens/<uuid:client_id>/revoke", api_tokens.ApiTokenRevokeApi.as_view(), name="api-api-token-revoke"),
]
