"""`macpu demo`: never in production, and it tells the demonstrator how to sign in as every role."""

import pytest
from django.core.management.base import CommandError
from django.test import override_settings

from macpu.access.roles import Role
from macpu.demo.management.commands.demo import Command, sign_in_instructions
from macpu.synthetic.staff import DEMO_PASSWORD


@override_settings(MACPU_ENV="production")
def test_the_demo_refuses_to_run_in_production() -> None:
    with pytest.raises(CommandError, match="never runs in production"):
        Command().handle(no_serve=True, children=10, seed=1, addr="127.0.0.1:8000")


@pytest.mark.pure
def test_the_instructions_name_the_address_the_password_and_every_role() -> None:
    text = sign_in_instructions("127.0.0.1:8000")

    assert "http://127.0.0.1:8000/sign-in/" in text
    assert DEMO_PASSWORD in text
    assert all(role.label in text for role in Role)
    assert "sw.amara" in text
