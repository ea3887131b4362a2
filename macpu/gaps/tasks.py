"""The gap rules run in the background after children's records change, so that a feed import is not slowed."""

import uuid

from django_tasks import task

from macpu.core.actor import Actor
from macpu.gaps.services import gaps_evaluate

CHILDREN_A_TASK = 1000


@task()
def evaluate_children(child_ids: list[str]) -> int:
    """Re-evaluate these children as at today; their people are told of new findings."""
    summary = gaps_evaluate(actor=Actor.system("gap rules"), child_ids=[uuid.UUID(i) for i in child_ids])
    return summary.raised


def evaluate_later(sender: object, child_ids: frozenset[uuid.UUID], **kwargs: object) -> None:
    """On `children_changed`: queue the children, a thousand to a task (a bulk import touches many)."""
    ordered = sorted(str(child_id) for child_id in child_ids)
    for start in range(0, len(ordered), CHILDREN_A_TASK):
        evaluate_children.enqueue(ordered[start : start + CHILDREN_A_TASK])
