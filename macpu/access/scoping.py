"""Queryset filters that apply the access policy (rules/policy.py) to many records at once."""

import uuid
from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from macpu.access.models import BreakGlassGrant, Involvement
from macpu.access.rules.policy import ReaderFacts, is_case_role
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind

M = TypeVar("M", bound=Model)


def restrict_to_visible_children(queryset: QuerySet[M], *, actor: Actor, via: str = "id") -> QuerySet[M]:
    """Keep the rows whose child (reached by the field path `via`) the actor may see.

    The same rule as `decide(...)` for CHILD_VIEW: a case role in an organisation
    currently involved with the child, or holding emergency access (break-glass) to it
    that has not expired, in the membership it was given in.
    """
    if actor.kind == ActorKind.OPERATOR:
        # At the server's console, under the deployment's own authority (`macpu chronology`): every read is audited,
        # and content that needs to be known is withheld all the same (`readable_content`).
        return queryset
    if actor.organisation_id is None or not is_case_role(actor.role):
        return queryset.none()
    involved = Involvement.objects.filter(organisation_id=actor.organisation_id, ended_at__isnull=True)
    if actor.user_id is None:
        return queryset.filter(**{f"{via}__in": involved.values("child_id")})
    granted = BreakGlassGrant.objects.filter(
        user_id=actor.user_id, organisation_id=actor.organisation_id, role=actor.role, expires_at__gt=clock.now()
    )
    return queryset.filter(
        Q(**{f"{via}__in": involved.values("child_id")}) | Q(**{f"{via}__in": granted.values("child_id")})
    )


def visible_child_ids(child_ids: Iterable[uuid.UUID], *, actor: Actor) -> set[uuid.UUID]:
    """Those of a short list of children the actor may see: `restrict_to_visible_children`'s rule, read from the
    children's side of the involvement index (a search's candidates), not from all the organisation's children."""
    wanted = list(child_ids)
    if actor.kind == ActorKind.OPERATOR:
        return set(wanted)
    if actor.organisation_id is None or not is_case_role(actor.role) or not wanted:
        return set()
    involved = Involvement.objects.filter(
        child_id__in=wanted, organisation_id=actor.organisation_id, ended_at__isnull=True
    ).values_list("child_id", flat=True)
    visible = set(involved)
    if actor.user_id is not None:
        granted = BreakGlassGrant.objects.filter(
            child_id__in=wanted,
            user_id=actor.user_id,
            organisation_id=actor.organisation_id,
            role=actor.role,
            expires_at__gt=clock.now(),
        ).values_list("child_id", flat=True)
        visible |= set(granted)
    return visible


def reader_facts(actor: Actor) -> ReaderFacts:
    return ReaderFacts(actor.organisation_id, actor.organisation_sector, actor.organisation_type == "macpu")


def readable_content(reader: ReaderFacts, *, organisation: str = "organisation", sensitivity: str = "sensitivity") -> Q:
    """The records whose content the reader may read: `may_read_content` for many records at once."""
    standard = Q(**{sensitivity: "standard"})
    if reader.organisation_id is None:
        return standard
    own = Q(**{f"{organisation}_id": reader.organisation_id})
    same_sector = Q(**{f"{organisation}__sector": reader.sector}) if reader.sector else Q(pk__in=[])
    restricted = (
        Q(**{sensitivity: "restricted"}) & (own | same_sector)
        if not reader.is_macpu
        else Q(**{sensitivity: "restricted"})
    )
    return standard | restricted | (Q(**{sensitivity: "sealed"}) & own)
