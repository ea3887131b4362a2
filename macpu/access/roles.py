"""The roles a person holds in an organisation, and what each may do.

Roles are function-level: what kind of work a person does. Which children's
records they reach is decided separately, by involvement (see rules/policy.py).
"""

from enum import StrEnum

from macpu.access.permissions import Permission


class Role(StrEnum):
    PRACTITIONER = "practitioner"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    SOCIAL_WORKER = "social_worker"
    TEAM_MANAGER = "team_manager"
    CONFERENCE_CHAIR = "conference_chair"
    MACPU_MEMBER = "macpu_member"
    POLICE_OFFICER = "police_officer"
    PARTNERSHIP_ANALYST = "partnership_analyst"
    SAFEGUARDING_PARTNER = "safeguarding_partner"
    DATA_QUALITY_OFFICER = "data_quality_officer"
    INFORMATION_GOVERNANCE_OFFICER = "information_governance_officer"
    AUDITOR = "auditor"
    SYSTEM_ADMINISTRATOR = "system_administrator"
    ORGANISATION_ADMINISTRATOR = "organisation_administrator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.PRACTITIONER: "Practitioner",
    Role.SAFEGUARDING_LEAD: "Safeguarding lead",
    Role.SOCIAL_WORKER: "Social worker",
    Role.TEAM_MANAGER: "Team manager",
    Role.CONFERENCE_CHAIR: "Conference chair",
    Role.MACPU_MEMBER: "MACPU member",
    Role.POLICE_OFFICER: "Police officer",
    Role.PARTNERSHIP_ANALYST: "Partnership analyst",
    Role.SAFEGUARDING_PARTNER: "Safeguarding partner",
    Role.DATA_QUALITY_OFFICER: "Data quality officer",
    Role.INFORMATION_GOVERNANCE_OFFICER: "Information governance officer",
    Role.AUDITOR: "Auditor",
    Role.SYSTEM_ADMINISTRATOR: "System administrator",
    Role.ORGANISATION_ADMINISTRATOR: "Organisation administrator",
}

# Roles that work on cases: they see the shared record of a child their organisation is involved with.
CASE_ROLES: frozenset[Role] = frozenset(
    {
        Role.PRACTITIONER,
        Role.SAFEGUARDING_LEAD,
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.CONFERENCE_CHAIR,
        Role.MACPU_MEMBER,
        Role.POLICE_OFFICER,
    }
)

_EVERY_SIGNED_IN_USER = frozenset({Permission.WORKSPACE_USE, Permission.ORGANISATION_DIRECTORY_VIEW})
_CASE_WORK = frozenset(
    {
        Permission.CHILD_SEARCH,
        Permission.CHILD_VIEW,
        Permission.CHILD_RECORD,
        Permission.NETWORK_MANAGE,
        Permission.CHRONOLOGY_CURATE,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    **dict.fromkeys(CASE_ROLES, _EVERY_SIGNED_IN_USER | _CASE_WORK),
    # Team managers also keep the area's multi-agency child protection team (CA 2004 s.16EA) up to date.
    # ... and produce the CP-IS extract (R31).
    Role.TEAM_MANAGER: _EVERY_SIGNED_IN_USER
    | _CASE_WORK
    | {
        Permission.MACPT_MANAGE,
        Permission.CPIS_EXTRACT,
        Permission.GAP_DASHBOARD_VIEW,
        # ... and read the partnership dashboard's aggregates, to see how their service works with the others.
        Permission.PARTNERSHIP_DASHBOARD_VIEW,
    },
    # The MACPU watches the gaps between agencies across the area: counts, never a child's record.
    # ... and approves (as the second person) links of probable duplicates that data quality officers propose.
    Role.MACPU_MEMBER: _EVERY_SIGNED_IN_USER
    | _CASE_WORK
    | {Permission.GAP_DASHBOARD_VIEW, Permission.DUPLICATES_RESOLVE, Permission.PARTNERSHIP_DASHBOARD_VIEW},
    # Safeguarding leads also keep their own organisation's practice profile and its teams' (practice-profiles.md).
    Role.SAFEGUARDING_LEAD: _EVERY_SIGNED_IN_USER | _CASE_WORK | {Permission.PRACTICE_PROFILE_MAINTAIN},
    # Aggregates only: no child's record, and no search that could reveal one.
    # ... and keeps the partnership's shared glossary.
    Role.PARTNERSHIP_ANALYST: _EVERY_SIGNED_IN_USER
    | {
        Permission.GLOSSARY_MANAGE,
        Permission.GAP_DASHBOARD_VIEW,
        Permission.PARTNERSHIP_DASHBOARD_VIEW,
    },
    # The delegated safeguarding partners of the local authority, the integrated care board and the police
    # (Working Together 2023): the partnership's figures, aggregates only; no child's record, no search.
    Role.SAFEGUARDING_PARTNER: _EVERY_SIGNED_IN_USER
    | {Permission.PARTNERSHIP_DASHBOARD_VIEW, Permission.GAP_DASHBOARD_VIEW},
    Role.DATA_QUALITY_OFFICER: _EVERY_SIGNED_IN_USER
    | {Permission.CHILD_SEARCH, Permission.FEED_ADMINISTER, Permission.EVENTS_CORRECT, Permission.DUPLICATES_RESOLVE},
    # ... and keeps the retention schedule and the legal holds on children's records.
    Role.INFORMATION_GOVERNANCE_OFFICER: _EVERY_SIGNED_IN_USER
    | {
        Permission.AUDIT_VIEW,
        Permission.RETENTION_MANAGE,
        Permission.SUBJECT_ACCESS_EXPORT,
        Permission.BREAK_GLASS_REVIEW,
    },
    Role.AUDITOR: _EVERY_SIGNED_IN_USER | {Permission.AUDIT_VIEW},
    # Runs the system; sees no case content by default.
    Role.SYSTEM_ADMINISTRATOR: _EVERY_SIGNED_IN_USER
    | {
        Permission.ORGANISATION_MANAGE,
        Permission.FEED_ADMINISTER,
        Permission.CALENDAR_MANAGE,
        Permission.TIMESCALES_MANAGE,
        Permission.GAP_RULES_MANAGE,
        Permission.MACPT_MANAGE,
        Permission.CPIS_EXTRACT,
        Permission.API_CLIENTS_MANAGE,
        Permission.STAFF_MANAGE,
        # Sets up any organisation's practice profile, and keeps the glossary.
        Permission.PRACTICE_PROFILE_MAINTAIN,
        Permission.GLOSSARY_MANAGE,
    },
    # Looks after one organisation's people and systems: joiners, movers and leavers (dated memberships), and
    # the tokens its systems send events with. Sees no child's record.
    Role.ORGANISATION_ADMINISTRATOR: _EVERY_SIGNED_IN_USER | {Permission.API_CLIENTS_MANAGE, Permission.STAFF_MANAGE},
}

# The roles an organisation's administrator may give: its own case work and its own administration, none with a
# permission beyond them (a rules test holds it). Roles that reach across the area (team managers' CP-IS extract
# and MACPU team, the MACPU's gap dashboard, auditing, information governance, data quality, analysis, running
# the system) are given by system administrators only.
ORGANISATION_GRANTABLE_ROLES: frozenset[Role] = frozenset(
    {
        Role.PRACTITIONER,
        Role.SAFEGUARDING_LEAD,
        Role.SOCIAL_WORKER,
        Role.CONFERENCE_CHAIR,
        Role.POLICE_OFFICER,
        Role.ORGANISATION_ADMINISTRATOR,
    }
)
ORGANISATION_SCOPED_PERMISSIONS: frozenset[Permission] = (
    _EVERY_SIGNED_IN_USER
    | _CASE_WORK
    | {Permission.API_CLIENTS_MANAGE, Permission.STAFF_MANAGE, Permission.PRACTICE_PROFILE_MAINTAIN}
)


# An organisation's sending system: it sends events for its own organisation and reads nothing.
API_CLIENT_ROLE = "api_client"
API_CLIENT_PERMISSIONS = frozenset({Permission.EVENTS_SUBMIT})


def role_grants(role: str, permission: "Permission") -> bool:
    """Whether the role may do this kind of thing at all (function-level)."""
    if role == API_CLIENT_ROLE:
        return permission in API_CLIENT_PERMISSIONS
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
