from django.urls import path

from macpu.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("home/", views.HomeView.as_view(), name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("account/role/", views.RoleSelectView.as_view(), name="role-select"),
    path("account/sessions/", views.SessionsView.as_view(), name="sessions"),
    path("health/", views.HealthView.as_view(), name="health"),
    path("children/<uuid:child_id>/", views.ChildRecordView.as_view(), name="child-detail"),
]
