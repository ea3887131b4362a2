from django.urls import path

from macpu.pathway.views import cpis, steps, tasks, timescales

app_name = "pathway"

urlpatterns = [
    path("timescales/", timescales.TimescalesView.as_view(), name="timescales"),
    path("timescales/<str:code>/change/", timescales.TimescaleChangeView.as_view(), name="timescales-change"),
    path("timescales/<str:code>/reset/", timescales.TimescaleResetView.as_view(), name="timescales-reset"),
    path("cp-is/", cpis.CpisView.as_view(), name="cpis"),
    path("cp-is/produce/", cpis.CpisProduceView.as_view(), name="cpis-produce"),
    path("cp-is/extracts/<uuid:extract_id>/file/", cpis.CpisDownloadView.as_view(), name="cpis-download"),
    path("children/<uuid:child_id>/pathway/", steps.PathwayView.as_view(), name="child"),
    path("children/<uuid:child_id>/pathway/<slug:step>/", steps.StepRecordView.as_view(), name="step"),
    path("children/<uuid:child_id>/pathway/<slug:step>/check/", steps.StepCheckView.as_view(), name="step-check"),
    path("tasks/", tasks.TasksView.as_view(), name="tasks"),
    path("referrals/", tasks.ReferralsMadeView.as_view(), name="referrals-made"),
]
