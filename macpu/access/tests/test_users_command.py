"""`macpu users set-password`: an operator gives a local account its password; it is checked, audited, and ends
every session."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.access.models import User
from macpu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_operator_sets_a_password_read_from_standard_input(sw_amara: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a-much-longer-new-passphrase\n"))
    out = io.StringIO()
    call_command("users", "set-password", "sw.amara", stdout=out)
    assert "sw.amara has a new password" in out.getvalue()
    sw_amara.refresh_from_db()
    assert sw_amara.check_password("a-much-longer-new-passphrase")
    assert AuditEvent.objects.filter(action="user.password_set", target_id=str(sw_amara.id)).exists()


def test_a_weak_password_is_refused_saying_why(sw_amara: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("users", "set-password", "sw.amara")
    sw_amara.refresh_from_db()
    assert not sw_amara.check_password("short")
