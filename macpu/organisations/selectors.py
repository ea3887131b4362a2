"""Reads of the organisation directory. It holds no case data: every signed-in user may read it."""

import uuid

from django.db.models import QuerySet

from macpu.core.errors import NotFound
from macpu.organisations.models import Area, Organisation


def organisations_list(*, sector: str = "", type: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("parent").order_by("name")
    if sector:
        organisations = organisations.filter(sector=sector)
    if type:
        organisations = organisations.filter(type=type)
    return organisations


def organisation_get(*, organisation_id: uuid.UUID) -> Organisation:
    organisation = Organisation.objects.select_related("parent").filter(id=organisation_id).first()
    if organisation is None:
        raise NotFound
    return organisation


def organisation_codes() -> frozenset[str]:
    return frozenset(Organisation.objects.values_list("code", flat=True))


def areas_list() -> QuerySet[Area]:
    return Area.objects.order_by("name")


def area_of_organisation(*, organisation_id: uuid.UUID | None = None, code: str | None = None) -> Area | None:
    """The area an organisation works in: its one area; else, when it has none or several, the deployment's
    only area; else None (a deployment serving several areas, and an organisation that does not say which)."""
    if organisation_id is not None or code:
        named = {"organisations__id": organisation_id} if organisation_id else {"organisations__code": code}
        theirs = list(Area.objects.filter(**named).distinct()[:2])
        if len(theirs) == 1:
            return theirs[0]
    only = list(Area.objects.order_by("name")[:2])
    return only[0] if len(only) == 1 else None
