"""Writes Northbridge into the database the way a real area's data arrives.

The area's organisations come through the organisations import, its staff through
the user and membership services, and every child's history through the agency
event feed (`feed_import`), exactly as agencies' own systems send it: the children,
their families and households, and the organisations involved with them are all
built by the one write path. Everything is audited as the operator running it.

Progress goes to the stream given (stderr for the command): counts and rates only,
never a name or an identifier.
"""

import csv
import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from django.db import transaction

from macpu.access.models import User
from macpu.access.selectors import actor_for_user
from macpu.access.services import membership_start, user_create
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.events.services.importing import ImportSummary, Progress, feed_import
from macpu.gaps.services import gaps_run
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.services import macp_member_add, macp_team_create
from macpu.organisations.models import Area, Organisation
from macpu.organisations.rules.import_rows import OrganisationRow, header_errors, validate_rows
from macpu.organisations.selectors import organisation_codes
from macpu.organisations.services import area_create, organisation_contacts_update, organisations_import
from macpu.practice.services import glossary_load, profile_publish
from macpu.synthetic import area, staff
from macpu.synthetic.feed import generate_feed
from macpu.synthetic.population import Population
from macpu.synthetic.practice_profiles import demo_profiles as demo_practice_profiles

DEMO_PASSWORD = staff.DEMO_PASSWORD
FEED_SOURCE = "northbridge-demo.jsonl"
_PROGRESS_EVERY_SECONDS = 2.0


class ProgressStream(Protocol):
    """Where progress lines go: a text stream, or a management command's stderr."""

    def write(self, text: str, /) -> object: ...


class DemoAlreadyLoaded(Exception):
    """The database already holds Northbridge; loading it twice would duplicate every child."""


@dataclass
class LoadSummary:
    organisations: int = 0
    users: int = 0
    feed: ImportSummary = field(default_factory=ImportSummary)
    findings: int = 0
    seconds: float = 0.0


@dataclass
class LoadedArea:
    """What the load has written so far, by the area's own keys."""

    actor: Actor
    organisations: dict[str, Organisation]
    users: dict[str, User] = field(default_factory=dict)


def demo_area_exists() -> bool:
    return Area.objects.filter(la_code=area.NORTHBRIDGE_LA_CODE).exists()


# ---------------------------------------------------------------------------
# The area, its organisations and staff


def area_organisation_rows() -> list[OrganisationRow]:
    """The area's organisations, read and checked exactly as `macpu orgs import` reads a file."""
    reader = csv.DictReader(io.StringIO(area.organisations_csv()))
    errors = header_errors(reader.fieldnames)
    rows, errors = validate_rows([(reader.line_num, row) for row in reader], existing_codes=organisation_codes())
    if errors:
        raise ValueError("the demo's organisations file is invalid: " + "; ".join(str(error) for error in errors))
    return rows


def _load_area(actor: Actor) -> dict[str, Organisation]:
    area_create(
        actor=actor, name=area.AREA_NAME, la_code=area.NORTHBRIDGE_LA_CODE, partnership_name=area.PARTNERSHIP_NAME
    )
    organisations_import(actor=actor, rows=area_organisation_rows(), source_name=area.IMPORT_FILE_NAME)
    by_code = {
        organisation.code: organisation
        for organisation in Organisation.objects.filter(code__in=[o.code for o in area.ORGANISATIONS])
    }
    for listed in area.ORGANISATIONS:
        if listed.office_hours_phone or listed.out_of_hours_phone:
            organisation = by_code[listed.code]
            organisation_contacts_update(
                actor=actor,
                organisation=organisation,
                expected_version=organisation.version,
                office_hours_phone=listed.office_hours_phone,
                out_of_hours_phone=listed.out_of_hours_phone,
            )
    return by_code


def _load_staff(context: LoadedArea, start_date: dt.date) -> None:
    joined = start_date - dt.timedelta(days=3 * 365)
    for member in staff.STAFF:
        user = user_create(
            actor=context.actor,
            username=member.username,
            first_name=member.first_name,
            last_name=member.last_name,
            email=f"{member.username}@northbridge.example",
            password=DEMO_PASSWORD,
        )
        organisation_id = context.organisations[member.organisation_code].id
        membership_start(
            actor=context.actor,
            user=user,
            organisation_id=organisation_id,
            role=member.role,
            starts_on=joined,
            job_title=member.job_title,
        )
        context.users[member.username] = user


# The area's multi-agency child protection team (CA 2004 s.16EA): demo staff in each of the four statutory
# places, nominated by the right body, and one other member the local authority chose.
MACPU_TEAM_NAME = "Northbridge Multi-Agency Child Protection Team"
_MACPU_TEAM = (
    ("dsl.dev", Place.EDUCATION, NominatingBody.LOCAL_AUTHORITY),
    ("sw.jo", Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY),
    ("hv.helen", Place.HEALTH, NominatingBody.INTEGRATED_CARE_BOARD),
    ("police.chen", Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE),
    ("macpu.morgan", Place.OTHER, NominatingBody.LOCAL_AUTHORITY),
)


def _load_macpu_team(context: LoadedArea, start_date: dt.date) -> None:
    established = start_date - dt.timedelta(days=365)
    northbridge = Area.objects.get(la_code=area.NORTHBRIDGE_LA_CODE)
    team = macp_team_create(actor=context.actor, area=northbridge, name=MACPU_TEAM_NAME, established_on=established)
    by_username = {member.username: member for member in staff.NAMED_STAFF}
    for username, place, nominated_by in _MACPU_TEAM:
        member = by_username[username]
        macp_member_add(
            actor=context.actor,
            team=team,
            name=f"{member.first_name} {member.last_name}",
            role=member.job_title,
            organisation_id=context.organisations[member.organisation_code].id,
            membership=place.value,
            nominated_by=nominated_by.value,
            joined_on=established,
        )


def _load_practice_profiles(context: LoadedArea) -> None:
    """The shared glossary, and five organisations' practice profiles, each published by the organisation's own
    safeguarding lead where the demo has one (by the operator setting it up otherwise)."""
    glossary_load(actor=context.actor)
    for demo in demo_practice_profiles():
        username = staff.safeguarding_lead_username(demo.organisation_code)
        user = context.users.get(username) if username else None
        publisher = (actor_for_user(user=user, membership_id=None) if user else None) or context.actor
        profile_publish(
            actor=publisher,
            organisation=context.organisations[demo.organisation_code],
            expected_version=0,
            content=demo.content,
            effective_from=clock.today(),
            change_note=demo.change_note,
        )


def demo_area_load(*, actor: Actor, start_date: dt.date) -> LoadedArea:
    """Northbridge, its organisations, staff and MACPU team, without any child (the gap scenarios start here)."""
    context = LoadedArea(actor=actor, organisations=_load_area(actor))
    _load_staff(context, start_date)
    _load_macpu_team(context, start_date)
    _load_practice_profiles(context)
    return context


# ---------------------------------------------------------------------------
# The children's histories, through the event feed


class _Progress:
    """Lines, rate and time left, at most every two seconds: never a name or an identifier."""

    def __init__(self, stream: ProgressStream | None) -> None:
        self.stream = stream
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        done = progress.total is not None and progress.done >= progress.total
        if self.stream is None or (now - self.last < _PROGRESS_EVERY_SECONDS and not done):
            return
        self.last = now
        left = f"  about {progress.seconds_left:,.0f} s left" if progress.seconds_left is not None else ""
        total = f"/{progress.total:,}" if progress.total is not None else ""
        self.stream.write(f"  events {progress.done:,}{total}  {progress.rate:,.0f}/s{left}\n")


def _feed_lines(population: Population, seed: int) -> Iterator[tuple[int, str]]:
    events = generate_feed(population, seed=seed, as_of=population.start_date)
    for number, event in enumerate(events, start=1):
        yield number, json.dumps(event, ensure_ascii=False, separators=(",", ":"))


def demo_load(*, population: Population, seed: int, progress: ProgressStream | None = None) -> LoadSummary:
    """Load Northbridge and its staff, then every child's history through the feed; refuse if Northbridge is there."""
    started = time.monotonic()
    actor = Actor.current_operator()
    summary = LoadSummary()
    with transaction.atomic():
        if demo_area_exists():
            raise DemoAlreadyLoaded(f"{area.AREA_NAME} is already loaded")
        context = demo_area_load(actor=actor, start_date=population.start_date)
    summary.organisations, summary.users = len(context.organisations), len(context.users)
    total = sum(1 for _ in generate_feed(population, seed=seed, as_of=population.start_date))
    summary.feed = feed_import(
        actor=actor, lines=_feed_lines(population, seed), source=FEED_SOURCE, total=total, progress=_Progress(progress)
    )
    # The gap rules over the whole area, as the nightly run would: the people told find notices in their tasks.
    summary.findings = gaps_run(actor=actor).open
    summary.seconds = time.monotonic() - started
    with transaction.atomic():
        trail.record(
            actor=actor,
            action=AuditAction.DEMO_LOADED,
            details={"seed": seed, "start_date": population.start_date.isoformat(), **summary.feed.as_dict()},
        )
    return summary
