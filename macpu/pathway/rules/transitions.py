"""Which steps macpu's own forms may record next: the workflow as a pure table.

`TRANSITIONS` says, for each step, what must be true of the case first, with the message a
practitioner sees when it is not. `refusals(step, case, ...)` checks a step against the table
and against the dates of the steps it follows. Only macpu's forms and API are held to it: an
agency's feed records what happened even when it breaks the sequence (the case keeps the breach
for the gap rules), because refusing a true report would lose it.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType

from macpu.core.dates import in_words
from macpu.organisations.rules.vocabulary import Sector
from macpu.pathway.rules.case import CHILD_PROTECTION_PLANS, Case
from macpu.pathway.rules.records import StepRecord


class Step(StrEnum):
    REFERRAL = "referral"
    REFERRAL_DECISION = "referral_decision"
    REFERRER_FEEDBACK = "referrer_feedback"
    STRATEGY_DISCUSSION = "strategy_discussion"
    STRATEGY_RECORD_DISTRIBUTED = "strategy_record_distributed"
    SECTION_47_OUTCOME = "section_47_outcome"
    ASSESSMENT_COMPLETED = "assessment_completed"
    INITIAL_CONFERENCE = "initial_conference"
    REVIEW_CONFERENCE = "review_conference"
    TRANSFER_IN_NOTIFIED = "transfer_in_notified"
    TRANSFER_IN_CONFERENCE = "transfer_in_conference"
    CORE_GROUP = "core_group"
    PLAN_STARTED = "plan_started"
    PLAN_ENDED = "plan_ended"
    VISIT = "visit"
    ALLOCATION = "allocation"
    ACTION_COMPLETED = "action_completed"
    CONFERENCE_REPORT = "conference_report"
    CASE_CLOSED = "case_closed"


class Condition(StrEnum):
    CASE_OPEN = "case_open"
    REFERRAL_UNDECIDED = "referral_undecided"
    REFERRAL_AWAITING_FEEDBACK = "referral_awaiting_feedback"
    DISCUSSION_UNDISTRIBUTED = "discussion_undistributed"
    ENQUIRY_OPEN = "enquiry_open"
    ENQUIRY_AWAITING_CONFERENCE = "enquiry_awaiting_conference"
    ASSESSMENT_OPEN = "assessment_open"
    PROTECTION_PLAN_OPEN = "protection_plan_open"
    NO_PROTECTION_PLAN = "no_protection_plan"
    TRANSFER_AWAITING_CONFERENCE = "transfer_awaiting_conference"
    ACTION_OPEN = "action_open"
    CONFERENCE_DUE = "conference_due"


def _no_case(step: str) -> tuple[Condition, str]:
    return Condition.CASE_OPEN, f"The child has no open case to record {step} in. Record a referral first."


TRANSITIONS: Mapping[Step, tuple[tuple[Condition, str], ...]] = MappingProxyType(
    {
        Step.REFERRAL: (),
        Step.TRANSFER_IN_NOTIFIED: (),
        Step.REFERRAL_DECISION: (
            (Condition.REFERRAL_UNDECIDED, "No referral is waiting for a decision. Record the referral first."),
        ),
        Step.REFERRER_FEEDBACK: (
            (
                Condition.REFERRAL_AWAITING_FEEDBACK,
                "No decided referral is waiting for feedback to its referrer. Record the decision first.",
            ),
        ),
        Step.STRATEGY_DISCUSSION: (_no_case("a strategy discussion"),),
        Step.STRATEGY_RECORD_DISTRIBUTED: (
            (Condition.DISCUSSION_UNDISTRIBUTED, "Every strategy discussion's record has already been sent."),
        ),
        Step.SECTION_47_OUTCOME: (
            (
                Condition.ENQUIRY_OPEN,
                "No section 47 enquiry is open. A strategy discussion that decides on one starts it.",
            ),
        ),
        Step.ASSESSMENT_COMPLETED: (
            (Condition.ASSESSMENT_OPEN, "No assessment is open. A decision on a referral starts one."),
        ),
        Step.INITIAL_CONFERENCE: (
            (
                Condition.ENQUIRY_AWAITING_CONFERENCE,
                "An initial child protection conference follows a strategy discussion that started a section 47 "
                "enquiry. Record the strategy discussion first.",
            ),
            (
                Condition.NO_PROTECTION_PLAN,
                "The child already has a child protection plan: hold a review conference instead.",
            ),
        ),
        Step.REVIEW_CONFERENCE: (
            (
                Condition.PROTECTION_PLAN_OPEN,
                "A review conference is held while the child has a child protection plan, and they have none.",
            ),
        ),
        Step.TRANSFER_IN_CONFERENCE: (
            (
                Condition.TRANSFER_AWAITING_CONFERENCE,
                "A transfer-in conference follows notice that a child on a plan has moved into the area. "
                "Record the notice first.",
            ),
        ),
        Step.CORE_GROUP: (
            (Condition.PROTECTION_PLAN_OPEN, "A core group meets while the child has a child protection plan."),
        ),
        Step.PLAN_STARTED: (_no_case("a plan"),),
        Step.PLAN_ENDED: (),  # whether that plan is open is checked with its type: see refusals()
        Step.VISIT: (_no_case("a visit"),),
        Step.ALLOCATION: (_no_case("an allocation"),),
        Step.ACTION_COMPLETED: ((Condition.ACTION_OPEN, "No agreed action is waiting to be completed."),),
        Step.CONFERENCE_REPORT: (
            (Condition.CONFERENCE_DUE, "No child protection conference is due for the child, so no report is needed."),
        ),
        Step.CASE_CLOSED: (
            (Condition.CASE_OPEN, "The child has no open case to close."),
            (
                Condition.NO_PROTECTION_PLAN,
                "The child has a child protection plan. End it at a review conference before closing the case.",
            ),
        ),
    }
)

_HOLDS: Mapping[Condition, Callable[[Case], bool]] = MappingProxyType(
    {
        Condition.CASE_OPEN: lambda case: case.is_open,
        Condition.REFERRAL_UNDECIDED: lambda case: any(r.decision is None for r in case.referrals),
        Condition.REFERRAL_AWAITING_FEEDBACK: lambda case: any(
            r.decision is not None and r.feedback is None for r in case.referrals
        ),
        Condition.DISCUSSION_UNDISTRIBUTED: lambda case: any(d.distributed is None for d in case.discussions),
        Condition.ENQUIRY_OPEN: lambda case: case.open_enquiry() is not None,
        Condition.ENQUIRY_AWAITING_CONFERENCE: lambda case: case.enquiry_awaiting_conference() is not None,
        Condition.ASSESSMENT_OPEN: lambda case: any(a.completed is None for a in case.assessments),
        Condition.PROTECTION_PLAN_OPEN: lambda case: case.protection_plan() is not None,
        Condition.NO_PROTECTION_PLAN: lambda case: case.protection_plan() is None,
        Condition.TRANSFER_AWAITING_CONFERENCE: lambda case: any(
            not any(c.details.get("kind") == "transfer_in" and c.occurred_on >= t.occurred_on for c in case.conferences)
            for t in case.transfers_in
        ),
        Condition.ACTION_OPEN: lambda case: any(a.completed is None for a in case.actions),
        Condition.CONFERENCE_DUE: lambda case: (
            case.enquiry_awaiting_conference() is not None
            or case.protection_plan() is not None
            or _HOLDS[Condition.TRANSFER_AWAITING_CONFERENCE](case)
        ),
    }
)


def _not_before(case: Case, step: Step, plan_type: str) -> tuple[dt.date, str] | None:
    """The earliest day `step` can have happened, and the step it follows."""
    if step is Step.REFERRAL_DECISION:
        waiting = [r.record.occurred_on for r in case.referrals if r.decision is None]
        return (min(waiting), "the referral was received") if waiting else None
    if step is Step.REFERRER_FEEDBACK:
        decided = [r.decision.occurred_on for r in case.referrals if r.decision and r.feedback is None]
        return (min(decided), "the decision on the referral") if decided else None
    if step in (Step.SECTION_47_OUTCOME, Step.INITIAL_CONFERENCE):
        enquiry = case.open_enquiry() if step is Step.SECTION_47_OUTCOME else case.enquiry_awaiting_conference()
        return (enquiry.latest_discussion_on, "the latest strategy discussion") if enquiry else None
    if step in (Step.REVIEW_CONFERENCE, Step.CORE_GROUP):
        plan = case.protection_plan()
        return (plan.counted_from, "the conference that made the plan") if plan else None
    if step is Step.PLAN_ENDED:
        period = case.plans.open_of(plan_type)
        return (period.started_on, "the plan started") if period else None
    if step is Step.CASE_CLOSED and case.open_episode:
        return case.open_episode.opened_by.occurred_on, "the case was opened"
    return None


def refusals(step: Step, case: Case, occurred_on: dt.date, *, plan_type: str = "") -> list[str]:
    """Why `step` on `occurred_on` cannot be recorded now; empty when it can."""
    messages = [message for condition, message in TRANSITIONS[step] if not _HOLDS[condition](case)]
    if step is Step.PLAN_ENDED and case.plans.open_of(plan_type) is None:
        messages.append(f"The child has no open {plan_type.replace('_', ' ')} plan: it may have been ended already.")
    if step is Step.PLAN_STARTED and case.plans.open_of(plan_type) is not None:
        messages.append(f"The child already has an open {plan_type.replace('_', ' ')} plan.")
    if step is Step.PLAN_STARTED and plan_type in CHILD_PROTECTION_PLANS:
        messages.append("A child protection plan is made by a conference: record the conference instead.")
    earliest = None if messages else _not_before(case, step, plan_type)
    if earliest is not None and occurred_on < earliest[0]:
        messages.append(f"The date must be on or after {in_words(earliest[0])}, when {earliest[1]}.")
    return messages


# The agencies Working Together 2023 requires at a strategy discussion as a minimum (brief 2.2; R15).
REQUIRED_AT_STRATEGY_DISCUSSION: tuple[Sector, ...] = (Sector.SOCIAL_CARE, Sector.POLICE, Sector.HEALTH)
_SECTOR_NAMES = {Sector.SOCIAL_CARE: "children's social care", Sector.POLICE: "the police", Sector.HEALTH: "health"}


def missing_core_agencies(attending_sectors: set[str]) -> list[str]:
    """The required agencies no attendee came from, named as a practitioner would say them."""
    return [
        _SECTOR_NAMES[sector] for sector in REQUIRED_AT_STRATEGY_DISCUSSION if sector.value not in attending_sectors
    ]


# The feed event each step is recorded as, with the details macpu sets itself.
EVENT_OF: Mapping[Step, tuple[str, Mapping[str, str]]] = MappingProxyType(
    {
        **{step: (step.value, MappingProxyType({})) for step in Step},
        Step.STRATEGY_RECORD_DISTRIBUTED: ("information_shared", MappingProxyType({})),
        Step.INITIAL_CONFERENCE: ("conference", MappingProxyType({"kind": "initial"})),
        Step.REVIEW_CONFERENCE: ("conference", MappingProxyType({"kind": "review"})),
        Step.TRANSFER_IN_CONFERENCE: ("conference", MappingProxyType({"kind": "transfer_in"})),
    }
)

_CHILDRENS_SERVICES = frozenset({Sector.SOCIAL_CARE.value, Sector.MULTI_AGENCY.value})
# Who records each step in macpu's own forms: the statutory steps are the local authority's (led by a social
# worker, brief 2.3 and 2.4) or the MACPU's; any agency records that it completed an action it owns, or its
# report for a conference.
RECORDED_BY: Mapping[Step, frozenset[str] | None] = MappingProxyType(
    {**dict.fromkeys(Step, _CHILDRENS_SERVICES), Step.ACTION_COMPLETED: None}
)


def may_record(step: Step, sector: str) -> bool:
    sectors = RECORDED_BY[step]
    return sectors is None or sector in sectors


def answered_record(step: Step, case: Case, *, plan_type: str = "", action: str = "") -> StepRecord | None:
    """The earlier record a new step answers (its `ref`): the referral decided, the enquiry's discussion..."""
    if step is Step.REFERRAL_DECISION:
        return next((r.record for r in case.referrals if r.decision is None), None)
    if step is Step.REFERRER_FEEDBACK:
        return next((r.record for r in case.referrals if r.decision is not None and r.feedback is None), None)
    if step is Step.STRATEGY_RECORD_DISTRIBUTED:
        return next((d.record for d in case.discussions if d.distributed is None), None)
    if step is Step.SECTION_47_OUTCOME:
        enquiry = case.open_enquiry()
        return enquiry.discussions[-1] if enquiry else None
    if step is Step.PLAN_ENDED:
        plan = case.plans.open_of(plan_type)
        return case.record(plan.start_record) if plan else None
    if step is Step.ACTION_COMPLETED:
        return next((a.source for a in case.actions if a.key == action and a.completed is None), None)
    return None


# The step that meets each kind of open step (`OpenStep.kind`), to offer first what is due.
STEP_MEETING: Mapping[str, Step] = MappingProxyType(
    {
        "referral_decision": Step.REFERRAL_DECISION,
        "referrer_feedback": Step.REFERRER_FEEDBACK,
        "strategy_discussion": Step.STRATEGY_DISCUSSION,
        "strategy_discussion_immediate_risk": Step.STRATEGY_DISCUSSION,
        "strategy_record_distribution": Step.STRATEGY_RECORD_DISTRIBUTED,
        "assessment": Step.ASSESSMENT_COMPLETED,
        "initial_conference": Step.INITIAL_CONFERENCE,
        "first_core_group": Step.CORE_GROUP,
        "first_review_conference": Step.REVIEW_CONFERENCE,
        "later_review_conference": Step.REVIEW_CONFERENCE,
        "transfer_in_conference": Step.TRANSFER_IN_CONFERENCE,
        "visit": Step.VISIT,
        "action": Step.ACTION_COMPLETED,
        "conference_report": Step.CONFERENCE_REPORT,
    }
)
