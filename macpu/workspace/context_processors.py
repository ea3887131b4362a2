"""The service navigation: the sections the signed-in user's role may use, and which one is open."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.actor import Actor

SECTIONS = (
    ("Home", "workspace:home", Permission.WORKSPACE_USE),
    ("Find a child", "people:child-search", Permission.CHILD_SEARCH),
    ("Duplicates", "people:duplicates", Permission.DUPLICATES_RESOLVE),
    ("Tasks", "pathway:tasks", Permission.CHILD_VIEW),
    ("Referrals made", "pathway:referrals-made", Permission.CHILD_VIEW),
    ("Disagreements", "disagreements:list", Permission.CHILD_VIEW),
    ("Gaps", "gaps:dashboard", Permission.GAP_DASHBOARD_VIEW),
    ("Partnership", "partnership:dashboard", Permission.PARTNERSHIP_DASHBOARD_VIEW),
    ("Organisations", "organisations:organisation-list", Permission.ORGANISATION_DIRECTORY_VIEW),
    ("Practice profiles", "practice:profiles", Permission.ORGANISATION_DIRECTORY_VIEW),
    ("Glossary", "practice:glossary", Permission.ORGANISATION_DIRECTORY_VIEW),
    ("Staff", "organisations:staff", Permission.STAFF_MANAGE),
    ("API tokens", "organisations:api-tokens", Permission.API_CLIENTS_MANAGE),
    ("Feed sources", "events:sources", Permission.FEED_ADMINISTER),
    ("Quarantine", "events:quarantine", Permission.FEED_ADMINISTER),
    ("Move an entry", "events:move", Permission.EVENTS_CORRECT),
    ("Working days", "workingdays:calendar", Permission.CALENDAR_MANAGE),
    ("Timescales", "pathway:timescales", Permission.TIMESCALES_MANAGE),
    ("Gap rules", "gaps:rules", Permission.GAP_RULES_MANAGE),
    ("MACPU team", "macpt:teams", Permission.WORKSPACE_USE),
    ("CP-IS", "pathway:cpis", Permission.CPIS_EXTRACT),
    ("Audit", "oversight:audit-home", Permission.AUDIT_VIEW),
    ("Subject access", "oversight:subject-access", Permission.SUBJECT_ACCESS_EXPORT),
    ("Emergency access", "oversight:emergency-reviews", Permission.BREAK_GLASS_REVIEW),
    ("Retention", "retention:overview", Permission.RETENTION_MANAGE),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None:
        return {}
    match = request.resolver_match
    open_section = match.view_name if match else ""
    return {
        "navigation": [
            {"label": label, "url": reverse(url_name), "active": open_section.startswith(url_name.rsplit("-", 1)[0])}
            for label, url_name, permission in SECTIONS
            if role_grants(actor.role, permission)
        ]
    }
