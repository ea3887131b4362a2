from django.urls import path

from macpu.gaps import views

app_name = "gaps"

urlpatterns = [
    path("gaps/", views.DashboardView.as_view(), name="dashboard"),
    path("gaps/rules/", views.RulesView.as_view(), name="rules"),
    path("gaps/rules/<str:rule_id>/", views.RuleView.as_view(), name="rule"),
    path("children/<uuid:child_id>/findings/", views.ChildFindingsView.as_view(), name="child-findings"),
]
