"""The authorisation matrix (security targets A1 and A2, issue 7 point 9): every role x every route and method x
every relationship of the user's organisation to the child the route targets, with no unexpected allow or deny.

- A1: `route_policy.ROUTES` must list every route of the URL resolver, with the methods it accepts and the
  permission it declares; a route added without a row fails here.
- A2: the expected answer of each cell follows from the row's target, `role_grants(role, permission)` and the
  relationship (`matrix_world.Relationship`): a role that lacks the permission gets 403 (HTML and API); an object
  outside the user's need to know gets 404, like one that does not exist; anonymous visitors are sent to sign in
  (HTML) or get 401 (API); an allowed cell answers 2xx or 3xx, or 400/409/422 to the deliberately empty body of a
  write (the checks let it through to validation). No answer of any cell may be a server error, no refused answer
  may carry the child's data, and no answer at all may carry the content of an entry the reader may not read
  (restricted and sealed entries are shown as withheld, not refused: `chronology/selectors/entries.py`).
- B1 (where cheap): an allowed read of a child's record adds audit rows for that child; a function-level refusal
  writes an `access.denied` row.

One test per role x relationship walks every route and method and reports all its failing cells at once; the world
is built once per test worker and each test's writes are rolled back. Every cell's answer is decided; the answers
settled before the view looks at any object (403 for a role without the permission, sign-in, public pages, one's
own account) are sent once per role under a rotating relationship (`RELATIONSHIP_BLIND`), every other cell in every
relationship. Writes carry a valid body where their row gives one, so the object-level check decides them.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from allauth.account.internal.flows.login import record_authentication
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import get_resolver

from macpu.access.checks import iter_patterns
from macpu.access.http import PUBLIC, declared_access
from macpu.access.roles import API_CLIENT_ROLE, Role, role_grants
from macpu.access.rules.policy import is_case_role
from macpu.audit.models import AuditEvent
from tests.security.matrix_world import SEES_THE_CHILD, Relationship, World, build_world
from tests.security.route_policy import PARAMETER_VALUES, ROUTES, Route, Target

if TYPE_CHECKING:  # the test client's response, as django-stubs names it (no such class at run time)
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse

METHODS = ("get", "post", "put", "patch", "delete")
ANONYMOUS = "anonymous"
# Every role of the enum (a role added later is in the matrix at once), an organisation's system with its token, and
# a visitor who has not signed in.
PRINCIPALS = (*(role.value for role in Role), API_CLIENT_ROLE, ANONYMOUS)
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")

# Cells where the product allows what it should not: (route, method, principal, relationship, variant) -> why it is
# wrong. Such a cell is always sent, and its walk ends as an expected failure (xfail) for that cell alone, strictly:
# any other unexpected answer in the same walk still fails it, and a listed cell that answers as the policy says
# fails the walk until it leaves this set. Empty: the matrix found no unexpected allow.
KNOWN_DEFECTS: dict[tuple[str, str, str, str, str], str] = {}


# --- A1: the route inventory -------------------------------------------------------------------------------------


def resolver_routes() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Every route of the URL resolver: its declared access rule and the methods it has a handler for."""
    found: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for route, pattern in iter_patterns(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
        if view_class is None:  # a function view (the root redirect, single sign-on): it answers GET
            methods: tuple[str, ...] = ("get",)
        else:
            methods = tuple(m for m in METHODS if m in view_class.http_method_names and hasattr(view_class, m))
        found[route] = (declared_access(pattern.callback), methods)
    return found


def test_every_route_of_the_resolver_has_a_policy_row_and_every_row_a_route() -> None:
    resolved = resolver_routes()
    unlisted = sorted(set(resolved) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(resolved))
    assert not unlisted, f"Routes with no row in tests/security/route_policy.py (add one): {unlisted}"
    assert not stale, f"Rows in tests/security/route_policy.py for routes that no longer exist: {stale}"


def test_every_row_states_the_routes_methods_and_declared_permission() -> None:
    wrong = []
    for route, (rule, methods) in resolver_routes().items():
        row = ROUTES[route]
        expected_rule = PUBLIC if row.permission is None else str(row.permission)
        if rule != expected_rule:
            wrong.append(f"{route!r} declares {rule}, its row says {expected_rule}")
        if set(methods) != set(row.methods):
            wrong.append(f"{route!r} accepts {sorted(methods)}, its row says {sorted(row.methods)}")
        if (row.target == Target.PUBLIC) != (row.permission is None):
            wrong.append(f"{route!r}: only public routes have the public target")
    assert not wrong, "\n".join(wrong)


# --- The cells ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    route: str
    method: str
    variant: str  # which object of the target kind: "" or, for organisations and exports, "own" / "other"

    def key(self, principal: str, relationship: str) -> tuple[str, str, str, str, str]:
        return (self.route, self.method, principal, relationship, self.variant)


def relationships_of(principal: str) -> tuple[Relationship, ...]:
    # Someone not signed in has no organisation, so no relationship to the child: one walk is every cell there is.
    return (Relationship.NONE,) if principal == ANONYMOUS else tuple(Relationship)


def variants(row: Route) -> tuple[str, ...]:
    two = (
        Target.ORGANISATION,
        Target.OWN_OR_OTHERS_EXPORT,
        Target.API_TOKEN,
        Target.STAFF,
        Target.ACCOUNT_CLOSE,
        Target.PROFILE,
    )
    return ("own", "other") if row.target in two else ("",)


def cells() -> Iterator[Cell]:
    for route, row in ROUTES.items():
        for method in row.methods:
            for variant in variants(row):
                yield Cell(route, method, variant)


def every_cell() -> Iterator[tuple[str, Relationship, Cell]]:
    for principal in PRINCIPALS:
        for relationship in relationships_of(principal):
            for cell in cells():
                yield principal, relationship, cell


def test_the_matrix_exercises_every_route_and_method_of_the_resolver_and_counts_its_cells() -> None:
    exercised = {(cell.route, cell.method) for _, _, cell in every_cell()}
    accepted = {(route, method) for route, (_, methods) in resolver_routes().items() for method in methods}
    assert accepted <= exercised, sorted(accepted - exercised)
    total = sum(1 for _ in every_cell())
    sent = sum(
        sent_in_this_walk(index, expected(ROUTES[cell.route], cell.route, cell.method, p, r, cell.variant), p, r, cell)
        for p in PRINCIPALS
        for r in relationships_of(p)
        for index, cell in enumerate(cells())
    )
    print(f"authorisation matrix: {total} cells, {sent} requests")  # noqa: T201  # the count the closing note reports
    # 15 principals, about 220 route-methods and variants, 7 relationships: a floor that a lost dimension would break.
    assert total >= 14_000, total


# --- What each cell should answer -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    # "public", "sign-in", "forbidden" (the role lacks the permission), "hidden" (404 as for a missing object),
    # "refused" (403 or 404 from the service after the route's check: a withheld entry, an account to close),
    # "allowed" or "allowed_or_missing"
    outcome: str
    write_may_fail_validation_first: bool = False

    def accepts(self, response: HttpResponse, api: bool) -> bool:
        status = response.status_code
        if status >= 500:
            return False
        if self.outcome == "public":
            return True  # no check to pass: the page answers as it does for anyone (the single sign-on error is a 401)
        if self.outcome == "sign-in":
            if api:
                return status == 401
            return status == 302 and response["Location"].startswith("/sign-in/")
        if self.outcome == "forbidden":
            return status == 403
        if self.outcome == "refused":
            return status in (403, 404) or ((not api or self.write_may_fail_validation_first) and status == 400)
        if self.outcome == "hidden":
            return status == 404 or (self.write_may_fail_validation_first and status == 400)
        if self.outcome == "allowed_or_missing" and status == 404:
            return True
        redirect_to_sign_in = status == 302 and response["Location"].startswith("/sign-in/")
        return (200 <= status < 400 and not redirect_to_sign_in) or status in (400, 409, 422)


def world_withheld_from_the_reader() -> frozenset[Relationship]:
    """The relationships whose target entry is social care's restricted or sealed one, which a GP may not read."""
    return frozenset({Relationship.RESTRICTED, Relationship.SEALED})


def sees_the_child(principal: str, relationship: Relationship) -> bool:
    """Need to know (docs/access.md): a case role whose organisation is involved, or with live emergency access."""
    return is_case_role(principal) and relationship in SEES_THE_CHILD


def expected(row: Route, route: str, method: str, principal: str, relationship: Relationship, variant: str) -> Expected:
    api = route.startswith("api/")
    if row.target == Target.PUBLIC:
        return Expected("public")
    # A token is read by the API only: to a page, an organisation's system is a visitor who has not signed in.
    if principal == ANONYMOUS or (principal == API_CLIENT_ROLE and not api):
        return Expected("sign-in")
    assert row.permission is not None
    if not role_grants(principal, row.permission):
        return Expected("forbidden")
    if row.writes is not None and method != "get" and not role_grants(principal, row.writes):
        return Expected("forbidden")
    hidden = Expected("hidden", write_may_fail_validation_first=row.validates_first and method != "get")
    if row.target == Target.ENTRY and method != "get" and relationship in world_withheld_from_the_reader():
        refused = Expected("refused", write_may_fail_validation_first=row.validates_first)
        return refused if sees_the_child(principal, relationship) else hidden
    if row.target in (Target.CHILD, Target.ENTRY, Target.VERSION):
        return Expected("allowed") if sees_the_child(principal, relationship) else hidden
    if row.target == Target.DISAGREEMENT:
        if not sees_the_child(principal, relationship):
            return hidden
        party = relationship == Relationship.INVOLVED  # the organisation that raised the world's disagreement
        refused = Expected("refused", write_may_fail_validation_first=row.validates_first)
        acting = method != "get" or route.endswith(("/escalate/", "/outcome/"))
        return Expected("allowed") if party or not acting else refused
    if row.target == Target.PROFILE:
        # Everyone reads a profile; only its organisation's own safeguarding leads and system administrators publish.
        publishing = method != "get" or route.endswith("/edit/")
        keeps_it = principal == Role.SYSTEM_ADMINISTRATOR or variant == "own"
        return Expected("refused") if publishing and not keeps_it else Expected("allowed")
    if row.target == Target.OWN_ENTRY:
        # Only the recording organisation changes who may read its entry: in `involved`, the entry is the user's own.
        own = sees_the_child(principal, relationship) and relationship == Relationship.INVOLVED
        return Expected("allowed") if own else hidden
    if row.target == Target.OWN_OR_OTHERS_EXPORT:
        # The requester's own, while they may still see its child: not after an involvement ended or emergency
        # access expired (target A6).
        own = variant == "own" and principal != API_CLIENT_ROLE
        return Expected("allowed") if own and sees_the_child(principal, relationship) else hidden
    if row.target == Target.ACCOUNT_CLOSE:
        return Expected("allowed") if principal == Role.SYSTEM_ADMINISTRATOR else Expected("refused")
    if row.target in (Target.API_TOKEN, Target.STAFF):
        looks_after = principal == Role.SYSTEM_ADMINISTRATOR or variant == "own"
        return Expected("allowed") if looks_after else hidden
    if row.target == Target.CHILD_ACCESS_LOG:
        # The matrix's users are never the lead practitioner: only a safeguarding lead of an organisation involved
        # now sees who has seen the record; emergency access opens the record, not its log.
        involved = relationship in SEES_THE_CHILD - {Relationship.BREAK_GLASS}
        return Expected("allowed") if principal == Role.SAFEGUARDING_LEAD and involved else hidden
    if row.target == Target.OWN_ACCOUNT:
        return Expected("allowed_or_missing")
    if row.target == Target.ABSENT:
        return hidden
    # GLOBAL, ANY_CHILD, UNINVOLVED_CHILD, ORGANISATION, USER, GRANT: the role's permission decides alone.
    return Expected("allowed")


# --- Running the cells ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: object) -> Iterator[World]:
    """The world, built once per worker in a transaction rolled back when the module is done.

    Each test runs in a savepoint inside it (pytest-django's `db`), so one cell's writes never reach another test.
    """
    with django_db_blocker.unblock():  # type: ignore[attr-defined]  # pytest-django's blocker
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def url_of(route: str, world: World, principal: str, relationship: Relationship, variant: str) -> str:
    side = world.sides[relationship]
    own = variant == "own"
    staff = ROUTES[route].target in (Target.STAFF, Target.ACCOUNT_CLOSE)
    values: dict[str, str] = {
        "child_id": str(world.child.id),
        "event_id": str(side.entry.id),
        "version_id": str(world.version_id),
        "user_id": str(side.colleague.id if staff and own else world.lead_practitioner.id),
        "membership_id": str(
            side.colleague.memberships.get().id if own else world.lead_practitioner.memberships.get().id
        ),
        "grant_id": str(world.grant_to_review_id),
        "disagreement_id": str(world.disagreement_id),
        "organisation_id": str(side.organisation.id if own else world.council.id),
        "organisation": str(side.organisation.id if own else world.council.id),  # a practice profile's organisation
        "client_id": str(side.api_client_id if own else world.councils_api_client_id),
        "job_id": str(
            side.own_export_job_ids[principal]
            if own and principal in side.own_export_job_ids
            else world.others_export_job_id
        ),
    }

    def value(match: re.Match[str]) -> str:
        name = match.group(2)
        return values.get(name) or PARAMETER_VALUES.get(name) or str(uuid.uuid4())

    return "/" + PARAMETER.sub(value, route)


def client_for(principal: str, relationship: Relationship, world: World) -> Client:
    side = world.sides[relationship]
    if principal == API_CLIENT_ROLE:
        return Client(headers={"Authorization": f"Bearer {side.api_token}"})
    client = Client()
    if principal != ANONYMOUS:
        client.force_login(side.users[principal])
        # As allauth records confirming the password ("sign in again"): within minutes of it, emergency access and
        # two-factor changes go on to their own checks instead of asking for the password first.
        request = RequestFactory().get("/")
        request.session = client.session
        record_authentication(request, side.users[principal], "password", reauthenticated=True)
        request.session.save()
    return client


def send(client: Client, method: str, url: str, row: Route | None = None) -> HttpResponse:
    # A write carries its row's valid body, or else an empty one: an allowed cell then stops at validation (400).
    if url.startswith("/api/"):
        body = json.dumps(row.body if row is not None and row.body is not None else {}) if method != "get" else ""
        return client.generic(method.upper(), url, body, content_type="application/json")
    return client.get(url) if method == "get" else client.generic(method.upper(), url, "")


# Answers decided before the view looks at any object: the sealed bases refuse a role without the permission
# (403) and a visitor not signed in (302 or 401) in `dispatch` / DRF's permission check, public pages have no check,
# and one's own account pages have no child. Their answer cannot depend on the relationship to the child, so, to keep
# the matrix within CI's time, each relationship's walk sends its seventh of them (every one is sent once per role,
# under a rotating relationship); every other cell is sent in every relationship.
RELATIONSHIP_BLIND = frozenset({"forbidden", "sign-in", "public", "allowed_or_missing"})


@dataclass
class Walk:
    sent: int = 0
    decided: int = 0
    failures: list[str] = field(default_factory=list)
    defects_seen: dict[tuple[str, str, str, str, str], str] = field(default_factory=dict)


def sent_in_this_walk(index: int, want: Expected, principal: str, relationship: Relationship, cell: Cell) -> bool:
    if want.outcome not in RELATIONSHIP_BLIND or len(relationships_of(principal)) == 1:
        return True
    if cell.key(principal, relationship) in KNOWN_DEFECTS:
        return True
    return index % len(Relationship) == list(Relationship).index(relationship)


def problems_of(
    response: HttpResponse, want: Expected, row: Route, route: str, world: World, principal: str, sees: bool
) -> list[str]:
    problems = []
    if not want.accepts(response, route.startswith("api/")):
        problems.append(f"expected {want.outcome}, got {response.status_code}")
    body = b"" if getattr(response, "streaming", False) else response.content
    refused = want.outcome in ("forbidden", "hidden", "sign-in", "refused")
    may_name_the_child = sees or (not refused and row.names_children)
    if not may_name_the_child and any(secret.encode() in body for secret in world.secrets):
        problems.append("the child's data reaches someone who may not see the child's record")
    # Every organisation of the matrix is a GP practice: social care's restricted and sealed entries are never
    # theirs to read, whatever else they may see (docs/access.md, "Down to the entry").
    if any(text.encode() in body for text in world.withheld.values()):
        problems.append("the content of a restricted or sealed entry is shown")
    return problems


def walk(world: World, principal: str, relationship: Relationship) -> Walk:
    """Every cell of one principal in one relationship: those sent, those decided, the unexpected, the known defects."""
    client = client_for(principal, relationship, world)
    sees = sees_the_child(principal, relationship)
    result = Walk()
    for index, cell in enumerate(cells()):
        row = ROUTES[cell.route]
        want = expected(row, cell.route, cell.method, principal, relationship, cell.variant)
        result.decided += 1
        if not sent_in_this_walk(index, want, principal, relationship, cell):
            continue
        response = send(client, cell.method, url_of(cell.route, world, principal, relationship, cell.variant), row)
        result.sent += 1
        problems = problems_of(response, want, row, cell.route, world, principal, sees)
        if problems:
            line = f"{cell.method.upper()} /{cell.route} [{cell.variant or '-'}] -> {response.status_code}: "
            key = cell.key(principal, relationship)
            if key in KNOWN_DEFECTS:
                result.defects_seen[key] = line + "; ".join(problems)
            else:
                result.failures.append(line + "; ".join(problems))
        if cell.route == "sign-out/" and principal not in (ANONYMOUS, API_CLIENT_ROLE):
            client = client_for(principal, relationship, world)  # signing out ended the walk's session: sign in again
    return result


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("principal", "relationship"),
    [
        pytest.param(principal, relationship, id=f"{principal}-{relationship}")
        for principal in PRINCIPALS
        for relationship in relationships_of(principal)
    ],
)
def test_every_cell_answers_as_the_policy_says(world: World, principal: str, relationship: Relationship) -> None:
    started = time.monotonic()
    result = walk(world, principal, relationship)
    assert result.decided == sum(1 for _ in cells())
    assert not result.failures, (
        f"{len(result.failures)} of {result.sent} cells sent answered otherwise than the policy table for "
        f"{principal} in relationship {relationship} ({time.monotonic() - started:.1f}s):\n"
        + "\n".join(result.failures)
    )
    listed = {key for key in KNOWN_DEFECTS if key[2] == principal and key[3] == relationship}
    mended = listed - set(result.defects_seen)
    assert not mended, f"Known defects now answering as the policy says: remove them from KNOWN_DEFECTS: {mended}"
    if result.defects_seen:
        pytest.xfail("; ".join(f"{line} ({KNOWN_DEFECTS[key]})" for key, line in result.defects_seen.items()))


# --- Withheld, not refused ------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("relationship", [Relationship.RESTRICTED, Relationship.SEALED])
def test_an_entry_the_reader_may_not_read_is_shown_as_withheld_with_whom_to_ask(
    world: World, relationship: Relationship
) -> None:
    """The matrix checks that a restricted or sealed entry's content never shows; here, that the record is not
    refused for it: the chronology opens, shows what may be read, and names whom to ask about the rest."""
    client = client_for(Role.SOCIAL_WORKER.value, relationship, world)
    response = client.get(f"/children/{world.child.id}/chronology/")
    assert response.status_code == 200
    page = response.content.decode()
    sensitivity = "restricted" if relationship == Relationship.RESTRICTED else "sealed"
    assert world.withheld[relationship] not in page
    assert f"The content is {sensitivity}. To ask about it, contact {world.council.name}" in page.replace("&#x27;", "'")
    assert world.readable_summary in page  # the standard entry of the same organisation reads as usual


# --- B1: reads of a child's record and refusals are audited ----------------------------------------------------------


def _child_audit_rows(world: World) -> int:
    return AuditEvent.objects.filter(child_id=str(world.child.id)).count()


@pytest.mark.django_db
def test_every_allowed_read_of_a_childs_record_adds_audit_rows_for_the_child(world: World) -> None:
    client = client_for(Role.SOCIAL_WORKER.value, Relationship.INVOLVED, world)
    unaudited, read = [], 0
    for route, row in ROUTES.items():
        if row.target not in (Target.CHILD, Target.VERSION) or "get" not in row.methods:
            continue
        before = _child_audit_rows(world)
        response = send(client, "get", url_of(route, world, Role.SOCIAL_WORKER.value, Relationship.INVOLVED, ""))
        assert response.status_code in (200, 302), (route, response.status_code)
        if response.status_code == 302:
            continue  # a step's check page with nothing to check goes back to the step's form, showing nothing
        read += 1
        if _child_audit_rows(world) <= before:
            unaudited.append(route)
    assert read >= 15
    assert not unaudited, f"Reads of the child's record that wrote no audit row for the child: {unaudited}"


@pytest.mark.django_db
@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_a_function_level_refusal_is_audited_as_access_denied(world: World, api: bool) -> None:
    auditor = world.sides[Relationship.INVOLVED].users[Role.AUDITOR.value]
    client = client_for(Role.AUDITOR.value, Relationship.INVOLVED, world)
    path = f"/api/v1/children/{world.child.id}" if api else f"/children/{world.child.id}/"
    denied = AuditEvent.objects.filter(action="access.denied", actor_user_id=str(auditor.id))
    before = denied.count()
    assert send(client, "get", path).status_code == 403
    assert denied.count() == before + 1
    assert denied.order_by("-sequence").values_list("details", flat=True)[0] == {"permission": "children.view"}
