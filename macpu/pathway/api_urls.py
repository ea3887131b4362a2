from django.urls import path

from macpu.pathway import api, cpis_api, step_api

urlpatterns = [
    path("tasks", step_api.TasksApi.as_view(), name="api-tasks"),
    path("referrals/made", step_api.ReferralsMadeApi.as_view(), name="api-referrals-made"),
    path("children/<uuid:child_id>/pathway", step_api.ChildPathwayApi.as_view(), name="api-child-pathway"),
    path("children/<uuid:child_id>/pathway/steps", step_api.PathwayStepsApi.as_view(), name="api-child-pathway-steps"),
    path("timescales", api.TimescalesApi.as_view(), name="api-timescales"),
    path("timescales/<str:code>", api.TimescaleApi.as_view(), name="api-timescale"),
    path("cp-is/pending", cpis_api.CpisPendingApi.as_view(), name="api-cpis-pending"),
    path("cp-is/extracts", cpis_api.CpisExtractsApi.as_view(), name="api-cpis-extracts"),
    path("cp-is/extracts/<uuid:extract_id>/file", cpis_api.CpisExtractFileApi.as_view(), name="api-cpis-extract-file"),
]
