from django.urls import path

from macpu.chronology import views

app_name = "chronology"

urlpatterns = [
    path("children/<uuid:child_id>/chronology/", views.ChronologyView.as_view(), name="timeline"),
    path("children/<uuid:child_id>/chronology.csv", views.ChronologyCsvView.as_view(), name="timeline-csv"),
    path(
        "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/note/",
        views.EntryNoteView.as_view(),
        name="entry-note",
    ),
]
