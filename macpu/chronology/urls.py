from django.urls import path

from macpu.chronology import views

app_name = "chronology"

urlpatterns = [
    path("children/<uuid:child_id>/chronology/", views.ChronologyView.as_view(), name="timeline"),
    path("children/<uuid:child_id>/household/chronology/", views.HouseholdChronologyView.as_view(), name="household"),
    path("children/<uuid:child_id>/chronology.csv", views.ChronologyCsvView.as_view(), name="timeline-csv"),
    path("children/<uuid:child_id>/chronology.pdf", views.ChronologyPdfView.as_view(), name="timeline-pdf"),
    path(
        "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/note/",
        views.EntryNoteView.as_view(),
        name="entry-note",
    ),
    path(
        "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/split/",
        views.SameFactSplitView.as_view(),
        name="entry-split",
    ),
    path("children/<uuid:child_id>/chronology/versions/new/", views.VersionSaveView.as_view(), name="version-save"),
    path(
        "children/<uuid:child_id>/chronology/versions/<uuid:version_id>/",
        views.VersionView.as_view(),
        name="version",
    ),
    path(
        "children/<uuid:child_id>/chronology/versions/<uuid:version_id>.csv",
        views.VersionCsvView.as_view(),
        name="version-csv",
    ),
    path(
        "children/<uuid:child_id>/chronology/versions/<uuid:version_id>.pdf",
        views.VersionPdfView.as_view(),
        name="version-pdf",
    ),
]
