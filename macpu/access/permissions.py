"""Every permission a route or service can require. Names are stable."""

from enum import StrEnum


class Permission(StrEnum):
    WORKSPACE_USE = "workspace.use"
    ORGANISATION_DIRECTORY_VIEW = "organisations.view_directory"
    ORGANISATION_MANAGE = "organisations.manage"
    CHILD_SEARCH = "children.search"
    CHILD_VIEW = "children.view"
    CHILD_RECORD = "children.record"
    NETWORK_MANAGE = "children.manage_network"
    CHRONOLOGY_CURATE = "chronology.curate"
    AUDIT_VIEW = "audit.view"
    SUBJECT_ACCESS_EXPORT = "oversight.subject_access_export"
    BREAK_GLASS_REVIEW = "access.break_glass_review"
    EVENTS_SUBMIT = "events.submit"
    FEED_ADMINISTER = "feed.administer"
    EVENTS_CORRECT = "events.correct"
    CALENDAR_MANAGE = "workingdays.manage_calendar"
    TIMESCALES_MANAGE = "pathway.manage_timescales"
    GAP_RULES_MANAGE = "gaps.manage_rules"
    GAP_DASHBOARD_VIEW = "gaps.view_dashboard"
    MACPT_MANAGE = "macpt.manage_team"
    CPIS_EXTRACT = "pathway.cpis_extract"
    RETENTION_MANAGE = "retention.manage"
    API_CLIENTS_MANAGE = "access.manage_api_clients"
    STAFF_MANAGE = "access.manage_staff"
