import datetime as dt

import pytest

from macpu.access.models import Involvement, NetworkMember, User
from macpu.core.actor import Actor
from macpu.events.models import Event, EventStatus
from macpu.events.services.recording import EventResult
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.notifications.models import Notification
from macpu.organisations.models import Organisation
from macpu.people.models import Identifier, Person, ProbableDuplicate, Relationship

pytestmark = pytest.mark.django_db
VERIFIED = {"nhs_number": "9990000026", "nhs_number_verified": True}


def test_resending_is_idempotent_and_a_change_is_a_new_version(operator: Actor, school: Organisation) -> None:
    first = record(operator, feed_event("CPOMS-1", school.code, summary="Bruise seen"))
    again = record(operator, feed_event("CPOMS-1", school.code, summary="Bruise seen"))
    changed = record(operator, feed_event("CPOMS-1", school.code, summary="Bruise seen on left arm"))
    assert [first.result, again.result, changed.result] == [
        EventResult.CREATED,
        EventResult.UNCHANGED,
        EventResult.UPDATED,
    ]
    event = Event.objects.get()
    assert (event.version, event.summary) == (2, "Bruise seen on left arm")
    assert [v.payload["summary"] for v in event.versions.order_by("version")] == [
        "Bruise seen",
        "Bruise seen on left arm",
    ]


def test_a_retraction_keeps_the_event_in_its_history(operator: Actor, school: Organisation) -> None:
    record(operator, feed_event("CPOMS-1", school.code))
    retracted = record(operator, feed_event("CPOMS-1", school.code, status="entered_in_error"))
    assert retracted.result == EventResult.RETRACTED
    event = Event.objects.get()
    assert (event.status, event.versions.count()) == (EventStatus.ENTERED_IN_ERROR, 2)


def test_a_decision_before_its_referral_is_accepted_and_joined_when_the_referral_arrives(
    operator: Actor, council: Organisation
) -> None:
    decision = record(
        operator, feed_event("DEC-1", council.code, "referral_decision", ref="REF-1", details={"outcome": "assessment"})
    )
    referral = record(operator, feed_event("REF-1", council.code, "referral", details={"referrer_type": "neighbour"}))
    assert decision.event is not None
    assert referral.event is not None
    decision.event.refresh_from_db()
    assert decision.event.ref_event == referral.event


def test_a_verified_nhs_number_links_to_the_known_child_despite_a_new_surname(
    operator: Actor, school: Organisation, gp_practice: Organisation
) -> None:
    record(operator, feed_event("CPOMS-1", school.code, subject={**MAISIE, **VERIFIED}))
    renamed = {**MAISIE, "family_name": "Hill", **VERIFIED}
    record(operator, feed_event("GP-1", gp_practice.code, subject=renamed))
    assert Person.objects.filter(kind="child").count() == 1
    child = Person.objects.get(kind="child")
    assert {n.family_name for n in child.names.all()} == {"Whitmore", "Hill"}


def test_an_unverified_nhs_number_links_only_when_names_and_date_of_birth_agree(
    operator: Actor, school: Organisation, gp_practice: Organisation, police_force: Organisation
) -> None:
    record(operator, feed_event("CPOMS-1", school.code, subject={**MAISIE, "nhs_number": "9990000026"}))
    agrees = record(operator, feed_event("GP-1", gp_practice.code, subject={**MAISIE, "nhs_number": "9990000026"}))
    differs = record(
        operator,
        feed_event("NBP-1", police_force.code, subject={**MAISIE, "given_name": "Maisy", "nhs_number": "9990000026"}),
    )
    assert agrees.event is not None
    assert differs.event is not None
    assert agrees.event.child_id == Event.objects.get(record_id="CPOMS-1").child_id
    assert differs.event.child_id != agrees.event.child_id
    flag = ProbableDuplicate.objects.get()
    assert (flag.person_id, flag.candidate_id) == (differs.event.child_id, agrees.event.child_id)
    assert Identifier.objects.get(person_id=differs.event.child_id, scheme="nhs_number").warning.startswith(
        "also recorded"
    )


def test_a_verified_number_whose_names_and_birth_date_clearly_contradict_is_flagged_not_linked(
    operator: Actor, school: Organisation, police_force: Organisation
) -> None:
    record(operator, feed_event("CPOMS-1", school.code, subject={**MAISIE, **VERIFIED}))
    stranger = {"given_name": "Jordan", "family_name": "Okoro", "date_of_birth": "2011-09-17", **VERIFIED}
    outcome = record(operator, feed_event("NBP-1", police_force.code, subject=stranger))
    assert outcome.probable_duplicates == 1
    assert (
        ProbableDuplicate.objects.get().reason
        == "the same verified NHS number, but names and date of birth clearly differ"
    )


def test_names_and_date_of_birth_alone_never_link_but_flag_a_probable_duplicate(
    operator: Actor, school: Organisation, gp_practice: Organisation
) -> None:
    record(operator, feed_event("CPOMS-1", school.code))
    swapped = {**MAISIE, "given_name": "Maisy", "date_of_birth": "2019-03-27"}
    outcome = record(operator, feed_event("GP-1", gp_practice.code, subject=swapped))
    assert (outcome.new_people, outcome.probable_duplicates) == (1, 1)
    assert Person.objects.filter(kind="child").count() == 2
    flag = ProbableDuplicate.objects.get()
    assert flag.explanation["levels"]["family_name"] == "agrees"
    assert flag.explanation["levels"]["given_name"] == "sounds_the_same"


def test_the_same_source_record_is_the_same_child(operator: Actor, school: Organisation) -> None:
    record(operator, feed_event("CPOMS-1", school.code, subject={**MAISIE, "local_id": "S-42"}))
    record(
        operator,
        feed_event(
            "CPOMS-2",
            school.code,
            subject={
                "local_id": "S-42",
                "given_name": "Maisie",
                "family_name": "Whitmore",
                "date_of_birth": "2019-03-27",
            },
        ),
    )
    assert Event.objects.values("child_id").distinct().count() == 1


def test_adults_and_household_changes_are_recorded_with_dates(operator: Actor, council: Organisation) -> None:
    dean = {"given_name": "Dean", "family_name": "Marsh", "date_of_birth": "1988-07-14", "role": "parent_partner"}
    mother = {
        "given_name": "Lucy",
        "family_name": "Whitmore",
        "date_of_birth": "1990-06-02",
        "role": "mother",
        "lives_with_child": True,
    }
    record(
        operator, feed_event("REF-1", council.code, "referral", people=[mother], details={"referrer_type": "family"})
    )
    record(
        operator,
        feed_event(
            "HH-1",
            council.code,
            "household_change",
            occurred_at="2026-01-20",
            people=[dean],
            details={"change": "joined"},
        ),
    )
    record(
        operator,
        feed_event(
            "HH-2",
            council.code,
            "household_change",
            occurred_at="2026-06-01",
            people=[dean],
            details={"change": "left"},
        ),
    )
    relationships = {r.relative.given_name: r for r in Relationship.objects.select_related("relative")}
    assert relationships["Lucy"].lives_with
    assert (relationships["Dean"].valid_from, relationships["Dean"].valid_to) == (
        dt.date(2026, 1, 20),
        dt.date(2026, 6, 1),
    )


def test_recording_makes_the_organisation_involved_and_tells_the_lead_practitioner(
    operator: Actor, sw_amara: User, child_of_council: Person, police_force: Organisation
) -> None:
    nhs = child_of_council.identifiers.get(scheme="nhs_number").value
    subject = {"nhs_number": nhs, "nhs_number_verified": True}
    record(
        operator,
        feed_event("NBP-1", police_force.code, "police_incident", subject=subject, details={"domestic_abuse": True}),
    )
    assert Involvement.objects.filter(child=child_of_council, organisation=police_force, claimed=True).exists()
    assert Notification.objects.filter(recipient=sw_amara, child=child_of_council).exists()


def test_an_allocation_names_the_professional_in_the_network(
    operator: Actor, council: Organisation, sw_amara: User
) -> None:
    outcome = record(
        operator,
        feed_event(
            "AL-1",
            council.code,
            "allocation",
            details={"role": "lead_practitioner", "name": "Amara Okafor", "change": "allocated"},
        ),
    )
    assert outcome.event is not None
    member = NetworkMember.objects.get(child_id=outcome.event.child_id)
    assert (member.user, member.network_role) == (sw_amara, "lead_practitioner")


def test_an_unborn_child_is_found_through_the_mother(
    operator: Actor, council: Organisation, gp_practice: Organisation
) -> None:
    unborn = {
        "unborn": True,
        "expected_date": "2027-02-20",
        "mother": {
            "given_name": "Lucy",
            "family_name": "Hill",
            "date_of_birth": "1998-10-04",
            "nhs_number": "9990000042",
        },
    }
    first = record(
        operator,
        feed_event(
            "MW-1",
            council.code,
            "service_involvement",
            subject=unborn,
            details={"service": "midwifery", "change": "started"},
        ),
    )
    second = record(
        operator,
        feed_event(
            "GP-9",
            gp_practice.code,
            "service_involvement",
            subject={**unborn, "expected_date": "2027-02-27"},
            details={"service": "gp_registration", "change": "started"},
        ),
    )
    assert first.event is not None
    assert second.event is not None
    assert first.event.child_id == second.event.child_id
    child = Person.objects.get(id=first.event.child_id)
    assert (child.is_unborn, child.expected_date) == (True, dt.date(2027, 2, 20))


def test_an_unregistered_organisation_is_rejected_naming_the_field(operator: Actor) -> None:
    outcome = record(operator, feed_event("X-1", "Y09999"))
    assert (outcome.result, [str(e) for e in outcome.errors]) == (
        EventResult.REJECTED,
        ["org: 'Y09999' is not a registered organisation"],
    )


def test_replaying_a_file_with_two_versions_changes_nothing_but_a_later_change_back_is_a_version(
    operator: Actor, school: Organisation
) -> None:
    first = feed_event("CPOMS-1", school.code, summary="Bruise seen")
    second = feed_event("CPOMS-1", school.code, summary="Bruise seen on left arm")
    record(operator, first)
    record(operator, second)
    assert [record(operator, first).result, record(operator, second).result] == [
        EventResult.UNCHANGED,
        EventResult.UNCHANGED,
    ]
    back = {**first, "recorded_at": "2026-12-01T09:00:00+00:00"}
    assert record(operator, back).result == EventResult.UPDATED
    assert Event.objects.get().versions.count() == 3


def test_an_older_report_that_an_adult_lives_elsewhere_does_not_end_a_later_household(
    operator: Actor, council: Organisation
) -> None:
    dean = {"given_name": "Dean", "family_name": "Marsh", "date_of_birth": "1988-07-14", "role": "parent_partner"}
    record(
        operator,
        feed_event(
            "HH-1",
            council.code,
            "household_change",
            occurred_at="2026-01-20",
            people=[dean],
            details={"change": "joined"},
        ),
    )
    older = {**dean, "lives_with_child": False}
    outcome = record(
        operator,
        feed_event(
            "REF-0",
            council.code,
            "referral",
            occurred_at="2025-06-01",
            people=[older],
            details={"referrer_type": "family"},
        ),
    )
    assert outcome.result == EventResult.CREATED
    household = Relationship.objects.get(relative__given_name="Dean", lives_with=True)
    assert (household.valid_from, household.valid_to) == (dt.date(2026, 1, 20), None)


def test_a_move_reported_late_slots_into_the_address_history(operator: Actor, gp_practice: Organisation) -> None:
    from macpu.people.models import Address

    record(
        operator,
        feed_event(
            "MV-2", gp_practice.code, "address_change", occurred_at="2026-06-01", details={"postcode": "NB3 2CD"}
        ),
    )
    record(
        operator,
        feed_event(
            "MV-1", gp_practice.code, "address_change", occurred_at="2026-02-01", details={"postcode": "NB2 1AB"}
        ),
    )
    history = [
        (a.postcode, a.valid_from, a.valid_to) for a in Address.objects.exclude(valid_from=None).order_by("valid_from")
    ]
    assert history == [
        ("NB2 1AB", dt.date(2026, 2, 1), dt.date(2026, 5, 31)),
        ("NB3 2CD", dt.date(2026, 6, 1), None),
    ]


def test_the_same_relationship_told_by_two_organisations_is_one_entry_with_both_named(
    operator: Actor, council: Organisation, gp_practice: Organisation, sw_amara: User
) -> None:
    from macpu.people.selectors.children import child_profile_get
    from tests.builders import actor_of

    mother = {
        "given_name": "Lucy",
        "family_name": "Whitmore",
        "date_of_birth": "1990-06-02",
        "nhs_number": "9990000042",
        "role": "mother",
    }
    subject = {**MAISIE, **VERIFIED}
    record(
        operator,
        feed_event(
            "REF-1",
            council.code,
            "referral",
            subject=subject,
            people=[mother],
            details={"referrer_type": "professional"},
        ),
    )
    record(operator, feed_event("GP-1", gp_practice.code, subject=subject, people=[mother]))
    child = Person.objects.get(kind="child")
    record(
        operator,
        feed_event(
            "AL-1",
            council.code,
            "allocation",
            subject=subject,
            details={"role": "lead_practitioner", "name": "Amara Okafor", "change": "allocated"},
        ),
    )
    profile = child_profile_get(actor=actor_of(sw_amara), child_id=child.id)
    assert [(e.relationship.relative.given_name, e.recorded_by) for e in profile.relatives] == [
        ("Lucy", ("Northbridge Children's Services", "Riverside Medical Practice"))
    ]


def test_a_child_first_known_only_by_a_verified_nhs_number_is_recorded(
    operator: Actor, gp_practice: Organisation
) -> None:
    outcome = record(
        operator,
        feed_event("APT-1", gp_practice.code, "health_appointment", subject=VERIFIED, details={"outcome": "attended"}),
    )
    assert outcome.result == EventResult.CREATED
    assert outcome.event is not None
    child = Person.objects.get(id=outcome.event.child_id)
    assert (child.date_of_birth, child.identifiers.get().value) == (None, "9990000026")
