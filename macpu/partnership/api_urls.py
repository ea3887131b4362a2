from django.urls import path

from macpu.partnership import api

urlpatterns = [
    path("partnership/dashboard", api.DashboardApi.as_view(), name="api-partnership-dashboard"),
    path("children/<uuid:child_id>/participation", api.ChildParticipationApi.as_view(), name="api-child-participation"),
]
