"""Anti-automation (E6): the request after the allowed number in the window is refused with 429, and recorded."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tight_rates() -> Iterator[None]:
    cache.clear()
    with override_settings(MACPU_THROTTLE_RATES={"search": "3/minute", "export": "2/hour"}):
        yield


def search(client: Client, api: bool) -> Any:
    if api:
        return client.post("/api/v1/children/search", {"nhs_number": "9434765919"}, content_type="application/json")
    return client.post("/children/search/", {"nhs_number": "943 476 5919"})


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_the_search_after_the_allowed_number_is_refused_with_429_and_audited(sw_amara: User, api: bool) -> None:
    client = signed_in_client(sw_amara)
    assert [search(client, api).status_code for _ in range(3)] == [200, 200, 200]
    refused = search(client, api)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    if not api:
        assert "too often" in refused.content.decode()
    throttled = AuditEvent.objects.get(action="access.throttled")
    assert throttled.actor_label == "sw.amara"
    assert throttled.details == {"scope": "search", "rate": "3/minute"}


def test_each_person_has_their_own_count(sw_amara: User, tm_priya: User) -> None:
    amara, priya = signed_in_client(sw_amara), signed_in_client(tm_priya)
    for _ in range(3):
        search(amara, api=False)
    assert search(amara, api=False).status_code == 429
    assert search(priya, api=False).status_code == 200


def test_exports_have_their_own_slower_limit(sw_amara: User, child_of_council: Person) -> None:
    client = signed_in_client(sw_amara)
    url = f"/children/{child_of_council.id}/chronology.csv"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert search(client, api=False).status_code == 200  # searching is counted apart
