from django.urls import path

from macpu.exports import views

app_name = "exports"

urlpatterns = [
    path("exports/<uuid:job_id>/", views.ExportJobView.as_view(), name="job"),
    path("exports/<uuid:job_id>/download", views.ExportDownloadView.as_view(), name="download"),
]
