"""A plain-English title for each kind of event, for chronologies a practitioner reads at a glance."""

from collections.abc import Callable, Mapping
from typing import Any

from macpu.events.rules.information_shared import is_disclosure

Details = Mapping[str, Any]


def _words(value: object) -> str:
    return str(value).replace("_", " ")


def _listed(values: object) -> str:
    return ", ".join(_words(v) for v in values) if isinstance(values, list) else ""


def _with(label: str, value: object) -> str:
    return f"{label}: {_words(value)}" if value else label


_TITLES: dict[str, Callable[[Details], str]] = {
    "concern": lambda d: (
        f"Concern: {_listed(d.get('categories'))}"
        + (" (injury)" if d.get("injury") else "")
        + (", referred to children's social care" if d.get("referred") else "")
    ),
    "referral": lambda d: (
        f"Referral from {'a ' if d.get('referrer_type') not in ('self', 'anonymous') else ''}{_words(d.get('referrer_type', 'unknown'))}"
        + (f": {_listed(d.get('categories'))}" if d.get("categories") else "")
    ),
    "referral_decision": lambda d: (
        _with("Referral decision", d.get("outcome")) + (" (marked malicious)" if d.get("malicious") else "")
    ),
    "referrer_feedback": lambda d: "Referrer told the outcome",
    "strategy_discussion": lambda d: (
        "Strategy discussion"
        + {"section_47": ": section 47 enquiry to start", "no_section_47": ": no section 47 enquiry"}.get(
            str(d.get("outcome", "")), ""
        )
    ),
    "section_47_outcome": lambda d: (
        "Section 47 enquiry concluded"
        + {
            "icpc_required": ": an initial child protection conference is needed",
            "substantiated": ": concerns substantiated",
            "not_substantiated": ": concerns not substantiated",
        }.get(str(d.get("outcome", "")), "")
    ),
    "assessment_completed": lambda d: _with("Assessment completed", d.get("outcome")),
    "conference": lambda d: (
        f"{_words(d.get('kind', '')).capitalize()} child protection conference"
        + (": plan" if d.get("plan") else ": no plan" if "plan" in d else "")
    ),
    "core_group": lambda d: "Core group meeting",
    "plan_started": lambda d: f"{_words(d.get('plan_type', '')).capitalize()} plan started",
    "plan_ended": lambda d: f"{_words(d.get('plan_type', '')).capitalize()} plan ended",
    "allocation": lambda d: (
        f"{_words(d.get('role', '')).capitalize()} {_words(d.get('change', ''))}"
        + (f": {d['name']}" if d.get("name") else "")
    ),
    "service_involvement": lambda d: f"{_words(d.get('service', '')).capitalize()} {_words(d.get('change', ''))}",
    "case_closed": lambda d: "Case closed" + (" with manager sign-off" if d.get("manager_sign_off") else ""),
    "visit": lambda d: _with("Visit", d.get("outcome")),
    "health_appointment": lambda d: _with(
        f"{_words(d.get('service') or 'Health').capitalize()} appointment", d.get("outcome")
    ),
    "unscheduled_care": lambda d: (
        f"{_words(d.get('setting', '')).capitalize()} attendance" + (" with an injury" if d.get("injury") else "")
    ),
    "police_incident": lambda d: (
        "Police incident"
        + (": domestic abuse" if d.get("domestic_abuse") else "")
        + (", child present" if d.get("child_present") else "")
    ),
    "school_attendance": lambda d: (
        f"School attendance {d.get('attendance_percent')}%"
        + (f", {d['unexplained_absences']} unexplained absences" if d.get("unexplained_absences") else "")
    ),
    "school_roll": lambda d: (
        ("Joined the school roll" if d.get("change") == "joined" else "Left the school roll")
        + (", destination not known" if d.get("change") == "left" and not d.get("destination_known") else "")
    ),
    "household_change": lambda d: (
        "An adult joined the household" if d.get("change") == "joined" else "An adult left the household"
    ),
    "address_change": lambda d: _with("Moved", d.get("postcode")),
    "adult_history": lambda d: _with("History of an adult around the child", d.get("kind")),
    "checks_completed": lambda d: "Checks on an adult completed",
    "information_shared": lambda d: (
        _with("Information shared", _words(d.get("lawful_basis", "")))
        if is_disclosure(d)
        else "Decision not to share information"
    ),
    "disagreement": lambda d: (
        f"Professional disagreement {_words(d.get('status', ''))} at {_words(d.get('stage', ''))} level"
        + (f" ({_words(d['subject'])})" if d.get("subject") else "")
    ),
    "transfer_in_notified": lambda d: (
        "Moved into the area with "
        + ("a section 47 enquiry open" if d.get("plan_type") == "section_47" else "a child protection plan")
    ),
    "action_completed": lambda d: "Agreed action completed",
    "conference_report": lambda d: f"Report for the {_words(d.get('kind', ''))} child protection conference",
    "cpis_access": lambda d: _with("Child protection record looked up (CP-IS)", d.get("setting")),
}


def event_title(event_type: str, details: Details) -> str:
    describe = _TITLES.get(event_type)
    return describe(details) if describe else _words(event_type).capitalize()
