"""What a share, or a decision not to share, recorded in macpu's form or API must say (R26, golden rule 7).

The feed accepts what an agency's system knows (docs/feed.md); a record made in macpu says everything: to whom,
what, why, consent and why not, and who decided. Field names are the API's. Pure: no Django.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from macpu.events.rules.information_shared import CONSENT, DECISIONS, SHARED


@dataclass(frozen=True)
class SharingAnswers:
    """One share, or one decision not to share, as a person records it."""

    decision: str
    occurred_at: str  # an ISO 8601 date, or a date-time with its offset
    with_orgs: tuple[str, ...]
    what: str
    reason: str
    consent: str
    decided_by: str
    consent_reason: str = ""
    decided_by_role: str = ""
    lawful_basis: str = ""
    article_9_condition: str = ""
    dpa_condition: str = ""
    ref: str | Mapping[str, str] | None = None
    sensitivity: str = "standard"

    def details(self) -> dict[str, Any]:
        """The `information_shared` details in the feed format: only what was answered."""
        details: dict[str, Any] = {"decision": self.decision, "with": list(self.with_orgs)}
        for name in (
            "what",
            "reason",
            "lawful_basis",
            "article_9_condition",
            "dpa_condition",
            "consent",
            "consent_reason",
            "decided_by",
            "decided_by_role",
        ):
            value = str(getattr(self, name)).strip()
            if value:
                details[name] = value
        return details


def missing(answers: SharingAnswers, *, today: dt.date) -> dict[str, str]:
    """What a complete record lacks, by field; the feed's own checks follow (`events.rules.information_shared`)."""
    errors: dict[str, str] = {}
    if answers.decision not in DECISIONS:
        errors["decision"] = "Say whether the information was shared or not"
    if not answers.with_orgs:
        errors["with"] = "Select the organisations it was shared with, or not shared with"
    if not answers.what.strip() and not answers.ref:
        errors["what"] = "Say what information was shared, or not shared"
    if not answers.reason.strip():
        errors["reason"] = "Say why: the purpose of sharing, or the reason not to share"
    if answers.consent not in CONSENT:
        errors["consent"] = "Say whether consent was given, refused or not sought"
    elif answers.consent != "given" and not answers.consent_reason.strip():
        errors["consent_reason"] = (
            "Say why consent was not sought, or why you shared without it"
            if answers.decision == SHARED
            else "Say why consent was not sought, or what the refusal was"
        )
    if not answers.decided_by.strip():
        errors["decided_by"] = "Enter the name of the person who decided"
    day = _day(answers.occurred_at)
    if day is None:
        errors["occurred_at"] = "Enter the date as YYYY-MM-DD, or a date-time with its offset"
    elif day > today:
        errors["occurred_at"] = "The date must be today or in the past"
    return errors


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def api_field(feed_field: str) -> str:
    """The API's name for a field the feed's checks named (`details.consent_reason` is `consent_reason`)."""
    return feed_field.removeprefix("details.")
