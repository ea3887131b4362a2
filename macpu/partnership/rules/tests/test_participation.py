"""Who took part in each meeting, how fast information requests were answered, and the timings of the steps."""

import datetime as dt
from typing import Any

from macpu.partnership.rules.participation import information_answers, meetings_participation
from macpu.partnership.rules.referrals import is_re_referral, referral_outcome, referral_source
from macpu.partnership.rules.timings import Measure, Standing, case_timings
from macpu.pathway.rules.case import case_of
from macpu.pathway.rules.records import StepRecord
from macpu.pathway.rules.timescales import Length, TimescaleCode, Unit
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

CALENDAR = bank_holiday_calendar()


def _record(id: str, type: str, org: str, day: str, ref: str | None = None, **details: Any) -> StepRecord:
    on = dt.date.fromisoformat(day)
    moment = dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC)
    return StepRecord(id=id, type=type, org=org, occurred_on=on, recorded_at=moment, details=details, ref=ref)


def _discussed() -> list[StepRecord]:
    return [
        _record("r", "referral", "CSC", "2026-03-02", referrer_type="professional", referrer_org="SCH"),
        _record("d", "referral_decision", "CSC", "2026-03-02", "r", outcome="strategy_discussion"),
        _record(
            "sd",
            "strategy_discussion",
            "CSC",
            "2026-03-03",
            invited=["CSC", "POL", "GP", "SCH"],
            attendees=[{"org": "CSC"}, {"org": "POL"}, {"org": "GP"}],
            outcome="section_47",
            actions=[
                {"id": "a", "action": "Checks", "org": "POL", "due": "2026-03-05"},
                {"id": "b", "action": "Records", "org": "GP", "due": "2026-03-05"},
            ],
        ),
        _record("done-a", "action_completed", "POL", "2026-03-04", "sd", action_id="a"),
        _record("done-b", "action_completed", "GP", "2026-03-09", "sd", action_id="b"),
    ]


def test_each_organisation_s_part_in_a_strategy_discussion() -> None:
    (meeting,) = meetings_participation(case_of(_discussed()))
    parts = {part.org: part for part in meeting.organisations}
    assert meeting.kind == "strategy_discussion"
    assert (parts["SCH"].invited, parts["SCH"].attended) == (True, False)
    assert (parts["POL"].invited, parts["POL"].attended) == (True, True)
    assert parts["POL"].report_sent is None  # strategy discussions take no reports
    assert (parts["POL"].actions, parts["POL"].actions_completed, parts["POL"].actions_completed_on_time) == (1, 1, 1)
    assert (parts["GP"].actions, parts["GP"].actions_completed, parts["GP"].actions_completed_on_time) == (1, 1, 0)


def test_a_conference_s_reports_by_ref_or_by_the_next_conference_of_their_kind() -> None:
    records = [
        *_discussed(),
        _record("rep-gp", "conference_report", "GP", "2026-03-20", kind="initial"),
        _record("rep-sch", "conference_report", "SCH", "2026-03-25", "icpc", kind="initial"),  # late, but names it
        _record("icpc", "conference", "CSC", "2026-03-24", kind="initial", invited=["CSC", "GP", "SCH", "POL"]),
    ]
    conference = meetings_participation(case_of(records))[-1]
    parts = {part.org: part for part in conference.organisations}
    assert conference.kind == "initial_conference"
    assert parts["GP"].report_sent
    assert parts["SCH"].report_sent
    assert parts["POL"].report_sent is False
    assert parts["POL"].attended is None  # the record names no attendees: not known, not "did not attend"


def test_an_older_record_without_invitations_says_so() -> None:
    records = [*_discussed(), _record("cg", "core_group", "CSC", "2026-04-01", attendees=[{"org": "GP"}])]
    core_group = meetings_participation(case_of(records))[-1]
    assert [(p.org, p.invited, p.attended) for p in core_group.organisations] == [("GP", None, True)]


def test_information_requests_answered_in_working_days() -> None:
    records = [
        *_discussed(),
        # asked on Thursday 2 April 2026; answered on Tuesday 7 April: Good Friday and Easter Monday do not count
        _record(
            "s1", "information_shared", "GP", "2026-04-07", "sd", **{"with": ["CSC"], "requested_on": "2026-04-02"}
        ),
        _record("s2", "information_shared", "POL", "2026-04-07", "sd", **{"with": ["CSC"]}),  # no request named
        _record(
            "s3", "information_shared", "SCH", "2026-04-07", None, decision="not_shared", requested_on="2026-04-01"
        ),
    ]
    (answer,) = information_answers(case_of(records), CALENDAR)
    assert (answer.org, answer.working_days) == ("GP", 1)


def test_timings_within_over_and_overdue() -> None:
    records = [
        *_discussed(),
        _record("icpc", "conference", "CSC", "2026-03-25", kind="initial"),  # 16 working days after 3 March
        _record("r2", "referral", "CSC", "2026-03-10", referrer_type="family"),
    ]
    timings = case_timings(case_of(records), CALENDAR, {}, as_of=dt.date(2026, 3, 31))
    found = {(t.measure, t.started_on): t for t in timings}
    assert found[(Measure.REFERRAL_TO_DECISION, dt.date(2026, 3, 2))].standing is Standing.WITHIN
    assert found[(Measure.DECISION_TO_STRATEGY_DISCUSSION, dt.date(2026, 3, 2))].working_days == 1
    conference = found[(Measure.STRATEGY_DISCUSSION_TO_CONFERENCE, dt.date(2026, 3, 3))]
    assert (conference.standing, conference.working_days) == (Standing.OVER, 16)
    assert found[(Measure.REFERRAL_TO_DECISION, dt.date(2026, 3, 10))].standing is Standing.OVERDUE


def test_timings_follow_the_area_s_own_timescale() -> None:
    records = [*_discussed(), _record("icpc", "conference", "CSC", "2026-03-25", kind="initial")]
    lengths = {TimescaleCode.INITIAL_CONFERENCE: Length(20, Unit.WORKING_DAYS)}
    timings = case_timings(case_of(records), CALENDAR, lengths, as_of=dt.date(2026, 3, 31))
    conference = next(t for t in timings if t.measure is Measure.STRATEGY_DISCUSSION_TO_CONFERENCE)
    assert conference.standing is Standing.WITHIN


def test_a_step_not_yet_due_is_left_out() -> None:
    records = [_record("r", "referral", "CSC", "2026-03-30", referrer_type="family")]
    assert case_timings(case_of(records), CALENDAR, {}, as_of=dt.date(2026, 3, 31)) == []


def test_referral_source_outcome_and_re_referral() -> None:
    case = case_of(_discussed())
    (referral,) = case.referrals
    assert referral_source(referral, {"SCH": "education"}) == "education"
    assert referral_source(referral, {}) == "professional_unknown"
    assert referral_outcome(referral, dt.date(2026, 3, 31)) == "strategy_discussion"
    assert referral_outcome(referral, dt.date(2026, 3, 1)) == "awaiting_decision"
    assert is_re_referral(dt.date(2026, 3, 10), [dt.date(2025, 3, 10), dt.date(2026, 3, 10)])
    assert not is_re_referral(dt.date(2026, 3, 10), [dt.date(2025, 3, 9)])
    assert is_re_referral(dt.date(2028, 2, 29), [dt.date(2027, 2, 28)])
