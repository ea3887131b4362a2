from django.urls import path

from macpu.partnership import views

app_name = "partnership"

urlpatterns = [
    path("partnership/", views.DashboardView.as_view(), name="dashboard"),
    path("partnership/download/<str:section>/", views.DashboardCsvView.as_view(), name="csv"),
    path("children/<uuid:child_id>/participation/", views.ChildParticipationView.as_view(), name="child-participation"),
]
