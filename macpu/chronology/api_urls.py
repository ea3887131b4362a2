from django.urls import path

from macpu.chronology import api

urlpatterns = [
    path("children/<uuid:child_id>/chronology", api.ChronologyApi.as_view(), name="api-child-chronology"),
    path(
        "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/notes",
        api.EntryNoteApi.as_view(),
        name="api-chronology-entry-notes",
    ),
]
