"""Raising, escalating and resolving a disagreement: the one write path, audited, through access, fields named."""

import datetime as dt

import pytest
import time_machine

from macpu.access.models import InvolvementBasis, User
from macpu.access.services import involvement_record
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.disagreements.selectors import ShownDisagreement
from macpu.disagreements.services import disagreement_escalate, disagreement_raise, disagreement_resolve
from macpu.events.models import Event
from macpu.people.models import Person
from tests.builders import actor_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("school_involved")]

WHY = "Second bruise in a month; the school asked for a strategy discussion."


def raise_one(dsl_dev: User, child: Person, decision: Event) -> ShownDisagreement:
    return disagreement_raise(
        actor=actor_of(dsl_dev), child_id=child.id, decision_id=decision.id, subject="threshold", about=WHY
    )


@time_machine.travel(dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC), tick=False)
def test_raising_records_a_disagreement_event_of_the_school_through_the_write_path(
    dsl_dev: User, child_of_council: Person, decision: Event
) -> None:
    # when
    shown = disagreement_raise(
        actor=actor_of(dsl_dev), child_id=child_of_council.id, decision_id=decision.id, subject="threshold", about=WHY
    )
    # then
    event = Event.objects.select_related("organisation").get(id=shown.id)
    assert event.type == "disagreement"
    assert event.organisation.code == "123456"
    assert event.ref_event_id == decision.id
    assert event.details == {
        "stage": "practitioner",
        "status": "raised",
        "subject": "threshold",
        "about": WHY,
        "against": "873",
        "practitioner": "Dev Patel",
    }
    assert event.author_role == "safeguarding lead"
    assert (shown.about.practitioner, shown.about.role) == ("Dev Patel", "safeguarding lead")
    assert shown.disagreement.due == dt.date(2026, 3, 12)
    assert shown.raised_by.name == "Hillside Primary School"
    assert shown.against is not None
    assert shown.against.name == "Northbridge Children's Services"
    assert shown.disputed == "The decision on a referral of 4 March 2026 by Northbridge Children's Services"
    assert AuditEvent.objects.filter(action="event.recorded", target_id=str(event.id)).count() == 1


def test_bad_input_names_every_field_and_records_nothing(
    dsl_dev: User, child_of_council: Person, decision: Event
) -> None:
    before = Event.objects.count()
    with pytest.raises(InvalidInput) as refused:
        disagreement_raise(
            actor=actor_of(dsl_dev),
            child_id=child_of_council.id,
            decision_id=dsl_dev.id,  # not a decision of the child
            subject="mood",
            about="  ",
        )
    assert refused.value.errors == {
        "subject": ["Select what the disagreement is about"],
        "about": ["Say what you disagree with and why"],
        "decision": ["Select a decision of another organisation about this child"],
    }
    assert Event.objects.count() == before


def test_a_second_disagreement_with_a_decision_already_disputed_is_refused(
    dsl_dev: User, child_of_council: Person, decision: Event
) -> None:
    raise_one(dsl_dev, child_of_council, decision)
    with pytest.raises(InvalidInput) as refused:
        raise_one(dsl_dev, child_of_council, decision)
    assert list(refused.value.errors) == ["decision"]


def test_one_s_own_organisation_s_decision_is_not_offered(
    sw_amara: User, child_of_council: Person, decision: Event
) -> None:
    with pytest.raises(InvalidInput) as refused:
        disagreement_raise(
            actor=actor_of(sw_amara), child_id=child_of_council.id, decision_id=decision.id, subject="other", about=WHY
        )
    assert list(refused.value.errors) == ["decision"]


def test_an_organisation_not_involved_cannot_raise_one(
    police_chen: User, child_of_council: Person, decision: Event
) -> None:
    with pytest.raises(NotFound):
        disagreement_raise(
            actor=actor_of(police_chen),
            child_id=child_of_council.id,
            decision_id=decision.id,
            subject="other",
            about=WHY,
        )
    assert AuditEvent.objects.filter(action="access.denied", child_id=child_of_council.id).exists()


def test_it_escalates_stage_by_stage_by_either_party_then_stops_at_partnership(
    dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    stages = []
    for who in (tm_priya, dsl_dev, tm_priya):
        after = disagreement_escalate(actor=actor_of(who), disagreement_id=shown.id, reason="Still no discussion")
        stages.append((after.disagreement.stage, after.disagreement.status.value))
    assert stages == [("manager", "escalated"), ("senior_manager", "escalated"), ("partnership", "escalated")]
    events = Event.objects.filter(type="disagreement").order_by("recorded_at")
    assert [e.ref_event_id for e in events][1:] == [e.id for e in events][:-1]  # each follows the one before
    with pytest.raises(InvalidInput) as refused:
        disagreement_escalate(actor=actor_of(dsl_dev), disagreement_id=shown.id, reason="Again")
    assert list(refused.value.errors) == ["stage"]


def test_only_the_parties_escalate_or_resolve(
    dsl_dev: User, gp_ben: User, child_of_council: Person, decision: Event, operator: Actor
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    involvement_record(
        actor=operator,
        child_id=child_of_council.id,
        organisation_id=gp_ben.memberships.get().organisation_id,
        basis=InvolvementBasis.NETWORK,
    )
    with pytest.raises(NotPermitted):
        disagreement_escalate(actor=actor_of(gp_ben), disagreement_id=shown.id, reason="We agree")
    with pytest.raises(NotPermitted):
        disagreement_resolve(actor=actor_of(gp_ben), disagreement_id=shown.id, outcome="Agreed")


def test_resolving_records_the_outcome_once_and_ends_escalation(
    dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    after = disagreement_resolve(actor=actor_of(tm_priya), disagreement_id=shown.id, outcome="Strategy discussion held")
    assert after.disagreement.status.value == "resolved"
    assert after.outcome is not None
    assert after.outcome.text == "Strategy discussion held"
    with pytest.raises(InvalidInput) as again:
        disagreement_resolve(actor=actor_of(dsl_dev), disagreement_id=shown.id, outcome="Again")
    assert list(again.value.errors) == ["outcome"]
    with pytest.raises(InvalidInput) as escalated:
        disagreement_escalate(actor=actor_of(dsl_dev), disagreement_id=shown.id, reason="Again")
    assert list(escalated.value.errors) == ["stage"]


def test_blank_reason_or_outcome_is_named(dsl_dev: User, child_of_council: Person, decision: Event) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    with pytest.raises(InvalidInput) as no_reason:
        disagreement_escalate(actor=actor_of(dsl_dev), disagreement_id=shown.id, reason=" ")
    with pytest.raises(InvalidInput) as no_outcome:
        disagreement_resolve(actor=actor_of(dsl_dev), disagreement_id=shown.id, outcome="")
    assert list(no_reason.value.errors) == ["reason"]
    assert list(no_outcome.value.errors) == ["outcome"]


def test_a_later_step_or_an_unknown_id_is_not_a_disagreement(
    dsl_dev: User, child_of_council: Person, decision: Event
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    after = disagreement_escalate(actor=actor_of(dsl_dev), disagreement_id=shown.id, reason="No reply")
    with pytest.raises(NotFound):
        disagreement_escalate(actor=actor_of(dsl_dev), disagreement_id=after.steps[-1].id, reason="x")
    with pytest.raises(NotFound):
        disagreement_escalate(actor=actor_of(dsl_dev), disagreement_id=decision.id, reason="x")
