"""The demo's practice profiles differ where real agencies differ; `macpu glossary load|list`."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.demo.loader import demo_area_load
from macpu.practice.models import GlossaryTerm, PracticeProfileVersion
from macpu.practice.rules.glossary_seed import SEED_TERMS
from macpu.practice.selectors import organisation_by_key, profiles_compare_current
from macpu.synthetic import area

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_five_profiles_that_differ_between_agencies() -> None:
    demo_area_load(actor=Actor.operator("demo"), start_date=dt.date(2026, 5, 1))
    assert PracticeProfileVersion.objects.count() == 5
    school = PracticeProfileVersion.objects.get(profile__organisation__code=area.SCHOOLS[0].urn)
    assert school.published_by_name == "Dev Patel"  # published by the school's own safeguarding lead
    codes = [area.CHILDRENS_SOCIAL_CARE_CODE, area.POLICE_CODE, area.GP_PRACTICE_CODES[0], area.HEALTH_VISITING_CODE]
    comparison = profiles_compare_current(organisations=[organisation_by_key(code) for code in codes])
    differing = {row.key for row in comparison.differences}
    assert {"consent_practice", "acknowledge_referral", "strategy_discussion_attendees", "terms:DNA"} <= differing
    assert GlossaryTerm.objects.count() == len(SEED_TERMS)


def test_the_command_loads_the_glossary_once_and_lists_it() -> None:
    out = StringIO()
    call_command("glossary", "load", stdout=out)
    call_command("glossary", "load", stdout=out)
    assert out.getvalue().splitlines() == [
        f"{len(SEED_TERMS)} terms added to the glossary",
        "0 terms added to the glossary",
    ]
    listed = StringIO()
    call_command("glossary", "list", stdout=listed)
    assert "LADO: local authority designated officer" in listed.getvalue().splitlines()
    assert AuditEvent.objects.filter(action="practice.glossary_loaded").count() == 2
