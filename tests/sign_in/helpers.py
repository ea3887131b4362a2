"""Signing in through the real form, and reading what the audit trail recorded."""

from django.test import Client
from django.test.client import RequestFactory

from macpu.audit.models import AuditEvent

PASSWORD = "correct-horse-battery"


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/sign-in/", {"login": username, "password": password, **extra})


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


def last(action: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action).order_by("-sequence").first()
    assert event is not None, f"no {action} in the audit trail"
    return event


__all__ = ["PASSWORD", "RequestFactory", "actions", "last", "sign_in"]
