from django.urls import path

from macpu.events import views

app_name = "events"

urlpatterns = [
    path("children/<uuid:child_id>/concerns/new/", views.ConcernRecordView.as_view(), name="concern-record"),
]
