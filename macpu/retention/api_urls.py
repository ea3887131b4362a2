from django.urls import path

from macpu.retention import api

urlpatterns = [
    path("retention/schedule", api.ScheduleApi.as_view(), name="api-retention-schedule"),
    path("retention/schedule/<str:record_type>", api.PeriodApi.as_view(), name="api-retention-period"),
    path("retention/holds", api.HoldsApi.as_view(), name="api-retention-holds"),
    path("retention/holds/<uuid:hold_id>/release", api.HoldReleaseApi.as_view(), name="api-retention-hold-release"),
    path("retention/preview", api.PreviewApi.as_view(), name="api-retention-preview"),
    path("retention/runs", api.RunsApi.as_view(), name="api-retention-runs"),
]
