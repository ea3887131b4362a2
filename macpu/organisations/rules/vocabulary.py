"""The fixed vocabularies of organisation types and sectors, and which sectors a type may be in."""

from enum import StrEnum


class Sector(StrEnum):
    SOCIAL_CARE = "social_care"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    JUSTICE = "justice"
    HOUSING = "housing"
    VOLUNTARY = "voluntary"
    MULTI_AGENCY = "multi_agency"


class OrganisationType(StrEnum):
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    POLICE = "police"
    GP_PRACTICE = "gp_practice"
    HOSPITAL = "hospital"
    EMERGENCY_DEPARTMENT = "emergency_department"
    HEALTH_VISITING = "health_visiting"
    MIDWIFERY = "midwifery"
    SCHOOL_NURSING = "school_nursing"
    CAMHS = "camhs"
    COMMUNITY_HEALTH = "community_health"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    SCHOOL = "school"
    EARLY_YEARS = "early_years"
    COLLEGE = "college"
    PROBATION = "probation"
    YOUTH_JUSTICE = "youth_justice"
    HOUSING = "housing"
    ADULT_SOCIAL_CARE = "adult_social_care"
    DOMESTIC_ABUSE_SERVICE = "domestic_abuse_service"
    SUBSTANCE_MISUSE_SERVICE = "substance_misuse_service"
    VOLUNTARY = "voluntary"
    MACPU = "macpu"


_T = OrganisationType
_S = Sector

# The sectors each type may belong to. Several services are run by the NHS in one area
# and by the council or a charity in another, so some types allow more than one.
SECTORS_FOR_TYPE: dict[OrganisationType, frozenset[Sector]] = {
    _T.CHILDRENS_SOCIAL_CARE: frozenset({_S.SOCIAL_CARE}),
    _T.POLICE: frozenset({_S.POLICE}),
    _T.GP_PRACTICE: frozenset({_S.HEALTH}),
    _T.HOSPITAL: frozenset({_S.HEALTH}),
    _T.EMERGENCY_DEPARTMENT: frozenset({_S.HEALTH}),
    _T.HEALTH_VISITING: frozenset({_S.HEALTH}),
    _T.MIDWIFERY: frozenset({_S.HEALTH}),
    _T.SCHOOL_NURSING: frozenset({_S.HEALTH}),
    _T.CAMHS: frozenset({_S.HEALTH}),
    _T.COMMUNITY_HEALTH: frozenset({_S.HEALTH}),
    _T.INTEGRATED_CARE_BOARD: frozenset({_S.HEALTH}),
    _T.SCHOOL: frozenset({_S.EDUCATION}),
    _T.EARLY_YEARS: frozenset({_S.EDUCATION}),
    _T.COLLEGE: frozenset({_S.EDUCATION}),
    _T.PROBATION: frozenset({_S.JUSTICE}),
    _T.YOUTH_JUSTICE: frozenset({_S.JUSTICE, _S.SOCIAL_CARE}),
    _T.HOUSING: frozenset({_S.HOUSING}),
    _T.ADULT_SOCIAL_CARE: frozenset({_S.SOCIAL_CARE}),
    _T.DOMESTIC_ABUSE_SERVICE: frozenset({_S.VOLUNTARY, _S.SOCIAL_CARE, _S.HEALTH}),
    _T.SUBSTANCE_MISUSE_SERVICE: frozenset({_S.HEALTH, _S.VOLUNTARY, _S.SOCIAL_CARE}),
    _T.VOLUNTARY: frozenset({_S.VOLUNTARY}),
    _T.MACPU: frozenset({_S.MULTI_AGENCY}),
}

TYPE_LABELS: dict[OrganisationType, str] = {
    _T.CHILDRENS_SOCIAL_CARE: "Children's social care",
    _T.POLICE: "Police",
    _T.GP_PRACTICE: "GP practice",
    _T.HOSPITAL: "Hospital",
    _T.EMERGENCY_DEPARTMENT: "Emergency department",
    _T.HEALTH_VISITING: "Health visiting",
    _T.MIDWIFERY: "Midwifery",
    _T.SCHOOL_NURSING: "School nursing",
    _T.CAMHS: "Child and adolescent mental health service (CAMHS)",
    _T.COMMUNITY_HEALTH: "Community health",
    _T.INTEGRATED_CARE_BOARD: "Integrated care board",
    _T.SCHOOL: "School",
    _T.EARLY_YEARS: "Early years setting",
    _T.COLLEGE: "College",
    _T.PROBATION: "Probation",
    _T.YOUTH_JUSTICE: "Youth justice",
    _T.HOUSING: "Housing",
    _T.ADULT_SOCIAL_CARE: "Adult social care",
    _T.DOMESTIC_ABUSE_SERVICE: "Domestic abuse service",
    _T.SUBSTANCE_MISUSE_SERVICE: "Substance misuse service",
    _T.VOLUNTARY: "Voluntary organisation",
    _T.MACPU: "Multi-agency child protection unit",
}

SECTOR_LABELS: dict[Sector, str] = {
    _S.SOCIAL_CARE: "Social care",
    _S.POLICE: "Police",
    _S.HEALTH: "Health",
    _S.EDUCATION: "Education",
    _S.JUSTICE: "Justice",
    _S.HOUSING: "Housing",
    _S.VOLUNTARY: "Voluntary",
    _S.MULTI_AGENCY: "Multi-agency",
}

# Which typed code field an organisation's primary code fills, by sector or type.
NHS_SECTORS = frozenset({_S.HEALTH})
SCHOOL_TYPES = frozenset({_T.SCHOOL, _T.COLLEGE})
COUNCIL_TYPES = frozenset({_T.CHILDRENS_SOCIAL_CARE, _T.ADULT_SOCIAL_CARE})
