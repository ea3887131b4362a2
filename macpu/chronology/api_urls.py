from django.urls import path

from macpu.chronology import api

urlpatterns = [
    path("children/<uuid:child_id>/chronology", api.ChronologyApi.as_view(), name="api-child-chronology"),
]
