from django.urls import path

from macpu.disagreements import views

app_name = "disagreements"

urlpatterns = [
    path("disagreements/", views.DisagreementListView.as_view(), name="list"),
    path("disagreements/<uuid:disagreement_id>/", views.DisagreementView.as_view(), name="detail"),
    path("disagreements/<uuid:disagreement_id>/escalate/", views.EscalateView.as_view(), name="escalate"),
    path("disagreements/<uuid:disagreement_id>/outcome/", views.ResolveView.as_view(), name="resolve"),
    path("children/<uuid:child_id>/disagreements/", views.ChildDisagreementsView.as_view(), name="child"),
    path("children/<uuid:child_id>/disagreements/raise/", views.RaiseView.as_view(), name="raise"),
]
