"""Producing the CP-IS file: the first holds every open plan, each later one what changed since; audited."""

import datetime as dt
import hashlib

import pytest
import time_machine

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.core.errors import NotPermitted
from macpu.organisations.models import Organisation
from macpu.pathway.models import CpisExtract
from macpu.pathway.selectors.cpis import cpis_flagged_children, cpis_pending
from macpu.pathway.services import cpis_extract_produce
from macpu.pathway.tests.cpis_builders import (
    DAY_ONE,
    MAISIE_VERIFIED,
    TOM_UNTRACED,
    UNBORN_HILL,
    mother_traced,
    plan_event,
    received_at,
)
from macpu.people.models import IdentifierScheme
from macpu.people.services.records import identifier_add
from tests.builders import actor_of

pytestmark = pytest.mark.django_db

HEADER = (
    "nhs_number,plan_type,start_date,end_date,responsible_authority,office_hours_phone,out_of_hours_phone,"
    "mother_nhs_number,expected_date"
)


def _produce(actor: Actor, when: dt.datetime) -> CpisExtract | None:
    with time_machine.travel(when, tick=False):
        return cpis_extract_produce(actor=actor)


def _council_numbers(council: Organisation) -> str:
    return f"{council.name},{council.office_hours_phone},{council.out_of_hours_phone}"


def test_the_first_extract_holds_every_open_plan_and_is_audited(
    operator: Actor, council: Organisation, admin_sam: User
) -> None:
    # given: a plan still open, a plan started and ended, and a child in need plan
    received_at(
        DAY_ONE,
        operator,
        plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED),
        plan_event("LCS-CIN-1", "plan_started", "child_in_need", "2026-01-05", MAISIE_VERIFIED),
        plan_event("LCS-LAC-1", "plan_started", "looked_after", "2025-06-01", MAISIE_VERIFIED, legal_status="s20"),
        plan_event("LCS-LAC-1-END", "plan_ended", "looked_after", "2025-12-01", MAISIE_VERIFIED),
    )
    # when
    extract = _produce(actor_of(admin_sam), DAY_ONE + dt.timedelta(hours=1))
    # then
    assert extract is not None
    assert extract.content.split("\r\n") == [
        HEADER,
        f"9990000026,CPP,2026-03-24,,{_council_numbers(council)},,",
        "",
    ]
    assert (extract.sequence, extract.row_count, extract.covers_from) == (1, 1, None)
    assert extract.covers_to == DAY_ONE + dt.timedelta(hours=1)
    assert extract.sha256 == hashlib.sha256(extract.content.encode()).hexdigest()
    assert extract.produced_by == "admin.sam"
    audit = AuditEvent.objects.get(action="pathway.cpis_extract_produced")
    assert (audit.actor_label, audit.target_id) == ("admin.sam", str(extract.id))
    assert audit.details["rows"] == 1
    assert audit.details["sha256"] == extract.sha256


def test_a_second_extract_holds_only_what_changed_since_the_first(operator: Actor, council: Organisation) -> None:
    # given: a first extract with Maisie's plan
    received_at(
        DAY_ONE, operator, plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED)
    )
    first = _produce(operator, DAY_ONE + dt.timedelta(hours=1))
    assert first is not None
    # when: her plan ends and she becomes looked after under a care order, and a second extract is made
    received_at(
        DAY_ONE + dt.timedelta(days=1),
        operator,
        plan_event("LCS-PLAN-1-END", "plan_ended", "child_protection", "2026-10-30", MAISIE_VERIFIED),
        plan_event("LCS-LAC-2", "plan_started", "looked_after", "2026-10-30", MAISIE_VERIFIED, legal_status="s31"),
        plan_event("LCS-CIN-2", "plan_started", "child_in_need", "2026-10-30", MAISIE_VERIFIED),
    )
    second = _produce(operator, DAY_ONE + dt.timedelta(days=1, hours=1))
    # then
    assert second is not None
    assert (second.sequence, second.row_count, second.covers_from) == (2, 2, first.covers_to)
    assert second.content.split("\r\n")[1:] == [
        f"9990000026,CPP,2026-03-24,2026-10-30,{_council_numbers(council)},,",
        f"9990000026,LAC,2026-10-30,,{_council_numbers(council)},,",
        "",
    ]
    assert second.produced_by == "test-operator"


def test_nothing_is_produced_when_nothing_is_waiting(operator: Actor, council: Organisation) -> None:
    # given: nothing at all, then one extract already made
    assert _produce(operator, DAY_ONE) is None
    received_at(
        DAY_ONE, operator, plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED)
    )
    assert _produce(operator, DAY_ONE + dt.timedelta(hours=1)) is not None
    # when
    again = _produce(operator, DAY_ONE + dt.timedelta(hours=2))
    # then
    assert again is None
    assert CpisExtract.objects.count() == 1
    assert AuditEvent.objects.filter(action="pathway.cpis_extract_produced").count() == 1


def test_a_child_without_a_verified_nhs_number_is_flagged_held_back_and_sent_once_verified(
    operator: Actor, council: Organisation
) -> None:
    # given: Tom's plan, with no verified NHS number, beside Maisie's
    tom_plan, _ = received_at(
        DAY_ONE,
        operator,
        plan_event("LCS-PLAN-2", "plan_started", "child_protection", "2026-04-01", TOM_UNTRACED),
        plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED),
    )
    assert tom_plan.event is not None
    tom = tom_plan.event.child
    # when
    first = _produce(operator, DAY_ONE + dt.timedelta(hours=1))
    # then: Maisie is sent; Tom is held back and flagged
    assert first is not None
    assert first.row_count == 1
    assert first.held_back == [{"child": str(tom.id), "start_record": str(tom_plan.event.id)}]
    assert {"child": str(tom.id), "message": "On a child protection plan without a verified NHS number"} in (
        first.problems
    )
    flagged = cpis_flagged_children()
    assert [(child.child_id, child.problems) for child in flagged] == [
        (tom.id, ("On a child protection plan without a verified NHS number",))
    ]
    # when: his NHS number is traced, the next extract sends his plan
    identifier_add(actor=operator, person=tom, scheme=IdentifierScheme.NHS_NUMBER, value="9990000034", verified=True)
    second = _produce(operator, DAY_ONE + dt.timedelta(days=1))
    assert second is not None
    assert second.content.split("\r\n")[1] == f"9990000034,CPP,2026-04-01,,{_council_numbers(council)},,"
    assert second.held_back == []
    assert cpis_flagged_children() == []


def test_an_unborn_plan_is_sent_under_the_mothers_verified_nhs_number(operator: Actor, council: Organisation) -> None:
    # given: an unborn child's plan; the mother's NHS number arrives unverified
    (started,) = received_at(
        DAY_ONE,
        operator,
        plan_event("LCS-UCPP-1", "plan_started", "unborn_child_protection", "2026-10-20", UNBORN_HILL),
    )
    assert started.event is not None
    assert started.event.child.is_unborn
    message = "On an unborn child protection plan, and the mother has no verified NHS number"
    assert [child.problems for child in cpis_flagged_children()] == [(message,)]
    assert _produce(operator, DAY_ONE + dt.timedelta(minutes=30)) is None
    # when: her number is traced
    mother_traced("9990000042")
    extract = _produce(operator, DAY_ONE + dt.timedelta(hours=1))
    # then
    assert extract is not None
    assert cpis_flagged_children() == []
    assert extract.content.split("\r\n")[1] == f",UCPP,2026-10-20,,{_council_numbers(council)},9990000042,2027-02-20"


def test_a_missing_phone_number_is_a_problem_listed(operator: Actor, council: Organisation) -> None:
    # given
    council.out_of_hours_phone = ""
    council.save(update_fields=["out_of_hours_phone"])
    received_at(
        DAY_ONE, operator, plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED)
    )
    # when
    pending = cpis_pending(covers_to=DAY_ONE + dt.timedelta(hours=1))
    # then
    assert [problem.message for problem in pending.problems] == [
        "Northbridge Children's Services has no out-of-hours phone number in its organisation record"
    ]
    assert len(pending.sendable) == 1


def test_only_team_managers_administrators_and_operators_produce_it(
    operator: Actor, sw_amara: User, tm_priya: User, council: Organisation
) -> None:
    received_at(
        DAY_ONE, operator, plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED)
    )
    with pytest.raises(NotPermitted):
        cpis_extract_produce(actor=actor_of(sw_amara))
    assert _produce(actor_of(tm_priya), DAY_ONE + dt.timedelta(hours=1)) is not None
