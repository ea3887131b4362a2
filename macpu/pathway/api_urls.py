from django.urls import path

from macpu.pathway.api import cpis, steps, tasks, timescales

urlpatterns = [
    path("tasks", tasks.TasksApi.as_view(), name="api-tasks"),
    path("referrals/made", tasks.ReferralsMadeApi.as_view(), name="api-referrals-made"),
    path("children/<uuid:child_id>/pathway", steps.ChildPathwayApi.as_view(), name="api-child-pathway"),
    path("children/<uuid:child_id>/pathway/steps", steps.PathwayStepsApi.as_view(), name="api-child-pathway-steps"),
    path("timescales", timescales.TimescalesApi.as_view(), name="api-timescales"),
    path("timescales/<str:code>", timescales.TimescaleApi.as_view(), name="api-timescale"),
    path("cp-is/pending", cpis.CpisPendingApi.as_view(), name="api-cpis-pending"),
    path("cp-is/extracts", cpis.CpisExtractsApi.as_view(), name="api-cpis-extracts"),
    path("cp-is/extracts/<uuid:extract_id>/file", cpis.CpisExtractFileApi.as_view(), name="api-cpis-extract-file"),
]
