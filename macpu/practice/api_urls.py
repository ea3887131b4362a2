from django.urls import path

from macpu.practice.api import views

urlpatterns = [
    path("practice-profiles", views.ProfilesApi.as_view(), name="api-practice-profiles"),
    path("practice-profiles/compare", views.ProfileCompareApi.as_view(), name="api-practice-profiles-compare"),
    path("practice-profiles/<str:organisation>", views.ProfileApi.as_view(), name="api-practice-profile"),
    path(
        "practice-profiles/<str:organisation>/versions",
        views.ProfileVersionsApi.as_view(),
        name="api-practice-profile-versions",
    ),
    path(
        "practice-profiles/<str:organisation>/teams/<uuid:team_id>",
        views.TeamProfileApi.as_view(),
        name="api-practice-profile-team",
    ),
    path(
        "practice-profiles/<str:organisation>/teams/<uuid:team_id>/versions",
        views.TeamProfileVersionsApi.as_view(),
        name="api-practice-profile-team-versions",
    ),
    path("glossary", views.GlossaryApi.as_view(), name="api-glossary"),
    path("glossary/<uuid:term_id>", views.GlossaryTermApi.as_view(), name="api-glossary-term"),
]
