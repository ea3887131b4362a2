"""Writes of areas, organisations and teams. Each write is audited in its own transaction."""

from dataclasses import dataclass, field

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.core.versioning import save_versioned
from macpu.organisations.models import Area, Organisation
from macpu.organisations.rules.import_rows import OrganisationRow
from macpu.organisations.rules.vocabulary import COUNCIL_TYPES, NHS_SECTORS, SCHOOL_TYPES, OrganisationType, Sector


@transaction.atomic
def area_create(*, actor: Actor, name: str, la_code: str, partnership_name: str) -> Area:
    area = Area(name=name, la_code=la_code, partnership_name=partnership_name)
    area.full_clean()
    area.save()
    trail.record(actor=actor, action=AuditAction.AREA_CREATED, target_type="area", target_id=area.id)
    return area


def _typed_codes(row: OrganisationRow) -> dict[str, str]:
    """Fill the typed code field that the organisation's primary code is."""
    return {
        "ods_code": row.code if row.sector in NHS_SECTORS else "",
        "urn": row.code if row.type in SCHOOL_TYPES else "",
        "force_code": row.code if row.type == OrganisationType.POLICE else "",
        "la_code": row.la_code or (row.code if row.type in COUNCIL_TYPES else ""),
    }


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


_IMPORTED_FIELDS = ("name", "type", "sector", "parent_id", "ods_code", "urn", "force_code", "la_code")


def _upsert(actor: Actor, row: OrganisationRow, summary: ImportSummary) -> None:
    parent_id = Organisation.objects.filter(code=row.parent_code).values_list("id", flat=True).first()
    values = {"name": row.name, "type": row.type.value, "sector": row.sector.value, "parent_id": parent_id}
    values |= _typed_codes(row)
    organisation = Organisation.objects.filter(code=row.code).first()
    if organisation is None:
        organisation = Organisation(code=row.code, **values)
        organisation.full_clean(exclude=["parent"])
        organisation.save()
        summary.created.append(row.code)
        trail.record(
            actor=actor, action=AuditAction.ORGANISATION_CREATED, target_type="organisation", target_id=organisation.id
        )
    else:
        changed = {name: value for name, value in values.items() if getattr(organisation, name) != value}
        if not changed:
            summary.unchanged.append(row.code)
            return
        old = {name: str(getattr(organisation, name)) for name in changed}
        for name, value in changed.items():
            setattr(organisation, name, value)
        save_versioned(organisation, expected_version=organisation.version, fields=list(changed))
        summary.updated.append(row.code)
        trail.record(
            actor=actor,
            action=AuditAction.ORGANISATION_UPDATED,
            target_type="organisation",
            target_id=organisation.id,
            details={"old": old, "new": {name: str(value) for name, value in changed.items()}},
        )
    areas = Area.objects.filter(la_code=row.la_code) if row.la_code else Area.objects.none()
    organisation.areas.add(*areas)


@transaction.atomic
def organisations_import(*, actor: Actor, rows: list[OrganisationRow], source_name: str) -> ImportSummary:
    """Create or update every row, parents first, all in one transaction."""
    summary = ImportSummary()
    for row in rows:
        _upsert(actor, row, summary)
    trail.record(
        actor=actor,
        action=AuditAction.ORGANISATIONS_IMPORTED,
        details={
            "file": source_name,
            "created": len(summary.created),
            "updated": len(summary.updated),
            "unchanged": len(summary.unchanged),
        },
    )
    return summary


@transaction.atomic
def organisation_contacts_update(
    *, actor: Actor, organisation: Organisation, expected_version: int, office_hours_phone: str, out_of_hours_phone: str
) -> Organisation:
    """Change the numbers partners call in and out of office hours; a stale edit is refused."""
    old = {"office_hours_phone": organisation.office_hours_phone, "out_of_hours_phone": organisation.out_of_hours_phone}
    organisation.office_hours_phone, organisation.out_of_hours_phone = office_hours_phone, out_of_hours_phone
    organisation.full_clean(exclude=["parent"])
    save_versioned(organisation, expected_version=expected_version, fields=["office_hours_phone", "out_of_hours_phone"])
    trail.record(
        actor=actor,
        action=AuditAction.ORGANISATION_UPDATED,
        target_type="organisation",
        target_id=organisation.id,
        details={
            "old": old,
            "new": {"office_hours_phone": office_hours_phone, "out_of_hours_phone": out_of_hours_phone},
        },
    )
    return organisation


__all__ = ["ImportSummary", "Sector", "area_create", "organisation_contacts_update", "organisations_import"]
