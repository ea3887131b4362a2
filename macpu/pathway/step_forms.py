"""macpu's own forms for the steps of a child's pathway: each produces the step's feed event details.

Every form has a date the step happened (`occurred_on`) and `step_fields()`, which the service
records through the feed's write path. The forms check what a person can get wrong on the page
(required answers, a time of day, a category for a plan); whether the step may come next is the
sequence table's question (`rules/transitions.py`), asked by the service.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms

from macpu.core import clock
from macpu.core.forms import GovukDateField
from macpu.events.forms import CATEGORIES
from macpu.pathway.rules.transitions import Step

YES_NO = [("yes", "Yes"), ("no", "No")]
Choices = Sequence[tuple[str, str]]
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")


@dataclass(frozen=True)
class StepFields:
    occurred_at: str
    details: dict[str, Any]
    summary: str = ""
    action: str = ""
    shown: list[tuple[str, str]] = field(default_factory=list)  # (question, answer) for a check-your-answers page


def _radio(label: str, choices: Choices, required_message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


def _yes_no(label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return _radio(label, YES_NO, message, **kwargs)


def _text(
    label: str, *, required: bool = False, long: bool = False, help_text: str = "", max_length: int = 5000
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea if long else forms.TextInput,
        error_messages={"required": f"Enter {label[0].lower()}{label[1:]}".rstrip("?")},
    )


class StepForm(forms.Form):
    """The date the step happened, in the past, and the details the subclass gathers."""

    step: Step
    title = ""
    done = "Recorded"  # the success message once it is recorded
    occurred_label = "When did it happen?"
    with_time = False

    def __init__(self, *args: Any, org_choices: Choices = (), action_choices: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"] = GovukDateField(
            label=self.occurred_label, help_text="For example, 2 3 2026", error_label="The date"
        )
        if self.with_time:
            self.fields["time"] = forms.CharField(
                label="Time (24-hour clock)",
                help_text="For example, 14:30",
                max_length=5,
                error_messages={"required": "Enter the time, for example 14:30"},
            )
        self.order_fields(["occurred_on", "time"])
        self.org_choices = list(org_choices)
        self.add_org_fields()
        action = self.fields.get("action")
        if isinstance(action, forms.ChoiceField):
            action.choices = [("", "Choose the action"), *action_choices]

    def add_org_fields(self) -> None:
        """Forms that name organisations add their fields here, once the choices are known."""

    def clean_occurred_on(self) -> dt.date:
        occurred: dt.date = self.cleaned_data["occurred_on"]
        if occurred > clock.today():
            raise forms.ValidationError("The date must be today or in the past")
        return occurred

    def clean_time(self) -> str:
        match = _TIME.match(self.cleaned_data["time"].strip())
        if match is None:
            raise forms.ValidationError("Enter the time on the 24-hour clock, for example 14:30")
        return f"{int(match.group(1)):02d}:{match.group(2)}"

    def occurred_at(self) -> str:
        day: dt.date = self.cleaned_data["occurred_on"]
        if not self.with_time:
            return day.isoformat()
        hour, minute = (int(part) for part in self.cleaned_data["time"].split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.LONDON).isoformat()

    def details(self) -> dict[str, Any]:
        return {}

    def step_fields(self) -> StepFields:
        data = self.cleaned_data
        return StepFields(
            occurred_at=self.occurred_at(),
            details=self.details(),
            summary=data.get("summary", ""),
            action=data.get("action", ""),
            shown=self.shown(),
        )

    def shown(self) -> list[tuple[str, str]]:
        """Each question and the answer given, as a check-your-answers page lists them."""
        rows = []
        for name, bound in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            labels: dict[Any, Any] = dict(cast(Any, bound.choices)) if isinstance(bound, forms.ChoiceField) else {}
            if isinstance(bound, forms.MultipleChoiceField):
                answer = ", ".join(str(labels.get(v, v)) for v in value)
            elif isinstance(bound, forms.ChoiceField):
                answer = str(labels.get(value, value))
            elif isinstance(value, dt.date):
                answer = f"{value.day} {value:%B %Y}"
            else:
                answer = str(value)
            rows.append((str(bound.label), answer))
        return rows


def _organisations(label: str, choices: Choices) -> forms.MultipleChoiceField:
    what = label.removeprefix("Which organisations ").removesuffix("?")
    return forms.MultipleChoiceField(
        label=label,
        widget=forms.CheckboxSelectMultiple,
        choices=choices,
        error_messages={"required": f"Select the organisations that {what}"},
    )


def _attended_with_roles(form: "StepForm", label: str) -> None:
    """Which organisations took part, each checked one revealing the role of who came (R15: organisation and role)."""
    attended = _organisations(label, form.org_choices)
    reveals = {}
    for code, name in form.org_choices:
        role = _text(f"Role of who took part for {name}", max_length=100, help_text="For example, detective constable")
        role.revealed_under = "attended"  # type: ignore[attr-defined]
        form.fields[f"role_{code}"] = role
        reveals[code] = f"role_{code}"
    attended.reveals = reveals  # type: ignore[attr-defined]
    form.fields["attended"] = attended


def _attendees(data: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"org": code} | ({"role": data[f"role_{code}"]} if data.get(f"role_{code}") else {})
        for code in data["attended"]
    ]


def _yes(value: str) -> bool:
    return value == "yes"


class ReferralForm(StepForm):
    done = "Referral recorded"
    step = Step.REFERRAL
    title = "Record a referral"
    occurred_label = "When was the referral received?"
    with_time = True
    referrer_type = _radio(
        "Who made the referral?",
        [
            ("professional", "A professional"),
            ("family", "A family member"),
            ("friend", "A friend"),
            ("neighbour", "A neighbour"),
            ("anonymous", "Anonymous"),
            ("self", "A parent or carer about their own child"),
            ("child", "The child"),
        ],
        "Select who made the referral",
    )
    referrer_name = _text("Referrer's name", max_length=200)
    referrer_role = _text("Referrer's role", max_length=100, help_text="For example, designated safeguarding lead")
    referrer_contact = _text("How to contact the referrer", max_length=200, help_text="A phone number or email")
    categories = forms.MultipleChoiceField(
        label="What is the concern about?",
        choices=CATEGORIES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select what the concern is about"},
    )
    injury = _yes_no("Was there an injury?", "Select yes if there was an injury")
    summary = _text("What the referrer said", required=True, long=True, max_length=20000)

    def add_org_fields(self) -> None:
        self.fields["referrer_org"] = forms.ChoiceField(
            label="Referrer's organisation",
            required=False,
            help_text="For a professional",
            choices=[("", "Not a professional"), *self.org_choices],
        )
        self.order_fields(["occurred_on", "time", "referrer_type", "referrer_org"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("referrer_type") == "professional" and not data.get("referrer_org"):
            self.add_error("referrer_org", "Select the professional referrer's organisation")
        return data

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        details: dict[str, Any] = {
            "referrer_type": data["referrer_type"],
            "categories": list(data["categories"]),
            "injury": _yes(data["injury"]),
        }
        for name in ("referrer_org", "referrer_name", "referrer_role", "referrer_contact"):
            if data.get(name):
                details[name] = data[name]
        return details


class ReferralDecisionForm(StepForm):
    done = "Decision on the referral recorded"
    step = Step.REFERRAL_DECISION
    title = "Record the decision on the referral"
    occurred_label = "When was the decision made?"
    outcome = _radio(
        "What was decided?",
        [
            ("strategy_discussion", "Hold a strategy discussion (reasonable cause to suspect significant harm)"),
            ("assessment", "A child and family assessment"),
            ("early_help", "Early help"),
            ("signposted", "Signposted to other services"),
            ("no_further_action", "No further action"),
        ],
        "Select what was decided",
    )
    immediate_risk = _yes_no(
        "Is the child at immediate risk?",
        "Select yes if the child is at immediate risk",
        help_text="The strategy discussion is then due the same day",
    )
    manager_reviewed = _yes_no("Has a manager reviewed the decision?", "Select yes if a manager reviewed it")
    malicious = _yes_no("Is the referral thought to be malicious?", "Select yes if it is thought malicious")
    rationale = _text("Why this decision", required=True, long=True)

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "immediate_risk": _yes(data["immediate_risk"]),
            "manager_reviewed": _yes(data["manager_reviewed"]),
            "malicious": _yes(data["malicious"]),
            "rationale": data["rationale"],
        }


class ReferrerFeedbackForm(StepForm):
    done = "Feedback to the referrer recorded"
    step = Step.REFERRER_FEEDBACK
    title = "Record that the referrer was told the outcome"
    occurred_label = "When was the referrer told?"
    summary = _text("What they were told, and how", long=True)


class _Actions:
    """Up to three agreed actions, each with its owning organisation and due date (R16)."""

    count = 3

    @staticmethod
    def add(form: StepForm) -> None:
        for n in range(1, _Actions.count + 1):
            form.fields[f"action_{n}"] = _text(
                f"Action {n}", max_length=1000, help_text="Who does what" if n == 1 else ""
            )
            form.fields[f"action_{n}_org"] = forms.ChoiceField(
                label=f"Organisation responsible for action {n}",
                required=False,
                choices=[("", "Choose the organisation"), *form.org_choices],
            )
            form.fields[f"action_{n}_due"] = GovukDateField(label=f"Action {n} due by", required=False)

    @staticmethod
    def clean(form: StepForm, data: dict[str, Any]) -> None:
        for n in range(1, _Actions.count + 1):
            text, org, due = data.get(f"action_{n}"), data.get(f"action_{n}_org"), data.get(f"action_{n}_due")
            if text and not org:
                form.add_error(f"action_{n}_org", f"Select the organisation responsible for action {n}")
            if text and not due:
                form.add_error(f"action_{n}_due", f"Enter the date action {n} is due by")
            if (org or due) and not text:
                form.add_error(f"action_{n}", f"Enter action {n}, or leave its organisation and date empty")
            held = data.get("occurred_on")
            if due and held and due < held:
                form.add_error(f"action_{n}_due", f"Action {n} must be due on or after the day it was agreed")

    @staticmethod
    def details(data: dict[str, Any]) -> list[dict[str, str]]:
        return [
            {
                "id": str(n),
                "action": data[f"action_{n}"],
                "org": data[f"action_{n}_org"],
                "due": data[f"action_{n}_due"].isoformat(),
            }
            for n in range(1, _Actions.count + 1)
            if data.get(f"action_{n}")
        ]


class StrategyDiscussionForm(StepForm):
    done = "Strategy discussion recorded"
    step = Step.STRATEGY_DISCUSSION
    title = "Record a strategy discussion"
    occurred_label = "When was the strategy discussion held?"
    with_time = True
    chair_name = _text(
        "Chair's name", required=True, max_length=200, help_text="The lead practitioner: a social worker"
    )
    chair_role = _text("Chair's role", required=True, max_length=100, help_text="For example, team manager")
    outcome = _radio(
        "Was a section 47 enquiry decided?",
        [("section_47", "Yes: start a section 47 enquiry"), ("no_section_47", "No section 47 enquiry")],
        "Select whether a section 47 enquiry was decided",
    )
    reasons = _text("Reasons for the decision", required=True, long=True)
    joint_investigation = _yes_no(
        "Is it a joint enquiry with the police?", "Select yes if the police and social care enquire jointly"
    )
    criminal_investigation = _text("The conduct and timing of any criminal investigation", long=True)
    share_with_family = _text(
        "What will be shared with the child and family",
        long=True,
        help_text="Not if it would put the child at risk or jeopardise a police investigation",
    )
    family_told_by = GovukDateField(label="When the family will be told", required=False)
    override_reason = _text(
        "Why a required agency did not take part",
        long=True,
        help_text="Only if children's social care, the police or health did not take part",
    )

    def add_org_fields(self) -> None:
        self.fields["invited"] = _organisations("Which organisations were invited?", self.org_choices)
        _attended_with_roles(self, "Which organisations took part?")
        _Actions.add(self)
        self.order_fields(["occurred_on", "time", "chair_name", "chair_role", "invited", "attended", "override_reason"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _Actions.clean(self, data)
        return data

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        details: dict[str, Any] = {
            "chair_name": data["chair_name"],
            "chair_role": data["chair_role"],
            "invited": list(data["invited"]),
            "attendees": _attendees(data),
            "outcome": data["outcome"],
            "reasons": data["reasons"],
            "joint_investigation": _yes(data["joint_investigation"]),
            "actions": _Actions.details(data),
        }
        for name in ("criminal_investigation", "share_with_family", "override_reason"):
            if data.get(name):
                details[name] = data[name]
        if data.get("family_told_by"):
            details["family_told_by"] = data["family_told_by"].isoformat()
        return details


class DistributionForm(StepForm):
    done = "The strategy discussion's record is marked as sent"
    step = Step.STRATEGY_RECORD_DISTRIBUTED
    title = "Record that the strategy discussion's record was sent"
    occurred_label = "When was the record sent?"
    lawful_basis = _radio(
        "Lawful basis for sharing",
        [
            ("statutory_duty_to_share", "The duty to share information (Children Act 2004 s.16LA)"),
            ("public_task", "Public task (UK GDPR Article 6(1)(e))"),
            ("legal_obligation", "Legal obligation"),
            ("vital_interests", "Vital interests"),
            ("law_enforcement", "Law enforcement (DPA 2018 Part 3)"),
            ("consent", "Consent"),
        ],
        "Select the lawful basis for sharing",
    )

    def add_org_fields(self) -> None:
        self.fields["shared_with"] = _organisations("Which organisations was it sent to?", self.org_choices)
        self.fields["shared_with"].help_text = "Those who took part, and the involved organisations that did not"

    def details(self) -> dict[str, Any]:
        return {"with": list(self.cleaned_data["shared_with"]), "lawful_basis": self.cleaned_data["lawful_basis"]}


class Section47OutcomeForm(StepForm):
    done = "Outcome of the section 47 enquiry recorded"
    step = Step.SECTION_47_OUTCOME
    title = "Record the outcome of the section 47 enquiry"
    occurred_label = "When did the enquiry conclude?"
    outcome = _radio(
        "What was the outcome?",
        [
            ("icpc_required", "Concerns substantiated: an initial child protection conference is needed"),
            ("substantiated", "Concerns substantiated: no conference (for example, a child in need plan)"),
            ("not_substantiated", "Concerns not substantiated"),
        ],
        "Select the outcome of the enquiry",
    )
    summary = _text("Summary of the findings", long=True)

    def details(self) -> dict[str, Any]:
        return {"outcome": self.cleaned_data["outcome"]}


class AssessmentCompletedForm(StepForm):
    done = "Assessment recorded as complete"
    step = Step.ASSESSMENT_COMPLETED
    title = "Record that the assessment is complete"
    occurred_label = "When was the assessment completed?"
    outcome = _radio(
        "What was the outcome?",
        [
            ("child_in_need_plan", "A child in need plan"),
            ("strategy_discussion", "A strategy discussion"),
            ("early_help", "Early help"),
            ("no_further_action", "No further action"),
            ("other", "Other"),
        ],
        "Select the outcome of the assessment",
    )
    late_reason = _text(
        "Why the assessment took longer than 45 working days",
        long=True,
        help_text="Only if it was completed after its due date",
    )

    def details(self) -> dict[str, Any]:
        details = {"outcome": self.cleaned_data["outcome"]}
        if self.cleaned_data.get("late_reason"):
            details["late_reason"] = self.cleaned_data["late_reason"]
        return details


PLAN_CATEGORIES = [
    ("neglect", "Neglect"),
    ("physical_abuse", "Physical abuse"),
    ("emotional_abuse", "Emotional abuse"),
    ("sexual_abuse", "Sexual abuse"),
    ("multiple", "Multiple categories"),
]


class ConferenceForm(StepForm):
    title = "Record a child protection conference"
    occurred_label = "When was the conference held?"
    chair_name = _text("Conference chair's name", required=True, max_length=200)
    plan = _yes_no(
        "Does the child need a child protection plan?",
        "Select yes if the conference decided the child needs a child protection plan",
    )
    category = _radio("Category of the plan", PLAN_CATEGORIES, "Select the category of the plan", required=False)
    summary = _text("Decisions and recommendations", long=True)

    def add_org_fields(self) -> None:
        _Actions.add(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("plan") == "yes" and not data.get("category"):
            self.add_error("category", "Select the category of the plan")
        _Actions.clean(self, data)
        return data

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        details: dict[str, Any] = {
            "chair_name": data["chair_name"],
            "plan": _yes(data["plan"]),
            "actions": _Actions.details(data),
        }
        if details["plan"]:
            details["category"] = data["category"]
        return details


class InitialConferenceForm(ConferenceForm):
    done = "Initial child protection conference recorded"
    step = Step.INITIAL_CONFERENCE
    title = "Record the initial child protection conference"


class ReviewConferenceForm(ConferenceForm):
    done = "Review child protection conference recorded"
    step = Step.REVIEW_CONFERENCE
    title = "Record a review child protection conference"


class TransferInConferenceForm(ConferenceForm):
    done = "Transfer-in conference recorded"
    step = Step.TRANSFER_IN_CONFERENCE
    title = "Record the transfer-in conference"


class CoreGroupForm(StepForm):
    done = "Core group meeting recorded"
    step = Step.CORE_GROUP
    title = "Record a core group meeting"
    occurred_label = "When did the core group meet?"
    summary = _text("Progress against the plan", long=True)

    def add_org_fields(self) -> None:
        _attended_with_roles(self, "Which organisations took part?")
        _Actions.add(self)
        self.order_fields(["occurred_on", "attended"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _Actions.clean(self, data)
        return data

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"attendees": _attendees(data), "actions": _Actions.details(data)}


class VisitForm(StepForm):
    done = "Visit recorded"
    step = Step.VISIT
    title = "Record a visit"
    occurred_label = "When was the visit?"
    outcome = _radio(
        "Was the child seen?",
        [
            ("seen_alone", "Seen, and seen alone"),
            ("seen", "Seen, not alone"),
            ("not_seen", "Not seen"),
            ("no_access", "No access"),
            ("refused", "The family refused the visit"),
            ("cancelled_by_family", "Cancelled by the family"),
        ],
        "Select whether the child was seen",
    )
    child_views = _text("The child's views, in their words", long=True)
    summary = _text("What was observed", long=True)

    def details(self) -> dict[str, Any]:
        details = {"outcome": self.cleaned_data["outcome"]}
        if self.cleaned_data.get("child_views"):
            details["child_views"] = self.cleaned_data["child_views"]
        return details


class AllocationForm(StepForm):
    done = "Allocation recorded"
    step = Step.ALLOCATION
    title = "Record an allocation"
    occurred_label = "From when?"
    role = _radio(
        "Which role?",
        [
            ("lead_child_protection_practitioner", "Lead child protection practitioner"),
            ("lead_practitioner", "Lead practitioner"),
            ("key_worker", "Key worker"),
        ],
        "Select the role",
    )
    name = _text("Practitioner's name", required=True, max_length=200)
    change = _radio(
        "Is the practitioner starting or stopping?",
        [("allocated", "Allocated"), ("ended", "No longer allocated")],
        "Select whether the allocation starts or ends",
    )

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"role": data["role"], "name": data["name"], "change": data["change"]}


class PlanStartedForm(StepForm):
    done = "Start of the plan recorded"
    step = Step.PLAN_STARTED
    title = "Record a plan or looked-after status starting"
    occurred_label = "When did it start?"
    plan_type = _radio(
        "Which plan?",
        [("child_in_need", "Child in need plan"), ("looked_after", "Looked after")],
        "Select the plan",
        help_text="A child protection plan is made by a conference: record the conference",
    )
    legal_status = _radio(
        "Legal status (looked after)",
        [
            ("s31", "Full care order (section 31)"),
            ("s38", "Interim care order (section 38)"),
            ("s20", "Accommodated by agreement (section 20)"),
        ],
        "Select the legal status",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("plan_type") == "looked_after" and not data.get("legal_status"):
            self.add_error("legal_status", "Select the legal status of the looked-after child")
        return data

    def details(self) -> dict[str, Any]:
        details = {"plan_type": self.cleaned_data["plan_type"]}
        if self.cleaned_data["plan_type"] == "looked_after":
            details["legal_status"] = self.cleaned_data["legal_status"]
        return details


class PlanEndedForm(StepForm):
    done = "End of the plan recorded"
    step = Step.PLAN_ENDED
    title = "Record a plan ending"
    occurred_label = "When did it end?"
    plan_type = _radio(
        "Which plan ended?",
        [
            ("child_in_need", "Child in need plan"),
            ("looked_after", "Looked after"),
            ("child_protection", "Child protection plan"),
            ("unborn_child_protection", "Unborn child protection plan"),
        ],
        "Select the plan that ended",
    )
    step_down_to = _radio(
        "What support follows?",
        [
            ("child_in_need", "A child in need plan"),
            ("early_help", "Early help"),
            ("universal_services", "Universal services"),
            ("none", "None"),
        ],
        "Select what support follows",
    )

    def details(self) -> dict[str, Any]:
        return {"plan_type": self.cleaned_data["plan_type"], "step_down_to": self.cleaned_data["step_down_to"]}


class TransferInNotifiedForm(StepForm):
    done = "Move into the area recorded"
    step = Step.TRANSFER_IN_NOTIFIED
    title = "Record that a child moved into the area"
    occurred_label = "When were you told?"
    from_la_code = forms.RegexField(
        label="The area the child moved from (its 3-digit local authority number)",
        regex=r"^[0-9]{3}$",
        error_messages={"required": "Enter the local authority number", "invalid": "Enter 3 digits, for example 330"},
    )
    plan_type = _radio(
        "What was open there?",
        [
            ("child_protection", "A child protection plan"),
            ("unborn_child_protection", "An unborn child protection plan"),
            ("section_47", "A section 47 enquiry"),
        ],
        "Select what was open in the other area",
    )

    def details(self) -> dict[str, Any]:
        return {"from_la_code": self.cleaned_data["from_la_code"], "plan_type": self.cleaned_data["plan_type"]}


class ActionCompletedForm(StepForm):
    done = "Action recorded as done"
    step = Step.ACTION_COMPLETED
    title = "Record an agreed action as done"
    occurred_label = "When was it done?"
    action = forms.ChoiceField(label="Which action?", error_messages={"required": "Select the action that was done"})
    summary = _text("What was done", long=True)


class CaseClosedForm(StepForm):
    done = "Case closed"
    step = Step.CASE_CLOSED
    title = "Close the case"
    occurred_label = "When is the case closed?"
    reason = _text("Reason for closing", required=True, long=True)
    manager_sign_off = _yes_no("Has a manager signed off the closure?", "Select yes if a manager signed it off")
    rationale = _text(
        "How the other agencies' recent concerns were considered",
        long=True,
        help_text="Each concern recorded by another agency in the last 30 days, and any family referral not resolved",
    )

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        details: dict[str, Any] = {"reason": data["reason"], "manager_sign_off": _yes(data["manager_sign_off"])}
        if data.get("rationale"):
            details["rationale"] = data["rationale"]
        return details


class ConferenceReportForm(StepForm):
    done = "Report for the conference recorded"
    step = Step.CONFERENCE_REPORT
    title = "Send a report for a child protection conference"
    occurred_label = "When was the report sent?"
    kind = _radio(
        "Which conference is it for?",
        [
            ("initial", "The initial conference"),
            ("review", "A review conference"),
            ("transfer_in", "A transfer-in conference"),
        ],
        "Select the conference the report is for",
    )
    summary = _text(
        "The report",
        required=True,
        long=True,
        max_length=20000,
        help_text="What your organisation knows of the child and family, and your view of the risks",
    )

    def details(self) -> dict[str, Any]:
        return {"kind": self.cleaned_data["kind"]}


FORMS: dict[Step, type[StepForm]] = {
    form.step: form
    for form in (
        ReferralForm,
        ReferralDecisionForm,
        ReferrerFeedbackForm,
        StrategyDiscussionForm,
        DistributionForm,
        Section47OutcomeForm,
        AssessmentCompletedForm,
        InitialConferenceForm,
        ReviewConferenceForm,
        TransferInConferenceForm,
        TransferInNotifiedForm,
        CoreGroupForm,
        PlanStartedForm,
        PlanEndedForm,
        VisitForm,
        AllocationForm,
        ActionCompletedForm,
        ConferenceReportForm,
        CaseClosedForm,
    )
}
# The steps whose answers are checked on a page of their own before they are recorded.
CHECKED_STEPS = frozenset({Step.STRATEGY_DISCUSSION, Step.INITIAL_CONFERENCE, Step.REVIEW_CONFERENCE, Step.CASE_CLOSED})
