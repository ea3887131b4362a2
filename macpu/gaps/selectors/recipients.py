"""Who is told of a finding: the people behind each `Recipient` the rule names, for one child."""

import uuid
from collections.abc import Iterable

from macpu.access.models import Involvement
from macpu.access.roles import Role
from macpu.access.selectors import lead_practitioner_ids_by_child, member_ids_by_organisation
from macpu.gaps.rules.base import Finding, Recipient
from macpu.organisations.models import Organisation


def _members(role: Role, *, organisations: Iterable[uuid.UUID] | None = None, type: str = "") -> set[uuid.UUID]:
    by_organisation = member_ids_by_organisation(role=role, organisation_ids=organisations, organisation_type=type)
    return set().union(*by_organisation.values())


def recipients_of(finding: Finding, child_id: uuid.UUID, gp_org: str) -> set[uuid.UUID]:
    """The users a finding about `child_id` goes to, from the rule's recipients."""
    involved = Involvement.objects.filter(child_id=child_id, ended_at__isnull=True)
    social_care = set(involved.filter(organisation__sector="social_care").values_list("organisation_id", flat=True))
    evidence_orgs = set(
        Organisation.objects.filter(code__in={r.org for r in finding.evidence}).values_list("id", flat=True)
    )
    people: set[uuid.UUID] = set()
    for recipient in finding.recipients:
        if recipient is Recipient.LEAD_PRACTITIONER:
            people |= lead_practitioner_ids_by_child(child_ids={child_id}).get(child_id, set())
        elif recipient in (Recipient.LEAD_PRACTITIONER_MANAGER, Recipient.DUTY_MANAGER):
            people |= _members(Role.TEAM_MANAGER, organisations=social_care)
        elif recipient is Recipient.CONFERENCE_CHAIR:
            people |= _members(Role.CONFERENCE_CHAIR, organisations=social_care)
        elif recipient in (Recipient.MACPU, Recipient.MACPU_POLICE):
            people |= _members(Role.MACPU_MEMBER, type="macpu")
        elif recipient is Recipient.RECORDING_SAFEGUARDING_LEAD:
            people |= _members(Role.SAFEGUARDING_LEAD, organisations=evidence_orgs)
        elif recipient is Recipient.GP and gp_org:
            people |= _members(
                Role.SAFEGUARDING_LEAD,
                organisations=Organisation.objects.filter(code=gp_org).values_list("id", flat=True),
            )
        elif recipient is Recipient.DATA_QUALITY:
            people |= _members(Role.DATA_QUALITY_OFFICER)
        elif recipient is Recipient.RECEIVING_LA:
            people |= _members(Role.TEAM_MANAGER, organisations=_front_doors(finding))
        else:  # a recipient this engine cannot find yet: the MACPU, rather than nobody
            people |= _members(Role.MACPU_MEMBER, type="macpu")
    return people


def _front_doors(finding: Finding) -> set[uuid.UUID]:
    """The children's social care services of the authorities a finding's moves name (T13)."""
    la_codes = {str(r.details.get("la_code")) for r in finding.evidence if r.type == "address_change"}
    services = Organisation.objects.filter(sector="social_care", la_code__in=la_codes)
    return set(services.values_list("id", flat=True))
