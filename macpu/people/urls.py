from django.urls import path

from macpu.people import views, views_duplicates

app_name = "people"

urlpatterns = [
    path("children/search/", views.ChildSearchView.as_view(), name="child-search"),
    path("children/<uuid:child_id>/identifiers/", views.ChildIdentifiersView.as_view(), name="child-identifiers"),
    path(
        "children/<uuid:child_id>/identifiers/add/",
        views.ChildIdentifierAddView.as_view(),
        name="child-identifier-add",
    ),
    path("duplicates/", views_duplicates.DuplicatesView.as_view(), name="duplicates"),
    path("duplicates/<uuid:duplicate_id>/", views_duplicates.DuplicateView.as_view(), name="duplicates-pair"),
]
