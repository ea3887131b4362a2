"""The terms the shared glossary starts with: words and abbreviations agencies in England use differently.

`macpu glossary load` (and the demo) adds any of these missing from the glossary, and leaves alone the ones the
partnership has since edited. Meanings follow Working Together to Safeguard Children 2023, Keeping Children Safe
in Education, the Children Act 1989 and the NHS's own usage; the partnership may refine them for local practice.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedTerm:
    term: str
    expansion: str
    meaning: str
    sectors: tuple[str, ...]
    is_abbreviation: bool = True
    equivalents: tuple[str, ...] = ()


_SC, _PO, _HE, _ED, _JU, _HO, _VO = "social_care", "police", "health", "education", "justice", "housing", "voluntary"

SEED_TERMS: tuple[SeedTerm, ...] = (
    SeedTerm(
        "DNA",
        "did not attend (a health appointment)",
        "Health services' record that a patient did not come to an appointment. For a child the preferred term is "
        "'was not brought': a child depends on an adult to take them, and missed appointments can be a sign of "
        "neglect.",
        (_HE,),
        equivalents=("was not brought", "WNB"),
    ),
    SeedTerm(
        "was not brought",
        "a child missed an appointment because no adult brought them",
        "The term health services prefer for a child who missed an appointment: it places the responsibility on the "
        "adults caring for the child. Repeated missed appointments are followed up as a possible sign of neglect.",
        (_HE, _SC),
        is_abbreviation=False,
        equivalents=("WNB",),
    ),
    SeedTerm("WNB", "was not brought", "Short for 'was not brought': see that entry.", (_HE,)),
    SeedTerm(
        "CIN",
        "child in need (Children Act 1989 section 17)",
        "A child who is unlikely to achieve or maintain a reasonable standard of health or development without "
        "services from the local authority, whose health or development is likely to be significantly impaired "
        "without them, or who is disabled. Children's social care assesses and may agree a child in need plan.",
        (_SC, _ED, _HE),
        equivalents=("s17",),
    ),
    SeedTerm(
        "s17",
        "section 17 of the Children Act 1989 (child in need)",
        "The local authority's general duty to safeguard and promote the welfare of children in need in its area by "
        "providing services; 'a section 17 case' is a child in need case.",
        (_SC,),
    ),
    SeedTerm(
        "s47",
        "section 47 enquiry (Children Act 1989)",
        "Enquiries the local authority must make when it has reasonable cause to suspect that a child in its area is "
        "suffering, or is likely to suffer, significant harm. They are decided at a strategy discussion and led by a "
        "social worker, with the police where a crime may have been committed.",
        (_SC, _PO, _HE),
        equivalents=("child protection enquiry",),
    ),
    SeedTerm(
        "child protection enquiry",
        "an enquiry under section 47 of the Children Act 1989",
        "Another name for a section 47 enquiry.",
        (_SC, _ED),
        is_abbreviation=False,
    ),
    SeedTerm(
        "strategy discussion",
        "children's social care, the police and health decide whether to start section 47 enquiries",
        "Held whenever there is reasonable cause to suspect a child is suffering, or is likely to suffer, significant "
        "harm: at least children's social care, the police and health, with the referring agency and others such as "
        "the school as needed, share information and decide whether to start section 47 enquiries and what "
        "immediate action protects the child.",
        (_SC, _PO, _HE),
        is_abbreviation=False,
        equivalents=("strategy meeting",),
    ),
    SeedTerm(
        "strategy meeting",
        "a strategy discussion held as a meeting",
        "A strategy discussion held as a meeting rather than by telephone or online; many police and health teams "
        "use the two names for the same thing.",
        (_PO, _HE),
        is_abbreviation=False,
    ),
    SeedTerm(
        "ICPC",
        "initial child protection conference",
        "The meeting of the family and professionals that decides whether the child should be subject to a child "
        "protection plan. It is held within 15 working days of the strategy discussion at which section 47 enquiries "
        "were started.",
        (_SC, _PO, _HE, _ED),
    ),
    SeedTerm(
        "RCPC",
        "review child protection conference",
        "Reviews a child protection plan: the first within three months of the initial conference, then at intervals "
        "of no more than six months while the plan continues.",
        (_SC, _PO, _HE, _ED),
    ),
    SeedTerm(
        "CPP",
        "child protection plan",
        "The plan agreed at a child protection conference for a child judged to be at continuing risk of significant "
        "harm, setting out what each agency and the family will do to keep the child safe.",
        (_SC, _HE, _ED, _PO),
    ),
    SeedTerm(
        "core group",
        "the professionals and family who carry out a child protection plan",
        "The lead social worker, the family and the professionals who develop and carry out a child protection plan "
        "in detail. It first meets within 10 working days of the initial child protection conference.",
        (_SC, _HE, _ED),
        is_abbreviation=False,
    ),
    SeedTerm(
        "LADO",
        "local authority designated officer",
        "The officer in the local authority who manages allegations that an adult who works with children, paid or "
        "voluntary, has harmed a child, may have committed an offence against a child, or behaved in a way that "
        "suggests they may pose a risk to children. Employers refer such allegations to the LADO.",
        (_SC, _ED, _HE, _PO, _VO),
    ),
    SeedTerm(
        "MARAC",
        "multi-agency risk assessment conference",
        "A regular local meeting where the police, probation, health, children's and adult social care, housing, "
        "independent domestic violence advisers and others share information about victims of domestic abuse at "
        "the highest risk and agree a safety plan for each.",
        (_PO, _HE, _SC, _HO, _VO, _JU),
    ),
    SeedTerm(
        "IDVA",
        "independent domestic violence adviser",
        "A specialist who supports victims of domestic abuse at high risk, usually from the point of crisis, and "
        "speaks for them at MARAC.",
        (_VO, _PO),
    ),
    SeedTerm(
        "MAPPA",
        "multi-agency public protection arrangements",
        "The statutory arrangements under which the police, probation and the prison service, working with other "
        "agencies, assess and manage the risk posed by certain sexual and violent offenders living in the community.",
        (_PO, _JU, _SC, _HO),
    ),
    SeedTerm(
        "Operation Encompass",
        "the police tell a child's school about domestic abuse at home",
        "A police and education partnership in which the police tell a child's school, through its key adult "
        "(usually the designated safeguarding lead), before the start of the next school day when the child has "
        "been involved in or affected by a domestic abuse incident, so that the school can support them.",
        (_PO, _ED),
        is_abbreviation=False,
    ),
    SeedTerm(
        "CP-IS",
        "Child Protection - Information Sharing",
        "The NHS England service that links local authorities' information on children with a child protection plan "
        "or looked after, and unborn children on a pre-birth plan, with NHS unscheduled care settings (emergency "
        "departments, urgent treatment centres, out-of-hours GPs, maternity units), so that staff see it when the "
        "child attends and the local authority learns of the attendance.",
        (_HE, _SC),
    ),
    SeedTerm(
        "MASH",
        "multi-agency safeguarding hub",
        "Where the local authority, the police, health and other partners work together, often in one place, to "
        "share information and decide the response to contacts and referrals about children.",
        (_SC, _PO, _HE, _ED),
    ),
    SeedTerm(
        "CLA",
        "child looked after",
        "A child looked after by the local authority: in its care under a care order, or provided with "
        "accommodation for more than 24 hours (Children Act 1989 section 22). Many young people prefer 'child "
        "looked after' or 'children in care' to 'LAC'.",
        (_SC, _HE, _ED),
        equivalents=("LAC",),
    ),
    SeedTerm(
        "LAC",
        "looked-after child",
        "An older abbreviation for a child looked after by the local authority, still used by many health and "
        "education services: see 'CLA'.",
        (_HE, _ED, _SC),
    ),
    SeedTerm(
        "UASC",
        "unaccompanied asylum-seeking child",
        "A child under 18 seeking asylum in the UK who is separated from both parents and not cared for by an adult "
        "who by law or custom has responsibility to do so; usually looked after by the local authority.",
        (_SC, _HE, _ED),
    ),
    SeedTerm(
        "EHCP",
        "education, health and care plan",
        "The legal document (Children and Families Act 2014) that describes a child or young person's special "
        "educational needs, up to the age of 25, the support they must receive and the outcomes sought. The local "
        "authority issues it and reviews it at least every 12 months.",
        (_ED, _HE, _SC),
    ),
    SeedTerm(
        "DSL",
        "designated safeguarding lead",
        "The senior member of staff in a school or college who takes lead responsibility for safeguarding and child "
        "protection (Keeping Children Safe in Education), and the school's contact for other agencies.",
        (_ED,),
    ),
    SeedTerm(
        "SENCo",
        "special educational needs co-ordinator",
        "The qualified teacher in a school or early years setting who co-ordinates support for children with special "
        "educational needs and disabilities.",
        (_ED,),
    ),
    SeedTerm(
        "PLO",
        "Public Law Outline",
        "The framework the family courts follow for care proceedings, including the pre-proceedings stage: a letter "
        "before proceedings and a meeting with the parents and their lawyers to try to avoid going to court. Care "
        "proceedings are to be completed within 26 weeks.",
        (_SC,),
    ),
    SeedTerm(
        "CAMHS",
        "child and adolescent mental health services",
        "NHS services that assess and treat children and young people with emotional, behavioural or mental health "
        "difficulties. Many areas now call them children and young people's mental health services (CYPMHS).",
        (_HE,),
        equivalents=("CYPMHS",),
    ),
    SeedTerm(
        "CYPMHS",
        "children and young people's mental health services",
        "The newer name for child and adolescent mental health services: see 'CAMHS'.",
        (_HE,),
    ),
    SeedTerm(
        "CSE",
        "child sexual exploitation",
        "A form of child sexual abuse in which a person or group takes advantage of an imbalance of power to coerce, "
        "manipulate or deceive a child into sexual activity in exchange for something the child needs or wants, or "
        "for the financial advantage or increased status of the abuser. It can happen online.",
        (_SC, _PO, _HE, _ED),
    ),
    SeedTerm(
        "CCE",
        "child criminal exploitation",
        "Where a person or group takes advantage of an imbalance of power to coerce, control, manipulate or deceive a "
        "child into criminal activity, such as carrying drugs or money for county lines.",
        (_SC, _PO, _ED, _JU),
    ),
    SeedTerm(
        "EDT",
        "emergency duty team",
        "The local authority's out-of-hours social work service, for concerns about a child's safety that cannot "
        "wait until the next working day.",
        (_SC, _PO, _HE),
    ),
    SeedTerm(
        "early help",
        "support for a child and family as soon as problems emerge",
        "Support offered with the family's agreement, below the threshold for statutory social care, at any point "
        "in a child's life; usually coordinated by a lead practitioner with an early help assessment and a team "
        "around the family.",
        (_SC, _ED, _HE, _VO),
        is_abbreviation=False,
    ),
    SeedTerm(
        "TAF",
        "team around the family",
        "In early help, the practitioners working with a family meeting with them to agree one plan and review it, "
        "coordinated by a lead practitioner.",
        (_SC, _ED, _HE, _VO),
        equivalents=("TAC",),
    ),
    SeedTerm(
        "TAC",
        "team around the child",
        "The same arrangement as a team around the family (TAF), named for the child; some schools and health "
        "services use this name.",
        (_ED, _HE),
    ),
    SeedTerm(
        "NFA",
        "no further action",
        "A decision to take no further action: by children's social care on a contact or after an assessment, or by "
        "the police on an investigation. Partners should be told the decision and the reason.",
        (_SC, _PO),
    ),
    SeedTerm(
        "ICB",
        "integrated care board",
        "The NHS body that plans and pays for health services in an area; one of the three safeguarding partners, "
        "with the local authority and the chief officer of police.",
        (_HE,),
    ),
)
