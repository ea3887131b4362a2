from django.urls import path

from macpu.organisations import api

urlpatterns = [
    path("organisations", api.OrganisationListApi.as_view(), name="api-organisations"),
    path("organisations/<uuid:organisation_id>", api.OrganisationDetailApi.as_view(), name="api-organisation-detail"),
    path(
        "organisations/<uuid:organisation_id>/contacts",
        api.OrganisationContactsApi.as_view(),
        name="api-organisation-contacts",
    ),
]
