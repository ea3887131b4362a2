"""The world the authorisation matrix runs in: one child, and for every relationship to that child an organisation
holding one user in every role (and an API client).

Built once per test worker (the matrix's module-scoped fixture), inside a transaction that is rolled back at the
end; each matrix test then runs in its own savepoint, so whatever its requests write is undone before the next.

Relationships of the user's organisation to the child (`Relationship`):

- `none`: never involved (an organisation that has nothing to do with the child);
- `ended`: was involved, and its involvement has ended (a closed case);
- `involved`: involved now, because it recorded something about the child; the entry targeted is its own;
- `restricted` / `sealed`: involved now (professional network), and the entry targeted is children's social care's
  restricted / sealed entry, whose content a health organisation may not read (docs/access.md);
- `break_glass`: not involved, and the user holds emergency access to the child that has not expired;
- `break_glass_expired`: not involved, and the user's emergency access to the child has expired.

Every relationship organisation is a GP practice (sector health), so that social care's restricted entries are
withheld from it; children's social care (the council) is the child's first organisation and lead practitioner.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

import time_machine
from django.db import transaction

from macpu.access.models import BreakGlassGrant, Involvement, InvolvementBasis, NetworkRole, User
from macpu.access.roles import Role
from macpu.access.rules.policy import is_case_role
from macpu.access.services import api_client_issue, break_glass_open, involvement_record, network_member_add
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.services import chronology_version_save
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.tests.builders import feed_event, record
from macpu.exports.services import export_job_complete, export_job_create, export_job_start
from macpu.organisations.models import Organisation
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.people.models import IdentifierScheme, Person
from macpu.people.services.records import identifier_add
from tests.builders import actor_of, make_child
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory, UserFactory, next_nhs_number


class Relationship(StrEnum):
    NONE = "none"
    ENDED = "ended"
    INVOLVED = "involved"
    RESTRICTED = "restricted"
    SEALED = "sealed"
    BREAK_GLASS = "break_glass"
    BREAK_GLASS_EXPIRED = "break_glass_expired"


# Relationships in which the user's organisation sees the child's record (a case role, need to know).
SEES_THE_CHILD = frozenset(
    {Relationship.INVOLVED, Relationship.RESTRICTED, Relationship.SEALED, Relationship.BREAK_GLASS}
)


@dataclass
class RelationshipSide:
    """One relationship's organisation, its users by role, its API client's token and the entry its routes target."""

    relationship: Relationship
    organisation: Organisation
    users: dict[str, User]
    api_token: str
    api_client_id: uuid.UUID
    entry: Event
    own_export_job_ids: dict[str, uuid.UUID] = field(default_factory=dict)

    @property
    def colleague(self) -> User:
        """A colleague in the same organisation, whose staff record the organisation's administrator looks after."""
        return self.users[Role.PRACTITIONER.value]


@dataclass
class World:
    child: Person
    council: Organisation
    lead_practitioner: User
    version_id: uuid.UUID
    others_export_job_id: uuid.UUID
    grant_to_review_id: uuid.UUID
    councils_api_client_id: uuid.UUID
    disagreement_id: uuid.UUID  # raised by the `involved` organisation against social care's record
    sides: dict[Relationship, RelationshipSide]
    secrets: tuple[str, ...]  # what no one outside the child's record may ever read in a response
    withheld: dict[Relationship, str]  # the summary of the entry whose content that relationship may not read
    readable_summary: str  # the summary of social care's standard entry, which everyone who sees the child reads


OPERATOR = Actor.operator("authorisation-matrix")
EMERGENCY = "A child brought to the emergency department overnight, no one reachable"


def _subject(child: Person) -> dict[str, object]:
    return {"nhs_number": child.identifiers.get().value, "nhs_number_verified": True}


def _entry(organisation: Organisation, child: Person, record_id: str, summary: str, sensitivity: str) -> Event:
    payload = feed_event(record_id, organisation.code, subject=_subject(child), summary=summary)
    outcome = record(OPERATOR, payload | {"sensitivity": sensitivity})
    assert outcome.event is not None, outcome
    return outcome.event


def _disagreement(organisation: Organisation, council: Organisation, child: Person) -> Event:
    """A professional disagreement the organisation raised with social care's standard entry (CSC-1)."""
    details = {"stage": "practitioner", "status": "raised", "subject": "threshold", "about": "No strategy discussion"}
    payload = feed_event(
        "GP-DIS-1",
        organisation.code,
        "disagreement",
        subject=_subject(child),
        details=details,
        ref={"org": council.code, "record_id": "CSC-1"},
    )
    outcome = record(OPERATOR, payload)
    assert outcome.event is not None, outcome
    return outcome.event


def _users(organisation: Organisation, relationship: Relationship) -> dict[str, User]:
    users: dict[str, User] = {}
    for role in Role:
        user = UserFactory(username=f"{relationship}.{role}")
        MembershipFactory(user=user, organisation=organisation, role=role.value)
        users[role.value] = user
    return users


def _grant(user: User, organisation: Organisation, role: str, child: Person) -> None:
    """Emergency access, through the service for a case role; the service refuses other roles, so theirs is written
    as a row: the matrix then shows a grant opens nothing to a role that does not work on cases."""
    if is_case_role(role):
        break_glass_open(
            actor=actor_of(user), child_id=child.id, reason_category="emergency_care", reason=EMERGENCY, hours=4
        )
        return
    now = clock.now()
    BreakGlassGrant.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        child=child,
        reason_category="emergency_care",
        reason=EMERGENCY,
        started_at=now,
        expires_at=now + dt.timedelta(hours=4),
    )


def _finished_export(user: User, child: Person) -> uuid.UUID:
    """An export the user asked for, made and kept for them: only its requester may follow or download it."""
    job = export_job_create(
        actor=actor_of(user),
        child_id=child.id,
        kind="chronology",
        format="pdf",
        description="An export of one's own",
        parameters={},
        run=lambda job_id: None,
    )
    export_job_start(job_id=job.id)
    export_job_complete(
        job_id=job.id, content=b"%PDF-1.7 matrix", filename="chronology.pdf", content_type="application/pdf"
    )
    return job.id


def build_world() -> World:
    with transaction.atomic():
        return _build()


def _build() -> World:
    AreaFactory()
    council = OrganisationFactory(
        type=OrganisationType.CHILDRENS_SOCIAL_CARE.value, name="Northbridge Children's Services", code="873"
    )
    lead = UserFactory(username="matrix.lead", first_name="Amara", last_name="Okafor")
    MembershipFactory(user=lead, organisation=council, role=Role.SOCIAL_WORKER.value)
    child = make_child(OPERATOR, council, family_name="Quennell")
    identifier_add(
        actor=OPERATOR, person=child, scheme=IdentifierScheme.NHS_NUMBER, value=next_nhs_number(), verified=True
    )
    network_member_add(
        actor=OPERATOR,
        child_id=child.id,
        user=lead,
        organisation_id=council.id,
        network_role=NetworkRole.LEAD_PRACTITIONER,
        started_on=dt.date(2025, 1, 6),
    )
    standard = _entry(council, child, "CSC-1", "Home visit: kitchen bare, child hungry", "standard")
    restricted = _entry(council, child, "CSC-2", "Strategy discussion: police intelligence shared", "restricted")
    sealed = _entry(council, child, "CSC-3", "Mother disclosed a refuge placement", "sealed")
    councils_api_client, _ = api_client_issue(actor=OPERATOR, organisation_id=council.id, name="Case system")
    version = chronology_version_save(
        actor=actor_of(lead), child_id=child.id, filters=ChronologyFilter(), name="Initial child protection conference"
    )
    others_job = export_job_create(
        actor=actor_of(lead),
        child_id=child.id,
        kind="chronology",
        format="pdf",
        description="The lead practitioner's export",
        parameters={},
        run=lambda job_id: None,
    )

    sides: dict[Relationship, RelationshipSide] = {}
    for number, relationship in enumerate(Relationship):
        organisation = OrganisationFactory(
            type=OrganisationType.GP_PRACTICE.value, name=f"Matrix {relationship} practice", code=f"Y9{number:04d}"
        )
        users = _users(organisation, relationship)
        api_client, token = api_client_issue(
            actor=OPERATOR, organisation_id=organisation.id, name=f"{relationship} system"
        )
        entry = standard
        if relationship == Relationship.INVOLVED:
            # Involved by its own recording (a claimed relationship); the entry its routes target is its own.
            entry = _entry(organisation, child, f"GP-{number}", "Attended with a burn to the hand", "standard")
        elif relationship in (Relationship.RESTRICTED, Relationship.SEALED):
            involvement_record(
                actor=OPERATOR, child_id=child.id, organisation_id=organisation.id, basis=InvolvementBasis.NETWORK
            )
            entry = restricted if relationship == Relationship.RESTRICTED else sealed
        elif relationship == Relationship.ENDED:
            involvement_record(
                actor=OPERATOR, child_id=child.id, organisation_id=organisation.id, basis=InvolvementBasis.NETWORK
            )
            # No service ends an involvement yet: closing the case is written as the row it would leave.
            Involvement.objects.filter(child=child, organisation=organisation).update(ended_at=clock.now())
        elif relationship == Relationship.BREAK_GLASS:
            for role, user in users.items():
                _grant(user, organisation, role, child)
        elif relationship == Relationship.BREAK_GLASS_EXPIRED:
            with time_machine.travel(clock.now() - dt.timedelta(hours=6), tick=False):
                for role, user in users.items():
                    _grant(user, organisation, role, child)
        side = RelationshipSide(relationship, organisation, users, token, api_client.id, entry)
        for role, user in users.items():
            side.own_export_job_ids[role] = _finished_export(user, child)
        sides[relationship] = side

    disagreement = _disagreement(sides[Relationship.INVOLVED].organisation, council, child)
    grant_to_review = BreakGlassGrant.objects.filter(
        user=sides[Relationship.BREAK_GLASS].users[Role.SOCIAL_WORKER.value]
    ).get()
    secrets = (child.family_name, child.identifiers.get().value, standard.summary, restricted.summary, sealed.summary)
    return World(
        child=child,
        council=council,
        lead_practitioner=lead,
        version_id=version.id,
        others_export_job_id=others_job.id,
        grant_to_review_id=grant_to_review.id,
        councils_api_client_id=councils_api_client.id,
        disagreement_id=disagreement.id,
        sides=sides,
        secrets=secrets,
        withheld={Relationship.RESTRICTED: restricted.summary, Relationship.SEALED: sealed.summary},
        readable_summary=standard.summary,
    )
