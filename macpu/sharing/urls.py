from django.urls import path

from macpu.sharing import views

app_name = "sharing"

urlpatterns = [
    path("children/<uuid:child_id>/sharing/", views.SharingHistoryView.as_view(), name="history"),
    path("children/<uuid:child_id>/sharing/record/", views.SharingRecordView.as_view(), name="record"),
]
