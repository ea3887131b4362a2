"""The demo's staff: who signs in to the Northbridge demo, in which organisation and role. Pure data.

These are synthetic staff, not personal data, so their usernames and the shared
password may be printed for the person running the demo.
"""

from dataclasses import dataclass

from faker import Faker

from macpu.access.roles import Role
from macpu.synthetic import area

DEMO_PASSWORD = "northbridge-demo-2026"  # noqa: S105  # synthetic demo staff only; printed on purpose
_STAFF_NAMES_SEED = 873  # fixed, so generated staff names do not change with the population's seed


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    organisation_code: str
    role: Role
    job_title: str


_FIRST_SCHOOL = area.SCHOOLS[0].urn
_FIRST_PRACTICE = area.GP_PRACTICE_CODES[0]

# One of every role, with usernames a demonstrator can remember.
NAMED_STAFF: tuple[StaffMember, ...] = (
    StaffMember("sw.amara", "Amara", "Okafor", area.CHILDRENS_SOCIAL_CARE_CODE, Role.SOCIAL_WORKER, "Social worker"),
    StaffMember("sw.kofi", "Kofi", "Mensah", area.CHILDRENS_SOCIAL_CARE_CODE, Role.SOCIAL_WORKER, "Social worker"),
    StaffMember(
        "sw.jo", "Jo", "Whitfield", area.CHILDRENS_SOCIAL_CARE_CODE, Role.SOCIAL_WORKER, "Senior social worker"
    ),
    StaffMember(
        "tm.priya",
        "Priya",
        "Shah",
        area.CHILDRENS_SOCIAL_CARE_CODE,
        Role.TEAM_MANAGER,
        "Team manager, child protection",
    ),
    StaffMember(
        "chair.carol",
        "Carol",
        "Lindqvist",
        area.CHILDRENS_SOCIAL_CARE_CODE,
        Role.CONFERENCE_CHAIR,
        "Child protection conference chair",
    ),
    StaffMember("gp.ben", "Ben", "Adeyemi", _FIRST_PRACTICE, Role.PRACTITIONER, "GP"),
    StaffMember("hv.helen", "Helen", "Marsh", area.HEALTH_VISITING_CODE, Role.PRACTITIONER, "Health visitor"),
    StaffMember("mw.maya", "Maya", "Kowalski", area.MIDWIFERY_CODE, Role.PRACTITIONER, "Community midwife"),
    StaffMember("dsl.dev", "Dev", "Patel", _FIRST_SCHOOL, Role.SAFEGUARDING_LEAD, "Designated safeguarding lead"),
    StaffMember(
        "police.chen",
        "Chen",
        "Li",
        area.POLICE_CODE,
        Role.POLICE_OFFICER,
        "Detective constable, child abuse investigation",
    ),
    StaffMember("macpu.morgan", "Morgan", "Reid", area.MACPU_CODE, Role.MACPU_MEMBER, "MACPU coordinator"),
    StaffMember("analyst.ali", "Ali", "Hassan", area.MACPU_CODE, Role.PARTNERSHIP_ANALYST, "Partnership analyst"),
    StaffMember(
        "partner.pat",
        "Pat",
        "Okonkwo",
        area.INTEGRATED_CARE_BOARD_CODE,
        Role.SAFEGUARDING_PARTNER,
        "Delegated safeguarding partner, integrated care board",
    ),
    StaffMember("dq.dana", "Dana", "Brook", area.MACPU_CODE, Role.DATA_QUALITY_OFFICER, "Data quality officer"),
    StaffMember(
        "ig.isla",
        "Isla",
        "Fraser",
        area.MACPU_CODE,
        Role.INFORMATION_GOVERNANCE_OFFICER,
        "Information governance officer",
    ),
    StaffMember("auditor.eve", "Eve", "Tanner", area.MACPU_CODE, Role.AUDITOR, "Internal auditor"),
    StaffMember("admin.sam", "Sam", "Quinn", area.MACPU_CODE, Role.SYSTEM_ADMINISTRATOR, "System administrator"),
    StaffMember(
        "it.omar", "Omar", "Siddiqui", area.POLICE_CODE, Role.ORGANISATION_ADMINISTRATOR, "Police systems administrator"
    ),
)
SOCIAL_WORKERS: tuple[str, ...] = ("sw.amara", "sw.amara", "sw.amara", "sw.kofi", "sw.jo")  # Amara leads most families


def _generated_staff() -> list[StaffMember]:
    """A safeguarding lead for every other school, college and nursery, and a GP for every other practice."""
    faker = Faker("en_GB")
    faker.seed_instance(_STAFF_NAMES_SEED)
    staff = []
    settings = [school.urn for school in area.SCHOOLS[1:]] + [area.COLLEGE_CODE, *area.EARLY_YEARS_CODES]
    for number, code in enumerate(settings, start=2):
        username = (
            f"dsl.school{number:02d}"
            if code not in (area.COLLEGE_CODE, *area.EARLY_YEARS_CODES)
            else f"dsl.{code.lower()}"
        )
        staff.append(
            StaffMember(
                username,
                faker.first_name(),
                faker.last_name(),
                code,
                Role.SAFEGUARDING_LEAD,
                "Designated safeguarding lead",
            )
        )
    for number, code in enumerate(area.GP_PRACTICE_CODES[1:], start=2):
        staff.append(
            StaffMember(
                f"gp.practice{number:02d}", faker.first_name(), faker.last_name(), code, Role.PRACTITIONER, "GP"
            )
        )
    return staff


STAFF: tuple[StaffMember, ...] = (*NAMED_STAFF, *_generated_staff())


def safeguarding_lead_username(organisation_code: str) -> str | None:
    return next(
        (
            member.username
            for member in STAFF
            if member.organisation_code == organisation_code and member.role == Role.SAFEGUARDING_LEAD
        ),
        None,
    )
