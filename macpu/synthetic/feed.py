"""The Northbridge agencies' event feed for a generated population. Pure: no Django, no database, no clock.

`generate_feed(population, seed=..., as_of=...)` yields event dicts in the public
feed format (docs/feed.md, schema macpu/events/schema/feed-v1.json): about two
years of every child's multi-agency history before `as_of`, roughly in the order
the agencies recorded it. Every event passes `parse_event(event, today=as_of, ...)`.
The same population, seed and `as_of` always give the same events in the same order.

What every child gets
    GP registration and GP appointments (immunisations for babies); health
    visiting for under-5s; school roll, half-termly attendance and the occasional
    low-level concern for pupils; now and then an emergency department visit or a
    hospital outpatient appointment; household changes when the population says an
    adult joined or left; address changes when the household moved. An unborn
    child gets a midwifery booking and antenatal appointments, with the mother as
    its subject. The first event delivered about a child carries the full subject
    and the people around the child; later ones carry a shorter subject.

Families known to children's social care (`Family.known_to_childrens_social_care`)
get a statutory pathway. The k-th known family (in population order) follows
`KNOWN_PATHWAYS[k % 8]`, and each pathway plants gap-rule patterns (brief, section 6):

    PROTECTION_PLAN      strategy discussion, s47, ICPC, CP plan, core groups, visits, reviews.
                         T1: a was-not-brought hospital appointment while on the plan.
                         T7: a safeguarding-relevant ED attendance during the plan, never shared;
                         near miss: a school concern during the plan shared the same day.
    HIDDEN_ADULT         assessment and child in need plan. T2: an adult recorded by health or
                         housing as joining the household, absent from every social care record's
                         people, with no checks; the police hold a violence history on him (T8 data).
    INCOMPLETE_STRATEGY  police referral of an assault. T6: the strategy discussion has no health
                         attendee and the school on roll was not invited. T9: the professional
                         referrer's feedback comes 5 working days late. T11: the s47 ends with no
                         visit recorded at all.
    NO_STRATEGY          ED referral of an injury routed to assessment with no strategy discussion,
                         no rationale, no manager review (T5). T8: police hold a domestic abuse history
                         on a parent, no checks, the assessment ends NFA. T15: the case is closed,
                         without manager sign-off, 10 days after a school concern.
    REPEAT_REFERRALS     T3: two non-professional referrals within 6 months each closed NFA, and an
                         anonymous one marked malicious without manager review. T4: four contacts in
                         12 months ending NFA or signposted, then a re-referral within 30 days of a
                         closure. Near miss T5: an injury routed to assessment with a manager's rationale.
    MOVED_AWAY           CP plan (neglect). T14: two consecutive no-access visits within 30 days.
                         T10: a school's disagreement escalated and left unresolved. T13: address change
                         to another local authority and removal from the school roll with no known
                         destination while the plan is open, and a CP-IS access.
    CHILD_IN_NEED        assessment, CIN plan, ended and closed with sign-off. Near misses: T14 (two
                         no-access visits 40 days apart), T10 (disagreement resolved in 3 working days),
                         T15 (closure 45 days after the last other-agency concern).
    DOMESTIC_ABUSE       police DA incident with the child present (restricted), police and MACPU
                         information sharing, strategy discussion with every agency, s47, CP plan,
                         probation supervision of the perpetrator, domestic abuse service for the mother.
                         Near misses: T8 and T2 (history and checks recorded, the adult in social
                         care's household composition). An unborn sibling gets an unborn CP plan.

Some other families (family index % 12 == 5, not known to social care) follow
`LOW_LEVEL_PATTERNS[j % 5]` for the j-th of them:

    CUMULATIVE_HARM            T12: falling attendance, two ED visits, a police call-out, a housing
                               concern and a was-not-brought, no single agency over its threshold.
    MISSED_APPOINTMENTS        T1: two was-not-brought appointments within 90 days (not on a plan, over 1);
                               near miss: two carer cancellations within 90 days.
    COMMUNITY_REFERRALS_APART  near miss T3: a family and a neighbour referral 7 months apart, both NFA.
    CONTACTS_BELOW_THRESHOLD   near miss T4: two professional contacts in 12 months, signposted and NFA.
    MOVED_OUT_OF_AREA          near miss T13: moved to another LA with no plan, destination known;
                               near miss T1: two was-not-brought appointments 120 days apart.

And across all children, by their index in `population.children` (`number`):

    number % 15 == 2, babies in the window: T1, a missed 8-week immunisation under 1 year old.
    number % 25 == 3, aged 2 or more: near miss T1, a single was-not-brought appointment.
    first child of families with index % 25 == 9: T16, an ED attendance with a spelling variant of
        the given name, the day and month of birth swapped (where that makes a date) and no NHS number.
    number % 40 == 7: a GP appointment re-sent three days later with an amended summary (updated).
    number % 120 == 13: a was-not-brought recorded in error and retracted five days later (retracted).

Streaming: the plan of each child is regenerated from its own seed for each two-month
delivery window, and only that window's events are sorted and rendered, so memory
stays near the population's own size.

"""

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from faker import Faker

from macpu.synthetic import area, staff
from macpu.synthetic.population import AddressSpell, Adult, Child, Family, Kinship, Population, Tie, school_year_group

LONDON = ZoneInfo("Europe/London")
HISTORY_DAYS = 730  # the feed covers about two years before `as_of`
DELIVERY_WINDOW_DAYS = 122  # events are sorted within windows of this length: memory against speed
OTHER_LA_CODE = "874"  # where families who leave Northbridge go; its postcodes are in the unused SB area
_OTHER_LA_POSTCODES = ("SB3 2QT", "SB7 4LD", "SB1 9HU", "SB5 6NW")
_ID_SLOTS = 100  # record-id serials reserved per child and id pattern, so ids never collide across children
_ID_BASE = 10_000
_LOW_LEVEL_FAMILY_EVERY = 12
_LOW_LEVEL_FAMILY_AT = 5
_DAY = dt.timedelta(days=1)

Event = dict[str, Any]


class KnownPathway(StrEnum):
    PROTECTION_PLAN = "protection_plan"
    HIDDEN_ADULT = "hidden_adult"
    INCOMPLETE_STRATEGY = "incomplete_strategy"
    NO_STRATEGY = "no_strategy"
    REPEAT_REFERRALS = "repeat_referrals"
    MOVED_AWAY = "moved_away"
    CHILD_IN_NEED = "child_in_need"
    DOMESTIC_ABUSE = "domestic_abuse"


class LowLevelPattern(StrEnum):
    CUMULATIVE_HARM = "cumulative_harm"
    MISSED_APPOINTMENTS = "missed_appointments"
    COMMUNITY_REFERRALS_APART = "community_referrals_apart"
    CONTACTS_BELOW_THRESHOLD = "contacts_below_threshold"
    MOVED_OUT_OF_AREA = "moved_out_of_area"


KNOWN_PATHWAYS: tuple[KnownPathway, ...] = tuple(KnownPathway)
LOW_LEVEL_PATTERNS: tuple[LowLevelPattern, ...] = tuple(LowLevelPattern)
FamilyPattern = KnownPathway | LowLevelPattern


def family_patterns(population: Population) -> dict[str, FamilyPattern]:
    """The pattern each family's events follow, by family local_id (families with none are left out)."""
    patterns: dict[str, FamilyPattern] = {}
    known = low_level = 0
    for index, family in enumerate(population.families):
        if family.known_to_childrens_social_care:
            patterns[family.local_id] = KNOWN_PATHWAYS[known % len(KNOWN_PATHWAYS)]
            known += 1
        elif index % _LOW_LEVEL_FAMILY_EVERY == _LOW_LEVEL_FAMILY_AT:
            patterns[family.local_id] = LOW_LEVEL_PATTERNS[low_level % len(LOW_LEVEL_PATTERNS)]
            low_level += 1
    return patterns


# ---------------------------------------------------------------------------
# Dates and times


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _day_of(moment: dt.date) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _iso(moment: dt.date) -> str:
    return moment.isoformat(timespec="seconds") if isinstance(moment, dt.datetime) else moment.isoformat()


def _working_days_after(day: dt.date, count: int) -> dt.date:
    """`count` weekdays after `day` (bank holidays ignored: the demo needs plausibility, not the calendar)."""
    while day.weekday() >= 5:
        day += _DAY
    while count > 0:
        day += _DAY
        if day.weekday() < 5:
            count -= 1
    return day


def _half_terms(year: int) -> tuple[tuple[int, dt.date, dt.date], ...]:
    """England's six half-terms of the school year starting in September `year`, approximately."""
    spring = year + 1
    return (
        (1, dt.date(year, 9, 3), dt.date(year, 10, 23)),
        (2, dt.date(year, 11, 3), dt.date(year, 12, 19)),
        (3, dt.date(spring, 1, 6), dt.date(spring, 2, 13)),
        (4, dt.date(spring, 2, 23), dt.date(spring, 3, 27)),
        (5, dt.date(spring, 4, 13), dt.date(spring, 5, 22)),
        (6, dt.date(spring, 6, 1), dt.date(spring, 7, 21)),
    )


# ---------------------------------------------------------------------------
# The world the generator reads, indexed once


@dataclass(frozen=True)
class _Window:
    seed: int
    as_of: dt.date
    start: dt.date

    @property
    def extract_time(self) -> dt.datetime:
        """When records made before the window reach the feed: the first night's extract."""
        return _at(self.start, 2)


class _World:
    """The population indexed by id, the families' patterns, and a Faker for adults no agency has named before."""

    def __init__(self, population: Population, window: _Window) -> None:
        self.population = population
        self.window = window
        self.adults: dict[str, Adult] = {adult.local_id: adult for adult in population.adults}
        self.children: dict[str, Child] = {child.local_id: child for child in population.children}
        self.families: dict[str, Family] = {family.local_id: family for family in population.families}
        self.family_index: dict[str, int] = {f.local_id: i for i, f in enumerate(population.families)}
        self.ties: dict[str, list[Tie]] = {}
        for tie in population.ties:
            self.ties.setdefault(tie.child_id, []).append(tie)
        self.patterns = family_patterns(population)
        known_ids = [f.local_id for f in population.families if f.known_to_childrens_social_care]
        self.known_ordinal = {family_id: i for i, family_id in enumerate(known_ids)}
        self.first_child_of_family = {f.local_id: f.child_ids[0] for f in population.families if f.child_ids}
        self.faker = Faker("en_GB")

    def invented_adult(self, seed: int, role: str, day: dt.date) -> Event:
        """A man the population does not know: the 'invisible' adult only one agency has met."""
        self.faker.seed_instance(seed)
        born = day - dt.timedelta(days=self.faker.random_int(22 * 365, 45 * 365))
        return {
            "given_name": self.faker.first_name_male(),
            "family_name": self.faker.last_name(),
            "date_of_birth": born.isoformat(),
            "role": role,
        }


_STAFF_NAMES = {member.username: f"{member.first_name} {member.last_name}" for member in staff.STAFF}
LEAD_PRACTITIONERS: tuple[str, ...] = tuple(_STAFF_NAMES[username] for username in staff.SOCIAL_WORKERS)

_ROLE_OF_KINSHIP = {
    Kinship.MOTHER: "mother",
    Kinship.FATHER: "father",
    Kinship.STEP_PARENT: "parent_partner",
    Kinship.PARENT_PARTNER: "parent_partner",
    Kinship.SIBLING: "sibling",
    Kinship.HALF_SIBLING: "sibling",
    Kinship.GRANDPARENT: "relative",
}
_CARER_KINSHIPS = {Kinship.MOTHER, Kinship.FATHER, Kinship.STEP_PARENT, Kinship.PARENT_PARTNER, Kinship.GRANDPARENT}


def _postcode_on(spells: tuple[AddressSpell, ...], day: dt.date) -> str:
    """The postcode of the address spell the day falls in (the first one for days before it)."""
    if not spells:
        return ""
    current = spells[0]
    for spell in spells:
        if spell.moved_in <= day:
            current = spell
    return current.postcode


def _adult_person(adult: Adult, role: str, day: dt.date) -> Event:
    person: Event = {
        "given_name": adult.given_name,
        "family_name": adult.family_name,
        "date_of_birth": adult.date_of_birth.isoformat(),
    }
    if adult.nhs_number:
        person["nhs_number"] = adult.nhs_number
    postcode = _postcode_on(adult.addresses, day)
    if postcode:
        person["postcode"] = postcode
    person["role"] = role
    return person


def _child_person(child: Child, role: str, day: dt.date) -> Event:
    person: Event = {"given_name": child.given_name, "family_name": child.family_name}
    if child.date_of_birth is not None:
        person["date_of_birth"] = child.date_of_birth.isoformat()
    if child.nhs_number:
        person["nhs_number"] = child.nhs_number
    postcode = _postcode_on(child.addresses, day)
    if postcode:
        person["postcode"] = postcode
    person["role"] = role
    return person


# ---------------------------------------------------------------------------
# One child's planned events: compact, rendered to dicts only when their window is sent


@dataclass(frozen=True, slots=True)
class _Planned:
    delivered: dt.datetime  # when the event reaches the feed: the order of the output
    number: int  # the child's index in population.children
    sequence: int  # the order the child's plan made it in: ties broken deterministically
    kind: str
    org: str
    record_id: str
    occurred: dt.date
    recorded: dt.datetime | None
    details: Event | None
    author_role: str = ""
    summary: str = ""
    people: tuple[Event, ...] = ()
    ref: str | tuple[str, str] | None = None
    sensitivity: str = "standard"
    safeguarding_relevant: bool = False
    status: str = "active"
    approximate: bool = False
    variant_subject: Event | None = None  # a misspelt subject from another agency (the T16 pattern)


class _Timeline:
    """Collects one child's planned events, with record ids unique within each organisation."""

    def __init__(self, world: _World, child: Child, number: int) -> None:
        self.world = world
        self.window = world.window
        self.child = child
        self.number = number
        self.family = world.families[child.family_id]
        self.rng = random.Random(f"{world.window.seed}/{child.local_id}")  # noqa: S311  # reproducible synthetic data
        self.events: list[_Planned] = []
        self._serials: Counter[str] = Counter()

    # -- facts about the child -------------------------------------------------

    @property
    def born(self) -> dt.date | None:
        return self.child.date_of_birth

    def age_on(self, day: dt.date) -> int:
        return self.child.age_on(day) or 0

    def school_on(self, day: dt.date) -> str | None:
        """The school or college the child attends on the day, from the population's current roll."""
        if self.born is None or self.child.school_code is None:
            return None
        year_group = school_year_group(self.born, day)
        if year_group < 0:
            return None
        current = self.child.school_code
        current_phase = _phase_of(current)
        if current_phase == "secondary" and year_group <= 6:
            return self._family_choice(area.schools_in_phase(area.SchoolPhase.PRIMARY)).urn
        if current == area.COLLEGE_CODE and year_group <= 11:
            return self._family_choice(area.schools_in_phase(area.SchoolPhase.SECONDARY)).urn
        return current

    def _family_choice(self, schools: tuple[area.School, ...]) -> area.School:
        """The family's former school: deterministic by family, so siblings share it."""
        return schools[self.world.family_index[self.family.local_id] % len(schools)]

    def under_five_on(self, day: dt.date) -> bool:
        return self.born is not None and self.age_on(day) < 5

    def health_visitor_or_school(self, day: dt.date) -> str:
        """Who sees the child most: the health visitor for under-5s, else the school, else the GP."""
        if self.under_five_on(day):
            return area.HEALTH_VISITING_CODE
        return self.school_on(day) or self.gp

    @property
    def gp(self) -> str:
        return self.child.gp_practice_code or area.GP_PRACTICE_CODES[0]

    def carers_on(self, day: dt.date) -> list[tuple[Adult, str]]:
        """The adults living with the child on the day, with their role to the child."""
        return [
            (self.world.adults[tie.relative_id], _ROLE_OF_KINSHIP[tie.kinship])
            for tie in self.world.ties.get(self.child.local_id, ())
            if tie.kinship in _CARER_KINSHIPS and tie.lives_with and _tie_valid(tie, day)
        ]

    def relative(self, kinship: Kinship) -> Adult | None:
        tie = next((t for t in self.world.ties.get(self.child.local_id, ()) if t.kinship == kinship), None)
        return self.world.adults[tie.relative_id] if tie else None

    # -- adding events --------------------------------------------------------

    def record_id(self, pattern: str, on: dt.date) -> str:
        """`pattern` with {n} (a serial unique to this child and pattern), {year} and {yy} filled in."""
        used = self._serials[pattern]
        if used >= _ID_SLOTS:
            raise ValueError(f"more than {_ID_SLOTS} events of one kind for one child: {pattern}")
        self._serials[pattern] += 1
        serial = _ID_BASE + self.number * _ID_SLOTS + used
        if "{date}" in pattern:
            return pattern.format(n=serial, date=on.strftime("%Y%m%d"))
        return pattern.format(n=serial, year=on.year, yy=f"{on.year % 100:02d}")

    def recorded_after(self, occurred: dt.date, *, max_minutes: int = 240) -> dt.datetime:
        if isinstance(occurred, dt.datetime):
            return occurred + dt.timedelta(minutes=self.rng.randint(5, max_minutes))
        return _at(occurred, self.rng.randint(9, 17), self.rng.randrange(60)) + self.rng.choice((0, 0, 1)) * _DAY

    def add(
        self,
        kind: str,
        org: str,
        id_pattern: str,
        occurred: dt.date,
        details: Event | None = None,
        *,
        recorded: dt.datetime | None = None,
        **extra: Any,
    ) -> str:
        """Plan one event; returns its record id (even when it falls outside the window, for refs)."""
        day = _day_of(occurred)
        record_id = self.record_id(id_pattern, day)
        recorded = recorded or self.recorded_after(occurred)
        delivered = max(recorded, self.window.extract_time)
        too_early = self.born is not None and day < self.born and not extra.get("variant_subject")
        if day > self.window.as_of or delivered.date() > self.window.as_of or too_early:
            return record_id
        self.events.append(
            _Planned(
                delivered=delivered,
                number=self.number,
                sequence=len(self.events),
                kind=kind,
                org=org,
                record_id=record_id,
                occurred=occurred,
                recorded=recorded,
                details=details,
                **extra,
            )
        )
        return record_id

    def appointment(
        self, org: str, id_pattern: str, when: dt.datetime, service: str, outcome: str, summary: str = ""
    ) -> str:
        return self.add(
            "health_appointment",
            org,
            id_pattern,
            when,
            {"service": service, "outcome": outcome},
            summary=summary,
            safeguarding_relevant=outcome == "was_not_brought",
        )

    def weekday_time(self, day: dt.date, first_hour: int = 9, last_hour: int = 16) -> dt.datetime:
        while day.weekday() >= 5:
            day += _DAY
        return _at(day, self.rng.randint(first_hour, last_hour), self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))

    def any_time(self, day: dt.date) -> dt.datetime:
        return _at(day, self.rng.randrange(24), self.rng.randrange(60))

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))


def _tie_valid(tie: Tie, day: dt.date) -> bool:
    return (tie.valid_from is None or tie.valid_from <= day) and (tie.valid_to is None or day <= tie.valid_to)


_PHASE_OF_SCHOOL = {school.urn: school.phase.value for school in area.SCHOOLS}


def _phase_of(code: str) -> str:
    return _PHASE_OF_SCHOOL.get(code, "college")


# ---------------------------------------------------------------------------
# Universal services


def _plan_gp(t: _Timeline) -> None:
    """Registration at the practice, then a few appointments over the two years."""
    born = t.born
    if born is None:
        return
    registered = born + dt.timedelta(days=t.rng.randint(10, 35))
    t.add(
        "service_involvement",
        t.gp,
        "REG-{n}",
        registered,
        {"service": "gp_registration", "change": "started"},
        author_role="practice administrator",
    )
    first = max(t.window.start, born + dt.timedelta(days=40))
    for _ in range(t.rng.randint(2, 5)):
        day = t.day_between(first, t.window.as_of)
        outcome = "cancelled_by_carer" if t.rng.random() < 0.06 else "attended"
        reason = t.rng.choice(("Cough and fever.", "Ear pain.", "Rash.", "Asthma review.", "Sore throat."))
        t.appointment(t.gp, "APT-{n}", t.weekday_time(day, 8, 17), "general_practice", outcome, reason)
    if t.window.start <= born + dt.timedelta(days=56):
        t.appointment(
            t.gp,
            "APT-{n}",
            t.weekday_time(born + dt.timedelta(days=60)),
            "immunisation",
            "attended",
            "8-week vaccinations.",
        )


def _plan_health_visiting(t: _Timeline) -> None:
    """The health visiting service's mandated contacts for children under five during the window."""
    born = t.born
    if born is None or not (t.under_five_on(t.window.start) or t.under_five_on(t.window.as_of)):
        return
    t.add(
        "service_involvement",
        area.HEALTH_VISITING_CODE,
        "HV-SI-{n}",
        born + dt.timedelta(days=10),
        {"service": "health_visiting", "change": "started"},
        author_role="health visitor",
    )
    contacts = ((12, "New birth visit."), (49, "6-8 week review."), (365, "1-year review."), (760, "2-2½ year review."))
    for age_days, summary in contacts:
        day = born + dt.timedelta(days=age_days + t.rng.randint(0, 20))
        if t.window.start <= day:
            t.add(
                "visit",
                area.HEALTH_VISITING_CODE,
                "HV-VIS-{n}",
                t.weekday_time(day),
                {"outcome": "seen"},
                author_role="health visitor",
                summary=summary,
            )
    ended = born + dt.timedelta(days=5 * 365 + 30)
    if t.window.start <= ended <= t.window.as_of:
        t.add(
            "service_involvement",
            area.HEALTH_VISITING_CODE,
            "HV-SI-{n}",
            ended,
            {"service": "health_visiting", "change": "ended"},
        )


def _attendance(t: _Timeline, low: bool) -> tuple[float, int]:
    if low:
        percent = round(t.rng.uniform(78, 88), 1)
        return percent, t.rng.randint(3, 9)
    percent = round(min(100.0, t.rng.gauss(95.5, 3)), 1)
    return max(percent, 70.0), 0 if percent > 93 else t.rng.randint(0, 2)


def _plan_schooling(t: _Timeline, *, low_attendance_from: dt.date | None = None) -> None:
    """Roll changes and half-termly attendance at whichever school the child attended at the time."""
    if t.born is None or t.child.school_code is None:
        return
    previous: str | None = None
    first_year = t.window.start.year if t.window.start.month >= 9 else t.window.start.year - 1
    for year in range(first_year, t.window.as_of.year + 1):
        for half_term, first, last in _half_terms(year):
            school = t.school_on(first)
            if school is None or last > t.window.as_of:
                continue
            if previous is None:
                _plan_roll_change(t, None, school, _joined_on(t.born, school, first))
            elif school != previous:
                _plan_roll_change(t, previous, school, first)
            previous = school
            if first < t.window.start:
                continue
            low = low_attendance_from is not None and first >= low_attendance_from
            percent, absences = _attendance(t, low)
            t.add(
                "school_attendance",
                school,
                "ATT-{year}-HT" + str(half_term) + "-{n}",
                last,
                {
                    "period_start": first.isoformat(),
                    "period_end": last.isoformat(),
                    "attendance_percent": percent,
                    "unexplained_absences": absences,
                },
                recorded=_at(last + dt.timedelta(days=3), 16),
                author_role="attendance officer",
            )


def _joined_on(born: dt.date, school: str, day: dt.date) -> dt.date:
    """The September the child started at the school: Reception, Year 7 or Year 12, as the phase has it."""
    phase = _phase_of(school)
    entry_year_group = {"primary": 0, "special": 0, "secondary": 7, "college": 12}[phase]
    year_group = school_year_group(born, day)
    started = (day.year if day.month >= 9 else day.year - 1) - max(0, year_group - entry_year_group)
    return dt.date(started, 9, 3)


def _plan_school_nursing(t: _Timeline) -> None:
    """The school nursing service: the autumn flu immunisation for primary pupils, health checks in Reception and Year 6."""
    born = t.born
    if born is None:
        return
    for year in range(t.window.start.year, t.window.as_of.year + 1):
        autumn = dt.date(year, 10, 1) + dt.timedelta(days=t.rng.randint(0, 45))
        if not t.window.start <= autumn <= t.window.as_of or t.school_on(autumn) is None:
            continue
        year_group = school_year_group(born, autumn)
        if 0 <= year_group <= 6:
            outcome = "attended" if t.rng.random() < 0.92 else "cancelled_by_carer"
            t.appointment(area.SCHOOL_NURSING_CODE, "SN-{n}", t.weekday_time(autumn), "immunisation", outcome)
        if year_group in (0, 6):
            summer = t.weekday_time(dt.date(year + 1, 5, 1) + dt.timedelta(days=t.rng.randint(0, 30)))
            t.appointment(
                area.SCHOOL_NURSING_CODE, "SN-{n}", summer, "school_nursing", "attended", "Height and weight check."
            )


def _plan_roll_change(t: _Timeline, left: str | None, joined: str, day: dt.date) -> None:
    if left is not None:
        t.add(
            "school_roll",
            left,
            "ROLL-{n}",
            day - dt.timedelta(days=40),
            {"change": "left", "destination_known": True},
            summary="Moved on to the next phase of education.",
        )
    t.add("school_roll", joined, "ROLL-{n}", day, {"change": "joined"}, author_role="school administrator")


def _plan_occasional_care(t: _Timeline) -> None:
    """Some children go to the emergency department, some see a hospital specialist, a few worry school staff."""
    born = t.born
    if born is None:
        return
    first = max(t.window.start, born + dt.timedelta(days=30))
    if t.rng.random() < 0.3:
        injury = t.rng.random() < 0.5
        t.add(
            "unscheduled_care",
            area.EMERGENCY_DEPARTMENT_CODE,
            "RNB-ED-{year}-{n}",
            t.any_time(t.day_between(first, t.window.as_of)),
            {
                "setting": t.rng.choice(("emergency_department", "emergency_department", "minor_injury_unit")),
                "injury": injury,
            },
            summary=t.rng.choice(("Fall from bike; wrist sprain.", "Cut to hand.")) if injury else "High temperature.",
        )
    if t.rng.random() < 0.15:
        service = t.rng.choice(("paediatrics", "audiology", "ent", "orthoptics"))
        t.appointment(
            area.HOSPITAL_TRUST_CODE,
            "RNB-OPA-{n}",
            t.weekday_time(t.day_between(first, t.window.as_of)),
            service,
            "attended",
        )
    school = t.school_on(t.window.as_of)
    if school and t.rng.random() < 0.04:
        t.add(
            "concern",
            school,
            "CPOMS-{year}-{n}",
            t.weekday_time(t.day_between(first, t.window.as_of), 9, 15),
            {"categories": ["other"], "injury": False, "referred": False},
            author_role="designated safeguarding lead",
            summary="Low mood in class; pastoral support offered.",
        )


def _plan_household_changes(t: _Timeline) -> None:
    """When the population says a carer joined or left, whoever sees the child most records it."""
    for tie in t.world.ties.get(t.child.local_id, ()):
        if tie.kinship not in _CARER_KINSHIPS or not tie.lives_with:
            continue
        adult = t.world.adults[tie.relative_id]
        role = _ROLE_OF_KINSHIP[tie.kinship]
        if tie.valid_from and tie.valid_from != t.born and t.window.start <= tie.valid_from:
            _household_change(t, adult, role, tie.valid_from, "joined")
        if tie.valid_to and t.window.start <= tie.valid_to:
            _household_change(t, adult, role, tie.valid_to + _DAY, "left")


def _household_change(t: _Timeline, adult: Adult, role: str, day: dt.date, change: str) -> None:
    heard = day + dt.timedelta(days=t.rng.randint(7, 40))  # agencies hear of it at the next contact
    org = t.health_visitor_or_school(heard)
    t.add(
        "household_change",
        org,
        "HH-{n}",
        day,
        {"change": change},
        people=(_adult_person(adult, role, day),),
        recorded=t.weekday_time(heard),
        approximate=True,
        summary="New adult living in the household." if change == "joined" else "Adult has moved out.",
    )


def _plan_moves(t: _Timeline) -> None:
    """The GP records each move to a new address in Northbridge."""
    for spell in t.child.addresses[1:]:
        if t.window.start <= spell.moved_in:
            t.add(
                "address_change",
                t.gp,
                "ADDR-{n}",
                spell.moved_in,
                {"postcode": spell.postcode, "la_code": area.NORTHBRIDGE_LA_CODE},
            )


def _plan_pregnancy(t: _Timeline) -> None:
    """An unborn child: a midwifery booking and antenatal appointments, about the mother."""
    expected = t.child.expected_date
    if expected is None:
        return
    booking = min(expected - dt.timedelta(days=200), t.window.as_of - dt.timedelta(days=3))
    t.add(
        "service_involvement",
        area.MIDWIFERY_CODE,
        "MAT-BOOK-{year}-{n}",
        booking,
        {"service": "midwifery", "change": "started"},
        author_role="community midwife",
    )
    for weeks in (4, 8, 12):
        day = booking + dt.timedelta(weeks=weeks)
        t.appointment(area.MIDWIFERY_CODE, "MAT-APT-{n}", t.weekday_time(day), "antenatal", "attended")


# ---------------------------------------------------------------------------
# Children's social care and the partners around a case


class _Case:
    """The statutory steps for one child; `rng` is the family's, so siblings share dates and decisions."""

    def __init__(self, t: _Timeline, rng: random.Random) -> None:
        self.t = t
        self.rng = rng
        ordinal = t.world.known_ordinal.get(t.family.local_id, t.world.family_index[t.family.local_id])
        self.lead = LEAD_PRACTITIONERS[ordinal % len(LEAD_PRACTITIONERS)]

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return _at(_working_days_after(day, 0), hour, minute)

    def household(self, day: dt.date, *, leave_out: str = "") -> tuple[Event, ...]:
        """Social care's household composition: the carers it knows about."""
        return tuple(
            _adult_person(adult, role, day) for adult, role in self.t.carers_on(day) if adult.local_id != leave_out
        )

    def referral(
        self,
        when: dt.datetime,
        referrer_type: str,
        categories: list[str],
        *,
        referrer_org: str = "",
        injury: bool = False,
        summary: str = "",
        recorded: dt.datetime | None = None,
        leave_out: str = "",
    ) -> str:
        details: Event = {"referrer_type": referrer_type}
        if referrer_org:
            details["referrer_org"] = referrer_org
        details |= {"categories": categories, "injury": injury}
        return self.t.add(
            "referral",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-REF-{n}",
            when,
            details,
            recorded=recorded,
            author_role="duty social worker",
            summary=summary,
            safeguarding_relevant=True,
            people=self.household(_day_of(when), leave_out=leave_out),
        )

    def decision(
        self,
        referral: str,
        when: dt.datetime,
        outcome: str,
        *,
        rationale: str = "",
        manager_reviewed: bool = True,
        malicious: bool = False,
    ) -> str:
        details: Event = {"outcome": outcome, "malicious": malicious, "manager_reviewed": manager_reviewed}
        if rationale:
            details["rationale"] = rationale
        return self.t.add(
            "referral_decision",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-DEC-{n}",
            when,
            details,
            ref=referral,
            author_role="team manager" if manager_reviewed else "duty social worker",
        )

    def feedback(self, referral: str, day: dt.date) -> None:
        self.t.add("referrer_feedback", area.CHILDRENS_SOCIAL_CARE_CODE, "LCS-FB-{n}", day, ref=referral)

    def contact(
        self, day: dt.date, referrer_type: str, categories: list[str], outcome: str, *, referrer_org: str = ""
    ) -> str:
        """A referral decided the same day; professionals are told the next working day."""
        referral = self.referral(self.at(day, 10, 5), referrer_type, categories, referrer_org=referrer_org)
        self.decision(referral, self.at(day, 15, 30), outcome, rationale="Threshold for statutory services not met.")
        if referrer_type == "professional":
            self.feedback(referral, _working_days_after(day, 1))
        return referral

    def allocate(self, day: dt.date, change: str = "allocated") -> None:
        self.t.add(
            "allocation",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-ALLOC-{n}",
            day,
            {"role": "lead_practitioner", "name": self.lead, "change": change},
        )

    def core_agencies(self, day: dt.date) -> list[tuple[str, str]]:
        """Who must join a strategy discussion about this child: social care, police, health, and education."""
        agencies = [
            (area.CHILDRENS_SOCIAL_CARE_CODE, "team manager"),
            (area.POLICE_CODE, "detective constable"),
            (self.t.gp, "GP"),
        ]
        if self.t.under_five_on(day):
            agencies.append((area.HEALTH_VISITING_CODE, "health visitor"))
        school = self.t.school_on(day)
        if school:
            agencies.append((school, "designated safeguarding lead"))
        return agencies

    def strategy(
        self,
        day: dt.date,
        *,
        attendees: list[tuple[str, str]] | None = None,
        invited: list[str] | None = None,
        distributed: bool = True,
    ) -> str:
        """A strategy discussion that agrees police checks by the next working day; the police do them, and the
        record goes to every agency invited the next working day (unless `distributed` is False)."""
        agencies = self.core_agencies(day)
        attendees = agencies if attendees is None else attendees
        invited = invited if invited is not None else [org for org, _ in agencies]
        checks_due = _working_days_after(day, 1)
        police_action = {
            "id": "police-checks",
            "action": "Police checks on the adults in the household",
            "org": area.POLICE_CODE,
            "due": checks_due.isoformat(),
        }
        strategy = self.t.add(
            "strategy_discussion",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-SD-{n}",
            self.at(day, 11),
            {
                "invited": invited,
                "attendees": [{"org": org, "role": role} for org, role in attendees],
                "chair_role": "team manager",
                "outcome": "section_47",
                "joint_investigation": True,
                "actions": [police_action],
            },
        )
        if area.POLICE_CODE in invited:
            self.t.add(
                "action_completed",
                area.POLICE_CODE,
                "NBP-ACT-{n}",
                checks_due,
                {"action_id": "police-checks"},
                ref=(area.CHILDRENS_SOCIAL_CARE_CODE, strategy),
            )
        self.answer_requests(day, strategy, invited)
        if distributed:
            self.t.add(
                "information_shared",
                area.CHILDRENS_SOCIAL_CARE_CODE,
                "LCS-SDREC-{n}",
                _working_days_after(day, 1),
                {"with": sorted(set(invited) - {area.CHILDRENS_SOCIAL_CARE_CODE}), "lawful_basis": "public_task"},
                ref=strategy,
            )
        return strategy

    def answer_requests(self, day: dt.date, strategy: str, invited: list[str]) -> None:
        """The agencies invited besides children's social care and the police are asked for what they hold on the
        day of the discussion, and answer 1 to 6 working days later (spread by the child's number, not drawn, so
        the rest of the child's feed is as before)."""
        asked = [org for org in invited if org not in (area.CHILDRENS_SOCIAL_CARE_CODE, area.POLICE_CODE)]
        for index, org in enumerate(asked):
            answered = _working_days_after(day, 1 + (self.t.number + index) % 6)
            self.t.add(
                "information_shared",
                org,
                "REQ-" + org + "-{n}",
                answered,
                {
                    "with": [area.CHILDRENS_SOCIAL_CARE_CODE],
                    "lawful_basis": "public_task",
                    "requested_on": day.isoformat(),
                },
                recorded=_at(answered, 16, 0),
                ref=(area.CHILDRENS_SOCIAL_CARE_CODE, strategy),
            )

    def section_47(self, strategy: str, day: dt.date, outcome: str) -> None:
        self.t.add(
            "section_47_outcome",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-S47-{n}",
            day,
            {"outcome": outcome},
            ref=strategy,
        )

    def assessment(self, day: dt.date, outcome: str) -> None:
        self.t.add("assessment_completed", area.CHILDRENS_SOCIAL_CARE_CODE, "LCS-ASM-{n}", day, {"outcome": outcome})

    def conference(self, day: dt.date, kind: str, plan: bool, category: str) -> None:
        """The conference, with the reports of the agencies taking part sent the working week before."""
        for org, role in self.core_agencies(day):
            if org != area.CHILDRENS_SOCIAL_CARE_CODE and not (kind == "review" and org == area.POLICE_CODE):
                self.t.add(
                    "conference_report", org, "RPT-{n}", day - dt.timedelta(days=5), {"kind": kind}, author_role=role
                )
        self.t.add(
            "conference",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-ICPC-{n}" if kind == "initial" else "LCS-RCPC-{n}",
            self.at(day, 13, 30),
            {
                "kind": kind,
                "plan": plan,
                "category": category,
                "invited": [org for org, _ in self.core_agencies(day)],
                "attendees": [
                    {"org": org, "role": role}
                    for org, role in self.core_agencies(day)
                    if not (kind == "review" and org == area.POLICE_CODE)
                ],
            },
            author_role="conference chair",
        )

    def plan(self, day: dt.date, plan_type: str) -> str:
        return self.t.add(
            "plan_started", area.CHILDRENS_SOCIAL_CARE_CODE, "LCS-PLAN-{n}", day, {"plan_type": plan_type}
        )

    def end_plan(self, plan: str, day: dt.date, plan_type: str) -> None:
        self.t.add(
            "plan_ended",
            area.CHILDRENS_SOCIAL_CARE_CODE,
            "LCS-PLANEND-{n}",
            day,
            {"plan_type": plan_type},
            ref=plan,
        )

    def core_groups(self, first: dt.date, last: dt.date) -> None:
        """The first within 10 working days of the ICPC, then every six weeks."""
        day = _working_days_after(first, 8)
        while day <= last:
            agencies = self.core_agencies(day)
            attendees = [{"org": org, "role": role} for org, role in agencies if org != area.POLICE_CODE]
            invited = [org for org, _ in agencies]  # the police are invited to every core group, and rarely come
            details = {"invited": invited, "attendees": attendees}
            self.t.add("core_group", area.CHILDRENS_SOCIAL_CARE_CODE, "LCS-CG-{n}", day, details)
            day = _working_days_after(day, 30)

    def visits(self, first: dt.date, last: dt.date, every_days: int, *, no_access: tuple[int, ...] = ()) -> None:
        """Home visits every `every_days`; the visits numbered in `no_access` find nobody in."""
        day, count = first, 0
        while day <= last:
            outcome = "no_access" if count in no_access else ("seen_alone" if self.t.age_on(day) >= 5 else "seen")
            details: Event = {"outcome": outcome}
            if outcome == "seen_alone":
                details["child_views"] = self.rng.choice(
                    ("Says things are calmer at home.", "Wants to see dad more.", "Likes school, worried about mum.")
                )
            self.t.add(
                "visit",
                area.CHILDRENS_SOCIAL_CARE_CODE,
                "LCS-VIS-{n}",
                self.at(day, 16),
                details,
                author_role="social worker",
            )
            day = _working_days_after(day + dt.timedelta(days=every_days), 0)
            count += 1

    def close(self, day: dt.date, *, sign_off: bool, reason: str, rationale: str = "") -> str:
        details: Event = {"reason": reason, "manager_sign_off": sign_off}
        if rationale:
            details["rationale"] = rationale
        return self.t.add("case_closed", area.CHILDRENS_SOCIAL_CARE_CODE, "LCS-CLOSE-{n}", day, details)

    def protection_plan(self, strategy_day: dt.date, category: str, *, until: dt.date, visits_every: int = 18) -> str:
        """s47, ICPC within 15 working days, plan, core groups, visits and review conferences until `until`."""
        icpc = _working_days_after(strategy_day, 13)
        self.conference(icpc, "initial", True, category)
        plan = self.plan(icpc, "child_protection")
        self.core_groups(icpc, until)
        self.visits(icpc + dt.timedelta(days=7), until, visits_every)
        review = icpc + dt.timedelta(days=85)
        while review <= until - dt.timedelta(days=30):  # the conference that ends the plan is the caller's
            self.conference(review, "review", True, category)
            review += dt.timedelta(days=170)
        return plan


def _case_rng(t: _Timeline) -> random.Random:
    return random.Random(f"{t.window.seed}/{t.family.local_id}/case")  # noqa: S311  # reproducible synthetic data


def _case_start(t: _Timeline, needs_days: int) -> dt.date | None:
    """When the case begins: the family's known_since, moved so the whole pattern fits in the window."""
    known = t.family.known_since or t.window.as_of - dt.timedelta(days=needs_days)
    latest = t.window.as_of - dt.timedelta(days=needs_days)
    day = _working_days_after(max(min(known, latest), t.window.start + dt.timedelta(days=30)), 0)
    if t.born is None or t.born > day - dt.timedelta(days=14):
        return None  # a baby born after the case began is not part of it
    return day


def _school_or_health_concern(
    t: _Timeline, when: dt.datetime, categories: list[str], summary: str, *, injury: bool = False, referred: bool = True
) -> tuple[str, str]:
    """The school's (or health visitor's) safeguarding record; returns (org, record_id)."""
    org = t.health_visitor_or_school(_day_of(when))
    is_school = org not in (area.HEALTH_VISITING_CODE, t.gp)
    details: Event = {"categories": categories, "injury": injury, "referred": referred}
    if referred:
        details["shared_with"] = [area.CHILDRENS_SOCIAL_CARE_CODE]
    record_id = t.add(
        "concern",
        org,
        "CPOMS-{year}-{n}" if is_school else "CON-{n}",
        when,
        details,
        author_role="designated safeguarding lead" if is_school else ("GP" if org == t.gp else "health visitor"),
        summary=summary,
        safeguarding_relevant=True,
    )
    return org, record_id


def _perpetrator(t: _Timeline, day: dt.date, seed: int) -> Event:
    """The man around the child the police know: a partner or father, or one no other agency has named."""
    for kinship in (Kinship.PARENT_PARTNER, Kinship.STEP_PARENT, Kinship.FATHER):
        adult = t.relative(kinship)
        if adult is not None:
            return _adult_person(adult, _ROLE_OF_KINSHIP[kinship], day)
    return t.world.invented_adult(seed, "parent_partner", day)


def _plan_protection_plan(t: _Timeline) -> None:
    """PROTECTION_PLAN: a well-run CP pathway, with a was-not-brought and an unshared ED record during the plan."""
    rng = _case_rng(t)
    start = _case_start(t, 330)
    if start is None:
        return
    case = _Case(t, rng)
    if t.number % 4 == 3:
        _moved_in_on_a_plan(t, case, start)
        return
    referrer, concern = _school_or_health_concern(
        t, case.at(start, 9, 15), ["physical_abuse"], "Bruising to upper arm; says they fell.", injury=True
    )
    referral = case.referral(
        case.at(start, 10, 40), "professional", ["physical_abuse"], referrer_org=referrer, injury=True
    )
    case.decision(referral, case.at(start, 15), "strategy_discussion", rationale="Unexplained injury.")
    case.feedback(referral, _working_days_after(start, 1))
    case.allocate(start)
    strategy_day = _working_days_after(start, 1)
    strategy = case.strategy(strategy_day)
    case.visits(strategy_day, strategy_day, 1)
    case.section_47(strategy, _working_days_after(strategy_day, 10), "icpc_required")
    plan_end = _working_days_after(start + dt.timedelta(days=290), 0)
    plan = case.protection_plan(strategy_day, "physical_abuse", until=plan_end)
    plan_start = _working_days_after(strategy_day, 13)
    t.appointment(
        area.HOSPITAL_TRUST_CODE,
        "RNB-OPA-{n}",
        case.at(plan_start + dt.timedelta(days=30), 10, 20),
        "community_paediatrics",
        "was_not_brought",
    )
    t.add(
        "unscheduled_care",
        area.EMERGENCY_DEPARTMENT_CODE,
        "RNB-ED-{year}-{n}",
        _at(plan_start + dt.timedelta(days=50), 21, 47),
        {"setting": "emergency_department", "injury": True},
        summary="Scald to left hand.",
        safeguarding_relevant=True,
    )
    shared_org, shared = _school_or_health_concern(
        t,
        case.at(plan_start + dt.timedelta(days=70), 11),
        ["neglect"],
        "Arrived hungry, same clothes all week.",
        referred=False,
    )
    t.add(
        "information_shared",
        shared_org,
        "SHARE-{n}",
        case.at(plan_start + dt.timedelta(days=70), 14),
        {"with": [area.CHILDRENS_SOCIAL_CARE_CODE], "lawful_basis": "public_task"},
        ref=shared,
    )
    _ = concern
    case.conference(plan_end, "review", False, "physical_abuse")
    case.end_plan(plan, plan_end, "child_protection")
    cin = case.plan(plan_end, "child_in_need")
    closed = _working_days_after(plan_end + dt.timedelta(days=120), 0)
    case.visits(plan_end + dt.timedelta(days=20), closed, 28)
    case.end_plan(cin, closed, "child_in_need")
    case.allocate(closed, "ended")
    closure = case.close(
        closed, sign_off=True, reason="Plan ended; family engaging with early help.", rationale="Risks reduced."
    )
    # The school or health visitor disputes where the case stands a few days before the extract: the plan's
    # progress, stepping down to a CIN plan, or the closure; open, not yet due (R52).
    challenged = _working_days_after(t.window.as_of - dt.timedelta(days=4), 0)
    if plan_start < challenged:
        subject, disputed = (
            ("plan_progress", plan)
            if challenged <= plan_end
            else ("step_up_down", cin)
            if challenged <= closed
            else ("case_closure", closure)
        )
        t.add(
            "disagreement",
            shared_org,
            "ESC-{n}",
            challenged,
            {
                "stage": "practitioner",
                "status": "raised",
                "subject": subject,
                "against": area.CHILDRENS_SOCIAL_CARE_CODE,
                "about": "Still arriving hungry, and the family misses appointments: the risk has not reduced.",
            },
            ref=(area.CHILDRENS_SOCIAL_CARE_CODE, disputed),
        )


def _moved_in_on_a_plan(t: _Timeline, case: _Case, start: dt.date) -> None:
    """PROTECTION_PLAN, moved in: the family arrives from another area with the child on its plan; the transfer-in
    conference is held within 15 working days and the plan goes on here (R54)."""
    t.add(
        "transfer_in_notified",
        area.CHILDRENS_SOCIAL_CARE_CODE,
        "LCS-TIN-{n}",
        start,
        {"from_la_code": OTHER_LA_CODE, "plan_type": "child_protection"},
        author_role="duty social worker",
        summary="The family has moved here; the child is on the other area's child protection plan for neglect.",
    )
    case.allocate(start)
    conference_day = _working_days_after(start, 12)
    case.conference(conference_day, "transfer_in", True, "neglect")
    case.plan(conference_day, "child_protection")
    until = conference_day + dt.timedelta(days=200)
    case.core_groups(conference_day, until)
    case.visits(conference_day + dt.timedelta(days=5), until, 16)
    case.conference(_working_days_after(conference_day + dt.timedelta(days=85), 0), "review", True, "neglect")


def _plan_hidden_adult(t: _Timeline) -> None:
    """HIDDEN_ADULT: a CIN plan, while a man health and housing know of is missing from social care's records."""
    rng = _case_rng(t)
    start = _case_start(t, 200)
    if start is None:
        return
    case = _Case(t, rng)
    partner = t.relative(Kinship.PARENT_PARTNER)
    referrer, _ = _school_or_health_concern(
        t, case.at(start, 9, 40), ["neglect"], "Home conditions poor; child often unkempt."
    )
    # Social care's household composition leaves out the partner: that is the gap T2 looks for.
    leave_out = partner.local_id if partner else ""
    referral = case.referral(
        case.at(start, 11), "professional", ["neglect"], referrer_org=referrer, leave_out=leave_out
    )
    case.decision(referral, case.at(start, 16), "assessment", rationale="Neglect concerns need assessment.")
    case.feedback(referral, _working_days_after(start, 1))
    case.allocate(start)
    case.visits(_working_days_after(start, 3), start + dt.timedelta(days=50), 14)
    assessed = _working_days_after(start, 35)
    case.assessment(assessed, "child_in_need_plan")
    case.plan(assessed, "child_in_need")
    case.visits(assessed + dt.timedelta(days=14), t.window.as_of, 28)
    joined = assessed + dt.timedelta(days=30)
    adult = t.world.invented_adult(rng.randrange(2**32), "household_member", joined)
    t.add(
        "household_change",
        "NB-HOMES",
        "NBH-HH-{n}",
        joined,
        {"change": "joined"},
        people=(adult,),
        approximate=True,
        summary="Tenancy visit: a man says he is living here.",
    )
    t.add(
        "adult_history",
        area.POLICE_CODE,
        "NBP-HIST-V-{n}",
        joined - dt.timedelta(days=900),
        {"kind": "violence"},
        people=(adult,),
        sensitivity="restricted",
        recorded=t.weekday_time(joined + dt.timedelta(days=5)),
    )
    if partner is not None:
        t.add(
            "police_incident",
            area.POLICE_CODE,
            "NBP-INC-{yy}-{n}",
            _at(joined + dt.timedelta(days=20), 23, 5),
            {"domestic_abuse": False, "child_present": True, "crime_against_child": False},
            people=(_adult_person(partner, "parent_partner", joined),),
            summary="Noise complaint; raised voices, male partner present.",
        )


def _plan_incomplete_strategy(t: _Timeline) -> None:
    """INCOMPLETE_STRATEGY: no health at the strategy discussion, school not invited, late feedback, child never seen."""
    rng = _case_rng(t)
    start = _case_start(t, 120)
    if start is None:
        return
    case = _Case(t, rng)
    incident = t.add(
        "police_incident",
        area.POLICE_CODE,
        "NBP-INC-{yy}-{n}",
        _at(start - _DAY, 19, 30),
        {"domestic_abuse": False, "child_present": True, "crime_against_child": True},
        summary="Report that a child was hit with a belt.",
        safeguarding_relevant=True,
    )
    _ = incident
    referral = case.referral(
        case.at(start, 9, 10), "professional", ["physical_abuse"], referrer_org=area.POLICE_CODE, injury=True
    )
    case.decision(referral, case.at(start, 12), "strategy_discussion", rationale="Allegation of assault.")
    case.feedback(referral, _working_days_after(start, 5))
    case.allocate(start)
    strategy_day = _working_days_after(start, 1)
    strategy = case.strategy(
        strategy_day,
        attendees=[(area.CHILDRENS_SOCIAL_CARE_CODE, "team manager"), (area.POLICE_CODE, "detective sergeant")],
        invited=[area.CHILDRENS_SOCIAL_CARE_CODE, area.POLICE_CODE],
    )
    concluded = _working_days_after(strategy_day, 12)
    case.section_47(strategy, concluded, "not_substantiated")
    case.assessment(concluded, "no_further_action")
    case.close(_working_days_after(concluded, 5), sign_off=True, reason="Allegation not substantiated.")
    # The police dispute the level of risk the strategy discussion set; resolved at manager stage in time (R52).
    raised = _working_days_after(concluded, 1)
    for stage, status, day, said in (
        ("practitioner", "raised", raised, {"subject": "risk_level", "against": area.CHILDRENS_SOCIAL_CARE_CODE}),
        ("manager", "escalated", _working_days_after(raised, 4), {}),
        ("manager", "resolved", _working_days_after(raised, 7), {"outcome": "Joint visit agreed; safety plan shared."}),
    ):
        about = {"about": "Belt marks seen by the officer; risk set too low."} if status != "resolved" else {}
        t.add(
            "disagreement",
            area.POLICE_CODE,
            "NBP-ESC-{n}",
            day,
            {"stage": stage, "status": status, **said, **about},
            ref=(area.CHILDRENS_SOCIAL_CARE_CODE, strategy),
        )


def _plan_no_strategy(t: _Timeline) -> None:
    """NO_STRATEGY: an injury routed to assessment, a parent's DA history unchecked, closure over a new concern."""
    rng = _case_rng(t)
    start = _case_start(t, 150)
    if start is None:
        return
    case = _Case(t, rng)
    attended = _at(start - _DAY, 20, 15)
    ed = t.add(
        "unscheduled_care",
        area.EMERGENCY_DEPARTMENT_CODE,
        "RNB-ED-{year}-{n}",
        attended,
        {"setting": "emergency_department", "injury": True},
        summary="Fractured wrist; account of the fall changed.",
        safeguarding_relevant=True,
    )
    _ = ed
    # The referral form is keyed next morning, after the duty decision: the decision arrives first.
    referral = case.referral(
        case.at(start, 10),
        "professional",
        ["physical_abuse"],
        referrer_org=area.EMERGENCY_DEPARTMENT_CODE,
        injury=True,
        recorded=case.at(_working_days_after(start, 1), 9, 5),
    )
    case.decision(referral, case.at(start, 14), "assessment", manager_reviewed=False)
    case.feedback(referral, _working_days_after(start, 1))
    case.allocate(start)
    case.visits(_working_days_after(start, 2), start + dt.timedelta(days=40), 14)
    adult = _perpetrator(t, start, rng.randrange(2**32))
    t.add(
        "adult_history",
        area.POLICE_CODE,
        "NBP-HIST-D-{n}",
        start - dt.timedelta(days=700),
        {"kind": "domestic_abuse"},
        people=(adult,),
        sensitivity="restricted",
        recorded=t.weekday_time(start + dt.timedelta(days=3)),
    )
    assessed = _working_days_after(start, 30)
    case.assessment(assessed, "no_further_action")
    closed = _working_days_after(assessed + dt.timedelta(days=20), 0)
    _school_or_health_concern(
        t,
        case.at(closed - dt.timedelta(days=10), 10),
        ["neglect"],
        "No lunch again; says no food at home.",
        referred=False,
    )
    case.allocate(closed, "ended")
    case.close(closed, sign_off=False, reason="Assessment complete; no further action.")


def _plan_repeat_referrals(t: _Timeline) -> None:
    """REPEAT_REFERRALS: community referrals closed NFA, one called malicious unreviewed, then a re-referral."""
    rng = _case_rng(t)
    start = _case_start(t, 400)
    if start is None:
        return
    case = _Case(t, rng)
    case.contact(start, "neighbour", ["neglect"], "no_further_action")
    case.contact(start + dt.timedelta(days=70), "family", ["emotional_abuse"], "no_further_action")
    anonymous_day = _working_days_after(start + dt.timedelta(days=120), 0)
    anonymous = case.referral(case.at(anonymous_day, 12), "anonymous", ["neglect"])
    case.decision(anonymous, case.at(anonymous_day, 16), "no_further_action", malicious=True, manager_reviewed=False)
    referrer = t.health_visitor_or_school(start)
    case.contact(start + dt.timedelta(days=150), "professional", ["neglect"], "signposted", referrer_org=referrer)
    early_help = start + dt.timedelta(days=160)
    t.add("service_involvement", "NB-FAMILY", "FL-EH-{n}", early_help, {"service": "early_help", "change": "started"})
    t.add(
        "service_involvement",
        "NB-FAMILY",
        "FL-EH-{n}",
        early_help + dt.timedelta(days=90),
        {"service": "early_help", "change": "ended"},
    )
    second = _working_days_after(start + dt.timedelta(days=270), 0)
    referral = case.referral(case.at(second, 11), "professional", ["neglect"], referrer_org=t.gp)
    case.decision(referral, case.at(second, 15), "assessment", rationale="Fourth contact this year.")
    case.feedback(referral, _working_days_after(second, 1))
    case.allocate(second)
    case.visits(_working_days_after(second, 2), second + dt.timedelta(days=40), 14)
    assessed = _working_days_after(second, 38)
    case.assessment(assessed, "early_help")
    case.close(_working_days_after(assessed, 5), sign_off=True, reason="Stepped down to early help.")
    again = _working_days_after(assessed + dt.timedelta(days=25), 0)
    re_referral = case.referral(
        case.at(again, 9, 30),
        "professional",
        ["physical_abuse"],
        referrer_org=t.health_visitor_or_school(again),
        injury=True,
    )
    case.decision(
        re_referral,
        case.at(again, 13),
        "assessment",
        rationale="Minor bruise, consistent account, known to GP; assessment rather than strategy discussion.",
    )
    case.feedback(re_referral, _working_days_after(again, 1))


def _plan_moved_away(t: _Timeline) -> None:
    """MOVED_AWAY: a CP plan with no access twice, an unresolved escalation, then a move out of the area."""
    rng = _case_rng(t)
    start = _case_start(t, 160)
    if start is None:
        return
    case = _Case(t, rng)
    referrer, _ = _school_or_health_concern(t, case.at(start, 9), ["neglect"], "Persistent lateness; dirty and tired.")
    referral = case.referral(case.at(start, 11, 30), "professional", ["neglect"], referrer_org=referrer)
    decision = case.decision(referral, case.at(start, 16), "strategy_discussion", rationale="Escalating neglect.")
    case.feedback(referral, _working_days_after(start, 1))
    case.allocate(start)
    strategy_day = _working_days_after(start, 2)
    strategy = case.strategy(strategy_day)
    case.visits(strategy_day, strategy_day, 1)
    case.section_47(strategy, _working_days_after(strategy_day, 10), "icpc_required")
    icpc = _working_days_after(strategy_day, 13)
    moved = icpc + dt.timedelta(days=75)
    case.conference(icpc, "initial", True, "neglect")
    case.plan(icpc, "child_protection")
    case.core_groups(icpc, moved)
    case.visits(icpc + dt.timedelta(days=10), moved, 12, no_access=(1, 2))
    raised = _working_days_after(start, 5)
    disputed = (area.CHILDRENS_SOCIAL_CARE_CODE, decision)
    for stage, status, day in (
        ("practitioner", "raised", raised),
        ("manager", "escalated", _working_days_after(raised, 6)),
    ):
        t.add(
            "disagreement",
            referrer,
            "ESC-{n}",
            day,
            {
                "stage": stage,
                "status": status,
                "about": "Family not told of the concerns; school not consulted.",
                "subject": "threshold",
                "against": area.CHILDRENS_SOCIAL_CARE_CODE,
            },
            ref=disputed,
        )
    postcode = _OTHER_LA_POSTCODES[rng.randrange(len(_OTHER_LA_POSTCODES))]
    t.add("address_change", t.gp, "ADDR-{n}", moved, {"postcode": postcode, "la_code": OTHER_LA_CODE})
    school = t.school_on(moved)
    if school:
        t.add(
            "school_roll",
            school,
            "ROLL-{n}",
            moved + dt.timedelta(days=9),
            {"change": "left", "destination_known": False},
        )
    seen = _at(moved + dt.timedelta(days=20), 2, 40)
    t.add(
        "unscheduled_care",
        area.EMERGENCY_DEPARTMENT_CODE,
        "RNB-ED-{year}-{n}",
        seen,
        {"setting": "emergency_department", "injury": False},
        summary="Breathing difficulty; family visiting relatives.",
    )
    t.add(
        "cpis_access",
        area.EMERGENCY_DEPARTMENT_CODE,
        "CPIS-ACC-{date}-{n}",
        seen + dt.timedelta(minutes=8),
        {"setting": "emergency department"},
    )


def _plan_child_in_need(t: _Timeline) -> None:
    """CHILD_IN_NEED: a CIN plan with every near miss: spaced no-access visits, a resolved dispute, a careful closure."""
    rng = _case_rng(t)
    start = _case_start(t, 300)
    if start is None:
        return
    case = _Case(t, rng)
    referrer = t.health_visitor_or_school(start)
    referral = case.referral(
        case.at(start, 10), "professional", ["neglect", "parental_substance_misuse"], referrer_org=referrer
    )
    decision = case.decision(referral, case.at(start, 15), "assessment", rationale="Cumulative neglect concerns.")
    case.feedback(referral, _working_days_after(start, 1))
    case.allocate(start)
    case.visits(_working_days_after(start, 2), start + dt.timedelta(days=50), 10)
    assessed = _working_days_after(start, 40)
    case.assessment(assessed, "child_in_need_plan")
    plan = case.plan(assessed, "child_in_need")
    ended = _working_days_after(assessed + dt.timedelta(days=200), 0)
    # Visits every 20 days; the 2nd and 4th find nobody in, 40 days apart: not consecutive within 30 days.
    case.visits(assessed + dt.timedelta(days=20), ended, 20, no_access=(1, 3))
    raised = _working_days_after(start, 3)
    for stage, status, day, said in (
        ("practitioner", "raised", raised, {"about": "Asked for a strategy discussion.", "subject": "threshold"}),
        ("practitioner", "resolved", _working_days_after(raised, 3), {"outcome": "Agreed to a joint visit."}),
    ):
        t.add(
            "disagreement",
            referrer,
            "ESC-{n}",
            day,
            {"stage": stage, "status": status, "against": area.CHILDRENS_SOCIAL_CARE_CODE, **said},
            ref=(area.CHILDRENS_SOCIAL_CARE_CODE, decision),
        )
    mother = t.relative(Kinship.MOTHER)
    if mother is not None:
        t.add(
            "service_involvement",
            "NB-SMS",
            "NRP-{n}",
            assessed + dt.timedelta(days=10),
            {"service": "substance_misuse", "change": "started"},
            people=(_adult_person(mother, "mother", assessed),),
        )
    t.add(
        "concern",
        "NB-HOMES",
        "NBH-CASE-{n}",
        assessed + dt.timedelta(days=60),
        {"categories": ["housing"], "injury": False, "referred": False},
        summary="Rent arrears; notice seeking possession served.",
    )
    _school_or_health_concern(
        t, case.at(ended - dt.timedelta(days=45), 10), ["neglect"], "Head lice untreated for weeks.", referred=False
    )
    case.end_plan(plan, ended, "child_in_need")
    case.allocate(ended, "ended")
    case.close(
        ended, sign_off=True, reason="CIN plan outcomes met.", rationale="School concern of last month considered."
    )


def _plan_domestic_abuse(t: _Timeline) -> None:
    """DOMESTIC_ABUSE: police notification, information sharing, full strategy discussion, s47, CP plan, probation."""
    rng = _case_rng(t)
    start = _case_start(t, 250)
    if start is None:
        return
    case = _Case(t, rng)
    adult = _perpetrator(t, start, rng.randrange(2**32))
    incident_time = _at(start - _DAY, 23, 10)
    incident = t.add(
        "police_incident",
        area.POLICE_CODE,
        "NBP-INC-{yy}-{n}",
        incident_time,
        {"domestic_abuse": True, "child_present": True, "crime_against_child": False},
        people=(adult,),
        sensitivity="restricted",
        safeguarding_relevant=True,
        summary="Domestic abuse incident; child present in the home.",
    )
    school_or_hv = t.health_visitor_or_school(start)
    t.add(
        "information_shared",
        area.POLICE_CODE,
        "NBP-SHARE-{yy}-{n}",
        _at(start, 8, 30),
        {
            "with": [school_or_hv],
            "lawful_basis": "public_task",
            "condition": "DPA 2018 Schedule 1 paragraph 18 (safeguarding of children)",
        },
        ref=incident,
    )
    if school_or_hv == t.school_on(start):
        # Operation Encompass: the school records the incident it was told of, naming the police's record.
        t.add(
            "police_incident",
            school_or_hv,
            "CPOMS-ENC-{n}",
            incident_time,
            {"domestic_abuse": True, "child_present": True},
            ref=(area.POLICE_CODE, incident),
            recorded=_at(start, 8, 50),
            author_role="designated safeguarding lead",
            summary="Operation Encompass notification before school: domestic abuse at home last night.",
        )
    referral = case.referral(case.at(start, 9), "professional", ["domestic_abuse"], referrer_org=area.POLICE_CODE)
    case.decision(
        referral, case.at(start, 12), "strategy_discussion", rationale="Repeat domestic abuse, child present."
    )
    case.feedback(referral, _working_days_after(start, 1))
    case.allocate(start)
    t.add(
        "information_shared",
        area.MACPU_CODE,
        "MACPU-SHARE-{n}",
        case.at(start, 13),
        {"with": [area.CHILDRENS_SOCIAL_CARE_CODE, t.gp], "lawful_basis": "statutory_duty_to_share"},
        ref=(area.POLICE_CODE, incident),
    )
    for kind, years in (("domestic_abuse", 3), ("marac", 2)):
        t.add(
            "adult_history",
            area.POLICE_CODE,
            "NBP-HIST-D-{n}",
            start - dt.timedelta(days=365 * years),
            {"kind": kind},
            people=(adult,),
            sensitivity="restricted",
            recorded=t.weekday_time(start),
        )
    t.add("checks_completed", area.POLICE_CODE, "NBP-CHK-{yy}-{n}", _working_days_after(start, 1), people=(adult,))
    strategy_day = _working_days_after(start, 1)
    agencies = [*case.core_agencies(strategy_day), ("NB-PROB", "probation officer")]
    strategy = case.strategy(strategy_day, attendees=agencies, invited=[org for org, _ in agencies])
    case.visits(strategy_day, strategy_day, 1)
    case.section_47(strategy, _working_days_after(strategy_day, 9), "icpc_required")
    plan_end = _working_days_after(start + dt.timedelta(days=240), 0)
    plan = case.protection_plan(strategy_day, "emotional_abuse", until=plan_end, visits_every=15)
    case.conference(plan_end, "review", False, "emotional_abuse")
    case.end_plan(plan, plan_end, "child_protection")
    case.close(plan_end, sign_off=True, reason="Plan ended; perpetrator left the home and is supervised by probation.")
    t.add(
        "service_involvement",
        "NB-PROB",
        "NPS-SUP-{n}",
        start + dt.timedelta(days=40),
        {"service": "probation_supervision", "change": "started"},
        people=(adult,),
    )
    mother = t.relative(Kinship.MOTHER)
    if mother is not None:
        t.add(
            "service_involvement",
            "NB-DAS",
            "SH-{n}",
            start + dt.timedelta(days=5),
            {"service": "domestic_abuse_support", "change": "started"},
            people=(_adult_person(mother, "mother", start),),
            sensitivity="sealed",
        )


def _plan_unborn_protection(t: _Timeline) -> None:
    """An unborn child in a DOMESTIC_ABUSE family: a pre-birth conference and an unborn CP plan."""
    expected = t.child.expected_date
    if expected is None:
        return
    rng = _case_rng(t)
    case = _Case(t, rng)
    conference_day = _working_days_after(
        min(expected - dt.timedelta(days=70), t.window.as_of - dt.timedelta(days=10)), 0
    )
    strategy_day = _working_days_after(conference_day - dt.timedelta(days=21), 0)
    strategy = case.strategy(strategy_day)
    case.section_47(strategy, _working_days_after(strategy_day, 8), "icpc_required")
    case.conference(conference_day, "initial", True, "emotional_abuse")
    case.plan(conference_day, "unborn_child_protection")


# -- low-level patterns, for families children's social care does not know


def _low_level_start(t: _Timeline) -> dt.date:
    rng = _case_rng(t)
    return _working_days_after(t.window.start + dt.timedelta(days=rng.randint(60, 200)), 0)


def _plan_cumulative_harm(t: _Timeline) -> None:
    """CUMULATIVE_HARM: each agency's events are low-level; together they are not."""
    start = _low_level_start(t)
    for offset in (0, 110):
        t.add(
            "unscheduled_care",
            area.EMERGENCY_DEPARTMENT_CODE,
            "RNB-ED-{year}-{n}",
            t.any_time(start + dt.timedelta(days=offset + 20)),
            {"setting": "emergency_department", "injury": False},
            summary="Chest infection; not registered with a dentist.",
        )
    t.add(
        "police_incident",
        area.POLICE_CODE,
        "NBP-INC-{yy}-{n}",
        _at(start + dt.timedelta(days=60), 22, 30),
        {"domestic_abuse": False, "child_present": False, "crime_against_child": False},
        summary="Police attended the address: argument between adults.",
    )
    t.add(
        "concern",
        "NB-HOMES",
        "NBH-CASE-{n}",
        start + dt.timedelta(days=90),
        {"categories": ["housing"], "injury": False, "referred": False},
        summary="Rent arrears and damp; family not answering the door.",
    )
    t.appointment(
        t.gp, "APT-{n}", t.weekday_time(start + dt.timedelta(days=140)), "general_practice", "was_not_brought"
    )


def _plan_missed_appointments(t: _Timeline) -> None:
    """MISSED_APPOINTMENTS: two was-not-brought within 90 days; near miss, two carer cancellations within 90 days."""
    start = _low_level_start(t)
    if t.age_on(start) < 1:
        return
    for offset in (0, 45):
        day = t.weekday_time(start + dt.timedelta(days=offset))
        t.appointment(area.HOSPITAL_TRUST_CODE, "RNB-OPA-{n}", day, "paediatrics", "was_not_brought")
    for offset in (150, 200):
        t.appointment(
            t.gp, "APT-{n}", t.weekday_time(start + dt.timedelta(days=offset)), "general_practice", "cancelled_by_carer"
        )


def _plan_community_referrals_apart(t: _Timeline) -> None:
    """COMMUNITY_REFERRALS_APART: a family and a neighbour referral seven months apart, both closed NFA."""
    start = _low_level_start(t)
    case = _Case(t, _case_rng(t))
    case.contact(start, "family", ["emotional_abuse"], "no_further_action")
    case.contact(_working_days_after(start + dt.timedelta(days=215), 0), "neighbour", ["neglect"], "no_further_action")


def _plan_contacts_below_threshold(t: _Timeline) -> None:
    """CONTACTS_BELOW_THRESHOLD: two professional contacts in a year, signposted and NFA."""
    start = _low_level_start(t)
    case = _Case(t, _case_rng(t))
    case.contact(start, "professional", ["other"], "signposted", referrer_org=t.health_visitor_or_school(start))
    later = _working_days_after(start + dt.timedelta(days=150), 0)
    case.contact(later, "professional", ["parental_mental_health"], "no_further_action", referrer_org=t.gp)
    t.add(
        "service_involvement",
        "NB-FAMILY",
        "FL-EH-{n}",
        start + dt.timedelta(days=10),
        {"service": "early_help", "change": "started"},
    )


def _plan_moved_out_of_area(t: _Timeline) -> None:
    """MOVED_OUT_OF_AREA: a move to another LA with no plan open and the destination known."""
    moved = t.window.as_of - dt.timedelta(days=60)
    rng = _case_rng(t)
    postcode = _OTHER_LA_POSTCODES[rng.randrange(len(_OTHER_LA_POSTCODES))]
    t.add("address_change", t.gp, "ADDR-{n}", moved, {"postcode": postcode, "la_code": OTHER_LA_CODE})
    school = t.school_on(moved)
    if school:
        t.add(
            "school_roll",
            school,
            "ROLL-{n}",
            moved + dt.timedelta(days=5),
            {"change": "left", "destination_known": True},
        )
    if t.age_on(moved) >= 1:
        for offset in (300, 180):
            day = t.weekday_time(moved - dt.timedelta(days=offset))
            t.appointment(area.HOSPITAL_TRUST_CODE, "RNB-OPA-{n}", day, "orthoptics", "was_not_brought")


_PATTERN_PLANNERS: dict[FamilyPattern, Callable[[_Timeline], None]] = {
    KnownPathway.PROTECTION_PLAN: _plan_protection_plan,
    KnownPathway.HIDDEN_ADULT: _plan_hidden_adult,
    KnownPathway.INCOMPLETE_STRATEGY: _plan_incomplete_strategy,
    KnownPathway.NO_STRATEGY: _plan_no_strategy,
    KnownPathway.REPEAT_REFERRALS: _plan_repeat_referrals,
    KnownPathway.MOVED_AWAY: _plan_moved_away,
    KnownPathway.CHILD_IN_NEED: _plan_child_in_need,
    KnownPathway.DOMESTIC_ABUSE: _plan_domestic_abuse,
    LowLevelPattern.CUMULATIVE_HARM: _plan_cumulative_harm,
    LowLevelPattern.MISSED_APPOINTMENTS: _plan_missed_appointments,
    LowLevelPattern.COMMUNITY_REFERRALS_APART: _plan_community_referrals_apart,
    LowLevelPattern.CONTACTS_BELOW_THRESHOLD: _plan_contacts_below_threshold,
    LowLevelPattern.MOVED_OUT_OF_AREA: _plan_moved_out_of_area,
}


# -- patterns by child, whatever the family


def _plan_baby_not_brought(t: _Timeline) -> None:
    """A baby not brought to the 8-week immunisations (any was-not-brought under 1 is a T1 flag)."""
    born = t.born
    if born is None or t.number % 15 != 2 or born + dt.timedelta(days=60) < t.window.start:
        return
    t.appointment(t.gp, "APT-{n}", t.weekday_time(born + dt.timedelta(days=57)), "immunisation", "was_not_brought")


def _plan_single_not_brought(t: _Timeline) -> None:
    """One was-not-brought for a child of two or more with no plan: below the T1 threshold."""
    if t.born is None or t.number % 25 != 3 or t.age_on(t.window.start) < 2:
        return
    day = t.weekday_time(t.window.start + dt.timedelta(days=100 + t.number % 200))
    t.appointment(area.HOSPITAL_TRUST_CODE, "RNB-OPA-{n}", day, "audiology", "was_not_brought")


def _spelling_variant(name: str) -> str:
    """Jayden becomes Jaydon, Sophie Sophy, Philip Filip: what a receptionist's typing does to a name."""
    for old, new in (
        ("en", "on"),
        ("ie", "y"),
        ("ph", "f"),
        ("y", "ie"),
        ("ee", "ea"),
        ("ck", "k"),
        ("a", "e"),
        ("o", "a"),
    ):
        at = name.rfind(old, 1)
        if at > 0:
            return name[:at] + new + name[at + len(old) :]
    return name + "e"


def _plan_probable_duplicate(t: _Timeline) -> None:
    """The family's first child turns up at the ED under a misspelt name, with day and month swapped, no NHS number."""
    born = t.born
    index = t.world.family_index[t.family.local_id]
    if born is None or index % 25 != 9 or t.world.first_child_of_family[t.family.local_id] != t.child.local_id:
        return
    swapped = born
    if born.day <= 12 and born.day != born.month:
        swapped = dt.date(born.year, born.day, born.month)
    if swapped > t.window.as_of:
        swapped = born
    when = t.any_time(t.window.as_of - dt.timedelta(days=40 + t.number % 60))
    subject: Event = {
        "given_name": _spelling_variant(t.child.given_name),
        "family_name": t.child.family_name,
        "date_of_birth": swapped.isoformat(),
        "sex": t.child.sex.value,
        "postcode": _postcode_on(t.child.addresses, _day_of(when)),
    }
    t.add(
        "unscheduled_care",
        area.EMERGENCY_DEPARTMENT_CODE,
        "RNB-ED-{year}-{n}",
        when,
        {"setting": "minor_injury_unit", "injury": True},
        summary="Sprained ankle at the park.",
        variant_subject=subject,
    )


def _plan_corrections(t: _Timeline) -> None:
    """Records agencies later amend (re-sent with changes) or retract (entered in error)."""
    if t.number % 40 == 7:
        original = next((e for e in t.events if e.kind == "health_appointment" and e.summary), None)
        if original is not None and original.recorded is not None:
            amended = original.recorded + dt.timedelta(days=3)
            _resend(t, original, amended, summary=original.summary + " Amended: follow-up booked.")
    if t.number % 120 == 13 and t.born is not None:
        day = t.weekday_time(t.window.start + dt.timedelta(days=200))
        record_id = t.appointment(t.gp, "APT-{n}", day, "general_practice", "was_not_brought")
        mistaken = next((e for e in t.events if e.record_id == record_id), None)
        if mistaken is not None and mistaken.recorded is not None:
            _resend(t, mistaken, mistaken.recorded + dt.timedelta(days=5), status="entered_in_error")


def _resend(t: _Timeline, original: _Planned, recorded: dt.datetime, **changes: Any) -> None:
    if recorded.date() > t.window.as_of:
        return
    t.events.append(replace(original, delivered=recorded, recorded=recorded, sequence=len(t.events), **changes))


# ---------------------------------------------------------------------------
# The whole feed


def _plan_child(world: _World, number: int, child: Child) -> list[_Planned]:
    t = _Timeline(world, child, number)
    pattern = world.patterns.get(child.family_id)
    if child.is_unborn:
        _plan_pregnancy(t)
        if pattern == KnownPathway.DOMESTIC_ABUSE:
            _plan_unborn_protection(t)
        return t.events
    _plan_gp(t)
    _plan_health_visiting(t)
    low_attendance = _low_level_start(t) if pattern == LowLevelPattern.CUMULATIVE_HARM else None
    _plan_schooling(t, low_attendance_from=low_attendance)
    _plan_school_nursing(t)
    _plan_occasional_care(t)
    _plan_household_changes(t)
    _plan_moves(t)
    if pattern is not None:
        _PATTERN_PLANNERS[pattern](t)
    _plan_baby_not_brought(t)
    _plan_single_not_brought(t)
    _plan_probable_duplicate(t)
    _plan_corrections(t)
    return t.events


class _Renderer:
    """Turns planned events into feed dicts; the first event about each child introduces the child in full."""

    def __init__(self, world: _World) -> None:
        self.world = world
        self.children = world.population.children
        self.introduced: set[int] = set()

    def render(self, planned: _Planned) -> Event:
        child = self.children[planned.number]
        people = planned.people
        if planned.variant_subject is not None:
            subject = dict(planned.variant_subject)
        elif child.is_unborn:
            subject = self._unborn_subject(child, planned.delivered.date())
            if planned.number not in self.introduced:
                self.introduced.add(planned.number)
                people = _merge_people(self._people_around(child, planned.delivered.date()), people)
        elif planned.number not in self.introduced:
            self.introduced.add(planned.number)
            subject = self._full_subject(child, planned.number, _day_of(planned.occurred))
            people = _merge_people(self._people_around(child, planned.delivered.date()), people)
        else:
            subject = self._short_subject(child, planned.number, planned.org)
        return _event_dict(planned, subject, people)

    def _full_subject(self, child: Child, number: int, day: dt.date) -> Event:
        subject: Event = {
            "nhs_number": child.nhs_number,
            "nhs_number_verified": _nhs_number_verified(number),
            "given_name": child.given_name,
            "family_name": child.family_name,
            "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else None,
            "sex": child.sex.value,
            "postcode": _postcode_on(child.addresses, day),
            "local_id": child.local_id,
        }
        if child.upn:
            subject["upn"] = child.upn
        return subject

    def _short_subject(self, child: Child, number: int, org: str) -> Event:
        """The verified NHS number alone; otherwise the number with the local id, names and date of birth."""
        subject: Event = {"nhs_number": child.nhs_number, "nhs_number_verified": _nhs_number_verified(number)}
        if not subject["nhs_number_verified"]:
            subject |= {
                "local_id": child.local_id,
                "given_name": child.given_name,
                "family_name": child.family_name,
                "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else None,
            }
        if child.upn and org == child.school_code:
            subject["upn"] = child.upn
        return subject

    def _unborn_subject(self, child: Child, day: dt.date) -> Event:
        mother = self.world.adults[child.mother_id]
        mother_facts = _adult_person(mother, "mother", day)
        del mother_facts["role"]
        expected = child.expected_date or day
        return {"unborn": True, "expected_date": expected.isoformat(), "mother": mother_facts}

    def _people_around(self, child: Child, day: dt.date) -> tuple[Event, ...]:
        """Parents, carers, siblings and grandparents as the child's ties stand on the day."""
        people = []
        for tie in self.world.ties.get(child.local_id, ()):
            if not _tie_valid(tie, day) or (child.is_unborn and tie.kinship == Kinship.MOTHER):
                continue
            role = _ROLE_OF_KINSHIP[tie.kinship]
            adult = self.world.adults.get(tie.relative_id)
            if adult is not None:
                people.append({**_adult_person(adult, role, day), "lives_with_child": tie.lives_with})
                continue
            sibling = self.world.children[tie.relative_id]
            if sibling.date_of_birth is not None and sibling.date_of_birth <= day:
                people.append({**_child_person(sibling, role, day), "lives_with_child": tie.lives_with})
        return tuple(people)


def _nhs_number_verified(number: int) -> bool:
    """Nine children in ten have a number traced against the national demographics service."""
    return number % 10 != 3


def _merge_people(around: tuple[Event, ...], named: tuple[Event, ...]) -> tuple[Event, ...]:
    seen = {(p.get("given_name"), p.get("family_name"), p.get("date_of_birth")) for p in around}
    return around + tuple(
        p for p in named if (p.get("given_name"), p.get("family_name"), p.get("date_of_birth")) not in seen
    )


def _event_dict(planned: _Planned, subject: Event, people: tuple[Event, ...]) -> Event:
    event: Event = {
        "record_id": planned.record_id,
        "org": planned.org,
        "type": planned.kind,
        "occurred_at": _iso(planned.occurred),
    }
    if planned.approximate:
        event["date_is_approximate"] = True
    if planned.recorded is not None:
        event["recorded_at"] = _iso(planned.recorded)
    if planned.author_role:
        event["author_role"] = planned.author_role
    if planned.status != "active":
        event["status"] = planned.status
    event["subject"] = subject
    if people:
        event["people"] = [dict(person) for person in people]
    if planned.summary:
        event["summary"] = planned.summary
    if planned.safeguarding_relevant:
        event["safeguarding_relevant"] = True
    if planned.sensitivity != "standard":
        event["sensitivity"] = planned.sensitivity
    if isinstance(planned.ref, tuple):
        event["ref"] = {"org": planned.ref[0], "record_id": planned.ref[1]}
    elif planned.ref is not None:
        event["ref"] = planned.ref
    if planned.details is not None:
        event["details"] = _copy(planned.details)
    return event


def _copy(details: Event) -> Event:
    """A copy deep enough that a caller changing one event's lists cannot change another's."""
    return {
        key: [dict(v) if isinstance(v, dict) else v for v in value] if isinstance(value, list) else value
        for key, value in details.items()
    }


def _delivery_windows(window: _Window) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """Consecutive [from, to) spans covering everything from the first extract to the end of `as_of`."""
    start = window.extract_time
    end = _at(window.as_of + _DAY, 0)
    while start < end:
        stop = min(start + dt.timedelta(days=DELIVERY_WINDOW_DAYS), end)
        yield start, stop
        start = stop


def generate_feed(population: Population, *, seed: int, as_of: dt.date) -> Iterator[Event]:
    """Every child's last two years as feed events, in delivery order; the same arguments, the same events.

    Each event is a fresh dict in the format of docs/feed.md, valid for
    `parse_event(event, today=as_of, london=ZoneInfo("Europe/London"))`. The
    population is normally generated with `start_date=as_of`; events that would
    fall after `as_of` are left out.
    """
    window = _Window(seed=seed, as_of=as_of, start=as_of - dt.timedelta(days=HISTORY_DAYS))
    world = _World(population, window)
    renderer = _Renderer(world)
    for start, stop in _delivery_windows(window):
        batch = [
            planned
            for number, child in enumerate(population.children)
            for planned in _plan_child(world, number, child)
            if start <= planned.delivered < stop
        ]
        # Records from before the window share the first extract's delivery time: those go in recorded order.
        batch.sort(key=lambda p: (p.delivered, p.recorded or p.delivered, p.number, p.sequence))
        for planned in batch:
            yield renderer.render(planned)
