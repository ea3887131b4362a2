"""The URL map: HTML pages at the root, the REST API under /api/v1/, the schema at /api/schema/."""

from django.urls import URLPattern, URLResolver, include, path

from macpu.events.api import (
    EventMoveApi,
    EventsApi,
    EventVisibilityApi,
    FeedSourcesApi,
    QuarantineApi,
    QuarantineReplayApi,
    VisibilityDecisionApi,
    VisibilityRequestsApi,
)
from macpu.workspace.api import MeApi, MeSessionApi, MeSessionsApi, SchemaApi

api_v1: list[URLPattern | URLResolver] = [
    path("me", MeApi.as_view(), name="api-me"),
    path("me/sessions", MeSessionsApi.as_view(), name="api-me-sessions"),
    path("me/sessions/<int:session_id>", MeSessionApi.as_view(), name="api-me-session"),
    path("events", EventsApi.as_view(), name="api-events"),
    path("events/move", EventMoveApi.as_view(), name="api-events-move"),
    path("events/<uuid:event_id>/visibility", EventVisibilityApi.as_view(), name="api-event-visibility"),
    path("visibility-requests", VisibilityRequestsApi.as_view(), name="api-visibility-requests"),
    path(
        "visibility-requests/<uuid:change_id>/decision", VisibilityDecisionApi.as_view(), name="api-visibility-decide"
    ),
    path("feed/sources", FeedSourcesApi.as_view(), name="api-feed-sources"),
    path("feed/quarantine", QuarantineApi.as_view(), name="api-feed-quarantine"),
    path("feed/quarantine/<uuid:line_id>/replay", QuarantineReplayApi.as_view(), name="api-feed-quarantine-replay"),
    path("", include("macpu.people.api_urls")),
    path("", include("macpu.chronology.api_urls")),
    path("", include("macpu.organisations.api_urls")),
    path("", include("macpu.practice.api_urls")),
    path("", include("macpu.exports.api_urls")),
    path("", include("macpu.workingdays.api_urls")),
    path("", include("macpu.pathway.api_urls")),
    path("", include("macpu.sharing.api_urls")),
    path("", include("macpu.gaps.api_urls")),
    path("", include("macpu.disagreements.api_urls")),
    path("", include("macpu.macpt.api_urls")),
    path("", include("macpu.retention.api_urls")),
    path("", include("macpu.oversight.api_urls")),
    path("", include("macpu.partnership.api_urls")),
]

urlpatterns = [
    path("", include("macpu.workspace.urls")),
    path("", include("macpu.workspace.account_urls")),
    path("", include("macpu.people.urls")),
    path("", include("macpu.organisations.urls")),
    path("", include("macpu.practice.urls")),
    path("", include("macpu.events.urls")),
    path("", include("macpu.chronology.urls")),
    path("", include("macpu.exports.urls")),
    path("", include("macpu.workingdays.urls")),
    path("", include("macpu.pathway.urls")),
    path("", include("macpu.sharing.urls")),
    path("", include("macpu.gaps.urls")),
    path("", include("macpu.disagreements.urls")),
    path("", include("macpu.macpt.urls")),
    path("", include("macpu.retention.urls")),
    path("", include("macpu.oversight.urls")),
    path("", include("macpu.partnership.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SchemaApi.as_view(), name="api-schema"),
]

handler403 = "macpu.workspace.errors.forbidden"
handler404 = "macpu.workspace.errors.not_found"
handler500 = "macpu.workspace.errors.server_error"
