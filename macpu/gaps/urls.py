from django.urls import path

from macpu.gaps import views

app_name = "gaps"

urlpatterns = [
    path("gaps/", views.DashboardView.as_view(), name="dashboard"),
    path("children/<uuid:child_id>/findings/", views.ChildFindingsView.as_view(), name="child-findings"),
]
