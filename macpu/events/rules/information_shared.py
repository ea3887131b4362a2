"""`information_shared`: a disclosure to another organisation, or a decision not to disclose (golden rule 7, R26).

The vocabulary of the lawful bases in plain English, and the checks a schema cannot make: what goes with what.
A share names its lawful basis; a decision not to share names none (nothing was disclosed) but says why; a
refusal of consent, or consent not sought, says why; consent is the basis only when it was given; Schedule 8
belongs to law enforcement processing (DPA 2018 Part 3), which has no UK GDPR Article 9 condition; Article 9(2)(g)
needs its Schedule 1 Part 2 condition. Lack of consent never blocks sharing to protect a child (R27): it is
recorded, with its reason, never refused. Pure: no Django.
"""

from collections.abc import Mapping
from typing import Any

SHARED = "shared"
NOT_SHARED = "not_shared"

DECISIONS = {
    SHARED: "Shared",
    NOT_SHARED: "Not shared",
}

# UK GDPR Article 6(1), or DPA 2018 Part 3 for the police's law enforcement processing; and the Children Act 2004
# s.16LA duty to share, once it is in force.
LAWFUL_BASES = {
    "public_task": "Article 6(1)(e) public task",
    "legal_obligation": "Article 6(1)(c) legal obligation",
    "vital_interests": "Article 6(1)(d) vital interests",
    "consent": "Article 6(1)(a) consent",
    "law_enforcement": "DPA 2018 Part 3: law enforcement processing",
    "statutory_duty_to_share": "Children Act 2004 section 16LA: the duty to share information",
}
LAWFUL_BASIS_HINTS = {
    "public_task": "A public body's statutory functions, such as safeguarding children. Usually the right basis.",
    "legal_obligation": "A law requires you to share it, such as a court order.",
    "vital_interests": "To protect someone's life, in an emergency, when no other basis applies.",
    "consent": "Only when the person gave consent freely and may withdraw it. Rarely right in safeguarding.",
    "law_enforcement": "The police, sharing for the prevention, investigation or prosecution of crime.",
    "statutory_duty_to_share": "Once in force: information relevant to safeguarding a child, shared with another "
    "relevant person whose functions it may help.",
}

ARTICLE_9_CONDITIONS = {
    "substantial_public_interest": "Article 9(2)(g) substantial public interest",
    "health_or_social_care": "Article 9(2)(h) health or social care",
    "vital_interests": "Article 9(2)(c) vital interests",
    "legal_claims": "Article 9(2)(f) legal claims or the courts",
    "explicit_consent": "Article 9(2)(a) explicit consent",
}
ARTICLE_9_HINTS = {
    "substantial_public_interest": "With a DPA 2018 Schedule 1 condition, such as paragraph 18 (safeguarding).",
    "health_or_social_care": "For providing health or social care, by or under a professional's duty of "
    "confidentiality.",
    "vital_interests": "To protect someone's life when they cannot give consent.",
    "legal_claims": "For legal proceedings, or a court acting in its judicial capacity.",
    "explicit_consent": "Only when the person gave explicit consent.",
}

DPA_CONDITIONS = {
    "sch1_para18_safeguarding_children": "Schedule 1 paragraph 18: safeguarding of children and individuals at risk",
    "sch1_para6_statutory": "Schedule 1 paragraph 6: statutory and government purposes",
    "sch8_para4_safeguarding_children": "Schedule 8 paragraph 4: safeguarding of children and individuals at risk "
    "(law enforcement)",
    "none": "None needed",
}
DPA_CONDITION_HINTS = {
    "sch1_para18_safeguarding_children": "Health, social care, education and others, under the UK GDPR. Consent "
    "cannot be given, cannot reasonably be obtained, or asking would put the child at risk.",
    "sch1_para6_statutory": "Needed to carry out a function given by law.",
    "sch8_para4_safeguarding_children": "The police, for sensitive information shared for law enforcement "
    "(DPA 2018 Part 3).",
    "none": "The Article 9 condition needs no Schedule 1 condition, or no special category data was shared.",
}
SCHEDULE_1_PART_2 = frozenset({"sch1_para18_safeguarding_children", "sch1_para6_statutory"})
SCHEDULE_8 = "sch8_para4_safeguarding_children"

CONSENT = {
    "given": "Given",
    "refused": "Refused",
    "not_sought": "Not sought",
}
CONSENT_HINTS = {
    "given": "The child or family agreed to it being shared.",
    "refused": "They were asked and said no. You may still share to protect a child: say why.",
    "not_sought": "For example, asking would put the child at risk, or could not reasonably be done: say why.",
}

_BASES_ONLY_FOR_A_SHARE = ("lawful_basis", "article_9_condition", "dpa_condition", "condition")


def decision_of(details: Mapping[str, Any]) -> str:
    """`shared` unless the record says it is a decision not to share."""
    return NOT_SHARED if details.get("decision") == NOT_SHARED else SHARED


def is_disclosure(details: Mapping[str, Any]) -> bool:
    """Whether the record says information was disclosed (not a decision to withhold it)."""
    return decision_of(details) == SHARED


def problems(details: Mapping[str, Any], *, has_ref: bool) -> list[tuple[str, str]]:
    """What does not go together in an `information_shared`'s details: (field, message) pairs."""
    found: list[tuple[str, str]] = []
    if not has_ref and not details.get("what"):
        found.append(("details.what", "Say what was shared or not shared, or name the record in ref"))
    if decision_of(details) == NOT_SHARED:
        found += _decision_not_to_share(details)
    else:
        found += _bases(details)
    consent = details.get("consent")
    if consent in ("refused", "not_sought") and not str(details.get("consent_reason", "")).strip():
        found.append(
            (
                "details.consent_reason",
                "Say why consent was not sought"
                if consent == "not_sought"
                else "Say what was refused, and why you went ahead if you shared",
            )
        )
    return found


def _decision_not_to_share(details: Mapping[str, Any]) -> list[tuple[str, str]]:
    found = [
        (f"details.{name}", "A decision not to share discloses nothing, so it has no lawful basis or condition")
        for name in _BASES_ONLY_FOR_A_SHARE
        if name in details
    ]
    if not str(details.get("reason", "")).strip():
        found.append(("details.reason", "Say why it was not shared"))
    return found


def _bases(details: Mapping[str, Any]) -> list[tuple[str, str]]:
    basis = details.get("lawful_basis")
    article_9 = details.get("article_9_condition")
    dpa = details.get("dpa_condition")
    consent = details.get("consent")
    found: list[tuple[str, str]] = []
    if not basis:
        found.append(("details.lawful_basis", "Give the lawful basis for sharing"))
    if basis == "consent" and consent not in (None, "given"):
        found.append(("details.lawful_basis", "Consent is the lawful basis only when consent was given"))
    if article_9 == "explicit_consent" and consent not in (None, "given"):
        found.append(
            ("details.article_9_condition", "Explicit consent is the Article 9 condition only when consent was given")
        )
    if basis == "law_enforcement" and article_9:
        found.append(
            (
                "details.article_9_condition",
                "Law enforcement processing (DPA 2018 Part 3) has no Article 9 condition: give Schedule 8 paragraph 4",
            )
        )
    if dpa == SCHEDULE_8 and basis != "law_enforcement":
        found.append(("details.dpa_condition", "Schedule 8 is only for law enforcement processing (DPA 2018 Part 3)"))
    if basis == "law_enforcement" and dpa in SCHEDULE_1_PART_2:
        found.append(
            ("details.dpa_condition", "Law enforcement processing uses Schedule 8 paragraph 4, not Schedule 1")
        )
    elif basis and dpa in SCHEDULE_1_PART_2 and not article_9:
        found.append(
            ("details.article_9_condition", "A Schedule 1 condition goes with an Article 9 condition: give it")
        )
    if article_9 == "substantial_public_interest" and dpa not in SCHEDULE_1_PART_2:
        found.append(("details.dpa_condition", "Article 9(2)(g) needs a Schedule 1 condition, such as paragraph 18"))
    return found
