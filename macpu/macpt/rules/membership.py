"""Which of the four statutory places of a multi-agency child protection team are filled on a day. Pure.

Children Act 2004 s.16EA(3)-(4), inserted by the Children's Wellbeing and Schools Act 2026 s.3: a team
consists of at least one of each of

  (a) a person, nominated by the local authority, with experience in education in relation to children;
  (b) a social worker, nominated by the local authority, with experience in social work in relation to children;
  (c) a registered health professional, nominated by an integrated care board for the area;
  (d) a constable or relevant police employee, nominated by the chief officer of police for the area;

and such other persons as the local authority considers appropriate. A place is filled only by a member
who is current on the day, holds that place (their `membership`) and was nominated by the body the paragraph
names: a health professional nominated by the local authority does not fill (c).

A member counts from the day they joined up to the day before the day they left: on `left_on` they
are no longer a member.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Place(StrEnum):
    """Which place in the team a member fills."""

    EDUCATION = "education"
    SOCIAL_WORK = "social_work"
    HEALTH = "health"
    POLICE = "police"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PLACE_LABELS[self]


class NominatingBody(StrEnum):
    """Who nominated the member to the team."""

    LOCAL_AUTHORITY = "local_authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    CHIEF_OFFICER_OF_POLICE = "chief_officer_of_police"
    OTHER = "other"

    @property
    def label(self) -> str:
        return NOMINATING_BODY_LABELS[self]


PLACE_LABELS: dict[Place, str] = {
    Place.EDUCATION: "Education",
    Place.SOCIAL_WORK: "Social work",
    Place.HEALTH: "Health",
    Place.POLICE: "Police",
    Place.OTHER: "Other (as the local authority considers appropriate)",
}

NOMINATING_BODY_LABELS: dict[NominatingBody, str] = {
    NominatingBody.LOCAL_AUTHORITY: "The local authority",
    NominatingBody.INTEGRATED_CARE_BOARD: "An integrated care board",
    NominatingBody.CHIEF_OFFICER_OF_POLICE: "The chief officer of police",
    NominatingBody.OTHER: "Another body",
}


@dataclass(frozen=True)
class RequiredPlace:
    """One place s.16EA(4) requires: who must fill it and who must nominate them."""

    place: Place
    nominated_by: NominatingBody
    paragraph: str
    description: str

    @property
    def citation(self) -> str:
        return f"Children Act 2004 s.16EA(4)({self.paragraph})"

    @property
    def message(self) -> str:
        """The warning shown when no current member fills the place."""
        return f"The team has no {self.description} ({self.citation})."


REQUIRED_PLACES: tuple[RequiredPlace, ...] = (
    RequiredPlace(
        Place.EDUCATION,
        NominatingBody.LOCAL_AUTHORITY,
        "a",
        "person with experience in education in relation to children, nominated by the local authority",
    ),
    RequiredPlace(
        Place.SOCIAL_WORK,
        NominatingBody.LOCAL_AUTHORITY,
        "b",
        "social worker with experience in social work in relation to children, nominated by the local authority",
    ),
    RequiredPlace(
        Place.HEALTH,
        NominatingBody.INTEGRATED_CARE_BOARD,
        "c",
        "registered health professional with experience in healthcare for children, "
        "nominated by an integrated care board for the area",
    ),
    RequiredPlace(
        Place.POLICE,
        NominatingBody.CHIEF_OFFICER_OF_POLICE,
        "d",
        "constable or relevant police employee with experience in child protection, "
        "nominated by the chief officer of police for the area",
    ),
)


@dataclass(frozen=True)
class Member:
    """What the rules need to know of one member of a team."""

    membership: Place
    nominated_by: NominatingBody
    joined_on: dt.date
    left_on: dt.date | None = None

    def is_current(self, on: dt.date) -> bool:
        """Whether the member is on the team on `on`: from the day they joined, until the day they left."""
        return self.joined_on <= on and (self.left_on is None or on < self.left_on)

    def fills(self, required: RequiredPlace, on: dt.date) -> bool:
        return self.is_current(on) and self.membership is required.place and self.nominated_by is required.nominated_by


def missing_places(members: Iterable[Member], on: dt.date) -> list[RequiredPlace]:
    """The required places no current member fills on `on`, in the order of s.16EA(4); empty when complete."""
    present = list(members)
    return [required for required in REQUIRED_PLACES if not any(m.fills(required, on) for m in present)]


def leaving_date_error(*, joined_on: dt.date, left_on: dt.date) -> str | None:
    """Why `left_on` cannot be the day a member who joined on `joined_on` left; None if it can."""
    if left_on < joined_on:
        return f"The date they left must be on or after the date they joined, {joined_on.day} {joined_on:%B %Y}"
    return None
