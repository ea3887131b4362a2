from django.urls import path

from macpu.workingdays import views

app_name = "workingdays"

urlpatterns = [
    path("working-days/", views.WorkingDaysView.as_view(), name="calendar"),
    path(
        "working-days/proclaimed/<str:day>/remove/",
        views.ProclaimedHolidayRemoveView.as_view(),
        name="proclaimed-remove",
    ),
]
