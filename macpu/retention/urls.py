from django.urls import path

from macpu.retention import views

app_name = "retention"

urlpatterns = [
    path("retention/", views.RetentionView.as_view(), name="overview"),
    path("retention/periods/<str:record_type>/", views.PeriodView.as_view(), name="period"),
    path("retention/holds/new/", views.HoldCreateView.as_view(), name="hold-new"),
    path("retention/holds/<uuid:hold_id>/release/", views.HoldReleaseView.as_view(), name="hold-release"),
]
