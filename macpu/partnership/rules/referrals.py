"""Where referrals come from, and which are re-referrals (issue 9, point 5).

A referral's **source** is the sector of the referring organisation for a professional referral (`referrer_org`,
looked up in the organisations' register), and otherwise its referrer type (family, friend, neighbour, anonymous,
self, the child). A professional referral that names no registered organisation is "Professional, organisation not
known".

A **re-referral** is a referral of a child within 12 calendar months of an earlier referral of the same child (the
Department for Education's children in need census definition).
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from macpu.pathway.rules.case import Referral

UNKNOWN_PROFESSIONAL = "professional_unknown"
AWAITING_DECISION = "awaiting_decision"

OUTCOMES = ("no_further_action", "signposted", "early_help", "assessment", "strategy_discussion", AWAITING_DECISION)
OUTCOME_TITLES = {
    "no_further_action": "No further action",
    "signposted": "Signposted",
    "early_help": "Early help",
    "assessment": "Assessment",
    "strategy_discussion": "Strategy discussion",
    AWAITING_DECISION: "Awaiting decision",
}
NON_PROFESSIONAL_SOURCES = {
    "family": "Family",
    "friend": "Friend",
    "neighbour": "Neighbour",
    "anonymous": "Anonymous",
    "self": "Self (a parent or carer)",
    "child": "The child",
}


def referral_source(referral: Referral, sectors: Mapping[str, str]) -> str:
    """The referral's source: a sector code for a professional, else the referrer type."""
    if referral.professional:
        return sectors.get(str(referral.record.details.get("referrer_org", "")), UNKNOWN_PROFESSIONAL)
    return referral.referrer_type or "anonymous"


def referral_outcome(referral: Referral, as_of: dt.date) -> str:
    if referral.decision is None or referral.decision.occurred_on > as_of or referral.outcome not in OUTCOMES:
        return AWAITING_DECISION
    return referral.outcome


def _twelve_months_before(day: dt.date) -> dt.date:
    """The same day a year earlier; 28 February for 29 February."""
    return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else day.day))


def is_re_referral(referred_on: dt.date, earlier: Iterable[dt.date]) -> bool:
    """Whether a referral on `referred_on` follows another of the same child within the 12 months before it."""
    year_before = _twelve_months_before(referred_on)
    return any(year_before <= day < referred_on for day in earlier)
