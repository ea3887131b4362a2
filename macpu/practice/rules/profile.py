"""What a practice profile holds, as plain data, and the checks its content must pass before it is published.

A profile describes how an organisation (or one of its teams) works in safeguarding: what it does, how to refer to
it and escalate, its named safeguarding leads, when it seeks consent, the timescales it commits to, who attends
strategy discussions for it, the records it holds and the terms it uses. Each publish is a new, immutable version.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit


class ConsentPractice(StrEnum):
    """When the organisation seeks the family's consent (Working Together 2023; the information sharing advice 2024).

    Every choice carries the same limit, which the law sets: consent is not sought when seeking it would put a
    child at risk of significant harm, or prejudice the prevention or detection of a crime.
    """

    BEFORE_SHARING = "before_sharing"
    BEFORE_REFERRAL = "before_referral"
    INFORMS_WITHOUT_SEEKING = "informs_without_seeking"
    CASE_BY_CASE = "case_by_case"


CONSENT_LABELS: dict[ConsentPractice, str] = {
    ConsentPractice.BEFORE_SHARING: "Seeks consent before sharing information with another agency",
    ConsentPractice.BEFORE_REFERRAL: "Seeks consent before a referral to children's social care, not for each share",
    ConsentPractice.INFORMS_WITHOUT_SEEKING: (
        "Tells the family it is sharing, without seeking consent (a legal duty or public task is the basis)"
    ),
    ConsentPractice.CASE_BY_CASE: "Decides case by case, with the safeguarding lead",
}


class TimeUnit(StrEnum):
    HOURS = "hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


UNIT_LABELS: dict[TimeUnit, tuple[str, str]] = {  # (one, many)
    TimeUnit.HOURS: ("hour", "hours"),
    TimeUnit.WORKING_DAYS: ("working day", "working days"),
    TimeUnit.CALENDAR_DAYS: ("calendar day", "calendar days"),
}


class Commitment(StrEnum):
    """The timescales a profile commits to, each a number with its unit."""

    ACKNOWLEDGE_REFERRAL = "acknowledge_referral"
    REPORT_INITIAL_CONFERENCE = "report_initial_conference"
    REPORT_REVIEW_CONFERENCE = "report_review_conference"
    ANSWER_INFORMATION_REQUEST = "answer_information_request"


COMMITMENT_LABELS: dict[Commitment, str] = {
    Commitment.ACKNOWLEDGE_REFERRAL: "Acknowledging a referral or concern it receives",
    Commitment.REPORT_INITIAL_CONFERENCE: "Sending its report before an initial child protection conference",
    Commitment.REPORT_REVIEW_CONFERENCE: "Sending its report before a review child protection conference",
    Commitment.ANSWER_INFORMATION_REQUEST: "Answering another agency's request for information",
}

# Reports to a conference are sent a number of days *before* it; the others are counted from the request.
BEFORE_THE_EVENT = frozenset({Commitment.REPORT_INITIAL_CONFERENCE, Commitment.REPORT_REVIEW_CONFERENCE})
MAX_TIMESCALE = 365
MAX_LEADS = 3


@dataclass(frozen=True)
class Timescale:
    value: int
    unit: TimeUnit

    def describe(self, commitment: Commitment) -> str:
        one, many = UNIT_LABELS[self.unit]
        amount = f"{self.value} {one if self.value == 1 else many}"
        return f"{amount} before" if commitment in BEFORE_THE_EVENT else f"Within {amount}"


@dataclass(frozen=True)
class SafeguardingLead:
    """A named safeguarding lead and how to reach them in office hours and out of hours."""

    name: str
    role: str
    office_hours: str
    out_of_hours: str


@dataclass(frozen=True)
class ProfileContent:
    """Everything one version of a profile says. `terms` are the glossary terms it uses, by their written form."""

    safeguarding_role: str
    referral_route: str
    threshold_document_title: str
    threshold_document_url: str
    escalation_route: str
    leads: tuple[SafeguardingLead, ...]
    consent_practice: ConsentPractice
    consent_explanation: str
    timescales: dict[Commitment, Timescale]
    strategy_discussion_attendees: str
    records_held: str
    terms: tuple[str, ...] = field(default=())


TEXT_LIMITS = {
    "safeguarding_role": 4000,
    "referral_route": 2000,
    "threshold_document_title": 200,
    "threshold_document_url": 500,
    "escalation_route": 2000,
    "consent_explanation": 2000,
    "strategy_discussion_attendees": 1000,
    "records_held": 2000,
}
LEAD_LIMITS = {"name": 150, "role": 150, "office_hours": 200, "out_of_hours": 200}

_REQUIRED_TEXT = {
    "safeguarding_role": "Enter what the organisation does in safeguarding",
    "referral_route": "Enter how to refer a child to the organisation",
    "escalation_route": "Enter how to escalate a concern or a disagreement",
    "consent_explanation": "Explain when the organisation seeks consent, and when it does not",
    "strategy_discussion_attendees": "Enter who attends strategy discussions for the organisation",
    "records_held": "Enter the records the organisation holds that others may need",
}


def _url_error(url: str) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        return "Enter the threshold document's address starting with https://, like https://www.example.gov.uk/"
    return None


def _text_errors(content: ProfileContent) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, limit in TEXT_LIMITS.items():
        value: str = getattr(content, name)
        if not value and name in _REQUIRED_TEXT:
            errors[name] = _REQUIRED_TEXT[name]
        elif len(value) > limit:
            errors[name] = f"{name.replace('_', ' ').capitalize()} must be {limit} characters or fewer"
    if (
        content.threshold_document_url
        and not content.threshold_document_title
        and "threshold_document_title" not in errors
    ):
        errors["threshold_document_title"] = "Enter the threshold document's title"
    if url_problem := _url_error(content.threshold_document_url):
        errors["threshold_document_url"] = url_problem
    return errors


def _lead_errors(leads: tuple[SafeguardingLead, ...]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not leads:
        errors["leads"] = "Name at least one safeguarding lead"
    if len(leads) > MAX_LEADS:
        errors["leads"] = f"Name up to {MAX_LEADS} safeguarding leads"
    for number, lead in enumerate(leads[:MAX_LEADS], start=1):
        for name, limit in LEAD_LIMITS.items():
            value: str = getattr(lead, name)
            what = name.replace("_", " ")
            if not value and name != "out_of_hours":
                errors[f"lead_{number}_{name}"] = f"Enter safeguarding lead {number}'s {what}"
            elif len(value) > limit:
                errors[f"lead_{number}_{name}"] = (
                    f"Safeguarding lead {number}'s {what} must be {limit} characters or fewer"
                )
    return errors


def _timescale_errors(timescales: dict[Commitment, Timescale]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for commitment in Commitment:
        given = timescales.get(commitment)
        if given is None:
            errors[commitment.value] = f"Enter the timescale for {COMMITMENT_LABELS[commitment].lower()}"
        elif not 0 <= given.value <= MAX_TIMESCALE:
            errors[commitment.value] = f"The timescale must be a whole number from 0 to {MAX_TIMESCALE}"
    return errors


def content_errors(content: ProfileContent) -> dict[str, str]:
    """Each field of `content` that may not be published, and what is wrong with it; empty when it may."""
    return _text_errors(content) | _lead_errors(content.leads) | _timescale_errors(content.timescales)
