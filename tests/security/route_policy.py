"""The route policy table (security target A1): every route of the URL resolver, the methods it accepts, the
permission it declares, and what kind of target it acts on, which decides the object-level rule.

The authorisation matrix (`test_authorisation_matrix.py`) fails when a route of the resolver has no row here, when a
row names a route that no longer exists, and when a route's methods or declared permission differ from its row: a
route added later without a row breaks CI, and so does a route whose permission changes without this table.

Object-level rules by target (docs/access.md; `access.rules.policy.decide`, `access.scoping`):

- `PUBLIC`: open to anyone (signing in, health, the API schema).
- `GLOBAL`: no object: the role's permission decides alone (lists are filtered by the selectors, not refused).
- `CHILD`: a child's shared record: a case role whose organisation is involved with the child, or holding live
  emergency access; anyone else whose role grants the permission gets 404, as for a child that does not exist.
- `ENTRY`: an entry of the child (curating it): the child's rule; then an entry whose content the reader may not read
  (restricted or sealed, of another sector) is shown as withheld but may not be curated: a write is refused (403 in
  the API, 404 from the page's form; an empty form stops at validation first, 400).
- `OWN_ENTRY`: changing who may read an entry: only its recording organisation; any other gets 404.
- `VERSION`: a saved chronology version of the child: the child's rule.
- `ANY_CHILD`: an auditor's view of any child: the role decides alone (auditors need no involvement).
- `UNINVOLVED_CHILD`: emergency access asks why before it opens anything: the form is the same for any child.
- `OWN_OR_OTHERS_EXPORT`: an export job: its requester only; the matrix targets one's own and another's.
- `ORGANISATION`: an organisation of the directory; the matrix targets one's own and another.
- `API_TOKEN`: an organisation's system token: a system administrator looks after every one, anyone else with the
  permission (an organisation administrator) only their own organisation's; another's is 404. The matrix targets the
  token of the user's own organisation and children's social care's.
- `STAFF`: an organisation's staff (an organisation to join, a membership to end, a person to sign out or close):
  a system administrator looks after every organisation's, an organisation administrator only their own's; another's
  is 404. The matrix targets a colleague of the user's own organisation and the council's lead practitioner.
- `ACCOUNT_CLOSE`: closing an account is a system administrator's decision only: the service refuses any other role
  that holds the route's permission (403; the page looks the person up first, so another organisation's is 404).
- `OWN_ACCOUNT`: the signed-in user's own account (sessions, two-factor): the role decides alone; what the matrix's
  users have not set up (an authenticator app, recovery codes, a session named in an empty body) answers 404.
- `CHILD_ACCESS_LOG`: who has seen the child's record: the child's lead practitioner or a safeguarding lead of an
  organisation involved now (not by emergency access); anyone else is told it does not exist (404).
- `USER`: a user, for an auditor: the role decides alone.
- `GRANT`: an emergency access grant, for an information governance officer's review: the role decides alone.
- `DISAGREEMENT`: a professional disagreement about the child: read by whoever sees the child; escalated or resolved
  only by the organisations party to it (the one that raised it and the one whose decision it disputes): anyone else
  who sees the child is refused (403). The matrix's disagreement was raised by the `involved` organisation against
  children's social care's decision.
- `PROFILE`: an organisation's practice profile: everyone signed in reads it; publishing it (a write, or its edit
  page) is for that organisation's own safeguarding leads and for system administrators: another organisation's
  safeguarding lead is refused (403). The matrix targets the user's own organisation's profile and the council's.
- `ABSENT`: an object the matrix's world does not build (quarantined lines, teams, holds, extracts, findings,
  visibility requests, a session, named settings): the function-level check must still come first (403), and a
  role that passes it gets 404 (or 400 for a write whose empty body is refused before the lookup).
"""

from dataclasses import dataclass
from enum import StrEnum

from macpu.access.permissions import Permission

P = Permission  # short, so that each row of the table fits on one line


class Target(StrEnum):
    PUBLIC = "public"
    GLOBAL = "global"
    CHILD = "child"
    ENTRY = "entry"
    OWN_ENTRY = "own_entry"
    VERSION = "version"
    ANY_CHILD = "any_child"
    UNINVOLVED_CHILD = "uninvolved_child"
    OWN_OR_OTHERS_EXPORT = "own_or_others_export"
    ORGANISATION = "organisation"
    API_TOKEN = "api_token"
    STAFF = "staff"
    ACCOUNT_CLOSE = "account_close"
    OWN_ACCOUNT = "own_account"
    CHILD_ACCESS_LOG = "child_access_log"
    USER = "user"
    GRANT = "grant"
    PROFILE = "profile"
    DISAGREEMENT = "disagreement"
    ABSENT = "absent"


@dataclass(frozen=True)
class Route:
    permission: Permission | None  # None: public
    target: Target
    methods: tuple[str, ...]
    # An API write whose empty body is refused (400) before its target is looked up: a hidden target may answer 400.
    validates_first: bool = False
    # An oversight page that names the children it is about to the role it is for, whatever that role's involvement:
    # an auditor's access logs, an information governance officer's reviews of emergency access.
    names_children: bool = False
    # A valid body for a write, so that its object-level check decides the answer (not validation): an allowed cell
    # writes (undone with its test), a hidden target must answer 404.
    body: dict[str, object] | None = None
    # A further permission a write needs beyond the route's (reading a profile or the glossary is for everyone signed
    # in, changing them is not): a role without it is refused (403) before any lookup.
    writes: Permission | None = None


def _r(
    permission: Permission | None,
    target: Target,
    methods: str,
    *,
    validates_first: bool = False,
    names_children: bool = False,
    body: dict[str, object] | None = None,
    writes: Permission | None = None,
) -> Route:
    names_children = names_children or target in (Target.ANY_CHILD, Target.USER)
    return Route(permission, target, tuple(methods.split()), validates_first, names_children, body, writes)


PUB, GLO, CHI, ENT, OWN, VER = (
    Target.PUBLIC,
    Target.GLOBAL,
    Target.CHILD,
    Target.ENTRY,
    Target.OWN_ENTRY,
    Target.VERSION,
)
TOK, STA, ACC, LOG = Target.API_TOKEN, Target.STAFF, Target.OWN_ACCOUNT, Target.CHILD_ACCESS_LOG
DIS = Target.DISAGREEMENT
ANY, UNI, EXP, ORG, USR, GRA, ABS = (
    Target.ANY_CHILD,
    Target.UNINVOLVED_CHILD,
    Target.OWN_OR_OTHERS_EXPORT,
    Target.ORGANISATION,
    Target.USER,
    Target.GRANT,
    Target.ABSENT,
)

ROUTES: dict[str, Route] = {
    # --- workspace, signing in and out, the account ---
    "": _r(None, PUB, "get"),
    "home/": _r(P.WORKSPACE_USE, GLO, "get"),
    "sign-in/": _r(None, PUB, "get post put"),
    "sign-out/": _r(None, PUB, "post"),
    "sign-in/inactive/": _r(None, PUB, "get"),
    "sign-in/code/": _r(None, PUB, "get post"),
    "sign-in/sso/cancelled/": _r(None, PUB, "get"),
    "sign-in/sso/error/": _r(None, PUB, "get"),
    "sign-in/sso/<str:provider_id>/": _r(None, PUB, "get"),
    "sign-in/sso/<str:provider_id>/callback/": _r(None, PUB, "get"),
    "health/": _r(None, PUB, "get"),
    "account/role/": _r(P.WORKSPACE_USE, GLO, "get post"),
    "account/sessions/": _r(P.WORKSPACE_USE, ACC, "get post"),
    "account/two-factor/": _r(P.WORKSPACE_USE, ACC, "get"),
    "account/two-factor/authenticator/set-up/": _r(P.WORKSPACE_USE, ACC, "get post put"),
    "account/two-factor/authenticator/remove/": _r(P.WORKSPACE_USE, ACC, "get post put"),
    "account/two-factor/recovery-codes/": _r(P.WORKSPACE_USE, ACC, "get"),
    "account/two-factor/recovery-codes/new/": _r(P.WORKSPACE_USE, ACC, "get post put"),
    "account/two-factor/recovery-codes/download/": _r(P.WORKSPACE_USE, ACC, "get"),
    "account/confirm/": _r(P.WORKSPACE_USE, ACC, "get post put"),
    "account/confirm/code/": _r(P.WORKSPACE_USE, ACC, "get post put"),
    "children/<uuid:child_id>/": _r(P.CHILD_VIEW, CHI, "get"),
    "api/v1/me": _r(P.WORKSPACE_USE, GLO, "get"),
    "api/v1/me/sessions": _r(P.WORKSPACE_USE, ACC, "get"),
    "api/v1/me/sessions/<int:session_id>": _r(P.WORKSPACE_USE, ACC, "delete"),
    "api/schema/": _r(None, PUB, "get"),
    # --- people ---
    "children/search/": _r(P.CHILD_SEARCH, GLO, "get post"),
    "children/<uuid:child_id>/identifiers/add/": _r(P.CHILD_RECORD, CHI, "get post"),
    "api/v1/children/search": _r(P.CHILD_SEARCH, GLO, "post"),
    "api/v1/people/search": _r(P.CHILD_SEARCH, GLO, "post"),
    "api/v1/children/<uuid:child_id>": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/identifiers/": _r(P.CHILD_VIEW, CHI, "get"),
    "api/v1/children/<uuid:child_id>/identifiers": _r(
        P.CHILD_RECORD, CHI, "get post", body={"scheme": "local_id", "value": "MATRIX-1"}
    ),
    # --- probable duplicates, resolved by people (issue 8) ---
    "duplicates/": _r(P.DUPLICATES_RESOLVE, GLO, "get"),
    "duplicates/<uuid:duplicate_id>/": _r(P.DUPLICATES_RESOLVE, ABS, "get post"),
    "api/v1/duplicates": _r(P.DUPLICATES_RESOLVE, GLO, "get"),
    "api/v1/duplicates/<uuid:duplicate_id>": _r(P.DUPLICATES_RESOLVE, ABS, "get"),
    "api/v1/duplicates/<uuid:duplicate_id>/link": _r(P.DUPLICATES_RESOLVE, ABS, "post", validates_first=True),
    "api/v1/duplicates/<uuid:duplicate_id>/distinct": _r(P.DUPLICATES_RESOLVE, ABS, "post", validates_first=True),
    "api/v1/duplicates/links/<uuid:merge_id>/decision": _r(P.DUPLICATES_RESOLVE, ABS, "post", validates_first=True),
    "api/v1/duplicates/links/<uuid:merge_id>/undo": _r(P.DUPLICATES_RESOLVE, ABS, "post", validates_first=True),
    "api/v1/duplicates/links/<uuid:merge_id>/undo/decision": _r(
        P.DUPLICATES_RESOLVE, ABS, "post", validates_first=True
    ),
    # --- organisations ---
    "organisations/": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "organisations/<uuid:organisation_id>/": _r(P.ORGANISATION_DIRECTORY_VIEW, ORG, "get"),
    "organisations/<uuid:organisation_id>/contacts/": _r(P.ORGANISATION_MANAGE, ORG, "get post"),
    "api/v1/organisations": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "api/v1/organisations/<uuid:organisation_id>": _r(P.ORGANISATION_DIRECTORY_VIEW, ORG, "get"),
    "api/v1/organisations/<uuid:organisation_id>/contacts": _r(P.ORGANISATION_MANAGE, ORG, "put"),
    # --- practice profiles, side by side, and the glossary ---
    "practice-profiles/": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "practice-profiles/compare/": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "practice-profiles/<str:organisation>/": _r(P.ORGANISATION_DIRECTORY_VIEW, Target.PROFILE, "get"),
    "practice-profiles/<str:organisation>/edit/": _r(P.PRACTICE_PROFILE_MAINTAIN, Target.PROFILE, "get post"),
    "practice-profiles/<str:organisation>/teams/<uuid:team_id>/": _r(P.ORGANISATION_DIRECTORY_VIEW, ABS, "get"),
    "practice-profiles/<str:organisation>/teams/<uuid:team_id>/edit/": _r(P.PRACTICE_PROFILE_MAINTAIN, ABS, "get post"),
    "glossary/": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "glossary/new/": _r(P.GLOSSARY_MANAGE, GLO, "get post"),
    "glossary/<uuid:term_id>/edit/": _r(P.GLOSSARY_MANAGE, ABS, "get post"),
    "glossary/<uuid:term_id>/remove/": _r(P.GLOSSARY_MANAGE, ABS, "post"),
    "api/v1/practice-profiles": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "api/v1/practice-profiles/compare": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get"),
    "api/v1/practice-profiles/<str:organisation>": _r(
        P.ORGANISATION_DIRECTORY_VIEW, Target.PROFILE, "get put", writes=P.PRACTICE_PROFILE_MAINTAIN
    ),
    "api/v1/practice-profiles/<str:organisation>/versions": _r(P.ORGANISATION_DIRECTORY_VIEW, Target.PROFILE, "get"),
    "api/v1/practice-profiles/<str:organisation>/teams/<uuid:team_id>": _r(
        P.ORGANISATION_DIRECTORY_VIEW, ABS, "get put", writes=P.PRACTICE_PROFILE_MAINTAIN
    ),
    "api/v1/practice-profiles/<str:organisation>/teams/<uuid:team_id>/versions": _r(
        P.ORGANISATION_DIRECTORY_VIEW, ABS, "get"
    ),
    "api/v1/glossary": _r(P.ORGANISATION_DIRECTORY_VIEW, GLO, "get post", writes=P.GLOSSARY_MANAGE),
    "api/v1/glossary/<uuid:term_id>": _r(
        P.ORGANISATION_DIRECTORY_VIEW, ABS, "get put delete", writes=P.GLOSSARY_MANAGE
    ),
    # --- organisations' system tokens ---
    "api-tokens/": _r(P.API_CLIENTS_MANAGE, GLO, "get post"),
    "api-tokens/<uuid:client_id>/": _r(P.API_CLIENTS_MANAGE, TOK, "get"),
    "api-tokens/<uuid:client_id>/rotate/": _r(P.API_CLIENTS_MANAGE, TOK, "get post"),
    "api-tokens/<uuid:client_id>/revoke/": _r(P.API_CLIENTS_MANAGE, TOK, "get post"),
    "api/v1/api-tokens": _r(P.API_CLIENTS_MANAGE, GLO, "get post"),
    "api/v1/api-tokens/<uuid:client_id>": _r(P.API_CLIENTS_MANAGE, TOK, "get"),
    "api/v1/api-tokens/<uuid:client_id>/rotate": _r(P.API_CLIENTS_MANAGE, TOK, "post"),
    "api/v1/api-tokens/<uuid:client_id>/revoke": _r(P.API_CLIENTS_MANAGE, TOK, "post"),
    # --- organisations' staff: joiners, movers, leavers ---
    "staff/": _r(P.STAFF_MANAGE, GLO, "get"),
    "staff/<uuid:organisation_id>/join/": _r(P.STAFF_MANAGE, STA, "get post"),
    "staff/memberships/<uuid:membership_id>/end/": _r(P.STAFF_MANAGE, STA, "get post"),
    "staff/people/<uuid:user_id>/": _r(P.STAFF_MANAGE, STA, "get"),
    "staff/people/<uuid:user_id>/sign-out/": _r(P.STAFF_MANAGE, STA, "post"),
    "staff/people/<uuid:user_id>/close/": _r(P.STAFF_MANAGE, Target.ACCOUNT_CLOSE, "post"),
    "api/v1/staff": _r(P.STAFF_MANAGE, GLO, "get post"),
    "api/v1/staff/memberships/<uuid:membership_id>/end": _r(P.STAFF_MANAGE, STA, "post", validates_first=True),
    "api/v1/staff/people/<uuid:user_id>/sign-out": _r(P.STAFF_MANAGE, STA, "post"),
    "api/v1/staff/people/<uuid:user_id>/close": _r(P.STAFF_MANAGE, Target.ACCOUNT_CLOSE, "post"),
    # --- events: the feed, corrections, who may read an entry ---
    "children/<uuid:child_id>/concerns/new/": _r(P.CHILD_RECORD, CHI, "get post"),
    "feed/sources/": _r(P.FEED_ADMINISTER, GLO, "get"),
    "feed/quarantine/": _r(P.FEED_ADMINISTER, GLO, "get"),
    "feed/quarantine/<uuid:line_id>/": _r(P.FEED_ADMINISTER, ABS, "get post"),
    "feed/corrections/move/": _r(P.EVENTS_CORRECT, GLO, "get post"),
    "children/<uuid:child_id>/entries/<uuid:event_id>/visibility/": _r(P.CHILD_RECORD, OWN, "get post"),
    "visibility-requests/": _r(P.CHILD_RECORD, GLO, "get post"),
    "api/v1/events": _r(P.EVENTS_SUBMIT, GLO, "post"),
    "api/v1/events/move": _r(P.EVENTS_CORRECT, GLO, "post"),
    "api/v1/events/<uuid:event_id>/visibility": _r(
        P.CHILD_RECORD, OWN, "post", body={"sensitivity": "restricted", "reason": "Narrowed while police investigate"}
    ),
    "api/v1/visibility-requests": _r(P.CHILD_RECORD, GLO, "get"),
    "api/v1/visibility-requests/<uuid:change_id>/decision": _r(P.CHILD_RECORD, ABS, "post", validates_first=True),
    "api/v1/feed/sources": _r(P.FEED_ADMINISTER, GLO, "get"),
    "api/v1/feed/quarantine": _r(P.FEED_ADMINISTER, GLO, "get"),
    "api/v1/feed/quarantine/<uuid:line_id>/replay": _r(P.FEED_ADMINISTER, ABS, "post"),
    # --- chronology ---
    "children/<uuid:child_id>/chronology/": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/household/chronology/": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/chronology.csv": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/chronology.pdf": _r(P.CHILD_VIEW, CHI, "post"),
    "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/note/": _r(P.CHRONOLOGY_CURATE, ENT, "get post"),
    "children/<uuid:child_id>/chronology/entries/<uuid:event_id>/split/": _r(P.CHRONOLOGY_CURATE, ENT, "get post"),
    "children/<uuid:child_id>/chronology/versions/new/": _r(P.CHRONOLOGY_CURATE, CHI, "get post"),
    "children/<uuid:child_id>/chronology/versions/<uuid:version_id>/": _r(P.CHILD_VIEW, VER, "get"),
    "children/<uuid:child_id>/chronology/versions/<uuid:version_id>.csv": _r(P.CHILD_VIEW, VER, "get"),
    "children/<uuid:child_id>/chronology/versions/<uuid:version_id>.pdf": _r(P.CHILD_VIEW, VER, "post"),
    "api/v1/children/<uuid:child_id>/chronology": _r(P.CHILD_VIEW, CHI, "get"),
    "api/v1/children/<uuid:child_id>/chronology/exports": _r(P.CHILD_VIEW, CHI, "post", body={"format": "pdf"}),
    "api/v1/children/<uuid:child_id>/household/chronology": _r(P.CHILD_VIEW, CHI, "get"),
    "api/v1/children/<uuid:child_id>/chronology/entries/<uuid:event_id>/notes": _r(
        P.CHRONOLOGY_CURATE, ENT, "post", body={"significant": True, "note": "Seen by the GP the same week"}
    ),
    "api/v1/children/<uuid:child_id>/chronology/entries/<uuid:event_id>/split": _r(
        P.CHRONOLOGY_CURATE, ENT, "post", validates_first=True
    ),
    "api/v1/children/<uuid:child_id>/chronology/versions": _r(
        P.CHILD_VIEW, CHI, "get post", body={"name": "Review child protection conference"}
    ),
    "api/v1/children/<uuid:child_id>/chronology/versions/<uuid:version_id>": _r(P.CHILD_VIEW, VER, "get"),
    # --- exports ---
    "exports/<uuid:job_id>/": _r(P.WORKSPACE_USE, EXP, "get"),
    "exports/<uuid:job_id>/download": _r(P.WORKSPACE_USE, EXP, "get"),
    "api/v1/exports/<uuid:job_id>": _r(P.WORKSPACE_USE, EXP, "get"),
    "api/v1/exports/<uuid:job_id>/download": _r(P.WORKSPACE_USE, EXP, "get"),
    # --- working days ---
    "working-days/": _r(P.CALENDAR_MANAGE, GLO, "get post"),
    "working-days/proclaimed/<str:day>/remove/": _r(P.CALENDAR_MANAGE, ABS, "post"),
    "api/v1/working-days/add": _r(P.WORKSPACE_USE, GLO, "get"),
    "api/v1/working-days/between": _r(P.WORKSPACE_USE, GLO, "get"),
    "api/v1/working-days/proclaimed-holidays": _r(P.CALENDAR_MANAGE, GLO, "get post"),
    "api/v1/working-days/proclaimed-holidays/<str:date>": _r(P.CALENDAR_MANAGE, ABS, "delete"),
    # --- pathway: timescales, CP-IS, steps, tasks ---
    "timescales/": _r(P.WORKSPACE_USE, GLO, "get"),
    "timescales/<str:code>/change/": _r(P.TIMESCALES_MANAGE, ABS, "get post"),
    "timescales/<str:code>/reset/": _r(P.TIMESCALES_MANAGE, ABS, "post"),
    "cp-is/": _r(P.CPIS_EXTRACT, GLO, "get"),
    "cp-is/produce/": _r(P.CPIS_EXTRACT, GLO, "post"),
    "cp-is/extracts/<uuid:extract_id>/file/": _r(P.CPIS_EXTRACT, ABS, "get"),
    "children/<uuid:child_id>/pathway/": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/pathway/<slug:step>/": _r(P.CHILD_RECORD, CHI, "get post"),
    "children/<uuid:child_id>/pathway/<slug:step>/check/": _r(P.CHILD_RECORD, CHI, "get post"),
    "tasks/": _r(P.CHILD_VIEW, GLO, "get"),
    "referrals/": _r(P.CHILD_VIEW, GLO, "get"),
    "api/v1/tasks": _r(P.CHILD_VIEW, GLO, "get"),
    "api/v1/referrals/made": _r(P.CHILD_VIEW, GLO, "get"),
    "api/v1/children/<uuid:child_id>/pathway": _r(P.CHILD_VIEW, CHI, "get"),
    "api/v1/children/<uuid:child_id>/pathway/steps": _r(
        P.CHILD_RECORD,
        CHI,
        "post",
        body={"step": "action_completed", "occurred_at": "2026-11-20", "action": "no-such:action"},
    ),
    "api/v1/timescales": _r(P.WORKSPACE_USE, GLO, "get"),
    "api/v1/timescales/<str:code>": _r(P.TIMESCALES_MANAGE, ABS, "put delete", validates_first=True),
    "api/v1/cp-is/pending": _r(P.CPIS_EXTRACT, GLO, "get"),
    "api/v1/cp-is/extracts": _r(P.CPIS_EXTRACT, GLO, "get post"),
    "api/v1/cp-is/extracts/<uuid:extract_id>/file": _r(P.CPIS_EXTRACT, ABS, "get"),
    # --- sharing ---
    "children/<uuid:child_id>/sharing/": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/sharing/record/": _r(P.CHILD_RECORD, CHI, "get post"),
    "api/v1/children/<uuid:child_id>/sharing": _r(P.CHILD_VIEW, CHI, "get post", validates_first=True),
    # --- professional disagreements ---
    "disagreements/": _r(P.CHILD_VIEW, GLO, "get"),
    "disagreements/<uuid:disagreement_id>/": _r(P.CHILD_VIEW, DIS, "get"),
    "disagreements/<uuid:disagreement_id>/escalate/": _r(P.CHILD_RECORD, DIS, "get post"),
    "disagreements/<uuid:disagreement_id>/outcome/": _r(P.CHILD_RECORD, DIS, "get post"),
    "children/<uuid:child_id>/disagreements/": _r(P.CHILD_VIEW, CHI, "get"),
    "children/<uuid:child_id>/disagreements/raise/": _r(P.CHILD_RECORD, CHI, "get post"),
    "api/v1/disagreements": _r(P.CHILD_VIEW, GLO, "get"),
    "api/v1/disagreements/<uuid:disagreement_id>": _r(P.CHILD_VIEW, DIS, "get"),
    "api/v1/disagreements/<uuid:disagreement_id>/escalations": _r(P.CHILD_RECORD, DIS, "post", validates_first=True),
    "api/v1/disagreements/<uuid:disagreement_id>/outcome": _r(P.CHILD_RECORD, DIS, "post", validates_first=True),
    "api/v1/children/<uuid:child_id>/disagreements": _r(P.CHILD_VIEW, CHI, "get post", validates_first=True),
    # --- gaps ---
    "gaps/": _r(P.GAP_DASHBOARD_VIEW, GLO, "get"),
    "gaps/rules/": _r(P.GAP_RULES_MANAGE, GLO, "get"),
    "gaps/rules/<str:rule_id>/": _r(P.GAP_RULES_MANAGE, ABS, "get post"),
    "children/<uuid:child_id>/findings/": _r(P.CHILD_VIEW, CHI, "get post"),
    "api/v1/gap-rules": _r(P.WORKSPACE_USE, GLO, "get"),
    "api/v1/gap-rules/<str:rule_id>": _r(P.GAP_RULES_MANAGE, ABS, "put", validates_first=True),
    "api/v1/findings": _r(P.CHILD_VIEW, GLO, "get"),
    "api/v1/findings/<uuid:finding_id>/responses": _r(P.CHILD_RECORD, ABS, "post", validates_first=True),
    "api/v1/children/<uuid:child_id>/findings": _r(P.CHILD_VIEW, CHI, "get"),
    # --- the multi-agency child protection team ---
    "macpu-team/": _r(P.WORKSPACE_USE, GLO, "get"),
    "macpu-team/add/": _r(P.MACPT_MANAGE, GLO, "get post"),
    "macpu-team/<uuid:team_id>/members/add/": _r(P.MACPT_MANAGE, ABS, "get post"),
    "macpu-team/<uuid:team_id>/members/<uuid:member_id>/left/": _r(P.MACPT_MANAGE, ABS, "get post"),
    "api/v1/macpu-teams": _r(P.WORKSPACE_USE, GLO, "get post"),
    "api/v1/macpu-teams/<uuid:team_id>/members": _r(P.MACPT_MANAGE, ABS, "post", validates_first=True),
    "api/v1/macpu-teams/<uuid:team_id>/members/<uuid:member_id>/left": _r(
        P.MACPT_MANAGE, ABS, "post", validates_first=True
    ),
    # --- retention ---
    "retention/": _r(P.RETENTION_MANAGE, GLO, "get"),
    "retention/periods/<str:record_type>/": _r(P.RETENTION_MANAGE, ABS, "get post"),
    "retention/holds/new/": _r(P.RETENTION_MANAGE, GLO, "get post"),
    "retention/holds/<uuid:hold_id>/release/": _r(P.RETENTION_MANAGE, ABS, "get post"),
    "api/v1/retention/schedule": _r(P.RETENTION_MANAGE, GLO, "get"),
    "api/v1/retention/schedule/<str:record_type>": _r(P.RETENTION_MANAGE, ABS, "put", validates_first=True),
    "api/v1/retention/holds": _r(P.RETENTION_MANAGE, GLO, "get post"),
    "api/v1/retention/holds/<uuid:hold_id>/release": _r(P.RETENTION_MANAGE, ABS, "post", validates_first=True),
    "api/v1/retention/preview": _r(P.RETENTION_MANAGE, GLO, "get"),
    "api/v1/retention/runs": _r(P.RETENTION_MANAGE, GLO, "get"),
    # --- oversight: access logs, audit, subject access, emergency access ---
    "children/<uuid:child_id>/access-log/": _r(P.CHILD_VIEW, LOG, "get"),
    "audit/": _r(P.AUDIT_VIEW, GLO, "get post"),
    "audit/children/<uuid:child_id>/": _r(P.AUDIT_VIEW, ANY, "get"),
    "audit/users/<uuid:user_id>/": _r(P.AUDIT_VIEW, USR, "get"),
    "subject-access/": _r(P.SUBJECT_ACCESS_EXPORT, GLO, "get post"),
    "children/<uuid:child_id>/emergency-access/": _r(P.CHILD_SEARCH, UNI, "get post"),
    "emergency-access/reviews/": _r(P.BREAK_GLASS_REVIEW, GLO, "get post", names_children=True),
    "api/v1/children/<uuid:child_id>/access-log": _r(P.CHILD_VIEW, LOG, "get"),
    "api/v1/subject-access": _r(P.SUBJECT_ACCESS_EXPORT, GLO, "post"),
    "api/v1/children/<uuid:child_id>/emergency-access": _r(P.CHILD_SEARCH, UNI, "post"),
    "api/v1/emergency-access/reviews": _r(P.BREAK_GLASS_REVIEW, GLO, "get", names_children=True),
    "api/v1/emergency-access/<uuid:grant_id>/review": _r(P.BREAK_GLASS_REVIEW, GRA, "post"),
    "api/v1/audit/children/lookup": _r(P.AUDIT_VIEW, GLO, "post"),
    "api/v1/audit/children/<uuid:child_id>/access-log": _r(P.AUDIT_VIEW, ANY, "get"),
    "api/v1/audit/users/<uuid:user_id>/access-log": _r(P.AUDIT_VIEW, USR, "get"),
    # --- partnership insight: the dashboard (aggregates only) and a child's meetings' participation ---
    "partnership/": _r(P.PARTNERSHIP_DASHBOARD_VIEW, GLO, "get"),
    "partnership/download/<str:section>/": _r(P.PARTNERSHIP_DASHBOARD_VIEW, ABS, "get"),
    "api/v1/partnership/dashboard": _r(P.PARTNERSHIP_DASHBOARD_VIEW, GLO, "get"),
    "children/<uuid:child_id>/participation/": _r(P.CHILD_VIEW, CHI, "get"),
    "api/v1/children/<uuid:child_id>/participation": _r(P.CHILD_VIEW, CHI, "get"),
}

# Values for the route parameters that are not ids of the world's objects: names that match nothing (see
# `Target.ABSENT`), a real pathway step, a session number that no one has. Any other id is a fresh random UUID.
PARAMETER_VALUES = {
    "provider_id": "no-such-provider",
    "day": "2026-12-29",
    "date": "2026-12-29",
    "code": "no_such_timescale",
    "rule_id": "T99",
    "record_type": "no_such_record_type",
    "step": "strategy_discussion",
    "session_id": "999999999",
}
