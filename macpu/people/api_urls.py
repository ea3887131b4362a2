from django.urls import path

from macpu.people import api

urlpatterns = [
    path("children/search", api.ChildSearchApi.as_view(), name="api-children-search"),
    path("children/<uuid:child_id>", api.ChildDetailApi.as_view(), name="api-child-detail"),
    path("children/<uuid:child_id>/identifiers", api.ChildIdentifierAddApi.as_view(), name="api-child-identifiers"),
]
