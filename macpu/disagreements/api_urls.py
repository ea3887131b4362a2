from django.urls import path

from macpu.disagreements import api

urlpatterns = [
    path("disagreements", api.DisagreementListApi.as_view(), name="api-disagreements"),
    path("disagreements/<uuid:disagreement_id>", api.DisagreementApi.as_view(), name="api-disagreement"),
    path(
        "disagreements/<uuid:disagreement_id>/escalations",
        api.DisagreementEscalationApi.as_view(),
        name="api-disagreement-escalations",
    ),
    path(
        "disagreements/<uuid:disagreement_id>/outcome",
        api.DisagreementOutcomeApi.as_view(),
        name="api-disagreement-outcome",
    ),
    path("children/<uuid:child_id>/disagreements", api.ChildDisagreementsApi.as_view(), name="api-child-disagreements"),
]
