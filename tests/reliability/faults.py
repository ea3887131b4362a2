"""Failures injected into an import at a chosen line, and the Hypothesis settings the reliability tests share.

`MACPU_RELIABILITY_EXAMPLES` scales every property test's examples: CI runs about 200 in all (the default, 1);
a nightly run sets it to 25 for about 5,000.
"""

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any

from django.db import DatabaseError, transaction
from hypothesis import HealthCheck, settings

SCALE = float(os.environ.get("MACPU_RELIABILITY_EXAMPLES", "1"))


def examples(count: int) -> settings:
    """`count` examples in CI, scaled for a nightly run; no example database is written to the working tree."""
    return settings(
        max_examples=max(1, round(count * SCALE)),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


class InjectedCrash(RuntimeError):
    """An unexpected exception: a bug, not anything the database said."""


class Fault:
    """One failure: `kind` is "database" (a DatabaseError) or "exception" (InjectedCrash), raised at `site` while
    the import works on `target`; once only when `once` (a transient failure), otherwise every time (a persistent one).
    """

    def __init__(self, *, kind: str, site: str, target: object, once: bool = False) -> None:
        self.kind, self.site, self.target, self.once = kind, site, target, once
        self.current: object = None  # what the import is working on now
        self.fired = 0

    def hit(self, site: str, *, on: object = None) -> None:
        """Fail here if this is the site and the import is working on the target (or `on` is the target)."""
        working_on = self.current if on is None else on
        if site != self.site or working_on != self.target or (self.once and self.fired):
            return
        self.fired += 1
        if self.kind == "database":
            raise DatabaseError(f"injected at {site}")
        raise InjectedCrash(f"injected at {site}")

    def after(self, site: str, real: Callable[..., Any]) -> Callable[..., Any]:
        """`real`, then the failure: the work it did is half of the line, and must not stay."""

        def failing(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            self.hit(site)
            return result

        return failing


class _Undo(Exception):
    pass


@contextlib.contextmanager
def undone() -> Iterator[None]:
    """Run the block in a savepoint that is always rolled back: each example starts from the same database."""
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass
