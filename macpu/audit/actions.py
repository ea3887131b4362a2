"""The things macpu audits. Names are stable: reports and SIEM rules depend on them."""

from enum import StrEnum


class AuditAction(StrEnum):
    # Reads of case data
    CHILD_VIEWED = "child.viewed"
    CHILD_SEARCHED = "child.searched"
    CHILDREN_LISTED = "children.listed"
    CHRONOLOGY_VIEWED = "chronology.viewed"
    CHRONOLOGY_EXPORTED = "chronology.exported"
    CHRONOLOGY_VERSION_VIEWED = "chronology.version_viewed"
    PATHWAY_VIEWED = "pathway.viewed"
    TASKS_LISTED = "pathway.tasks_listed"
    REFERRALS_FOLLOWED = "pathway.referrals_followed"
    # Writes of case data
    PERSON_CREATED = "person.created"
    PERSON_UPDATED = "person.updated"
    PERSON_NAME_ADDED = "person.name_added"
    IDENTIFIER_ADDED = "person.identifier_added"
    ADDRESS_ADDED = "person.address_added"
    RELATIONSHIP_ADDED = "person.relationship_added"
    RELATIONSHIP_ENDED = "person.relationship_ended"
    SOURCE_RECORD_LINKED = "person.source_record_linked"
    SOURCE_RECORD_UNLINKED = "person.source_record_unlinked"
    PROBABLE_DUPLICATE_FLAGGED = "person.probable_duplicate_flagged"
    CHRONOLOGY_ENTRY_ANNOTATED = "chronology.entry_annotated"
    CHRONOLOGY_SAME_FACT_SPLIT = "chronology.same_fact_split"
    CHRONOLOGY_VERSION_SAVED = "chronology.version_saved"
    EVENT_RECORDED = "event.recorded"
    EVENT_UPDATED = "event.updated"
    EVENT_RETRACTED = "event.retracted"
    EVENT_MOVED = "event.moved"
    EVENT_QUARANTINED = "event.quarantined"
    QUARANTINE_REPLAYED = "event.quarantine_replayed"
    FEED_IMPORTED = "feed.imported"
    API_CLIENT_CREATED = "api_client.created"
    API_CLIENT_REVOKED = "api_client.revoked"
    INVOLVEMENT_RECORDED = "access.involvement_recorded"
    NETWORK_MEMBER_ADDED = "access.network_member_added"
    NETWORK_MEMBER_ENDED = "access.network_member_ended"
    # Organisations and people who use macpu
    ORGANISATION_CREATED = "organisation.created"
    ORGANISATION_UPDATED = "organisation.updated"
    ORGANISATIONS_IMPORTED = "organisations.imported"
    AREA_CREATED = "area.created"
    USER_CREATED = "user.created"
    MEMBERSHIP_STARTED = "membership.started"
    MEMBERSHIP_ENDED = "membership.ended"
    SIGNED_IN = "session.signed_in"
    SIGNED_OUT = "session.signed_out"
    ROLE_SELECTED = "session.role_selected"
    # Exports made in the background: asked for, downloaded by their requester, expired after a day
    EXPORT_REQUESTED = "export.requested"
    EXPORT_DOWNLOADED = "export.downloaded"
    EXPORT_FAILED = "export.failed"
    EXPORT_EXPIRED = "export.expired"
    # The working-day calendar: one-off holidays proclaimed beyond the bank holidays
    PROCLAIMED_HOLIDAY_ADDED = "workingdays.holiday_added"
    PROCLAIMED_HOLIDAY_REMOVED = "workingdays.holiday_removed"
    # Local timescales: an area's own length for a pathway timescale, set or returned to the national default
    TIMESCALE_CHANGED = "pathway.timescale_changed"
    PATHWAY_REMINDERS_SENT = "pathway.reminders_sent"
    # The CP-IS extract (R31): a file of plans started or ended, produced for upload, and each download of it
    CPIS_EXTRACT_PRODUCED = "pathway.cpis_extract_produced"
    CPIS_EXTRACT_DOWNLOADED = "pathway.cpis_extract_downloaded"
    CPIS_PENDING_VIEWED = "pathway.cpis_pending_viewed"
    # Multi-agency child protection teams (CA 2004 s.16EA): teams, members joining and leaving, operator checks
    MACPT_TEAM_CREATED = "macpt.team_created"
    MACPT_MEMBER_ADDED = "macpt.member_added"
    MACPT_MEMBER_LEFT = "macpt.member_left"
    MACPT_CHECKED = "macpt.checked"
    # Gap detection (rules T1 to T16): findings raised, closed when they no longer hold, acted on; runs; settings
    GAP_FINDING_RAISED = "gaps.finding_raised"
    GAP_FINDING_CLOSED = "gaps.finding_closed"
    GAP_FINDING_ACTED = "gaps.finding_acted"
    GAP_FINDINGS_VIEWED = "gaps.findings_viewed"
    GAPS_RUN = "gaps.run"
    GAP_RULE_CHANGED = "gaps.rule_changed"
    # Refusals and the log itself
    ACCESS_DENIED = "access.denied"
    EDIT_REFUSED_STALE = "edit.refused_stale"
    AUDIT_VERIFIED = "audit.verified"
    DEMO_LOADED = "demo.loaded"


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    DENIED = "denied"
    FAILED = "failed"
