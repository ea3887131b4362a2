from django.urls import path

from macpu.exports import api

urlpatterns = [
    path("exports/<uuid:job_id>", api.ExportJobApi.as_view(), name="api-export"),
    path("exports/<uuid:job_id>/download", api.ExportDownloadApi.as_view(), name="api-export-download"),
]
