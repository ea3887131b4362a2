from django.urls import path

from macpu.people import views

app_name = "people"

urlpatterns = [
    path("children/search/", views.ChildSearchView.as_view(), name="child-search"),
    path(
        "children/<uuid:child_id>/identifiers/add/",
        views.ChildIdentifierAddView.as_view(),
        name="child-identifier-add",
    ),
]
