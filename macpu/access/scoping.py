"""Queryset filters that apply the access policy (rules/policy.py) to many records at once."""

from typing import TypeVar

from django.db.models import Model, QuerySet

from macpu.access.models import Involvement
from macpu.access.rules.policy import is_case_role
from macpu.core.actor import Actor

M = TypeVar("M", bound=Model)


def restrict_to_visible_children(queryset: QuerySet[M], *, actor: Actor, via: str = "id") -> QuerySet[M]:
    """Keep the rows whose child (reached by the field path `via`) the actor may see.

    The same rule as `decide(...)` for CHILD_VIEW: a case role in an organisation
    currently involved with the child.
    """
    if actor.organisation_id is None or not is_case_role(actor.role):
        return queryset.none()
    involved = Involvement.objects.filter(organisation_id=actor.organisation_id, ended_at__isnull=True)
    return queryset.filter(**{f"{via}__in": involved.values("child_id")})
