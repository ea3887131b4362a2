from django.urls import path

from macpu.sharing import api

urlpatterns = [
    path("children/<uuid:child_id>/sharing", api.ChildSharingApi.as_view(), name="api-child-sharing"),
]
