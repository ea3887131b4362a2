"""The small world the API fuzzing runs in: one child the social worker is involved with, and one of each record
an API path can name, so that generated requests reach real records as well as missing ones.

Built once per test worker, inside a transaction rolled back at the end (see `test_api_fuzz.py`).
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from allauth.usersessions.models import UserSession
from django.test import Client

from macpu.access.models import ApiClient, BreakGlassGrant, NetworkRole, User
from macpu.access.roles import Role
from macpu.access.services import api_client_issue, break_glass_open, network_member_add
from macpu.chronology.models import ChronologyVersion
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.services import chronology_version_save
from macpu.core.actor import Actor
from macpu.events.models import Event, QuarantinedLine, VisibilityChange
from macpu.events.services.visibility import visibility_change
from macpu.events.tests.builders import feed_event, record
from macpu.exports.models import ExportJob
from macpu.exports.services import export_job_complete, export_job_create, export_job_start
from macpu.gaps.models import GapFinding
from macpu.gaps.rules.registry import all_rules
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.services import macp_member_add, macp_team_create
from macpu.organisations.models import Area, Organisation
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.pathway.models import CpisExtract
from macpu.people.models import IdentifierScheme, Person, PersonKind, RelationshipType, Sex
from macpu.people.services.records import NewPerson, identifier_add, person_create, relationship_add
from macpu.practice.models import GlossaryTerm
from macpu.practice.services import glossary_load
from macpu.retention.models import LegalHold
from macpu.retention.services.schedule import hold_place
from macpu.workingdays.models import ProclaimedHoliday
from macpu.workingdays.services import proclaimed_holiday_add
from tests.builders import actor_of, make_child
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory, UserFactory, next_nhs_number

OPERATOR = Actor.operator("api-fuzzing")


@dataclass
class World:
    users: dict[str, User]  # by role under test: sw_amara, gp_ben, ig_iris, admin_sam, partner_pat
    child: Person
    # Real values for path parameters, by parameter name: a generated request picks one of them half the time.
    path_values: dict[str, list[str]]


def _persona(username: str, organisation: Organisation, role: Role) -> User:
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role.value)
    return user


def _organisation(type: OrganisationType, name: str, code: str) -> Organisation:
    return OrganisationFactory(type=type.value, name=name, code=code)


def _ids(values: Iterable[object]) -> list[str]:
    return [str(value) for value in values]


def build_world() -> World:
    area: Area = AreaFactory()
    council = _organisation(OrganisationType.CHILDRENS_SOCIAL_CARE, "Northbridge Children's Services", "873")
    gp_practice = _organisation(OrganisationType.GP_PRACTICE, "Riverside Medical Practice", "Y01001")
    other_practice = _organisation(OrganisationType.GP_PRACTICE, "Harbour Surgery", "Y01002")
    school = _organisation(OrganisationType.SCHOOL, "Hillside Primary School", "123456")
    macpu_team = _organisation(OrganisationType.MACPU, "Northbridge MACPU", "NB-MACPU")

    sw_amara = _persona("sw.amara", council, Role.SOCIAL_WORKER)
    gp_ben = _persona("gp.ben", gp_practice, Role.PRACTITIONER)
    ig_iris = _persona("ig.iris", macpu_team, Role.INFORMATION_GOVERNANCE_OFFICER)
    admin_sam = _persona("admin.sam", macpu_team, Role.SYSTEM_ADMINISTRATOR)
    tm_priya = _persona("tm.priya", council, Role.TEAM_MANAGER)
    gp_emergency = _persona("gp.nadia", other_practice, Role.PRACTITIONER)
    partner_pat = _persona("partner.pat", council, Role.SAFEGUARDING_PARTNER)

    child = make_child(OPERATOR, council, family_name="Whitmore")
    identifier_add(
        actor=OPERATOR, person=child, scheme=IdentifierScheme.NHS_NUMBER, value=next_nhs_number(), verified=True
    )
    mother = person_create(
        actor=OPERATOR,
        new=NewPerson(
            kind=PersonKind.ADULT,
            given_name="Lisa",
            family_name="Whitmore",
            date_of_birth=dt.date(1990, 6, 2),
            sex=Sex.FEMALE,
        ),
        recorded_by_id=council.id,
    )
    relationship_add(
        actor=OPERATOR,
        person=child,
        relative=mother,
        type=RelationshipType.MOTHER,
        lives_with=True,
        valid_from=dt.date(2019, 3, 27),
        recorded_by_id=council.id,
    )
    network_member_add(
        actor=OPERATOR,
        child_id=child.id,
        user=sw_amara,
        organisation_id=council.id,
        network_role=NetworkRole.LEAD_PRACTITIONER,
        started_on=dt.date(2025, 1, 6),
    )
    subject = {"nhs_number": child.identifiers.get().value, "nhs_number_verified": True}
    for number, sensitivity in enumerate(("standard", "restricted", "sealed")):
        payload = feed_event(f"CSC-{number}", council.code, subject=subject, summary=f"Home visit {number}")
        record(OPERATOR, payload | {"sensitivity": sensitivity})
    record(OPERATOR, feed_event("SCH-1", school.code, subject=subject, summary="Arrived at school hungry"))
    # The school disputes social care's record: a professional disagreement both organisations see.
    dispute = {"stage": "practitioner", "status": "raised", "subject": "threshold", "about": "No strategy discussion"}
    ref = {"org": council.code, "record_id": "CSC-0"}
    record(OPERATOR, feed_event("SCH-DIS-1", school.code, "disagreement", subject=subject, ref=ref, details=dispute))
    sealed = Event.objects.get(record_id="CSC-2")
    visibility_change(actor=actor_of(sw_amara), event_id=sealed.id, sensitivity="standard", reason="Shared at the ICPC")

    # A line the feed could not take waits in quarantine for a data quality officer.
    _, school_token = api_client_issue(actor=OPERATOR, organisation_id=school.id, name="CPOMS feed")
    Client().post(
        "/api/v1/events",
        [{"record_id": "SCH-2", "org": school.code}],
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {school_token}",
        HTTP_HOST="localhost",
    )
    api_client_issue(actor=OPERATOR, organisation_id=council.id, name="Case system")

    chronology_version_save(
        actor=actor_of(sw_amara), child_id=child.id, filters=ChronologyFilter(), name="Initial conference"
    )
    job = export_job_create(
        actor=actor_of(sw_amara),
        child_id=child.id,
        kind="chronology",
        format="pdf",
        description="The lead practitioner's export",
        parameters={},
        run=lambda job_id: None,
    )
    export_job_start(job_id=job.id)
    export_job_complete(
        job_id=job.id, content=b"%PDF-1.7 fuzz", filename="chronology.pdf", content_type="application/pdf"
    )
    break_glass_open(
        actor=actor_of(gp_emergency),
        child_id=child.id,
        reason_category="emergency_care",
        reason="A child brought to the emergency department overnight, no one reachable",
        hours=4,
    )
    hold_place(actor=actor_of(ig_iris), child_id=child.id, reason="court", description="A claim is expected")
    team = macp_team_create(
        actor=actor_of(tm_priya), area=area, name="Northbridge MACPT", established_on=dt.date(2025, 4, 1)
    )
    macp_member_add(
        actor=actor_of(tm_priya),
        team=team,
        name="Dr Ruth Ames",
        role="Designated doctor",
        organisation_id=gp_practice.id,
        membership="health",
        nominated_by="integrated_care_board",
        joined_on=dt.date(2025, 4, 1),
    )
    proclaimed_holiday_add(
        actor=actor_of(admin_sam), day=dt.date(2027, 6, 7), name="Royal jubilee", source="Proclamation, 2027"
    )
    # Each user's sessions (the one signed in, to refuse or end, and others').
    for user in (sw_amara, gp_ben, ig_iris, admin_sam):
        client = Client(HTTP_HOST="localhost", REMOTE_ADDR="127.0.0.1")
        client.force_login(user)
        client.get("/api/v1/me")

    glossary_load(actor=OPERATOR)  # the practice glossary's terms, so its operations reach real ones
    path_values = {
        "child_id": _ids(Person.objects.filter(kind=PersonKind.CHILD).values_list("id", flat=True)),
        "event_id": _ids(Event.objects.values_list("id", flat=True)),
        "version_id": _ids(ChronologyVersion.objects.values_list("id", flat=True)),
        "job_id": _ids(ExportJob.objects.values_list("id", flat=True)),
        "grant_id": _ids(BreakGlassGrant.objects.values_list("id", flat=True)),
        "client_id": _ids(ApiClient.objects.values_list("id", flat=True)),
        "line_id": _ids(QuarantinedLine.objects.values_list("id", flat=True)),
        "change_id": _ids(VisibilityChange.objects.values_list("id", flat=True)),
        "hold_id": _ids(LegalHold.objects.values_list("id", flat=True)),
        "team_id": _ids(MacpTeam.objects.values_list("id", flat=True)),
        "member_id": _ids(MacpTeamMember.objects.values_list("id", flat=True)),
        "finding_id": _ids(GapFinding.objects.values_list("id", flat=True)),
        "disagreement_id": _ids(Event.objects.filter(type="disagreement").values_list("id", flat=True)),
        "extract_id": _ids(CpisExtract.objects.values_list("id", flat=True)),
        "organisation_id": _ids(Organisation.objects.values_list("id", flat=True)),
        "organisation": list(Organisation.objects.values_list("code", flat=True)),  # a practice profile's, by code
        "term_id": _ids(GlossaryTerm.objects.values_list("id", flat=True)),
        "user_id": _ids(User.objects.values_list("id", flat=True)),
        "session_id": _ids(UserSession.objects.values_list("id", flat=True)),
        "date": _ids(ProclaimedHoliday.objects.values_list("date", flat=True)),
        "rule_id": [rule.id for rule in all_rules()],
    }
    users = {
        "sw_amara": sw_amara,
        "gp_ben": gp_ben,
        "ig_iris": ig_iris,
        "admin_sam": admin_sam,
        "partner_pat": partner_pat,
    }
    assert all(uuid.UUID(value) for value in path_values["child_id"])
    return World(users=users, child=child, path_values={k: v for k, v in path_values.items() if v})
