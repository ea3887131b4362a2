"""Northbridge's practice profiles: how five of its organisations say they work, made up for the demo.

They differ where real agencies differ (when consent is sought, how fast each answers, who goes to strategy
discussions, the words each uses), so that comparing them shows something. Names come from Faker (en_GB, seeded);
telephone numbers are in Ofcom's drama range (01632 960xxx); addresses are example.gov.uk and example.nhs.uk.
"""

from dataclasses import dataclass

from faker import Faker

from macpu.practice.rules.profile import (
    Commitment,
    ConsentPractice,
    ProfileContent,
    SafeguardingLead,
    Timescale,
    TimeUnit,
)
from macpu.synthetic import area

_faker = Faker("en_GB")
_faker.seed_instance(9090)

_WD, _HOURS = TimeUnit.WORKING_DAYS, TimeUnit.HOURS
_THRESHOLDS = ("Northbridge continuum of need", "https://www.northbridge.example.gov.uk/continuum-of-need")


def _name() -> str:
    return f"{_faker.first_name()} {_faker.last_name()}"


def _timescales(acknowledge: Timescale, initial: int, review: int, answer: Timescale) -> dict[Commitment, Timescale]:
    return {
        Commitment.ACKNOWLEDGE_REFERRAL: acknowledge,
        Commitment.REPORT_INITIAL_CONFERENCE: Timescale(initial, _WD),
        Commitment.REPORT_REVIEW_CONFERENCE: Timescale(review, _WD),
        Commitment.ANSWER_INFORMATION_REQUEST: answer,
    }


@dataclass(frozen=True)
class DemoProfile:
    organisation_code: str
    content: ProfileContent
    change_note: str


def _council() -> ProfileContent:
    return ProfileContent(
        safeguarding_role=(
            "Children's social care receives every contact and referral about a child through the MASH, assesses "
            "children in need (CIN), leads s47 enquiries and child protection plans, and looks after children in care."
        ),
        referral_route="Call the MASH on 01632 960100 or use the online referral form; out of hours, call the EDT.",
        threshold_document_title=_THRESHOLDS[0],
        threshold_document_url=_THRESHOLDS[1],
        escalation_route="Duty team manager, then the head of service for assessment, then the MACPU's escalation lead.",
        leads=(
            SafeguardingLead(_name(), "Head of service, child protection", "01632 960101", "EDT 01632 960199"),
            SafeguardingLead(_name(), "MASH team manager", "01632 960102", ""),
        ),
        consent_practice=ConsentPractice.INFORMS_WITHOUT_SEEKING,
        consent_explanation=(
            "Tells the family that it is sharing, under its duties in the Children Act 1989, unless telling them "
            "would put the child at risk of significant harm or hamper a police investigation."
        ),
        timescales=_timescales(Timescale(1, _WD), 3, 3, Timescale(2, _WD)),
        strategy_discussion_attendees="The team manager, who chairs, and the allocated social worker.",
        records_held="Assessments, child in need and child protection plans, CLA records, conference minutes.",
        terms=("MASH", "CIN", "s47", "CLA", "EDT", "ICPC", "RCPC", "PLO", "was not brought"),
    )


def _police() -> ProfileContent:
    return ProfileContent(
        safeguarding_role=(
            "Northbridge Police's child abuse investigation team investigates crimes against children, joins "
            "strategy meetings, shares Operation Encompass notifications with schools and refers high-risk "
            "domestic abuse to MARAC."
        ),
        referral_route="In an emergency call 999; otherwise call 101 and ask for the child abuse investigation team.",
        threshold_document_title=_THRESHOLDS[0],
        threshold_document_url=_THRESHOLDS[1],
        escalation_route="Detective sergeant, then the detective inspector for public protection.",
        leads=(SafeguardingLead(_name(), "Detective inspector, public protection", "01632 960200", "101"),),
        consent_practice=ConsentPractice.INFORMS_WITHOUT_SEEKING,
        consent_explanation=(
            "Shares for policing purposes and to protect children without seeking consent; does not tell the "
            "family when doing so could prejudice an investigation."
        ),
        timescales=_timescales(Timescale(24, _HOURS), 2, 2, Timescale(5, _WD)),
        strategy_discussion_attendees="A detective sergeant from the child abuse investigation team.",
        records_held="Crime reports, intelligence, domestic abuse incidents, MAPPA and MARAC records.",
        terms=("strategy meeting", "Operation Encompass", "MARAC", "MAPPA", "CSE", "CCE", "NFA"),
    )


def _gp_practice() -> ProfileContent:
    return ProfileContent(
        safeguarding_role=(
            "The practice sees children and their parents, follows up missed appointments, and shares what it "
            "knows with children's social care and conferences."
        ),
        referral_route="Refer to the MASH; tell the practice's safeguarding lead the same day.",
        threshold_document_title=_THRESHOLDS[0],
        threshold_document_url=_THRESHOLDS[1],
        escalation_route="The practice's safeguarding lead GP, then the ICB's named GP for safeguarding.",
        leads=(SafeguardingLead(_name(), "Safeguarding lead GP", "01632 960300", ""),),
        consent_practice=ConsentPractice.BEFORE_SHARING,
        consent_explanation=(
            "Seeks the patient's or parent's consent before sharing, unless seeking it would put the child at risk "
            "of significant harm; then the GP shares without it and records why."
        ),
        timescales=_timescales(Timescale(2, _WD), 2, 2, Timescale(5, _WD)),
        strategy_discussion_attendees="The named GP for safeguarding, or a report from them.",
        records_held="The GP record: attendances, immunisations, DNA of appointments, the parents' health.",
        terms=("DNA", "LAC", "CAMHS"),
    )


def _school() -> ProfileContent:
    return ProfileContent(
        safeguarding_role=(
            "The school's DSL takes lead responsibility for safeguarding, refers concerns to the MASH, supports "
            "children after an Operation Encompass notification and offers early help."
        ),
        referral_route="Tell the DSL at once; the DSL refers to the MASH.",
        threshold_document_title=_THRESHOLDS[0],
        threshold_document_url=_THRESHOLDS[1],
        escalation_route="The DSL, then the headteacher, then the chair of governors.",
        leads=(
            SafeguardingLead("Dev Patel", "Designated safeguarding lead", "01632 960400", "Not available out of term"),
            SafeguardingLead(_name(), "Deputy designated safeguarding lead", "01632 960401", ""),
        ),
        consent_practice=ConsentPractice.BEFORE_REFERRAL,
        consent_explanation=(
            "Talks to the parents and seeks their agreement before a referral, unless that would put the child at "
            "risk; then refers without telling them."
        ),
        timescales=_timescales(Timescale(1, _WD), 2, 2, Timescale(3, _WD)),
        strategy_discussion_attendees="The DSL, when invited.",
        records_held="Attendance, behaviour, safeguarding records, SEN support and EHCP reviews.",
        terms=("DSL", "SENCo", "EHCP", "Operation Encompass", "LAC", "TAC", "early help"),
    )


def _health_visiting() -> ProfileContent:
    return ProfileContent(
        safeguarding_role=(
            "Health visitors see every family with a child under five, offer the healthy child programme and "
            "follow up children who were not brought to appointments."
        ),
        referral_route="Call the health visiting hub; for a child at risk, refer to the MASH as well.",
        threshold_document_title=_THRESHOLDS[0],
        threshold_document_url=_THRESHOLDS[1],
        escalation_route="The team leader, then the trust's named nurse for safeguarding children.",
        leads=(SafeguardingLead(_name(), "Named nurse, safeguarding children", "01632 960500", ""),),
        consent_practice=ConsentPractice.CASE_BY_CASE,
        consent_explanation="Decides with the named nurse for each family whether to seek consent before sharing.",
        timescales=_timescales(Timescale(2, _WD), 3, 3, Timescale(3, _WD)),
        strategy_discussion_attendees="The named nurse for safeguarding children, with the family's health visitor.",
        records_held="Health visiting records: contacts, growth, development reviews, was not brought follow-ups.",
        terms=("was not brought", "WNB", "CLA", "TAF"),
    )


def demo_profiles() -> list[DemoProfile]:
    """The five profiles, by organisation code (a school's code is its URN, a GP practice's its ODS code)."""
    note = "First version"
    return [
        DemoProfile(area.CHILDRENS_SOCIAL_CARE_CODE, _council(), note),
        DemoProfile(area.POLICE_CODE, _police(), note),
        DemoProfile(area.GP_PRACTICE_CODES[0], _gp_practice(), note),
        DemoProfile(area.SCHOOLS[0].urn, _school(), note),
        DemoProfile(area.HEALTH_VISITING_CODE, _health_visiting(), note),
    ]
