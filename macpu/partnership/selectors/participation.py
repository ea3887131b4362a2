"""A child's meetings and who took part in each, for those who may see the child (audited as a read of the child)."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.selectors.timeline import visible_child
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.partnership.rules.participation import (
    InformationAnswer,
    MeetingParticipation,
    OrganisationPart,
    information_answers,
    meetings_participation,
)
from macpu.pathway.rules.case import case_of
from macpu.pathway.selectors.case import org_names
from macpu.pathway.selectors.records import step_records
from macpu.people.models import Person
from macpu.workingdays.selectors import working_calendar


def _said(value: bool | None, unknown: str) -> str:
    return unknown if value is None else "Yes" if value else "No"


@dataclass(frozen=True)
class ShownPart:
    org_name: str
    invited: str
    attended: str
    report_sent: str
    actions: str


@dataclass(frozen=True)
class ShownMeeting:
    title: str
    held_on: dt.date
    recorded_by: str
    organisations: tuple[ShownPart, ...]


def _actions_text(part: OrganisationPart) -> str:
    if not part.actions:
        return "None given"
    late = part.actions_completed - part.actions_completed_on_time
    text = f"{part.actions_completed} of {part.actions}"
    return f"{text} ({late} late)" if late else text


@dataclass(frozen=True)
class ChildParticipation:
    child: Person
    meetings: tuple[MeetingParticipation, ...]
    answers: tuple[InformationAnswer, ...]
    names: dict[str, str]

    def org_name(self, code: str) -> str:
        return self.names.get(code, code)

    @property
    def shown_meetings(self) -> list[ShownMeeting]:
        """The meetings as the page shows them, newest first."""
        return [
            ShownMeeting(
                meeting.title,
                meeting.held_on,
                self.org_name(meeting.record.org),
                tuple(
                    ShownPart(
                        self.org_name(part.org),
                        _said(part.invited, "Not recorded"),
                        _said(part.attended, "Not recorded"),
                        _said(part.report_sent, "Not asked for"),
                        _actions_text(part),
                    )
                    for part in meeting.organisations
                ),
            )
            for meeting in reversed(self.meetings)
        ]

    @property
    def shown_answers(self) -> list[tuple[str, InformationAnswer]]:
        return [(self.org_name(answer.org), answer) for answer in reversed(self.answers)]


def child_participation(*, actor: Actor, child_id: uuid.UUID) -> ChildParticipation:
    """The child's meetings with each organisation's part; NotFound (audited) for a child `actor` may not see."""
    with transaction.atomic():
        child = visible_child(actor, child_id)
        if child is not None:
            trail.record(
                actor=actor,
                action=AuditAction.PARTICIPATION_VIEWED,
                target_type="child",
                target_id=child.id,
                child_id=child.id,
            )
            records = step_records(child.id)
            case = case_of(records)
            meetings = meetings_participation(case)
            answers = information_answers(case, working_calendar())
            names = org_names(records)
    if child is None:
        raise NotFound
    return ChildParticipation(child, meetings, answers, names)
