from django.urls import path

from macpu.events import views

app_name = "events"

urlpatterns = [
    path("children/<uuid:child_id>/concerns/new/", views.ConcernRecordView.as_view(), name="concern-record"),
    path("feed/sources/", views.FeedSourcesView.as_view(), name="sources"),
    path("feed/quarantine/", views.QuarantineListView.as_view(), name="quarantine"),
    path("feed/quarantine/<uuid:line_id>/", views.QuarantineLineView.as_view(), name="quarantine-line"),
    path("feed/corrections/move/", views.EventMoveView.as_view(), name="move"),
    path(
        "children/<uuid:child_id>/entries/<uuid:event_id>/visibility/",
        views.EntryVisibilityView.as_view(),
        name="entry-visibility",
    ),
    path("visibility-requests/", views.VisibilityRequestsView.as_view(), name="visibility-requests"),
]
