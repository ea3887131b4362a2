"""A child's identifiers reconciled (issue 8 point 4; R1, R8): history kept as the feed reports changes, verification
upgraded, conflicts, the consistent identifier, access and audit; the page, the API and the command."""

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.checks import consistent_identifier_is_a_scheme
from macpu.people.models import Identifier, IdentifierScheme, Person, ProbableDuplicate
from macpu.people.selectors.identifiers import child_identifiers_get
from macpu.people.services.records import identifier_add
from tests.builders import actor_of, make_child, signed_in_client
from tests.factories import next_nhs_number

pytestmark = pytest.mark.django_db

FIRST, SECOND = "9990000026", "9990000034"
SCHOOL_RECORD = {**MAISIE, "local_id": "CPOMS-P-77", "upn": "B801200005001"}


def _school_sends(operator: Actor, school: Organisation, record_id: str, **subject: Any) -> Person:
    outcome = record(operator, feed_event(record_id, school.code, subject={**SCHOOL_RECORD, **subject}))
    assert outcome.event is not None
    return outcome.event.child


def _as_owner(operator: Actor, child: Person) -> Any:
    return child_identifiers_get(actor=operator, child_id=child.id)


def test_a_changed_nhs_number_from_the_same_record_ends_the_old_one_and_keeps_it(
    operator: Actor, school: Organisation
) -> None:
    # given: the school's record of the pupil gives one NHS number
    child = _school_sends(operator, school, "CPOMS-1", nhs_number=FIRST)
    # when: the school corrects it in the same record
    assert _school_sends(operator, school, "CPOMS-2", nhs_number=SECOND) == child
    # then: the old number is ended today, the new one starts today, and nothing is deleted
    rows = {i.value: i for i in Identifier.objects.filter(person=child, scheme="nhs_number")}
    assert (rows[FIRST].valid_to, rows[SECOND].valid_to) == (clock.today(), None)
    assert rows[SECOND].valid_from == clock.today()
    reconciled = _as_owner(operator, child)
    assert [(i.shown, i.current) for i in reconciled.identifiers if i.scheme == "nhs_number"] == [
        ("999 000 0034", True),
        ("999 000 0026", False),
    ]
    assert [c.kind for c in reconciled.conflicts] == []
    assert reconciled.consistent.identifier.value == SECOND
    changed = AuditEvent.objects.filter(action="person.updated", target_id=str(child.id)).last()
    assert changed is not None
    assert {"nhs_number", "nhs_number ended"} <= set(changed.details["added"])


def test_a_changed_upn_ends_the_old_one_which_is_then_a_former_upn(operator: Actor, school: Organisation) -> None:
    child = _school_sends(operator, school, "CPOMS-1")
    _school_sends(operator, school, "CPOMS-2", upn="P207000016049")
    reconciled = _as_owner(operator, child)
    upns = [(i.value, i.current) for i in reconciled.identifiers if i.scheme == "upn"]
    assert upns == [("P207000016049", True), ("B801200005001", False)]
    assert [(c.kind, c.values) for c in reconciled.conflicts] == [("former_upn", ("B801200005001",))]


def test_a_record_that_leaves_an_identifier_out_does_not_end_it(operator: Actor, school: Organisation) -> None:
    child = _school_sends(operator, school, "CPOMS-1", nhs_number=FIRST)
    _school_sends(operator, school, "CPOMS-2", nhs_number="", upn="")
    assert not Identifier.objects.filter(person=child, valid_to__isnull=False).exists()


def test_a_number_given_again_after_it_ended_starts_a_new_period(operator: Actor, school: Organisation) -> None:
    child = _school_sends(operator, school, "CPOMS-1", nhs_number=FIRST)
    _school_sends(operator, school, "CPOMS-2", nhs_number=SECOND)
    _school_sends(operator, school, "CPOMS-3", nhs_number=FIRST)
    current = Identifier.objects.filter(person=child, scheme="nhs_number", valid_to__isnull=True)
    assert [i.value for i in current] == [FIRST]
    assert Identifier.objects.filter(person=child, scheme="nhs_number").count() == 3


def test_each_organisations_identifiers_are_shown_with_their_issuer_and_reporters(
    operator: Actor, school: Organisation, gp_practice: Organisation
) -> None:
    child = _school_sends(operator, school, "CPOMS-1", nhs_number=FIRST, nhs_number_verified=True)
    gp = {**MAISIE, "local_id": "EMIS-4411", "nhs_number": FIRST, "nhs_number_verified": True}
    record(operator, feed_event("GP-1", gp_practice.code, subject=gp))
    reconciled = _as_owner(operator, child)
    by_scheme = {(i.scheme, i.value): i for i in reconciled.identifiers}
    nhs = by_scheme[("nhs_number", FIRST)]
    assert (nhs.issuer, nhs.verified, nhs.first_reported_by.organisation) == ("", True, school.name)
    assert {(r.organisation, r.record_id, r.traced) for r in nhs.reported_by} == {
        (school.name, "CPOMS-P-77", True),
        (gp_practice.name, "EMIS-4411", True),
    }
    assert nhs.last_reported_at is not None
    assert by_scheme[("upn", "B801200005001")].issuer == school.name
    assert by_scheme[("local_id", "EMIS-4411")].issuer == gp_practice.name
    assert by_scheme[("local_id", "CPOMS-P-77")].issuer == school.name


def test_a_number_another_agency_reports_traced_becomes_verified(
    operator: Actor, school: Organisation, gp_practice: Organisation
) -> None:
    # given: the school gives the NHS number untraced
    child = _school_sends(operator, school, "CPOMS-1", nhs_number=FIRST)
    assert not Identifier.objects.get(person=child, scheme="nhs_number").verified
    # when: the GP practice reports the same number traced against PDS
    gp = {**MAISIE, "local_id": "EMIS-4411", "nhs_number": FIRST, "nhs_number_verified": True}
    record(operator, feed_event("GP-1", gp_practice.code, subject=gp))
    # then: the one row is verified, and the change is audited
    identifier = Identifier.objects.get(person=child, scheme="nhs_number")
    assert identifier.verified
    reconciled = _as_owner(operator, child)
    assert reconciled.consistent.status == "verified"
    assert reconciled.consistent.identifier.verification.startswith("Traced against")
    updates = AuditEvent.objects.filter(action="person.updated", target_id=str(child.id))
    assert any("nhs_number verified" in e.details["added"] for e in updates)


def test_two_current_nhs_numbers_on_one_child_are_a_conflict(operator: Actor, child_of_council: Person) -> None:
    identifier_add(actor=operator, person=child_of_council, scheme=IdentifierScheme.NHS_NUMBER, value=next_nhs_number())
    reconciled = _as_owner(operator, child_of_council)
    [conflict] = reconciled.conflicts
    assert conflict.kind == "two_current"
    assert conflict.message.startswith("2 current NHS numbers")
    assert reconciled.consistent.status == "verified"
    assert "More than one is current" in reconciled.consistent.advice


def _same_number_on(other: Person, child: Person) -> None:
    number = child.identifiers.get(scheme="nhs_number").value
    Identifier.objects.create(person=other, scheme="nhs_number", value=number)


def test_a_number_held_by_a_record_the_reader_may_not_see_is_only_another_record(
    operator: Actor, sw_amara: User, gp_practice: Organisation, child_of_council: Person
) -> None:
    hidden = make_child(operator, gp_practice, family_name="Quinn")
    _same_number_on(hidden, child_of_council)
    reconciled = child_identifiers_get(actor=actor_of(sw_amara), child_id=child_of_council.id)
    [conflict] = reconciled.conflicts
    assert conflict.kind == "held_by_another_record"
    assert (conflict.other_child_id, conflict.other_child_name, conflict.in_review_queue) == (None, "", False)
    assert "is also held by another record." in conflict.message
    assert "Quinn" not in conflict.message
    assert conflict.message.endswith("not in the duplicates review queue yet: tell your data quality officer.")


def test_a_number_held_by_a_record_the_reader_may_see_names_it_and_its_review(
    operator: Actor, sw_amara: User, council: Organisation, child_of_council: Person
) -> None:
    seen = make_child(operator, council, family_name="Quinn")
    _same_number_on(seen, child_of_council)
    ProbableDuplicate.objects.create(person=seen, candidate=child_of_council, score=9.0, reason="same NHS number")
    [conflict] = child_identifiers_get(actor=actor_of(sw_amara), child_id=child_of_council.id).conflicts
    assert (conflict.other_child_id, conflict.in_review_queue) == (seen.id, True)
    assert f"also held by the record of {seen.full_name}" in conflict.message
    assert "It is in the duplicates review queue" in conflict.message


def test_no_consistent_identifier_yet_says_what_to_do(operator: Actor, council: Organisation) -> None:
    child = make_child(operator, council)
    consistent = _as_owner(operator, child).consistent
    assert (consistent.status, consistent.identifier) == ("none", None)
    assert consistent.advice.startswith("No NHS number yet")


def test_the_deployment_names_the_consistent_identifier(
    operator: Actor, settings: Settings, child_of_council: Person
) -> None:
    identifier_add(actor=operator, person=child_of_council, scheme=IdentifierScheme.UPN, value="B801200005001")
    settings.MACPU_CONSISTENT_IDENTIFIER = "upn"
    consistent = _as_owner(operator, child_of_council).consistent
    assert (consistent.scheme, consistent.status, consistent.identifier.value) == ("upn", "unverified", "B801200005001")
    settings.MACPU_CONSISTENT_IDENTIFIER = "national_child_number"
    [error] = consistent_identifier_is_a_scheme(None)
    assert error.id == "macpu.E101"


def test_test_range_numbers_are_warned_of_outside_test_environments(
    operator: Actor, settings: Settings, child_of_council: Person
) -> None:
    settings.MACPU_ENV = "production"
    [nhs] = _as_owner(operator, child_of_council).current
    assert nhs.warnings == ("the number is in the 999 test range, which is never issued",)


def test_an_uninvolved_user_gets_not_found_and_both_reads_are_audited(
    sw_amara: User, gp_ben: User, child_of_council: Person
) -> None:
    child_identifiers_get(actor=actor_of(sw_amara), child_id=child_of_council.id)
    with pytest.raises(NotFound):
        child_identifiers_get(actor=actor_of(gp_ben), child_id=child_of_council.id)
    events = AuditEvent.objects.filter(child_id=str(child_of_council.id), action__in=["child.viewed", "access.denied"])
    assert [(e.action, e.actor_label) for e in events] == [("child.viewed", "sw.amara"), ("access.denied", "gp.ben")]


def test_the_api_lists_the_childs_identifiers(sw_amara: User, child_of_council: Person) -> None:
    response = signed_in_client(sw_amara).get(f"/api/v1/children/{child_of_council.id}/identifiers")
    assert response.status_code == 200
    body = response.json()
    assert body["child"]["id"] == str(child_of_council.id)
    assert body["consistent"]["scheme"] == "nhs_number"
    assert body["consistent"]["status"] == "verified"
    [nhs] = body["identifiers"]
    assert (nhs["scheme"], nhs["current"], nhs["verified"]) == ("nhs_number", True, True)
    assert nhs["first_reported_by"] is None  # added by hand
    assert nhs["shown"] == f"{nhs['value'][:3]} {nhs['value'][3:6]} {nhs['value'][6:]}"
    assert body["conflicts"] == []


def test_the_api_answers_an_uninvolved_user_as_for_a_missing_child(gp_ben: User, child_of_council: Person) -> None:
    client = signed_in_client(gp_ben)
    hidden = client.get(f"/api/v1/children/{child_of_council.id}/identifiers")
    missing = client.get("/api/v1/children/00000000-0000-4000-8000-000000000000/identifiers")
    assert (
        (hidden.status_code, hidden.json()) == (missing.status_code, missing.json()) == (404, {"detail": "Not found."})
    )


def test_the_schema_describes_the_identifiers_api() -> None:
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operations = schema["paths"]["/api/v1/children/{child_id}/identifiers"]
    assert operations["get"]["operationId"] == "child_identifiers_list"
    assert operations["post"]["operationId"] == "child_identifier_create"


def test_the_identifiers_page_shows_current_and_ended_identifiers_and_conflicts(
    operator: Actor, sw_amara: User, gp_practice: Organisation, child_of_council: Person
) -> None:
    _same_number_on(make_child(operator, gp_practice), child_of_council)
    identifier_add(actor=operator, person=child_of_council, scheme=IdentifierScheme.FORMER_UPN, value="P207000016049")
    client = signed_in_client(sw_amara)
    page = client.get(f"/children/{child_of_council.id}/identifiers/")
    assert page.status_code == 200
    html = page.content.decode()
    number = child_of_council.identifiers.get(scheme="nhs_number").value
    assert f"NHS number {number[:3]} {number[3:6]} {number[6:]}" in html
    assert "is also held by another record" in html
    assert "P207000016049 is a former UPN of this child" in html
    assert "govuk-warning-text" in html
    record_page = client.get(f"/children/{child_of_council.id}/").content.decode()
    assert f'href="/children/{child_of_council.id}/identifiers/"' in record_page


def test_the_identifiers_page_is_not_found_for_an_uninvolved_user(gp_ben: User, child_of_council: Person) -> None:
    assert signed_in_client(gp_ben).get(f"/children/{child_of_council.id}/identifiers/").status_code == 404


def test_the_command_prints_the_identifiers_by_nhs_number(operator: Actor, child_of_council: Person) -> None:
    number = child_of_council.identifiers.get(scheme="nhs_number").value
    out = io.StringIO()
    call_command("people", "identifiers", number, stdout=out)
    text = out.getvalue()
    assert f"Consistent identifier (NHS number): {number[:3]} {number[3:6]} {number[6:]} [verified]" in text
    assert "Ended: none" in text
