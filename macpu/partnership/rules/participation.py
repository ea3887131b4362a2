"""Who took part in each statutory meeting, worked out from the child's pathway events (issue 9, point 4).

For every strategy discussion, child protection conference and core group, each organisation that was invited,
attended, was given an action or sent a report, and:

- **invited**: named in the meeting's `invited` (None when the record names no invitations: older conference and
  core group records do not);
- **attended**: named in its `attendees` (None when the record names no attendees);
- **report sent**: for a conference, asked of every organisation but the one convening it: a `conference_report`
  from the organisation whose `ref` names the conference,
  or, without a `ref`, a report of the same kind sent on or before the day of the next such conference (None for strategy discussions and core groups, which take no written reports);
- **actions**: the actions the meeting gave the organisation, and how many it completed (`action_completed` naming
  the meeting and the action), and of those, how many by the action's due date.

Information requests are answered by `information_shared` events that carry `requested_on` (the day the
information was asked for): the time to answer is counted in working days from the request to the disclosure.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from macpu.events.rules.information_shared import is_disclosure
from macpu.pathway.rules.case import Action, Case
from macpu.pathway.rules.records import StepRecord
from macpu.workingdays.rules.working_days import OutsideCalendar, WorkingCalendar

MEETING_KINDS: Mapping[str, str] = {
    "strategy_discussion": "Strategy discussion",
    "initial_conference": "Initial child protection conference",
    "review_conference": "Review child protection conference",
    "transfer_in_conference": "Transfer-in child protection conference",
    "core_group": "Core group",
}


@dataclass(frozen=True)
class OrganisationPart:
    org: str
    invited: bool | None
    attended: bool | None
    report_sent: bool | None
    actions: int
    actions_completed: int
    actions_completed_on_time: int


@dataclass(frozen=True)
class MeetingParticipation:
    record: StepRecord
    kind: str  # a key of MEETING_KINDS
    organisations: tuple[OrganisationPart, ...]

    @property
    def held_on(self) -> dt.date:
        return self.record.occurred_on

    @property
    def title(self) -> str:
        return MEETING_KINDS[self.kind]


@dataclass(frozen=True)
class InformationAnswer:
    """An organisation's answer to a request for information: asked on `requested_on`, shared on `answered_on`."""

    record: StepRecord
    requested_on: dt.date
    working_days: int | None  # None: outside the known calendar

    @property
    def org(self) -> str:
        return self.record.org

    @property
    def answered_on(self) -> dt.date:
        return self.record.occurred_on


def meeting_kind(record: StepRecord) -> str:
    if record.type == "conference":
        return f"{record.details.get('kind', 'initial')}_conference"
    return record.type


def _codes(values: Iterable[object]) -> list[str]:
    return [str(value) for value in values if str(value)]


def _attendees(record: StepRecord) -> list[str]:
    return _codes(a.get("org", "") for a in record.details.get("attendees", ()) if isinstance(a, Mapping))


def conference_reports(case: Case) -> dict[str, set[str]]:
    """For each conference (by its record id), the organisations that sent a report for it."""
    conferences = sorted(case.conferences, key=lambda record: record.order)
    sent: dict[str, set[str]] = {conference.id: set() for conference in conferences}
    for report in case.reports:
        target = next((c for c in conferences if c.id == report.ref), None)
        if target is None:
            target = next(
                (
                    c
                    for c in conferences
                    if c.details.get("kind") == report.details.get("kind") and c.occurred_on >= report.occurred_on
                ),
                None,
            )
        if target is not None:
            sent[target.id].add(report.org)
    return sent


def _part(
    org: str,
    record: StepRecord,
    actions: list[Action],
    reports: set[str] | None,
) -> OrganisationPart:
    invited = org in _codes(record.details.get("invited", ())) if "invited" in record.details else None
    attended = org in _attendees(record) if "attendees" in record.details else None
    own = [action for action in actions if action.org == org]
    completed = [action for action in own if action.completed is not None]
    on_time = [action for action in completed if action.completed and action.completed.occurred_on <= action.due]
    # The convening organisation's own papers are the conference's: a report is asked of the other agencies.
    report_sent = (org in reports) if reports is not None and org != record.org else None
    return OrganisationPart(org, invited, attended, report_sent, len(own), len(completed), len(on_time))


def meetings_participation(case: Case) -> tuple[MeetingParticipation, ...]:
    """Every meeting of the case, in the order held, with each organisation's part in it."""
    reports = conference_reports(case)
    meetings = sorted(
        (*(d.record for d in case.discussions), *case.conferences, *case.core_groups), key=lambda r: r.order
    )
    found = []
    for record in meetings:
        actions = [action for action in case.actions if action.source.id == record.id]
        sent = reports.get(record.id) if record.type == "conference" else None
        orgs = {
            *_codes(record.details.get("invited", ())),
            *_attendees(record),
            *(action.org for action in actions),
            *(sent or ()),
        }
        parts = tuple(_part(org, record, actions, sent) for org in sorted(orgs))
        found.append(MeetingParticipation(record, meeting_kind(record), parts))
    return tuple(found)


def _requested_on(record: StepRecord) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(record.details.get("requested_on", "")))
    except ValueError:
        return None


def information_answers(case: Case, calendar: WorkingCalendar) -> tuple[InformationAnswer, ...]:
    """Every disclosure of the case that answered a request for information, with the working days it took."""
    answers = []
    for record in case.records:
        requested_on = _requested_on(record) if record.type == "information_shared" else None
        if requested_on is None or not is_disclosure(record.details) or requested_on > record.occurred_on:
            continue
        try:
            days: int | None = calendar.between(requested_on, record.occurred_on)
        except OutsideCalendar:
            days = None
        answers.append(InformationAnswer(record, requested_on, days))
    return tuple(answers)
