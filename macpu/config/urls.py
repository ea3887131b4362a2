"""The URL map: HTML pages at the root, the REST API under /api/v1/, the schema at /api/schema/."""

from django.urls import URLPattern, URLResolver, include, path

from macpu.events.api import EventMoveApi, EventsApi, FeedSourcesApi, QuarantineApi, QuarantineReplayApi
from macpu.workspace.api import MeApi, SchemaApi

api_v1: list[URLPattern | URLResolver] = [
    path("me", MeApi.as_view(), name="api-me"),
    path("events", EventsApi.as_view(), name="api-events"),
    path("events/move", EventMoveApi.as_view(), name="api-events-move"),
    path("feed/sources", FeedSourcesApi.as_view(), name="api-feed-sources"),
    path("feed/quarantine", QuarantineApi.as_view(), name="api-feed-quarantine"),
    path("feed/quarantine/<uuid:line_id>/replay", QuarantineReplayApi.as_view(), name="api-feed-quarantine-replay"),
    path("", include("macpu.people.api_urls")),
    path("", include("macpu.chronology.api_urls")),
    path("", include("macpu.organisations.api_urls")),
    path("", include("macpu.exports.api_urls")),
    path("", include("macpu.workingdays.api_urls")),
    path("", include("macpu.pathway.api_urls")),
    path("", include("macpu.gaps.api_urls")),
    path("", include("macpu.macpt.api_urls")),
]

urlpatterns = [
    path("", include("macpu.workspace.urls")),
    path("", include("macpu.people.urls")),
    path("", include("macpu.organisations.urls")),
    path("", include("macpu.events.urls")),
    path("", include("macpu.chronology.urls")),
    path("", include("macpu.exports.urls")),
    path("", include("macpu.workingdays.urls")),
    path("", include("macpu.pathway.urls")),
    path("", include("macpu.gaps.urls")),
    path("", include("macpu.macpt.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SchemaApi.as_view(), name="api-schema"),
]

handler403 = "macpu.workspace.errors.forbidden"
handler404 = "macpu.workspace.errors.not_found"
handler500 = "macpu.workspace.errors.server_error"
