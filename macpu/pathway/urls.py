from django.urls import path

from macpu.pathway import cpis_views, step_views, task_views, views

app_name = "pathway"

urlpatterns = [
    path("timescales/", views.TimescalesView.as_view(), name="timescales"),
    path("timescales/<str:code>/change/", views.TimescaleChangeView.as_view(), name="timescales-change"),
    path("timescales/<str:code>/reset/", views.TimescaleResetView.as_view(), name="timescales-reset"),
    path("cp-is/", cpis_views.CpisView.as_view(), name="cpis"),
    path("cp-is/produce/", cpis_views.CpisProduceView.as_view(), name="cpis-produce"),
    path("cp-is/extracts/<uuid:extract_id>/file/", cpis_views.CpisDownloadView.as_view(), name="cpis-download"),
]

urlpatterns += [
    path("children/<uuid:child_id>/pathway/", step_views.PathwayView.as_view(), name="child"),
    path("children/<uuid:child_id>/pathway/<slug:step>/", step_views.StepRecordView.as_view(), name="step"),
    path("children/<uuid:child_id>/pathway/<slug:step>/check/", step_views.StepCheckView.as_view(), name="step-check"),
]
urlpatterns += [path("tasks/", task_views.TasksView.as_view(), name="tasks")]
urlpatterns += [path("referrals/", task_views.ReferralsMadeView.as_view(), name="referrals-made")]
