from django.urls import path

from macpu.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/<uuid:organisation_id>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path(
        "organisations/<uuid:organisation_id>/contacts/",
        views.OrganisationContactsView.as_view(),
        name="organisation-contacts",
    ),
]
