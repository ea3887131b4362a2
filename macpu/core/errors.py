"""Domain errors that services and selectors raise and the HTTP layers translate."""

from collections.abc import Mapping


class DomainError(Exception):
    """A request macpu understood and refuses."""


class NotFound(DomainError):
    """The record does not exist, or the actor may not know that it does: the two look the same."""


class NotPermitted(DomainError):
    """The actor's role may not do this at all (a function-level refusal, not a hidden record)."""


class StaleEdit(DomainError):
    """The record changed since the copy being edited was read; the edit is refused, not lost."""

    def __init__(self, *, current_version: int) -> None:
        super().__init__(
            "This record was changed by someone else after you opened it. Reload it, then make your change again."
        )
        self.current_version = current_version


class InvalidInput(DomainError):
    """Input that fails validation; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str | list[str]]) -> None:
        self.errors = {field: [m] if isinstance(m, str) else list(m) for field, m in errors.items()}
        super().__init__("; ".join(f"{f}: {' '.join(m)}" for f, m in self.errors.items()))
