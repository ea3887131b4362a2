from django.urls import path

from macpu.macpt import views

app_name = "macpt"

urlpatterns = [
    path("macpu-team/", views.TeamsView.as_view(), name="teams"),
    path("macpu-team/add/", views.TeamAddView.as_view(), name="teams-add"),
    path("macpu-team/<uuid:team_id>/members/add/", views.MemberAddView.as_view(), name="teams-member-add"),
    path(
        "macpu-team/<uuid:team_id>/members/<uuid:member_id>/left/",
        views.MemberLeftView.as_view(),
        name="teams-member-left",
    ),
]
