"""The sharing ledger: recorded through the feed's write path, read through access, audited (R26, R27)."""

import uuid
from typing import Any

import pytest
from django.db import transaction

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.events.models import Event
from macpu.events.tests.builders import record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.sharing.rules.record import SharingAnswers
from macpu.sharing.selectors import organisations_to_share_with, sharing_ledger
from macpu.sharing.services import sharing_record
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db

WITHHELD = SharingAnswers(
    decision="not_shared",
    occurred_at="2026-03-04",
    with_orgs=("123456",),
    what="The mother's counselling notes",
    reason="Not relevant to the school's safeguarding duties",
    consent="refused",
    consent_reason="The mother asked that they stay with us",
    decided_by="Amara Okafor",
    decided_by_role="Social worker",
)
SHARED = SharingAnswers(
    decision="shared",
    occurred_at="2026-03-05",
    with_orgs=("123456", "NBP"),
    what="The strategy discussion's decisions",
    reason="So the school and the police can protect her",
    consent="not_sought",
    consent_reason="Asking would alert the mother's partner and put Maisie at risk",
    decided_by="Priya Shah",
    lawful_basis="public_task",
    article_9_condition="substantial_public_interest",
    dpa_condition="sch1_para18_safeguarding_children",
)


@pytest.fixture
def partners(school: Organisation, police_force: Organisation) -> None:
    """The school and the police exist, not yet involved with the child."""


def test_a_decision_and_a_share_are_events_of_the_actor_s_organisation_newest_first(
    sw_amara: User, child_of_council: Person, council: Organisation, partners: None
) -> None:
    actor = actor_of(sw_amara)
    first = sharing_record(actor=actor, child_id=child_of_council.id, answers=WITHHELD)
    second = sharing_record(actor=actor, child_id=child_of_council.id, answers=SHARED)
    assert (first.organisation_id, first.type, first.details["decision"]) == (
        council.id,
        "information_shared",
        "not_shared",
    )
    assert "lawful_basis" not in first.details
    ledger = sharing_ledger(actor=actor, child_id=child_of_council.id)
    assert [e.id for e in ledger.entries] == [second.id, first.id]
    shared, withheld = ledger.entries
    assert shared.shared
    assert not withheld.shared
    assert [p.name for p in shared.to] == ["Hillside Primary School", "Northbridge Police"]
    assert shared.lawful_basis is not None
    assert shared.lawful_basis.label == "Article 6(1)(e) public task"
    assert shared.dpa_condition is not None
    assert shared.dpa_condition.label.startswith("Schedule 1 paragraph 18")
    assert (withheld.consent and withheld.consent.code, withheld.consent_reason) == ("refused", WITHHELD.consent_reason)
    assert (withheld.decided_by, withheld.recorded_by.name, withheld.record_id) == (
        "Amara Okafor",
        "Northbridge Children's Services",
        first.record_id,
    )
    assert AuditEvent.objects.filter(action="event.recorded").count() >= 2


def test_an_involved_organisation_sees_it_audited_and_an_uninvolved_one_is_not_found(
    sw_amara: User, gp_ben: User, child_of_council: Person, partners: None
) -> None:
    sharing_record(actor=actor_of(sw_amara), child_id=child_of_council.id, answers=SHARED)
    sharing_ledger(actor=actor_of(sw_amara), child_id=child_of_council.id)
    viewed = AuditEvent.objects.filter(action="sharing.ledger_viewed").get()
    assert (viewed.child_id, viewed.details["entries"]) == (str(child_of_council.id), 1)
    with pytest.raises(NotFound):
        sharing_ledger(actor=actor_of(gp_ben), child_id=child_of_council.id)
    assert AuditEvent.objects.filter(action="access.denied", child_id=child_of_council.id).exists()
    with pytest.raises(NotFound):
        sharing_record(actor=actor_of(gp_ben), child_id=child_of_council.id, answers=SHARED)
    assert signed_in_client(gp_ben).get(f"/children/{child_of_council.id}/sharing/").status_code == 404
    assert signed_in_client(gp_ben).get(f"/api/v1/children/{child_of_council.id}/sharing").status_code == 404


def test_a_share_an_agency_sent_restricted_is_withheld_from_other_sectors(
    operator: Actor, sw_amara: User, child_of_council: Person, police_force: Organisation, school: Organisation
) -> None:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    details = {"with": ["123456"], "what": "Intelligence", "lawful_basis": "law_enforcement"}
    with transaction.atomic():
        record(
            operator,
            {
                "record_id": "NBP-SHARE-1",
                "org": "NBP",
                "type": "information_shared",
                "occurred_at": "2026-03-02",
                "subject": subject,
                "sensitivity": "restricted",
                "details": details,
            },
        )
    [entry] = sharing_ledger(actor=actor_of(sw_amara), child_id=child_of_council.id).entries
    assert entry.withheld
    assert entry.what == ""
    assert entry.to == ()
    assert (entry.recorded_by.name, entry.record_id) == ("Northbridge Police", "NBP-SHARE-1")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent_reason": ""}, "consent_reason"),
        ({"reason": " "}, "reason"),
        ({"decided_by": ""}, "decided_by"),
        ({"with_orgs": ()}, "with"),
        ({"with_orgs": ("NOPE",)}, "with"),
        ({"with_orgs": ("873",)}, "with"),  # one's own organisation
        ({"occurred_at": "2099-01-01"}, "occurred_at"),
        ({"lawful_basis": ""}, "lawful_basis"),
        ({"dpa_condition": ""}, "dpa_condition"),
        ({"lawful_basis": "consent"}, "lawful_basis"),  # consent was not sought
    ],
)
def test_bad_answers_name_their_field_and_nothing_is_recorded(
    sw_amara: User, child_of_council: Person, partners: None, changes: dict[str, Any], field: str
) -> None:
    answers = SharingAnswers(**{**SHARED.__dict__, **changes})
    before = Event.objects.count()
    with pytest.raises(InvalidInput) as refused:
        sharing_record(actor=actor_of(sw_amara), child_id=child_of_council.id, answers=answers)
    assert field in refused.value.errors
    assert Event.objects.count() == before


def test_the_form_offers_the_involved_organisations_first_and_never_one_s_own(
    sw_amara: User, child_of_council: Person, partners: None, gp_practice: Organisation, operator: Actor
) -> None:
    sharing_record(actor=actor_of(sw_amara), child_id=child_of_council.id, answers=SHARED)
    offered = organisations_to_share_with(actor=actor_of(sw_amara), child_id=child_of_council.id)
    codes = [code for code, _, _ in offered]
    assert "873" not in codes
    assert set(codes) >= {"123456", "NBP", "Y01001"}
    involved = [code for code, _, working in offered if working]
    assert codes[: len(involved)] == involved


def test_the_api_records_and_reads_the_ledger_with_bad_input_named(
    sw_amara: User, child_of_council: Person, partners: None
) -> None:
    client = signed_in_client(sw_amara)
    url = f"/api/v1/children/{child_of_council.id}/sharing"
    body = {
        "decision": "not_shared",
        "occurred_at": "2026-03-04",
        "with": ["123456"],
        "what": "Counselling notes",
        "reason": "Not needed by the school",
        "consent": "refused",
        "consent_reason": "",
        "decided_by": "Amara Okafor",
    }
    bad = client.post(url, body, content_type="application/json")
    assert bad.status_code == 400
    assert "consent_reason" in bad.json()
    assert client.post(url, {**body, "consent": "maybe"}, content_type="application/json").json().keys() == {"consent"}
    assert not Event.objects.filter(type="information_shared").exists()
    made = client.post(url, {**body, "consent_reason": "She asked us not to"}, content_type="application/json")
    assert made.status_code == 201, made.json()
    assert made.json()["decision"] == {"code": "not_shared", "text": "Not shared"}
    assert made.json()["to"] == [{"code": "123456", "name": "Hillside Primary School"}]
    read = client.get(url).json()
    assert [e["id"] for e in read] == [made.json()["id"]]
    assert read[0]["consent"]["text"] == "Refused"


def test_a_hidden_child_and_a_missing_one_look_the_same(sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    missing = uuid.uuid4()
    assert client.get(f"/api/v1/children/{missing}/sharing").status_code == 404
    assert client.get(f"/children/{missing}/sharing/").status_code == 404
    assert client.get(f"/children/{missing}/sharing/record/").status_code == 404
