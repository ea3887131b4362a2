"""A complete profile's content, the glossary loaded as the demo loads it, and a builder publishing a profile."""

import datetime as dt
from dataclasses import replace

import pytest

from macpu.core import clock
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation, Team
from macpu.practice.models import PracticeProfileVersion
from macpu.practice.rules.profile import ConsentPractice, ProfileContent, Timescale, TimeUnit
from macpu.practice.rules.tests.test_comparison import COUNCIL
from macpu.practice.services import glossary_load, profile_publish

SCHOOL_PROFILE = replace(
    COUNCIL,
    safeguarding_role="Hillside Primary School keeps children safe in school and refers concerns to the MASH.",
    consent_practice=ConsentPractice.BEFORE_REFERRAL,
    strategy_discussion_attendees="The designated safeguarding lead (DSL)",
    terms=("DSL", "was not brought"),
)


@pytest.fixture
def glossary(operator: Actor) -> int:
    return glossary_load(actor=operator)


def publish(
    actor: Actor,
    organisation: Organisation,
    content: ProfileContent = SCHOOL_PROFILE,
    *,
    expected_version: int = 0,
    team: Team | None = None,
    effective_from: dt.date | None = None,
    change_note: str = "",
) -> PracticeProfileVersion:
    return profile_publish(
        actor=actor,
        organisation=organisation,
        team=team,
        expected_version=expected_version,
        content=content,
        effective_from=effective_from or clock.today(),
        change_note=change_note,
    )


def slower(content: ProfileContent) -> ProfileContent:
    """The same content with every timescale a day longer."""
    return replace(
        content, timescales={c: Timescale(t.value + 1, TimeUnit.WORKING_DAYS) for c, t in content.timescales.items()}
    )
