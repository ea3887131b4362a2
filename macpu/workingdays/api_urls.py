from django.urls import path

from macpu.workingdays import api

urlpatterns = [
    path("working-days/add", api.WorkingDaysAddApi.as_view(), name="api-working-days-add"),
    path("working-days/between", api.WorkingDaysBetweenApi.as_view(), name="api-working-days-between"),
    path("working-days/proclaimed-holidays", api.ProclaimedHolidaysApi.as_view(), name="api-proclaimed-holidays"),
    path(
        "working-days/proclaimed-holidays/<str:date>",
        api.ProclaimedHolidayApi.as_view(),
        name="api-proclaimed-holiday",
    ),
]
