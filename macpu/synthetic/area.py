"""Northbridge: the synthetic area the demo loads, and its organisations. Pure data.

Northbridge does not exist. Its codes are chosen to look like the real schemes
(ODS codes, URNs, DfE LA numbers) without naming a real organisation, and its
phone numbers are in Ofcom's range reserved for drama (01632 960000 to 960999),
which is never allocated to a real line.

The organisations are written as rows of the file `macpu orgs import` reads
(`code,name,type,sector,parent_code,la_code`), parents before their children.
"""

import csv
import io
from dataclasses import dataclass
from enum import StrEnum

from macpu.organisations.rules.import_rows import COLUMNS
from macpu.organisations.rules.vocabulary import OrganisationType, Sector

# A real DfE LA number is needed: UPNs are checked against the published list
# (python-stdnum). 873 is Cambridgeshire's; nothing else in the demo is real.
NORTHBRIDGE_LA_CODE = "873"
AREA_NAME = "Northbridge"
PARTNERSHIP_NAME = "Northbridge Safeguarding Children Partnership"
IMPORT_FILE_NAME = "northbridge-organisations.csv"

CHILDRENS_SOCIAL_CARE_CODE = NORTHBRIDGE_LA_CODE  # a council service's code is its LA number
ADULT_SOCIAL_CARE_CODE = "NB-ASC"
POLICE_CODE = "NBP"
INTEGRATED_CARE_BOARD_CODE = "QNB"
HOSPITAL_TRUST_CODE = "RNB"
EMERGENCY_DEPARTMENT_CODE = "RNB01"
MIDWIFERY_CODE = "RNB02"
COMMUNITY_TRUST_CODE = "RNC"
HEALTH_VISITING_CODE = "RNC01"
SCHOOL_NURSING_CODE = "RNC02"
CAMHS_CODE = "RNC03"
COLLEGE_CODE = "990301"
MACPU_CODE = "NB-MACPU"


class SchoolPhase(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"  # every Northbridge secondary has a sixth form
    SPECIAL = "special"


@dataclass(frozen=True)
class AreaOrganisation:
    """One row of the organisations file, with the demo's phone numbers beside it."""

    code: str
    name: str
    type: OrganisationType
    sector: Sector
    parent_code: str = ""
    la_code: str = ""
    office_hours_phone: str = ""
    out_of_hours_phone: str = ""

    def csv_row(self) -> dict[str, str]:
        return {
            "code": self.code,
            "name": self.name,
            "type": self.type.value,
            "sector": self.sector.value,
            "parent_code": self.parent_code,
            "la_code": self.la_code,
        }


@dataclass(frozen=True)
class School:
    """A school's URN (its organisation code) and DfE establishment number (the middle of its pupils' UPNs)."""

    urn: str
    name: str
    phase: SchoolPhase
    establishment_number: str


def _drama_phone(line: int) -> str:
    """A number in Ofcom's drama range: 01632 960000 to 960999."""
    if not 0 <= line <= 999:
        raise ValueError("the drama range has 1,000 numbers")
    return f"01632 960{line:03d}"


_PRIMARY_NAMES = (
    "Abbey Fields Primary School",
    "Ashling Road Primary School",
    "Brookside Infant and Junior School",
    "Caldmoor Primary School",
    "Castle Hill Primary School",
    "Ferrowby CE Primary School",
    "Greenacre Primary School",
    "Harbour View Primary School",
    "Holy Trinity CE Primary School",
    "Kingsmead Primary School",
    "Little Ashling Village Primary School",
    "Marsh Lane Primary School",
    "Northbridge St Mary's Catholic Primary School",
    "Oakwood Primary Academy",
    "Riverside Primary School",
    "Southgate Primary School",
    "Willow Bank Primary School",
    "Wrenfield Primary School",
)
_SECONDARY_NAMES = (
    "Northbridge Academy",
    "Caldmoor High School",
    "St Aidan's Catholic High School",
    "Ferrowby School and Sixth Form",
    "Westfield Community College",
)
_SPECIAL_NAMES = (
    "Meadowbrook Special School",
    "The Beacon School",
)


def _schools() -> tuple[School, ...]:
    """25 schools: URNs 990101 onwards; establishment numbers 2xxx primary, 4xxx secondary, 7xxx special, as DfE numbers them."""
    phases = (
        [(name, SchoolPhase.PRIMARY, 2001 + i) for i, name in enumerate(_PRIMARY_NAMES)]
        + [(name, SchoolPhase.SECONDARY, 4001 + i) for i, name in enumerate(_SECONDARY_NAMES)]
        + [(name, SchoolPhase.SPECIAL, 7001 + i) for i, name in enumerate(_SPECIAL_NAMES)]
    )
    return tuple(
        School(urn=f"{990101 + i}", name=name, phase=phase, establishment_number=f"{number:04d}")
        for i, (name, phase, number) in enumerate(phases)
    )


SCHOOLS: tuple[School, ...] = _schools()

GP_PRACTICE_NAMES = (
    "Abbey Fields Surgery",
    "Bridge Street Medical Centre",
    "Caldmoor Health Centre",
    "Castle Hill Group Practice",
    "Ferrowby Surgery",
    "Harbour Medical Practice",
    "Kingsmead Family Practice",
    "Marsh Lane Surgery",
    "Riverside Health Centre",
    "Southgate Medical Group",
)
GP_PRACTICE_CODES: tuple[str, ...] = tuple(f"Y9{1001 + i:04d}" for i in range(len(GP_PRACTICE_NAMES)))
EARLY_YEARS_CODES: tuple[str, ...] = ("EY990001", "EY990002")

_T = OrganisationType
_S = Sector
_LA = NORTHBRIDGE_LA_CODE


def _public_services() -> list[AreaOrganisation]:
    return [
        AreaOrganisation(
            CHILDRENS_SOCIAL_CARE_CODE,
            "Northbridge Council Children's Social Care",
            _T.CHILDRENS_SOCIAL_CARE,
            _S.SOCIAL_CARE,
            la_code=_LA,
            office_hours_phone=_drama_phone(100),
            out_of_hours_phone=_drama_phone(101),
        ),
        AreaOrganisation(
            ADULT_SOCIAL_CARE_CODE,
            "Northbridge Council Adult Social Care",
            _T.ADULT_SOCIAL_CARE,
            _S.SOCIAL_CARE,
            la_code=_LA,
            office_hours_phone=_drama_phone(110),
            out_of_hours_phone=_drama_phone(101),
        ),
        AreaOrganisation(
            POLICE_CODE,
            "Northbridge Constabulary",
            _T.POLICE,
            _S.POLICE,
            la_code=_LA,
            office_hours_phone=_drama_phone(120),
            out_of_hours_phone=_drama_phone(121),
        ),
        AreaOrganisation(
            MACPU_CODE,
            "Northbridge Multi-Agency Child Protection Unit",
            _T.MACPU,
            _S.MULTI_AGENCY,
            la_code=_LA,
            office_hours_phone=_drama_phone(130),
            out_of_hours_phone=_drama_phone(131),
        ),
        AreaOrganisation(
            INTEGRATED_CARE_BOARD_CODE,
            "NHS Northbridge Integrated Care Board",
            _T.INTEGRATED_CARE_BOARD,
            _S.HEALTH,
            la_code=_LA,
            office_hours_phone=_drama_phone(140),
        ),
        AreaOrganisation(
            HOSPITAL_TRUST_CODE,
            "Northbridge Hospitals NHS Foundation Trust",
            _T.HOSPITAL,
            _S.HEALTH,
            la_code=_LA,
            office_hours_phone=_drama_phone(150),
            out_of_hours_phone=_drama_phone(151),
        ),
        AreaOrganisation(
            EMERGENCY_DEPARTMENT_CODE,
            "Northbridge General Hospital Emergency Department",
            _T.EMERGENCY_DEPARTMENT,
            _S.HEALTH,
            HOSPITAL_TRUST_CODE,
            _LA,
            _drama_phone(152),
            _drama_phone(152),
        ),
        AreaOrganisation(
            MIDWIFERY_CODE,
            "Northbridge Maternity Service",
            _T.MIDWIFERY,
            _S.HEALTH,
            HOSPITAL_TRUST_CODE,
            _LA,
            _drama_phone(153),
            _drama_phone(154),
        ),
        AreaOrganisation(
            COMMUNITY_TRUST_CODE,
            "Northbridge Community Health NHS Trust",
            _T.COMMUNITY_HEALTH,
            _S.HEALTH,
            la_code=_LA,
            office_hours_phone=_drama_phone(160),
        ),
        AreaOrganisation(
            HEALTH_VISITING_CODE,
            "Northbridge Health Visiting Service",
            _T.HEALTH_VISITING,
            _S.HEALTH,
            COMMUNITY_TRUST_CODE,
            _LA,
            _drama_phone(161),
        ),
        AreaOrganisation(
            SCHOOL_NURSING_CODE,
            "Northbridge School Nursing Service",
            _T.SCHOOL_NURSING,
            _S.HEALTH,
            COMMUNITY_TRUST_CODE,
            _LA,
            _drama_phone(162),
        ),
        AreaOrganisation(
            CAMHS_CODE,
            "Northbridge Child and Adolescent Mental Health Service",
            _T.CAMHS,
            _S.HEALTH,
            COMMUNITY_TRUST_CODE,
            _LA,
            _drama_phone(163),
            _drama_phone(164),
        ),
    ]


def _gp_practices() -> list[AreaOrganisation]:
    return [
        AreaOrganisation(code, name, _T.GP_PRACTICE, _S.HEALTH, INTEGRATED_CARE_BOARD_CODE, _LA, _drama_phone(200 + i))
        for i, (code, name) in enumerate(zip(GP_PRACTICE_CODES, GP_PRACTICE_NAMES, strict=True))
    ]


def _education() -> list[AreaOrganisation]:
    schools = [
        AreaOrganisation(
            school.urn, school.name, _T.SCHOOL, _S.EDUCATION, la_code=_LA, office_hours_phone=_drama_phone(300 + i)
        )
        for i, school in enumerate(SCHOOLS)
    ]
    early_years = [
        AreaOrganisation(
            EARLY_YEARS_CODES[0],
            "Little Acorns Day Nursery",
            _T.EARLY_YEARS,
            _S.EDUCATION,
            la_code=_LA,
            office_hours_phone=_drama_phone(350),
        ),
        AreaOrganisation(
            EARLY_YEARS_CODES[1],
            "Caldmoor Children's Centre Nursery",
            _T.EARLY_YEARS,
            _S.EDUCATION,
            la_code=_LA,
            office_hours_phone=_drama_phone(351),
        ),
    ]
    college = AreaOrganisation(
        COLLEGE_CODE, "Northbridge College", _T.COLLEGE, _S.EDUCATION, la_code=_LA, office_hours_phone=_drama_phone(360)
    )
    return [*schools, *early_years, college]


def _other_services() -> list[AreaOrganisation]:
    return [
        AreaOrganisation(
            "NB-HOMES",
            "Northbridge Homes",
            _T.HOUSING,
            _S.HOUSING,
            la_code=_LA,
            office_hours_phone=_drama_phone(400),
            out_of_hours_phone=_drama_phone(401),
        ),
        AreaOrganisation(
            "NB-PROB",
            "Probation Service, Northbridge Delivery Unit",
            _T.PROBATION,
            _S.JUSTICE,
            la_code=_LA,
            office_hours_phone=_drama_phone(410),
        ),
        AreaOrganisation(
            "NB-YJS",
            "Northbridge Youth Justice Service",
            _T.YOUTH_JUSTICE,
            _S.SOCIAL_CARE,
            la_code=_LA,
            office_hours_phone=_drama_phone(420),
        ),
        AreaOrganisation(
            "NB-DAS",
            "Safe Harbour Northbridge Domestic Abuse Service",
            _T.DOMESTIC_ABUSE_SERVICE,
            _S.VOLUNTARY,
            la_code=_LA,
            office_hours_phone=_drama_phone(430),
            out_of_hours_phone=_drama_phone(431),
        ),
        AreaOrganisation(
            "NB-SMS",
            "Northbridge Recovery Partnership",
            _T.SUBSTANCE_MISUSE_SERVICE,
            _S.VOLUNTARY,
            la_code=_LA,
            office_hours_phone=_drama_phone(440),
        ),
        AreaOrganisation(
            "NB-FAMILY",
            "Northbridge Family Link",
            _T.VOLUNTARY,
            _S.VOLUNTARY,
            la_code=_LA,
            office_hours_phone=_drama_phone(450),
        ),
    ]


ORGANISATIONS: tuple[AreaOrganisation, ...] = (
    *_public_services(),
    *_gp_practices(),
    *_education(),
    *_other_services(),
)


def organisations_csv() -> str:
    """The organisations as the text of a file for `macpu orgs import`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(organisation.csv_row() for organisation in ORGANISATIONS)
    return buffer.getvalue()


def organisation_by_code(code: str) -> AreaOrganisation:
    return next(organisation for organisation in ORGANISATIONS if organisation.code == code)


def schools_in_phase(phase: SchoolPhase) -> tuple[School, ...]:
    return tuple(school for school in SCHOOLS if school.phase == phase)
