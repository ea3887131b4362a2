"""Anti-automation: a person (or a system) may search for children and export records only so often.

A search by name or an export in bulk is how a stolen session or a curious insider would harvest records, so each
view that searches or exports names its `throttle_scope`, and the sealed bases count its requests per actor in a
window (`MACPU_THROTTLE_RATES`, e.g. "60/minute"). The count lives in the cache, which production shares between
processes (the database cache by default). A refusal answers 429 with Retry-After and is audited.
"""

from typing import Any

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core.actor import Actor

SEARCH = "search"
EXPORT = "export"


class ActorRateThrottle(SimpleRateThrottle):
    """Counts one scope's requests per actor; rates are read from settings at each request, so they can change."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__()

    def get_rate(self) -> str | None:
        rates: dict[str, str] = getattr(settings, "MACPU_THROTTLE_RATES", {})
        return rates.get(self.scope or "") or None  # an empty rate switches the limit off

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        actor: Actor | None = getattr(request, "actor", None)
        ident = (str(actor.user_id) if actor.user_id else actor.label) if actor is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttled_for(request: Any, view: Any, scope: str | None) -> int | None:
    """None if the request may go ahead; else the seconds to wait, after auditing the refusal."""
    if scope is None:
        return None
    throttle = ActorRateThrottle(scope)
    if throttle.allow_request(request, view):
        return None
    actor: Actor | None = getattr(request, "actor", None)
    if actor is not None:
        trail.record_alone(
            actor=actor,
            action=AuditAction.REQUEST_THROTTLED,
            outcome=Outcome.DENIED,
            target_type="route",
            target_id=request.path[:64],
            details={"scope": scope, "rate": throttle.rate or ""},
        )
    return max(1, int(throttle.wait() or 1))
