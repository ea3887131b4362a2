from django.urls import path

from macpu.macpt import api

urlpatterns = [
    path("macpu-teams", api.TeamsApi.as_view(), name="api-macpu-teams"),
    path("macpu-teams/<uuid:team_id>/members", api.MembersApi.as_view(), name="api-macpu-team-members"),
    path(
        "macpu-teams/<uuid:team_id>/members/<uuid:member_id>/left",
        api.MemberLeftApi.as_view(),
        name="api-macpu-team-member-left",
    ),
]
