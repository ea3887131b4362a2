"""Walk every route of the URLconf as an anonymous visitor and as an unrelated user; nothing may be left open."""

import re
import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import get_resolver

from macpu.access.checks import iter_patterns
from macpu.access.http import PUBLIC, declared_access
from macpu.access.models import User
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")
# Signing in is public, step by step: the form, the authenticator-app code, and an identity provider's round trip.
PUBLIC_ROUTES = {
    "",
    "sign-in/",
    "sign-in/code/",
    "sign-in/inactive/",
    "sign-in/sso/cancelled/",
    "sign-in/sso/error/",
    "sign-in/sso/<str:provider_id>/",
    "sign-in/sso/<str:provider_id>/callback/",
    "sign-out/",
    "health/",
    "api/schema/",
}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def routes() -> Iterator[tuple[str, str]]:
    for route, pattern in iter_patterns(get_resolver().url_patterns):
        yield route, str(declared_access(pattern.callback))


def concrete(route: str, values: dict[str, uuid.UUID]) -> str:
    # Parameters with no target of their own get an id that exists nowhere.
    def value(match: re.Match[str]) -> str:
        if match.group(2) in values:
            return str(values[match.group(2)])
        return "999999999" if match.group(1) == "int" else str(uuid.uuid4())

    return "/" + PARAMETER.sub(value, route)


@pytest.fixture
def targets(child_of_council: Person, council: Organisation) -> dict[str, uuid.UUID]:
    return {"child_id": child_of_council.id, "organisation_id": council.id}


def test_every_route_declares_an_access_rule_and_only_the_allow_list_is_public() -> None:
    walked = dict(routes())
    assert "None" not in walked.values()
    assert {route for route, rule in walked.items() if rule == PUBLIC} == PUBLIC_ROUTES


def test_anonymous_visitors_are_sent_to_sign_in_or_refused_everywhere(targets: dict[str, uuid.UUID]) -> None:
    client, checked = Client(), 0
    for route, rule in routes():
        if rule == PUBLIC:
            continue
        for method in METHODS:
            response = getattr(client, method)(concrete(route, targets))
            checked += 1
            if route.startswith("api/"):
                assert response.status_code == 401, (method, route)
            else:
                assert response.status_code == 302, (method, route)
                assert response["Location"].startswith("/sign-in/"), (method, route)
    assert checked >= 40


# Pages made for someone whose organisation is not involved: emergency access asks why before it opens anything,
# and shows nothing of the child (the same page for any id).
FOR_THE_UNINVOLVED = {"children/<uuid:child_id>/emergency-access/"}


def test_an_unrelated_user_reaches_no_child_record_anywhere(
    gp_ben: User, targets: dict[str, uuid.UUID], child_of_council: Person
) -> None:
    client = signed_in_client(gp_ben)
    secrets = [
        child_of_council.family_name,
        child_of_council.identifiers.get().value,
        str(child_of_council.date_of_birth),
    ]
    for route, _rule in routes():
        if route == "sign-out/":
            continue  # signing out would end the walk's session; the anonymous walk covers it
        for method in METHODS:
            response = getattr(client, method)(concrete(route, targets), content_type="application/json")
            body = response.content.decode()
            assert not any(secret in body for secret in secrets), (method, route)
            if "child_id" in route:
                # A hidden child answers exactly as a child that does not exist.
                missing = getattr(client, method)(
                    concrete(route, {**targets, "child_id": uuid.uuid4()}), content_type="application/json"
                )
                assert response.status_code == missing.status_code, (method, route)
                if route not in FOR_THE_UNINVOLVED:
                    assert response.status_code >= 400, (method, route)
