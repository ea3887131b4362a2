"""The synthetic children and families of Northbridge, generated from a seed. Pure: no Django, no database.

`generate_population(children=2000, seed=2026, start_date=...)` returns frozen
dataclasses: families, their households (with address histories), the children
and adults in them, and the ties between each child and their relatives. The
same seed and start date always give the same population, so the demo loader
and the event-feed generator can both be fed from it.

What it models, because child protection work turns on it:

- households of one or two parents or carers; siblings share a household;
- fathers who left, and half-siblings in the father's new household;
- step-parents, and the "hidden adult": a mother's new partner who moved in
  during the last two years;
- kinship care: children who moved to live with their grandmother;
- grandparents as relatives who do not live with the child;
- address histories with moves, in Northbridge's synthetic postcodes (NB1 to
  NB9: NB is not a real postcode area);
- a few unborn children, linked to their mother;
- NHS numbers from the 999 test range only, UPNs with the correct check letter,
  schools on roll, registered GP practices and health visiting for under-5s.

Every name comes from Faker's en_GB provider; nothing describes a real person.
`start_date` is the demo's "today": every date is on or before it, except the
expected dates of unborn children.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from faker import Faker

from macpu.people.rules.identifiers import synthetic_nhs_number, upn_with_check_letter
from macpu.synthetic import area

_T = TypeVar("_T")

KNOWN_TO_CHILDRENS_SOCIAL_CARE_SHARE = 0.075  # about 150 of 2,000 children
_DAY = dt.timedelta(days=1)


class Sex(StrEnum):
    """The values of macpu.people.models.Sex that the population uses."""

    FEMALE = "female"
    MALE = "male"
    NOT_KNOWN = "not_known"


class Kinship(StrEnum):
    """What the relative is to the child: the values of macpu.people.models.RelationshipType used here."""

    MOTHER = "mother"
    FATHER = "father"
    STEP_PARENT = "step_parent"
    PARENT_PARTNER = "parent_partner"
    SIBLING = "sibling"
    HALF_SIBLING = "half_sibling"
    GRANDPARENT = "grandparent"


class FamilyStructure(StrEnum):
    TWO_PARENTS = "two_parents"
    LONE_MOTHER = "lone_mother"
    MOTHER_AND_STEP_PARENT = "mother_and_step_parent"
    MOTHER_AND_NEW_PARTNER = "mother_and_new_partner"  # the partner moved in within the last two years
    LONE_FATHER = "lone_father"
    KINSHIP_CARE = "kinship_care"


@dataclass(frozen=True)
class AddressSpell:
    """An address from `moved_in` until the next spell's `moved_in` (or now)."""

    line_1: str
    town: str
    postcode: str
    moved_in: dt.date


@dataclass(frozen=True)
class Residence:
    """A person living in a household from `moved_in` to `moved_out` (inclusive; None: still there)."""

    household_id: str
    moved_in: dt.date
    moved_out: dt.date | None


@dataclass(frozen=True)
class Household:
    local_id: str
    family_id: str
    gp_practice_code: str
    addresses: tuple[AddressSpell, ...]


@dataclass(frozen=True)
class Adult:
    local_id: str
    given_name: str
    family_name: str
    sex: Sex
    date_of_birth: dt.date
    nhs_number: str | None
    nhs_number_verified: bool
    gp_practice_code: str
    residences: tuple[Residence, ...]
    addresses: tuple[AddressSpell, ...]


@dataclass(frozen=True)
class Child:
    """A child, or an unborn child (no date of birth, an expected date, no identifiers, no address yet)."""

    local_id: str
    family_id: str
    given_name: str
    family_name: str
    sex: Sex
    date_of_birth: dt.date | None
    expected_date: dt.date | None
    mother_id: str
    father_id: str | None
    nhs_number: str | None
    upn: str | None
    school_code: str | None
    early_years_code: str | None
    gp_practice_code: str | None
    health_visiting: bool
    residences: tuple[Residence, ...]
    addresses: tuple[AddressSpell, ...]

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on the day; None for an unborn child."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Tie:
    """`relative_id` is the `kinship` of `child_id` from `valid_from` to `valid_to`, living with them if `lives_with`."""

    child_id: str
    relative_id: str
    kinship: Kinship
    lives_with: bool
    valid_from: dt.date | None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class Family:
    """Everyone related through one mother's children, across the households they live in."""

    local_id: str
    structure: FamilyStructure
    child_ids: tuple[str, ...]
    adult_ids: tuple[str, ...]
    household_ids: tuple[str, ...]
    known_to_childrens_social_care: bool
    known_since: dt.date | None


@dataclass(frozen=True)
class Population:
    seed: int
    start_date: dt.date
    families: tuple[Family, ...]
    households: tuple[Household, ...]
    children: tuple[Child, ...]
    adults: tuple[Adult, ...]
    ties: tuple[Tie, ...]

    def ties_of(self, child_id: str) -> tuple[Tie, ...]:
        return tuple(tie for tie in self.ties if tie.child_id == child_id)

    def family_of(self, child: Child) -> Family:
        return next(family for family in self.families if family.local_id == child.family_id)


# ---------------------------------------------------------------------------
# Dates and school years


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _academic_year_starting(day: dt.date) -> int:
    """The calendar year in which the school year containing `day` began (on 1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_group(date_of_birth: dt.date, on: dt.date) -> int:
    """England's year group on the day: 0 is Reception (the September after the 4th birthday), 13 is Year 13."""
    return _academic_year_starting(on) - _academic_year_starting(date_of_birth) - 5


# ---------------------------------------------------------------------------
# Mutable drafts, frozen at the end


@dataclass
class _Person:
    local_id: str
    given_name: str
    family_name: str
    sex: Sex
    date_of_birth: dt.date | None
    residences: list[Residence] = field(default_factory=list)
    father_id: str | None = None
    mother_id: str = ""
    expected_date: dt.date | None = None

    def date_of_birth_or_raise(self) -> dt.date:
        """Adults always have a date of birth; only unborn children lack one."""
        if self.date_of_birth is None:
            raise ValueError(f"{self.local_id} has no date of birth")
        return self.date_of_birth


@dataclass
class _Household:
    local_id: str
    family_id: str
    gp_practice_code: str
    addresses: list[AddressSpell] = field(default_factory=list)


@dataclass
class _Family:
    local_id: str
    structure: FamilyStructure
    child_ids: list[str] = field(default_factory=list)
    adult_ids: list[str] = field(default_factory=list)
    household_ids: list[str] = field(default_factory=list)
    concern_from: dt.date | None = None  # the earliest plausible date children's social care became involved


_STRUCTURE_WEIGHTS: dict[FamilyStructure, int] = {
    FamilyStructure.TWO_PARENTS: 55,
    FamilyStructure.LONE_MOTHER: 20,
    FamilyStructure.MOTHER_AND_STEP_PARENT: 8,
    FamilyStructure.MOTHER_AND_NEW_PARTNER: 8,
    FamilyStructure.LONE_FATHER: 4,
    FamilyStructure.KINSHIP_CARE: 5,
}
# Children's social care knows some family shapes more often than others.
_KNOWN_WEIGHTS: dict[FamilyStructure, float] = {
    FamilyStructure.TWO_PARENTS: 1.0,
    FamilyStructure.LONE_MOTHER: 2.0,
    FamilyStructure.MOTHER_AND_STEP_PARENT: 2.0,
    FamilyStructure.MOTHER_AND_NEW_PARTNER: 4.0,
    FamilyStructure.LONE_FATHER: 2.0,
    FamilyStructure.KINSHIP_CARE: 5.0,
}
_CHILDREN_PER_HOUSEHOLD_WEIGHTS = {1: 40, 2: 35, 3: 15, 4: 7, 5: 3}
_STREET_SUFFIXES = (
    "Road",
    "Street",
    "Close",
    "Avenue",
    "Lane",
    "Grove",
    "Way",
    "Crescent",
    "Drive",
    "Gardens",
    "Terrace",
)
_POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in the inward code
_TOWNS = {
    1: "Northbridge",
    2: "Northbridge",
    3: "Northbridge",
    4: "Northbridge",
    5: "Northbridge",
    6: "Northbridge",
    7: "Ferrowby",
    8: "Little Ashling",
    9: "Caldmoor",
}


class _Generator:
    """Builds one population; every random choice comes from its own seeded generators, never the global ones."""

    def __init__(self, *, seed: int, start_date: dt.date, children: int) -> None:
        self.target = children
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311  # synthetic data, reproducible by design: not security
        self.faker = Faker("en_GB")
        self.faker.seed_instance(seed)
        self.start = start_date
        self.families: list[_Family] = []
        self.households: list[_Household] = []
        self.children: list[_Person] = []
        self.adults: list[_Person] = []
        self.ties: list[Tie] = []
        self.next_nhs_serial = self.rng.randrange(0, 400_000)
        self.upn_serials: Counter[tuple[str, str]] = Counter()
        self.children_in_family: dict[str, list[_Person]] = {}
        self.household_by_id: dict[str, _Household] = {}
        self.has_unborn = False

    # -- small helpers -------------------------------------------------------

    def _pick(self, weights: dict[_T, int]) -> _T:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _date_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last < first:
            raise ValueError("empty date range")
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def _new_household(self, family: _Family) -> _Household:
        household = _Household(
            local_id=f"NB-H{len(self.households) + 1:06d}",
            family_id=family.local_id,
            gp_practice_code=self.rng.choice(area.GP_PRACTICE_CODES),
        )
        self.households.append(household)
        self.household_by_id[household.local_id] = household
        family.household_ids.append(household.local_id)
        return household

    def _new_adult(self, family: _Family, sex: Sex, date_of_birth: dt.date, family_name: str | None = None) -> _Person:
        given = self.faker.first_name_female() if sex == Sex.FEMALE else self.faker.first_name_male()
        adult = _Person(
            local_id=f"NB-A{len(self.adults) + 1:06d}",
            given_name=given,
            family_name=family_name or self.faker.last_name(),
            sex=sex,
            date_of_birth=date_of_birth,
        )
        self.adults.append(adult)
        family.adult_ids.append(adult.local_id)
        return adult

    def _new_child(
        self, family: _Family, *, mother: _Person, father: _Person | None, born: dt.date | None, family_name: str
    ) -> _Person:
        sex = Sex.NOT_KNOWN if born is None else self.rng.choice((Sex.FEMALE, Sex.MALE))
        given = (
            ""
            if born is None
            else (self.faker.first_name_female() if sex == Sex.FEMALE else self.faker.first_name_male())
        )
        child = _Person(
            local_id=f"NB-C{len(self.children) + 1:06d}",
            given_name=given,
            family_name=family_name,
            sex=sex,
            date_of_birth=born,
            mother_id=mother.local_id,
            father_id=father.local_id if father else None,
        )
        self.children.append(child)
        self.children_in_family.setdefault(family.local_id, []).append(child)
        family.child_ids.append(child.local_id)
        return child

    def _lives(
        self, person: _Person, household: _Household, moved_in: dt.date, moved_out: dt.date | None = None
    ) -> None:
        person.residences.append(Residence(household.local_id, moved_in, moved_out))

    def _tie(
        self,
        child: _Person,
        relative: _Person,
        kinship: Kinship,
        *,
        lives_with: bool,
        valid_from: dt.date | None,
        valid_to: dt.date | None = None,
    ) -> None:
        self.ties.append(Tie(child.local_id, relative.local_id, kinship, lives_with, valid_from, valid_to))

    def _parent_tie(
        self, child: _Person, parent: _Person, kinship: Kinship, left_on: dt.date | None, lived_with: bool = True
    ) -> None:
        """A parent who lived with the child from birth, until `left_on` if they left (the tie goes on after)."""
        born = child.date_of_birth
        if born is None:
            self._tie(child, parent, kinship, lives_with=False, valid_from=None)
        elif not lived_with:
            self._tie(child, parent, kinship, lives_with=False, valid_from=born)
        elif left_on is None:
            self._tie(child, parent, kinship, lives_with=True, valid_from=born)
        else:
            self._tie(child, parent, kinship, lives_with=True, valid_from=born, valid_to=left_on - _DAY)
            self._tie(child, parent, kinship, lives_with=False, valid_from=left_on)

    def _birth_dates(self, count: int) -> list[dt.date]:
        """Oldest first, 13 months to 4 years apart, every child 0 to 17 on the start date."""
        gaps = [self.rng.randint(400, 1460) for _ in range(count - 1)]
        while sum(gaps) > 15 * 365:
            gaps = [gap // 2 + 200 for gap in gaps]
        earliest = _years_before(self.start, 18) + _DAY
        eldest = self._date_between(earliest, self.start - dt.timedelta(days=sum(gaps)))
        births = [eldest]
        for gap in gaps:
            births.append(births[-1] + dt.timedelta(days=gap))
        return births

    # -- families ------------------------------------------------------------

    def build_family(self, *, budget: int, force_unborn: bool) -> None:
        """One family with at most `budget` children (unborn included)."""
        family = _Family(local_id=f"NB-F{len(self.families) + 1:06d}", structure=self._pick(_STRUCTURE_WEIGHTS))
        self.families.append(family)
        births = self._birth_dates(min(budget, self._pick(_CHILDREN_PER_HOUSEHOLD_WEIGHTS)))
        mother = self._new_adult(
            family, Sex.FEMALE, births[0] - dt.timedelta(days=self.rng.randint(17 * 365, 36 * 365))
        )
        father_known = not (family.structure == FamilyStructure.LONE_MOTHER and self.rng.random() < 0.15)
        father = (
            self._new_adult(
                family,
                Sex.MALE,
                mother.date_of_birth_or_raise() - dt.timedelta(days=self.rng.randint(-3 * 365, 8 * 365)),
            )
            if father_known
            else None
        )
        surname = father.family_name if father and self.rng.random() < 0.6 else mother.family_name
        if father and family.structure == FamilyStructure.TWO_PARENTS and self.rng.random() < 0.7:
            mother.family_name = father.family_name  # married and took his name
        home = self._new_household(family)
        formed = births[0] - dt.timedelta(days=self.rng.randint(0, 3 * 365))
        builders = {
            FamilyStructure.TWO_PARENTS: self._two_parents,
            FamilyStructure.LONE_MOTHER: self._lone_mother,
            FamilyStructure.MOTHER_AND_STEP_PARENT: self._mother_and_step_parent,
            FamilyStructure.MOTHER_AND_NEW_PARTNER: self._mother_and_new_partner,
            FamilyStructure.LONE_FATHER: self._lone_father,
            FamilyStructure.KINSHIP_CARE: self._kinship_care,
        }
        builders[family.structure](family, home, formed, mother, father, births, surname)
        budget -= len(family.child_ids)
        if budget > 0 and (force_unborn or self.rng.random() < 0.02):
            self._expecting(family, mother, budget)
        self._grandparents(family, mother, father)
        self._siblings(family)

    def _two_parents(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
    ) -> None:
        self._lives(mother, home, formed)
        if father:
            self._lives(father, home, formed)
        for born in births:
            child = self._new_child(family, mother=mother, father=father, born=born, family_name=surname)
            self._lives(child, home, born)
            self._parent_tie(child, mother, Kinship.MOTHER, None)
            if father:
                self._parent_tie(child, father, Kinship.FATHER, None)

    def _father_leaves(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        father: _Person | None,
        last_birth: dt.date,
        latest: dt.date,
    ) -> dt.date | None:
        """The day the father moved out (he lived with the family until then), or None if he never lived with them."""
        if father is None:
            return None
        if self.rng.random() < 0.35 or last_birth + dt.timedelta(days=60) > latest:
            self._lives(father, self._new_household(family), formed)
            return None
        left_on = self._date_between(last_birth + dt.timedelta(days=60), latest)
        self._lives(father, home, formed, left_on - _DAY)
        own_home = self._new_household(family)
        self._lives(father, own_home, left_on)
        return left_on

    def _children_of(
        self,
        family: _Family,
        home: _Household,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
        father_left_on: dt.date | None,
        father_lived_with: bool,
    ) -> list[_Person]:
        children = []
        for born in births:
            child = self._new_child(family, mother=mother, father=father, born=born, family_name=surname)
            self._lives(child, home, born)
            self._parent_tie(child, mother, Kinship.MOTHER, None)
            if father:
                self._parent_tie(child, father, Kinship.FATHER, father_left_on, lived_with=father_lived_with)
            children.append(child)
        return children

    def _lone_mother(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
    ) -> None:
        self._lives(mother, home, formed)
        left_on = self._father_leaves(family, home, formed, father, births[-1], self.start - dt.timedelta(days=30))
        self._children_of(family, home, mother, father, births, surname, left_on, father_lived_with=left_on is not None)
        if left_on is not None:
            family.concern_from = left_on
        if father is not None and left_on is not None:
            self._fathers_new_family(family, father, left_on)

    def _mother_and_step_parent(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
    ) -> None:
        """The mother's partner moved in more than two years ago; children born after are his."""
        latest_move_in = _years_before(self.start, 2) - _DAY
        own_children = [born for born in births if born + dt.timedelta(days=120) <= latest_move_in]
        if not own_children:
            family.structure = FamilyStructure.MOTHER_AND_NEW_PARTNER
            self._mother_and_new_partner(family, home, formed, mother, father, births, surname)
            return
        self._lives(mother, home, formed)
        left_on = self._father_leaves(
            family, home, formed, father, own_children[-1], latest_move_in - dt.timedelta(days=30)
        )
        moved_in = self._date_between((left_on or own_children[-1]) + dt.timedelta(days=30), latest_move_in)
        step_parent = self._new_adult(
            family, Sex.MALE, mother.date_of_birth_or_raise() - dt.timedelta(days=self.rng.randint(-4 * 365, 8 * 365))
        )
        self._lives(
            step_parent,
            self._new_household(family),
            moved_in - dt.timedelta(days=self.rng.randint(365, 3650)),
            moved_in - _DAY,
        )
        self._lives(step_parent, home, moved_in)
        older = self._children_of(
            family, home, mother, father, own_children, surname, left_on, father_lived_with=left_on is not None
        )
        for child in older:
            self._tie(child, step_parent, Kinship.STEP_PARENT, lives_with=True, valid_from=moved_in)
        younger = [born for born in births[len(own_children) :] if born >= moved_in + dt.timedelta(days=270)]
        self._children_of(
            family, home, mother, step_parent, younger, step_parent.family_name, None, father_lived_with=True
        )
        if father is not None and left_on is not None:
            self._fathers_new_family(family, father, left_on)

    def _mother_and_new_partner(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
    ) -> None:
        """The hidden-adult pattern: a partner moved in within the last two years."""
        latest_move_in = self.start - dt.timedelta(days=30)
        earliest_move_in = max(self.start - dt.timedelta(days=730), births[-1] + dt.timedelta(days=30))
        if earliest_move_in > latest_move_in:
            family.structure = FamilyStructure.LONE_MOTHER
            self._lone_mother(family, home, formed, mother, father, births, surname)
            return
        self._lives(mother, home, formed)
        moved_in = self._date_between(earliest_move_in, latest_move_in)
        left_on = self._father_leaves(family, home, formed, father, births[-1], moved_in - dt.timedelta(days=30))
        partner = self._new_adult(
            family, Sex.MALE, mother.date_of_birth_or_raise() - dt.timedelta(days=self.rng.randint(-6 * 365, 12 * 365))
        )
        self._lives(
            partner,
            self._new_household(family),
            moved_in - dt.timedelta(days=self.rng.randint(200, 3650)),
            moved_in - _DAY,
        )
        self._lives(partner, home, moved_in)
        children = self._children_of(
            family, home, mother, father, births, surname, left_on, father_lived_with=left_on is not None
        )
        for child in children:
            self._tie(child, partner, Kinship.PARENT_PARTNER, lives_with=True, valid_from=moved_in)
        family.concern_from = moved_in
        if father is not None and left_on is not None:
            self._fathers_new_family(family, father, left_on)

    def _lone_father(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
    ) -> None:
        if father is None or births[-1] + dt.timedelta(days=180) > self.start - dt.timedelta(days=30):
            family.structure = FamilyStructure.TWO_PARENTS
            self._two_parents(family, home, formed, mother, father, births, surname)
            return
        self._lives(father, home, formed)
        left_on = self._date_between(births[-1] + dt.timedelta(days=180), self.start - dt.timedelta(days=30))
        self._lives(mother, home, formed, left_on - _DAY)
        self._lives(mother, self._new_household(family), left_on)
        for born in births:
            child = self._new_child(family, mother=mother, father=father, born=born, family_name=surname)
            self._lives(child, home, born)
            self._parent_tie(child, mother, Kinship.MOTHER, left_on)
            self._parent_tie(child, father, Kinship.FATHER, None)
        family.concern_from = left_on

    def _kinship_care(
        self,
        family: _Family,
        home: _Household,
        formed: dt.date,
        mother: _Person,
        father: _Person | None,
        births: list[dt.date],
        surname: str,
    ) -> None:
        """The children lived with their mother, then moved to their maternal grandmother's."""
        if births[-1] + dt.timedelta(days=60) > self.start - dt.timedelta(days=30):
            family.structure = FamilyStructure.LONE_MOTHER
            self._lone_mother(family, home, formed, mother, father, births, surname)
            return
        moved_on = self._date_between(births[-1] + dt.timedelta(days=60), self.start - dt.timedelta(days=30))
        self._lives(mother, home, formed)
        if father:
            self._lives(father, self._new_household(family), formed)
        grandmother = self._new_adult(
            family,
            Sex.FEMALE,
            mother.date_of_birth_or_raise() - dt.timedelta(days=self.rng.randint(18 * 365, 35 * 365)),
            mother.family_name,
        )
        grandmothers_home = self._new_household(family)
        self._lives(grandmother, grandmothers_home, formed - dt.timedelta(days=self.rng.randint(365, 20 * 365)))
        for born in births:
            child = self._new_child(family, mother=mother, father=father, born=born, family_name=surname)
            self._lives(child, home, born, moved_on - _DAY)
            self._lives(child, grandmothers_home, moved_on)
            self._parent_tie(child, mother, Kinship.MOTHER, moved_on)
            if father:
                self._parent_tie(child, father, Kinship.FATHER, None, lived_with=False)
            self._tie(
                child, grandmother, Kinship.GRANDPARENT, lives_with=False, valid_from=born, valid_to=moved_on - _DAY
            )
            self._tie(child, grandmother, Kinship.GRANDPARENT, lives_with=True, valid_from=moved_on)
        family.concern_from = moved_on

    def _fathers_new_family(self, family: _Family, father: _Person, left_on: dt.date) -> None:
        """Sometimes the father who left has children with a new partner: half-siblings in another household."""
        budget = self.target - len(self.children)
        first_birth_earliest = left_on + dt.timedelta(days=self.rng.randint(300, 900))
        if budget < 1 or self.rng.random() > 0.3 or first_birth_earliest > self.start:
            return
        partner = self._new_adult(
            family,
            Sex.FEMALE,
            father.date_of_birth_or_raise() + dt.timedelta(days=self.rng.randint(-2 * 365, 10 * 365)),
        )
        new_home = self.household_by_id[father.residences[-1].household_id]
        moved_in = first_birth_earliest - dt.timedelta(days=280)
        self._lives(
            partner,
            self._new_household(family),
            moved_in - dt.timedelta(days=self.rng.randint(365, 3650)),
            moved_in - _DAY,
        )
        self._lives(partner, new_home, moved_in)
        births = [self._date_between(first_birth_earliest, self.start)]
        if budget > 1 and births[0] + dt.timedelta(days=400) < self.start and self.rng.random() < 0.4:
            births.append(self._date_between(births[0] + dt.timedelta(days=400), self.start))
        for born in births:
            child = self._new_child(family, mother=partner, father=father, born=born, family_name=father.family_name)
            self._lives(child, new_home, born)
            self._parent_tie(child, partner, Kinship.MOTHER, None)
            self._parent_tie(child, father, Kinship.FATHER, None)

    def _expecting(self, family: _Family, mother: _Person, budget: int) -> bool:
        """The mother is pregnant: an unborn child due in the coming months, fathered by the man she lives with, if any."""
        expected = self.start + dt.timedelta(days=self.rng.randint(14, 200))
        if budget < 1 or (expected - mother.date_of_birth_or_raise()).days > 44 * 365:
            return False
        mothers_home = mother.residences[-1].household_id
        father = next(
            (
                adult
                for adult in self.adults
                if adult.local_id in family.adult_ids
                and adult.sex == Sex.MALE
                and adult.residences[-1].household_id == mothers_home
                and adult.residences[-1].moved_out is None
            ),
            None,
        )
        unborn = self._new_child(family, mother=mother, father=father, born=None, family_name=mother.family_name)
        unborn.expected_date = expected
        self._parent_tie(unborn, mother, Kinship.MOTHER, None)
        if father:
            self._parent_tie(unborn, father, Kinship.FATHER, None)
        self.has_unborn = True
        return True

    def _grandparents(self, family: _Family, mother: _Person, father: _Person | None) -> None:
        """Grandparents as relatives who live elsewhere (a kinship carer grandmother is already a tie)."""
        members = self.children_in_family[family.local_id]
        mothers_children = [c for c in members if c.mother_id == mother.local_id]
        parents_of_mother = (
            []
            if family.structure == FamilyStructure.KINSHIP_CARE
            else self._grandparent_couple(family, mother, grandmother_chance=0.85, grandfather_chance=0.45)
        )
        for grandparent in parents_of_mother:
            for child in mothers_children:
                self._tie(child, grandparent, Kinship.GRANDPARENT, lives_with=False, valid_from=child.date_of_birth)
        if father is None:
            return
        fathers_children = [c for c in members if c.father_id == father.local_id]
        for grandparent in self._grandparent_couple(family, father, grandmother_chance=0.4, grandfather_chance=0.2):
            for child in fathers_children:
                self._tie(child, grandparent, Kinship.GRANDPARENT, lives_with=False, valid_from=child.date_of_birth)

    def _grandparent_couple(
        self, family: _Family, parent: _Person, *, grandmother_chance: float, grandfather_chance: float
    ) -> list[_Person]:
        grandparents = []
        born = parent.date_of_birth_or_raise() - dt.timedelta(days=self.rng.randint(18 * 365, 38 * 365))
        if self.rng.random() < grandmother_chance:
            grandparents.append(self._new_adult(family, Sex.FEMALE, born, parent.family_name))
        if self.rng.random() < grandfather_chance:
            grandparents.append(
                self._new_adult(
                    family, Sex.MALE, born - dt.timedelta(days=self.rng.randint(0, 5 * 365)), parent.family_name
                )
            )
        if grandparents:
            home = self._new_household(family)
            for grandparent in grandparents:
                self._lives(grandparent, home, born + dt.timedelta(days=25 * 365))
        return grandparents

    def _siblings(self, family: _Family) -> None:
        """Full siblings share both parents, half-siblings one; they live together if they share a household now."""
        members = self.children_in_family[family.local_id]
        for child in members:
            for other in members:
                if other is child:
                    continue
                shared = (child.mother_id == other.mother_id) + (
                    child.father_id is not None and child.father_id == other.father_id
                )
                if shared == 0:
                    continue
                full = shared == 2 or (
                    child.mother_id == other.mother_id and child.father_id is None and other.father_id is None
                )
                together = bool(
                    child.residences
                    and other.residences
                    and child.residences[-1].household_id == other.residences[-1].household_id
                )
                dates = [d for d in (child.date_of_birth, other.date_of_birth) if d is not None]
                since = max(dates) if len(dates) == 2 else None
                self._tie(
                    child,
                    other,
                    Kinship.SIBLING if full else Kinship.HALF_SIBLING,
                    lives_with=together,
                    valid_from=since,
                )

    # -- households' addresses -------------------------------------------------

    def _street_address(self) -> tuple[str, str, str]:
        district = self.rng.randint(1, 9)
        unit = f"{self.rng.randint(1, 9)}{self.rng.choice(_POSTCODE_UNIT_LETTERS)}{self.rng.choice(_POSTCODE_UNIT_LETTERS)}"
        line_1 = f"{self.rng.randint(1, 180)} {self.faker.last_name()} {self.rng.choice(_STREET_SUFFIXES)}"
        return line_1, _TOWNS[district], f"NB{district} {unit}"

    def _move_dates(self, formed: dt.date) -> list[dt.date]:
        """Nought to two moves in the last six years, at least two months apart."""
        first = max(formed + dt.timedelta(days=180), _years_before(self.start, 6))
        last = self.start - dt.timedelta(days=14)
        count = self._pick({0: 50, 1: 35, 2: 15})
        if first > last or count == 0:
            return []
        moves = sorted(self._date_between(first, last) for _ in range(count))
        return [move for i, move in enumerate(moves) if i == 0 or move - moves[i - 1] >= dt.timedelta(days=60)]

    def _settle_households(self) -> dict[str, tuple[AddressSpell, ...]]:
        """Each household's address history, from the day its first resident moved in."""
        formed: dict[str, dt.date] = {}
        for person in [*self.adults, *self.children]:
            for residence in person.residences:
                known = formed.get(residence.household_id)
                formed[residence.household_id] = residence.moved_in if known is None else min(known, residence.moved_in)
        spells: dict[str, tuple[AddressSpell, ...]] = {}
        for household in self.households:
            start = formed[household.local_id]
            spells[household.local_id] = tuple(
                AddressSpell(*self._street_address(), moved_in=moved_in)
                for moved_in in [start, *self._move_dates(start)]
            )
        return spells

    def _addresses_of(self, person: _Person, spells: dict[str, tuple[AddressSpell, ...]]) -> tuple[AddressSpell, ...]:
        """The person's addresses: their households' addresses while they lived there."""
        history: list[AddressSpell] = []
        for residence in sorted(person.residences, key=lambda r: r.moved_in):
            household_spells = spells[residence.household_id]
            until = residence.moved_out or self.start
            at_move_in = [spell for spell in household_spells if spell.moved_in <= residence.moved_in][-1]
            history.append(AddressSpell(at_move_in.line_1, at_move_in.town, at_move_in.postcode, residence.moved_in))
            history += [spell for spell in household_spells if residence.moved_in < spell.moved_in <= until]
        return tuple(history)

    # -- identifiers and services ------------------------------------------------

    def _nhs_number(self) -> str:
        number = synthetic_nhs_number(self.next_nhs_serial)
        self.next_nhs_serial += 1
        return number

    def _upn(self, establishment_number: str, reception_year: int) -> str:
        """LA number, establishment number, 2-digit year of allocation and a serial, after the check letter."""
        year = f"{reception_year % 100:02d}"
        self.upn_serials[(establishment_number, year)] += 1
        serial = self.upn_serials[(establishment_number, year)]
        return upn_with_check_letter(f"{area.NORTHBRIDGE_LA_CODE}{establishment_number}{year}{serial:03d}")

    def _family_settings(self) -> dict[str, tuple[area.School, area.School, str]]:
        """The primary, secondary and early years setting nearest each family: siblings mostly go to the same."""
        primaries = area.schools_in_phase(area.SchoolPhase.PRIMARY)
        secondaries = area.schools_in_phase(area.SchoolPhase.SECONDARY)
        return {
            family.local_id: (
                self.rng.choice(primaries),
                self.rng.choice(secondaries),
                self.rng.choice(area.EARLY_YEARS_CODES),
            )
            for family in self.families
        }

    def _school_for(self, year_group: int, nearest: tuple[area.School, area.School, str]) -> str | None:
        primary, secondary, _ = nearest
        roll = self.rng.random()
        if 0 <= year_group <= 11 and roll < 0.025:
            return self.rng.choice(area.schools_in_phase(area.SchoolPhase.SPECIAL)).urn
        if 0 <= year_group <= 6:
            return primary.urn if roll < 0.9 else self.rng.choice(area.schools_in_phase(area.SchoolPhase.PRIMARY)).urn
        if 7 <= year_group <= 11:
            return (
                secondary.urn if roll < 0.85 else self.rng.choice(area.schools_in_phase(area.SchoolPhase.SECONDARY)).urn
            )
        if 12 <= year_group <= 13:
            return secondary.urn if roll < 0.55 else (area.COLLEGE_CODE if roll < 0.9 else None)
        return None

    def _freeze_child(
        self,
        child: _Person,
        family_id: str,
        nearest: tuple[area.School, area.School, str],
        spells: dict[str, tuple[AddressSpell, ...]],
    ) -> Child:
        born = child.date_of_birth
        year_group = None if born is None else school_year_group(born, self.start)
        age_in_days = None if born is None else (self.start - born).days
        under_five = born is not None and born > _years_before(self.start, 5)
        school = None if year_group is None else self._school_for(year_group, nearest)
        pre_school = year_group is not None and -2 <= year_group <= -1
        early_years = nearest[2] if pre_school and self.rng.random() < 0.4 else None
        upn = None
        if year_group is not None and year_group >= 0 and born is not None:
            upn = self._upn(nearest[0].establishment_number, _academic_year_starting(born) + 5)
        home = self.household_by_id[child.residences[-1].household_id] if child.residences else None
        return Child(
            local_id=child.local_id,
            family_id=family_id,
            given_name=child.given_name,
            family_name=child.family_name,
            sex=child.sex,
            date_of_birth=born,
            expected_date=child.expected_date,
            mother_id=child.mother_id,
            father_id=child.father_id,
            nhs_number=None if age_in_days is None else self._nhs_number(),
            upn=upn,
            school_code=school,
            early_years_code=early_years,
            gp_practice_code=home.gp_practice_code if home else None,
            health_visiting=under_five,
            residences=tuple(child.residences),
            addresses=self._addresses_of(child, spells),
        )

    def _freeze_adult(self, adult: _Person, spells: dict[str, tuple[AddressSpell, ...]]) -> Adult:
        has_number = self.rng.random() < 0.9
        return Adult(
            local_id=adult.local_id,
            given_name=adult.given_name,
            family_name=adult.family_name,
            sex=adult.sex,
            date_of_birth=adult.date_of_birth_or_raise(),
            nhs_number=self._nhs_number() if has_number else None,
            nhs_number_verified=has_number and self.rng.random() < 0.8,
            gp_practice_code=self.household_by_id[adult.residences[-1].household_id].gp_practice_code,
            residences=tuple(adult.residences),
            addresses=self._addresses_of(adult, spells),
        )

    # -- children's social care ----------------------------------------------------

    def _known_families(self) -> dict[str, dt.date]:
        """The families children's social care knows, weighted by shape, until about 7.5% of children are in them."""
        target = max(1, round(self.target * KNOWN_TO_CHILDRENS_SOCIAL_CARE_SHARE))
        # Weighted sampling without replacement (Efraimidis and Spirakis): sort by random ** (1 / weight).
        keyed = sorted(
            self.families, key=lambda f: self.rng.random() ** (1 / _KNOWN_WEIGHTS[f.structure]), reverse=True
        )
        known: dict[str, dt.date] = {}
        count = 0
        for family in keyed:
            if count >= target:
                break
            earliest = _years_before(self.start, 2)
            if family.concern_from is not None:
                earliest = max(earliest, family.concern_from + dt.timedelta(days=7))
            known[family.local_id] = self._date_between(earliest, self.start - dt.timedelta(days=7))
            count += len(family.child_ids)
        return known

    # -- the whole population ------------------------------------------------------

    def run(self) -> Population:
        while len(self.children) < self.target:
            force_unborn = len(self.families) >= 1 and not self.has_unborn
            self.build_family(budget=self.target - len(self.children), force_unborn=force_unborn)
        spells = self._settle_households()
        settings = self._family_settings()
        family_of = {
            child.local_id: family_id for family_id, members in self.children_in_family.items() for child in members
        }
        children = tuple(
            self._freeze_child(child, family_of[child.local_id], settings[family_of[child.local_id]], spells)
            for child in self.children
        )
        adults = tuple(self._freeze_adult(adult, spells) for adult in self.adults)
        known = self._known_families()
        return Population(
            seed=self.seed,
            start_date=self.start,
            families=tuple(
                Family(
                    local_id=family.local_id,
                    structure=family.structure,
                    child_ids=tuple(family.child_ids),
                    adult_ids=tuple(family.adult_ids),
                    household_ids=tuple(family.household_ids),
                    known_to_childrens_social_care=family.local_id in known,
                    known_since=known.get(family.local_id),
                )
                for family in self.families
            ),
            households=tuple(
                Household(h.local_id, h.family_id, h.gp_practice_code, spells[h.local_id]) for h in self.households
            ),
            children=children,
            adults=adults,
            ties=tuple(self.ties),
        )


def generate_population(*, children: int, seed: int, start_date: dt.date) -> Population:
    """`children` children (a few of them unborn) in about half as many families; the same arguments, the same population."""
    if children < 1:
        raise ValueError("a population needs at least one child")
    return _Generator(seed=seed, start_date=start_date, children=children).run()
