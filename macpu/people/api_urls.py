from django.urls import path

from macpu.people import api, api_duplicates

urlpatterns = [
    path("children/search", api.ChildSearchApi.as_view(), name="api-children-search"),
    path("people/search", api.PeopleSearchApi.as_view(), name="api-people-search"),
    path("children/<uuid:child_id>", api.ChildDetailApi.as_view(), name="api-child-detail"),
    path("children/<uuid:child_id>/identifiers", api.ChildIdentifierAddApi.as_view(), name="api-child-identifiers"),
    path("duplicates", api_duplicates.DuplicatesApi.as_view(), name="api-duplicates"),
    path("duplicates/<uuid:duplicate_id>", api_duplicates.DuplicateDetailApi.as_view(), name="api-duplicate"),
    path("duplicates/<uuid:duplicate_id>/link", api_duplicates.DuplicateLinkApi.as_view(), name="api-duplicate-link"),
    path(
        "duplicates/<uuid:duplicate_id>/distinct",
        api_duplicates.DuplicateDistinctApi.as_view(),
        name="api-duplicate-distinct",
    ),
    path(
        "duplicates/links/<uuid:merge_id>/decision",
        api_duplicates.MergeDecisionApi.as_view(),
        name="api-duplicate-link-decision",
    ),
    path("duplicates/links/<uuid:merge_id>/undo", api_duplicates.MergeUndoApi.as_view(), name="api-duplicate-undo"),
    path(
        "duplicates/links/<uuid:merge_id>/undo/decision",
        api_duplicates.MergeUndoDecisionApi.as_view(),
        name="api-duplicate-undo-decision",
    ),
]
