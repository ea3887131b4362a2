"""The agency event feed, version 1: one JSON object per line, checked field by field.

The public format is the JSON Schema beside this package (schema/feed-v1.json,
documented in docs/feed.md). This module checks a line against it, then checks
what a schema cannot (NHS numbers by Modulus 11, UPNs by check letter, real
dates, date-times with their offset), and returns either the parsed event or
every problem with the field it concerns. Pure: no database, no clock.
"""

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError

from macpu.events.rules import information_shared
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number, normalise_upn
from macpu.people.rules.reports import PersonReport

FEED_VERSION = 1
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Subject:
    """The child the event is about: born (`person`), or unborn with an expected date and a mother."""

    person: PersonReport
    unborn: bool = False
    expected_date: dt.date | None = None
    mother: PersonReport | None = None


@dataclass(frozen=True)
class Occurrence:
    """When it happened: a date alone stays a date (`at` is None)."""

    on: dt.date
    at: dt.datetime | None
    approximate: bool


@dataclass(frozen=True)
class EventRef:
    org: str
    record_id: str


@dataclass(frozen=True)
class EventSubmission:
    record_id: str
    org: str
    type: str
    occurred: Occurrence
    recorded_at: dt.datetime | None
    author_role: str
    status: str
    subject: Subject
    people: tuple[PersonReport, ...]
    summary: str
    safeguarding_relevant: bool
    sensitivity: str
    ref: EventRef | None
    details: Mapping[str, Any]
    payload: Mapping[str, Any] = field(repr=False)
    content_hash: str = ""

    @property
    def retracted(self) -> bool:
        return self.status == "entered_in_error"

    def reported_people(self) -> list[tuple[PersonReport, bool]]:
        """Every person the event reports, and whether they are a child: the child (or an unborn child's
        mother) and the people around them (siblings are children)."""
        if self.subject.unborn and self.subject.mother:
            reported = [(self.subject.mother, False)]
        else:
            reported = [(self.subject.person, True)]
        return reported + [(report, report.is_child) for report in self.people]


@cache
def feed_schema() -> dict[str, Any]:
    text = resources.files("macpu.events").joinpath("schema/feed-v1.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    """The reference validator: it explains what is wrong with a line, in terms this module turns into field errors."""
    return Draft202012Validator(feed_schema())


@cache
def _fast_validator() -> jsonschema_rs.Validator:
    """A compiled validator that only says whether a line is valid: some fifty times faster, and most lines are."""
    return jsonschema_rs.validator_for(feed_schema())


EVENT_TYPES: tuple[str, ...] = tuple(feed_schema()["properties"]["type"]["enum"])


def content_hash(payload: Mapping[str, Any]) -> str:
    """The same event sent again has the same hash, whatever the order of its fields."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _path(error: ValidationError) -> str:
    parts = ""
    for part in error.absolute_path:
        parts += f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part))
    return parts


def _schema_errors(payload: Mapping[str, Any]) -> Iterator[FieldError]:
    if _fast_validator().is_valid(payload):
        return
    explained = sorted(_validator().iter_errors(payload), key=lambda e: list(map(str, e.absolute_path)))
    if not explained:  # the two validators disagree: say what the compiled one found rather than let the line in
        for error in _fast_validator().iter_errors(payload):
            yield FieldError(".".join(map(str, error.instance_path)) or "event", error.message)
        return
    for error in explained:
        path = _path(error)
        kind = error.validator
        if kind == "required":
            missing = str(error.message).split("'")[1]
            yield FieldError(f"{path}.{missing}" if path else missing, "is required")
        elif kind == "additionalProperties":
            for name in re.findall(r"'([^']+)'", str(error.message).split("(")[-1]):
                yield FieldError(f"{path}.{name}" if path else name, "is not a field of this format")
        elif kind == "enum":
            allowed = ", ".join(str(v) for v in error.validator_value)
            yield FieldError(path, f"{error.instance!r} is not allowed; expected one of {allowed}")
        elif kind == "type":
            yield FieldError(path, f"must be {_a(str(error.validator_value))}")
        elif kind in {"oneOf", "anyOf"} and path == "ref":
            yield FieldError(path, "must be a record id, or an object with org and record_id")
        elif kind == "const":
            yield FieldError(path, f"must be {error.validator_value!r}")
        else:
            yield FieldError(path or "event", str(error.message))


def _a(json_type: str) -> str:
    return {
        "string": "text",
        "boolean": "true or false",
        "array": "a list",
        "object": "an object",
        "integer": "a whole number",
        "number": "a number",
    }.get(json_type, json_type)


class _Problems:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))


def _date(value: Any, path: str, problems: _Problems) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(path, f"{value!r} is not a real date in the form YYYY-MM-DD")
        return None


def _moment(
    value: str, path: str, problems: _Problems, *, london: dt.tzinfo
) -> tuple[dt.date, dt.datetime | None] | None:
    """A date alone, or a date-time that must carry its offset."""
    if len(value) == 10:
        day = _date(value, path, problems)
        return (day, None) if day else None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        problems.add(path, f"{value!r} is not an ISO 8601 date or date-time")
        return None
    if moment.tzinfo is None:
        problems.add(path, "a date-time must give its offset from UTC, for example 2026-03-02T14:30:00+00:00")
        return None
    return moment.astimezone(london).date(), moment


def _nhs_number(raw: Any, path: str, problems: _Problems) -> str:
    if not raw:
        return ""
    try:
        return normalise_nhs_number(str(raw))
    except IdentifierError as error:
        problems.add(path, str(error))
        return ""


def _postcode(raw: Any, path: str, problems: _Problems) -> str:
    value = " ".join(str(raw or "").upper().split())
    if value and not _POSTCODE.match(value):
        problems.add(path, f"{raw!r} is not a UK postcode")
    if value and " " not in value:
        value = f"{value[:-3]} {value[-3:]}"
    return value


def _person(raw: Mapping[str, Any], path: str, problems: _Problems, today: dt.date) -> PersonReport:
    born = _date(raw.get("date_of_birth"), f"{path}.date_of_birth", problems)
    if born and born > today:
        problems.add(f"{path}.date_of_birth", "is in the future")
    upn = ""
    if raw.get("upn"):
        try:
            upn = normalise_upn(str(raw["upn"])).value
        except IdentifierError as error:
            problems.add(f"{path}.upn", str(error))
    return PersonReport(
        given_name=str(raw.get("given_name", "")).strip(),
        family_name=str(raw.get("family_name", "")).strip(),
        date_of_birth=born,
        nhs_number=_nhs_number(raw.get("nhs_number"), f"{path}.nhs_number", problems),
        nhs_number_verified=bool(raw.get("nhs_number_verified", False)),
        postcode=_postcode(raw.get("postcode"), f"{path}.postcode", problems),
        sex=str(raw.get("sex", "")),
        upn=upn,
        local_id=str(raw.get("local_id", "")).strip(),
        role=str(raw.get("role", "")),
        lives_with_child=raw.get("lives_with_child"),
    )


def _subject(raw: Mapping[str, Any], problems: _Problems, today: dt.date) -> Subject:
    if raw.get("unborn"):
        expected = _date(raw.get("expected_date"), "subject.expected_date", problems)
        if expected is None and "expected_date" not in raw:
            problems.add("subject.expected_date", "is required for an unborn child")
        mother_raw = raw.get("mother")
        if not isinstance(mother_raw, Mapping):
            problems.add("subject.mother", "is required for an unborn child")
            mother = None
        else:
            mother = _person(mother_raw, "subject.mother", problems, today)
            if not (mother.nhs_number or (mother.family_name and mother.date_of_birth)):
                problems.add("subject.mother", "give the mother's NHS number, or her names and date of birth")
        return Subject(
            person=_person(raw, "subject", problems, today), unborn=True, expected_date=expected, mother=mother
        )
    person = _person(raw, "subject", problems, today)
    named = bool(person.given_name and person.family_name and person.date_of_birth)
    if not named and not (person.nhs_number and person.nhs_number_verified):
        problems.add("subject", "give given_name, family_name and date_of_birth, or a verified nhs_number")
    return Subject(person=person)


def _ref(raw: Any, org: str) -> EventRef | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return EventRef(org=org, record_id=raw)
    return EventRef(org=str(raw["org"]).strip().upper(), record_id=str(raw["record_id"]))


def _details(event_type: str, details: Mapping[str, Any], problems: _Problems) -> None:
    if event_type == "school_attendance":
        start = _date(details.get("period_start"), "details.period_start", problems)
        end = _date(details.get("period_end"), "details.period_end", problems)
        if start and end and end < start:
            problems.add("details.period_end", "is before period_start")
    if event_type == "address_change" and details.get("postcode"):
        _postcode(details.get("postcode"), "details.postcode", problems)
    if details.get("family_told_by"):
        _date(details.get("family_told_by"), "details.family_told_by", problems)
    if details.get("requested_on"):
        _date(details.get("requested_on"), "details.requested_on", problems)
    for number, action in enumerate(details.get("actions", ())):
        _date(action.get("due"), f"details.actions[{number}].due", problems)
    ids = [str(action["id"]) for action in details.get("actions", ()) if "id" in action]
    if len(ids) != len(set(ids)):
        problems.add("details.actions", "two actions have the same id")


def _disagreement(details: Mapping[str, Any], org: str, problems: _Problems) -> None:
    """An outcome belongs to the event that resolves a disagreement; it is against another organisation."""
    if "outcome" in details and details.get("status") != "resolved":
        problems.add("details.outcome", "is given only when status is resolved")
    if str(details.get("against", "")).strip().upper() == org:
        problems.add("details.against", "names the organisation recording it: give the one whose decision is disputed")


def parse_event(payload: Any, *, today: dt.date, london: dt.tzinfo) -> EventSubmission | list[FieldError]:
    """The event, or every problem with it, each naming its field."""
    if not isinstance(payload, Mapping):
        return [FieldError("event", "must be a JSON object")]
    schema_errors = list(_schema_errors(payload))
    if schema_errors:
        return schema_errors
    problems = _Problems()
    org = str(payload["org"]).strip().upper()
    occurred = _moment(str(payload["occurred_at"]), "occurred_at", problems, london=london)
    recorded = (
        _moment(str(payload["recorded_at"]), "recorded_at", problems, london=london)
        if "recorded_at" in payload
        else None
    )
    subject = _subject(payload["subject"], problems, today)
    people = tuple(_person(p, f"people[{i}]", problems, today) for i, p in enumerate(payload.get("people", [])))
    details = payload.get("details", {})
    _details(str(payload["type"]), details, problems)
    if payload["type"] == "information_shared":
        for path, message in information_shared.problems(details, has_ref="ref" in payload):
            problems.add(path, message)
    if payload["type"] == "disagreement":
        _disagreement(details, org, problems)
    if problems.errors or occurred is None:
        return problems.errors
    recorded_at = None
    if recorded is not None:
        recorded_at = recorded[1] or dt.datetime.combine(recorded[0], dt.time(), tzinfo=london)
    return EventSubmission(
        record_id=str(payload["record_id"]),
        org=org,
        type=str(payload["type"]),
        occurred=Occurrence(
            on=occurred[0], at=occurred[1], approximate=bool(payload.get("date_is_approximate", False))
        ),
        recorded_at=recorded_at,
        author_role=str(payload.get("author_role", "")),
        status=str(payload.get("status", "active")),
        subject=subject,
        people=people,
        summary=str(payload.get("summary", "")),
        safeguarding_relevant=bool(payload.get("safeguarding_relevant", False)),
        sensitivity=str(payload.get("sensitivity", "standard")),
        ref=_ref(payload.get("ref"), org),
        details=details,
        payload=payload,
        content_hash=content_hash(payload),
    )


def parse_line(line: str, *, today: dt.date, london: dt.tzinfo) -> EventSubmission | list[FieldError]:
    """One line of a feed file."""
    try:
        payload = json.loads(line)
    except json.JSONDecodeError as error:
        return [FieldError("line", f"is not valid JSON: {error.msg} at character {error.pos + 1}")]
    return parse_event(payload, today=today, london=london)
