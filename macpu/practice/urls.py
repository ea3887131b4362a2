from django.urls import path

from macpu.practice import views

app_name = "practice"

urlpatterns = [
    path("practice-profiles/", views.ProfilesView.as_view(), name="profiles"),
    path("practice-profiles/compare/", views.CompareView.as_view(), name="profiles-compare"),
    path("practice-profiles/<str:organisation>/", views.ProfileView.as_view(), name="profiles-detail"),
    path("practice-profiles/<str:organisation>/edit/", views.ProfileEditView.as_view(), name="profiles-edit"),
    path(
        "practice-profiles/<str:organisation>/teams/<uuid:team_id>/",
        views.ProfileView.as_view(),
        name="profiles-team",
    ),
    path(
        "practice-profiles/<str:organisation>/teams/<uuid:team_id>/edit/",
        views.ProfileEditView.as_view(),
        name="profiles-team-edit",
    ),
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
    path("glossary/new/", views.TermAddView.as_view(), name="glossary-new"),
    path("glossary/<uuid:term_id>/edit/", views.TermEditView.as_view(), name="glossary-edit"),
    path("glossary/<uuid:term_id>/remove/", views.TermRemoveView.as_view(), name="glossary-remove"),
]
