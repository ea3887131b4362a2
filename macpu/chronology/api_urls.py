from django.urls import path

from macpu.chronology import api

urlpatterns = [
    path("children/<uuid:child_id>/chronology", api.ChronologyApi.as_view(), name="api-child-chronology"),
    path(
        "children/<uuid:child_id>/chronology/exports", api.ChronologyExportApi.as_view(), name="api-chronology-exports"
    ),
    path(
        "children/<uuid:child_id>/household/chronology",
        api.HouseholdChronologyApi.as_view(),
        name="api-household-chronology",
    ),
    path(
        "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/notes",
        api.EntryNoteApi.as_view(),
        name="api-chronology-entry-notes",
    ),
    path(
        "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/split",
        api.SameFactSplitApi.as_view(),
        name="api-chronology-entry-split",
    ),
    path("children/<uuid:child_id>/chronology/versions", api.VersionsApi.as_view(), name="api-chronology-versions"),
    path(
        "children/<uuid:child_id>/chronology/versions/<uuid:version_id>",
        api.VersionApi.as_view(),
        name="api-chronology-version",
    ),
]
