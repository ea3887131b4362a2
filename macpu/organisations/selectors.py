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
