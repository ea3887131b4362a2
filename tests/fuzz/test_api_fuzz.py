"""API fuzzing (security target E4): every operation of the served OpenAPI schema, as several roles.

Schemathesis reads the schema the API serves at /api/schema/ and sends generated requests to the
application in-process (WSGI), in positive and negative modes, with every default check:
`not_a_server_error`, status codes, content types, headers and bodies as documented, valid input
accepted and invalid input refused, and `ignored_auth` (an operation that answers 2xx must refuse
the same request without the session cookie, or with a made-up one).

Each role signs in by session cookie and sends the CSRF token with unsafe methods, as the web
client does. The roles:

- `sw_amara`: a social worker, lead practitioner of the world's one child;
- `gp_ben`: a GP practitioner not involved with the child (must see 404s where she sees the record);
- `governance`: on audit, retention, subject access and emergency access review, `ig_iris`, an information
  governance officer; on the partnership dashboard, `partner_pat`, a safeguarding partner; on every other operation
  `admin_sam`, a system administrator (organisations, feed,
  calendar, timescales, gap rules, CP-IS, tokens). `ig_iris` and `admin_sam` may also be named alone.

Generated examples per operation and role, positive and negative mixed: MACPU_FUZZ_EXAMPLES (CI 50; the nightly
profile sets 1000), on top of the coverage phase's boundary cases (the same on every run).
MACPU_FUZZ_ROLES (comma-separated) narrows the roles; MACPU_FUZZ_SEED replays a run.
"""

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client
from hypothesis import strategies as st
from pytest_django import DjangoDbBlocker
from schemathesis import GenerationMode
from werkzeug.test import Client as WsgiClient

from macpu.access.models import User
from tests.fuzz.world import World, build_world

EXAMPLES = int(os.environ.get("MACPU_FUZZ_EXAMPLES", "50"))
ROLES = tuple(os.environ.get("MACPU_FUZZ_ROLES", "sw_amara,gp_ben,governance").split(","))
# `governance` is the information governance officer on the operations of her permissions, and the system
# administrator on the rest: each operation runs once more as a role that may use it.
# ... and the safeguarding partner on the partnership dashboard's aggregates, which no other role here may read.
_PARTNERSHIP_PATHS = ("/api/v1/partnership/",)
_GOVERNANCE_PATHS = ("/api/v1/audit/", "/api/v1/subject-access", "/api/v1/retention/", "/api/v1/emergency-access/")

# Operations whose input has rules a JSON Schema cannot state: a request valid by the schema may still rightly
# answer 400, so `positive_data_acceptance` accepts 400 there too (every other check still applies). Each says why.
DOMAIN_RULES: dict[str, str] = {
    "POST /api/v1/audit/children/lookup": "an NHS number's check digit (Modulus 11), or an id that must exist",
    "POST /api/v1/subject-access": "an NHS number's check digit, or an id that must exist",
    "POST /api/v1/children/search": "an NHS number's check digit; a name needs a date of birth or a postcode with it",
    "POST /api/v1/people/search": "an NHS number's check digit; a name needs a date of birth or a postcode with it",
    "POST /api/v1/children/{child_id}/identifiers": "the value's check digit or letter depends on its scheme",
    "POST /api/v1/children/{child_id}/chronology/entries/{event_id}/notes": "a note or a significance, not neither",
    "GET /api/v1/children/{child_id}/chronology": "a period's end on or after its start",
    "GET /api/v1/children/{child_id}/household/chronology": "a period's end on or after its start",
    "POST /api/v1/children/{child_id}/chronology/versions": "a period's end on or after its start",
    "POST /api/v1/children/{child_id}/chronology/exports": "a period's end on or after its start",
    "POST /api/v1/children/{child_id}/sharing": "what must be said depends on the decision (with whom, what, why)",
    "POST /api/v1/children/{child_id}/disagreements": "the decision must be another organisation's about the child, "
    "with no disagreement of it open",
    "POST /api/v1/disagreements/{disagreement_id}/escalations": "a resolved one, or one at partnership stage, goes no "
    "further",
    "POST /api/v1/disagreements/{disagreement_id}/outcome": "a disagreement is resolved once",
    "POST /api/v1/children/{child_id}/pathway/steps": "the step's details follow its feed event type; no future date",
    "POST /api/v1/events/{event_id}/visibility": "a change must change something (not to the sensitivity it has)",
    "POST /api/v1/macpu-teams": "a team's name is unique in its area",
    "POST /api/v1/macpu-teams/{team_id}/members": "the organisation must exist; the place and who nominated agree",
    "POST /api/v1/macpu-teams/{team_id}/members/{member_id}/left": "leaving on or after joining, once",
    "POST /api/v1/retention/holds": "the child must exist; a period's end on or after its start",
    "POST /api/v1/retention/holds/{hold_id}/release": "a hold is released once",
    "PUT /api/v1/timescales/{code}": "the longest length depends on its unit (52 weeks, 365 days)",
    "PUT /api/v1/gap-rules/{rule_id}": "each rule has its own thresholds and their ranges",
    "GET /api/v1/working-days/add": "the calendar is known from 1971 to 2099 (the holidays package's years)",
    "GET /api/v1/working-days/between": "a period's end on or after its start, within the calendar's years",
    "POST /api/v1/working-days/proclaimed-holidays": "a proclaimed holiday is a working day, once",
    "POST /api/v1/feed/quarantine/{line_id}/replay": "the line is checked as the feed checks it (docs/feed.md)",
    "POST /api/v1/api-tokens": "a live token's name is unique in its organisation",
    "POST /api/v1/staff": "a new account needs names and a unique email; only grantable roles; not oneself",
    "POST /api/v1/staff/memberships/{membership_id}/end": "ending on or after the start, once, only brought forward",
    "POST /api/v1/staff/people/{user_id}/sign-out": "not one's own sessions (the sessions page ends those)",
    "POST /api/v1/staff/people/{user_id}/close": "not one's own account",
    "GET /api/v1/partnership/dashboard": "a period's end on or after its start, 3 years at most; an area that exists",
    "GET /api/v1/practice-profiles/compare": "the organisations must exist, two of them different",
    "PUT /api/v1/practice-profiles/{organisation}": "terms from the glossary; takes effect within a year, not before the "
    "last version; an https:// threshold address with its title",
    "PUT /api/v1/practice-profiles/{organisation}/teams/{team_id}": "as the organisation's profile",
    "POST /api/v1/glossary": "a term once in the glossary, with a letter or digit; equivalents that are in it",
    "PUT /api/v1/glossary/{term_id}": "a term once in the glossary, with a letter or digit; equivalents that are in it",
}
_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]  # schemathesis' own default

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {
            "mode": "all",  # positive and negative
            "max-examples": EXAMPLES,
            # DRF refuses NUL in any text (and PostgreSQL cannot store it): a string with one is valid by the schema
            # yet rightly 400, on every operation. Negative mode still sends every other kind of wrong value.
            "allow-x00": False,
        },
        "operations": [
            {"include-name": name, "checks": {"positive_data_acceptance": {"expected-statuses": [*_ACCEPTED, "400"]}}}
            for name in DOMAIN_RULES
        ],
        **({"seed": int(os.environ["MACPU_FUZZ_SEED"])} if "MACPU_FUZZ_SEED" in os.environ else {}),
    }
)

_DJANGO = WSGIHandler()


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The application as a WSGI server runs it behind its proxy (gunicorn always names the caller's address;
    werkzeug's client not; the proxy passes only the site's own host name),
    and as Django's test client runs it: the end of a request must not close the database connection, which holds
    the test's transaction (PostgreSQL; SQLite's in-memory database ignores the close)."""
    environ.setdefault("REMOTE_ADDR", "127.0.0.1")
    # The host is the web server's to name: a generated `Host` header (schemathesis adds random headers) would be
    # refused by ALLOWED_HOSTS before the API is reached, which is the deployment's check, not the API's.
    environ["HTTP_HOST"] = "localhost"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = _DJANGO(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return [body]


schema = schemathesis.openapi.from_wsgi("/api/schema/", app, config=CONFIG)


@dataclass
class Credentials:
    session: str
    csrf_secret: str
    csrf_token: str


# What the running test signs in as and aims at. Tests in one process run one at a time, so hooks read it here.
_current: dict[str, Any] = {}


@schema.auth(refresh_interval=None)
class SessionCookie:
    """The session of the role under test, with the CSRF cookie and header that DRF asks of unsafe methods."""

    def get(self, case: schemathesis.Case, ctx: schemathesis.AuthContext) -> Credentials | None:
        credentials: Credentials | None = _current.get("credentials")
        return credentials

    def set(self, case: schemathesis.Case, data: Credentials, ctx: schemathesis.AuthContext) -> None:
        case.cookies = {**(case.cookies or {}), "sessionid": data.session}
        case.headers["X-CSRFToken"] = data.csrf_token


@schema.hook
def flatmap_case(ctx: schemathesis.HookContext, case: schemathesis.Case) -> st.SearchStrategy[schemathesis.Case]:
    """Half the valid cases name records that exist, so they get past 404 into the view's real work."""
    path_values: dict[str, list[str]] = _current.get("path_values", {})
    names = [name for name in (case.path_parameters or {}) if name in path_values]
    if not names or case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return st.just(case)

    def aimed(choices: dict[str, str]) -> schemathesis.Case:
        case.path_parameters = {**(case.path_parameters or {}), **choices}
        return case

    real = st.fixed_dictionaries({name: st.sampled_from(path_values[name]) for name in names}).map(aimed)
    return st.one_of(st.just(case), real)


def _credentials(user: User) -> Credentials:
    client = Client()
    client.force_login(user)
    request = HttpRequest()
    token = get_token(request)  # the masked token for the header; the cookie holds its secret
    return Credentials(client.cookies["sessionid"].value, request.META["CSRF_COOKIE"], token)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    """Built once per worker, in a transaction rolled back when the module is done. Each test runs in a savepoint
    inside it (pytest-django's `db`), so what one operation's requests write is undone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(params=ROLES)
def signed_in(request: pytest.FixtureRequest, world: World, db: None) -> Iterator[str]:
    cache.clear()  # each operation and role starts with the throttles' counts at nought
    role = request.param
    if role == "governance":
        path = request.node.name.split("[", 1)[1].split("]", 1)[0].split(" ", 1)[1]
        governed = path.startswith(_GOVERNANCE_PATHS) or path.endswith("/access-log")
        partnership = path.startswith(_PARTNERSHIP_PATHS)
        role = "ig_iris" if governed else "partner_pat" if partnership else "admin_sam"
    _current.update(credentials=_credentials(world.users[role]), path_values=world.path_values)
    yield request.param
    _current.clear()


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_every_operation_as_each_role(case: schemathesis.Case, signed_in: str) -> None:
    # The CSRF cookie goes with the call, not on the case: the schema declares no such cookie, and a case carrying
    # one would no longer count as valid input.
    case.call_and_validate(cookies={"csrftoken": _current["credentials"].csrf_secret})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["sw_amara", "gp_ben", "ig_iris", "admin_sam"])
def test_each_role_is_signed_in_and_passes_the_csrf_check(world: World, role: str) -> None:
    """The fuzzing above would pass vacuously if its session were refused: each role reads /me, and an unsafe
    request gets past DRF's CSRF check with the token (400 for the empty search) and not without it (403)."""
    credentials = _credentials(world.users[role])
    client = WsgiClient(app)
    client.set_cookie("sessionid", credentials.session, domain="localhost")
    client.set_cookie("csrftoken", credentials.csrf_secret, domain="localhost")
    me = client.get("/api/v1/me")
    assert me.status_code == 200, me.get_data(as_text=True)
    assert me.json is not None
    assert me.json["username"] == world.users[role].username
    with_token = client.post("/api/v1/children/search", json={}, headers={"X-CSRFToken": credentials.csrf_token})
    without = client.post("/api/v1/children/search", json={})
    assert with_token.status_code in {400, 403}  # refused by the search itself (or the role), not by CSRF
    assert "CSRF" not in with_token.get_data(as_text=True)
    assert without.status_code == 403
    assert "CSRF" in without.get_data(as_text=True)
