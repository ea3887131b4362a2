"""Recording a share, or a decision not to share, as an `information_shared` event of the actor's organisation.

Through the feed's one write path (`events.services.by_hand.event_record_for_child`), so it is audited there, in
the same transaction, and an agency's own system can send the same record in its feed.
"""

import uuid

from django.db import transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.events.models import Event
from macpu.events.services.by_hand import event_record_for_child
from macpu.organisations.models import Organisation
from macpu.people.selectors.children import child_get
from macpu.sharing.rules.record import SharingAnswers, api_field, missing


def _organisation_errors(actor: Actor, codes: tuple[str, ...]) -> dict[str, str]:
    known = set(Organisation.objects.filter(code__in=codes, is_active=True).values_list("code", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown:
        return {"with": f"{', '.join(unknown)}: not a registered organisation"}
    if actor.organisation_code in codes:
        return {"with": "Select other organisations than your own"}
    return {}


def sharing_record(*, actor: Actor, child_id: uuid.UUID, answers: SharingAnswers) -> Event:
    """Record the share or decision for the child, whom the actor must be able to see (NotFound otherwise).

    Every problem raises InvalidInput naming its field; nothing is recorded unless all is well. Lack of consent
    never blocks a share (R27): it is recorded with its reason.
    """
    if not role_grants(actor.role, Permission.CHILD_RECORD):
        raise NotPermitted("Your role may not record information sharing.")
    child = child_get(actor=actor, child_id=child_id)  # its refusal is audited in its own transaction
    errors = missing(answers, today=clock.today()) | _organisation_errors(actor, answers.with_orgs)
    if errors:
        raise InvalidInput(errors)
    fields: dict[str, object] = {
        "type": "information_shared",
        "occurred_at": answers.occurred_at,
        "safeguarding_relevant": True,
        "sensitivity": answers.sensitivity,
        "details": answers.details(),
    }
    if answers.ref:
        fields["ref"] = answers.ref
    with transaction.atomic():
        outcome = event_record_for_child(actor=actor, child=child, fields=fields)
        if outcome.errors or outcome.event is None:
            problems: dict[str, list[str]] = {}
            for error in outcome.errors:
                problems.setdefault(api_field(error.field), []).append(error.message)
            raise InvalidInput(problems)
    return outcome.event
