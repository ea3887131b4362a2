"""Local timescales: the service validates and audits; the selector lays local values over the defaults."""

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.organisations.models import Area, Organisation
from macpu.pathway.models import LocalTimescale
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, Length, TimescaleCode, Unit
from macpu.pathway.selectors.timescales import area_for, local_override, timescale_in_force, timescales_in_force
from macpu.pathway.services import local_timescale_remove, local_timescale_set
from tests.builders import actor_of
from tests.factories import AreaFactory

pytestmark = pytest.mark.django_db

CORE_GROUP = TimescaleCode.FIRST_CORE_GROUP
NSCP = "Northbridge Safeguarding Children Partnership procedures 4.3"


def _set(actor: Actor, area: Area, amount: int = 5, **kwargs: object) -> LocalTimescale:
    given: dict = {"code": CORE_GROUP, "amount": amount, "unit": "working_days", "source": NSCP, **kwargs}
    return local_timescale_set(actor=actor, area=area, **given)


def test_an_administrator_sets_a_local_value_which_is_then_in_force_with_its_source(
    admin_sam: User, area: Area
) -> None:
    _set(actor_of(admin_sam), area)
    in_force = timescale_in_force(area, CORE_GROUP)
    assert (in_force.length, in_force.local, in_force.source, in_force.set_by) == (
        Length(5, Unit.WORKING_DAYS),
        True,
        NSCP,
        "admin.sam",
    )
    assert local_override(area, CORE_GROUP) == Length(5, Unit.WORKING_DAYS)
    assert local_override(area, TimescaleCode.ASSESSMENT) is None


def test_every_change_is_audited_with_the_old_and_new_value(admin_sam: User, area: Area) -> None:
    actor = actor_of(admin_sam)
    _set(actor, area, 5)
    _set(actor, area, 12)
    local_timescale_remove(actor=actor, area=area, code=CORE_GROUP)
    events = AuditEvent.objects.filter(action="pathway.timescale_changed").order_by("sequence")
    five = {"amount": 5, "unit": "working_days", "source": NSCP}
    twelve = {**five, "amount": 12}
    assert [(e.details["old"], e.details["new"]) for e in events] == [(None, five), (five, twelve), (twelve, None)]
    assert {e.details["code"] for e in events} == {"first_core_group"}
    assert {e.actor_label for e in events} == {"admin.sam"}
    assert not LocalTimescale.objects.exists()


def test_removing_returns_to_the_national_default(admin_sam: User, area: Area) -> None:
    actor = actor_of(admin_sam)
    _set(actor, area)
    local_timescale_remove(actor=actor, area=area, code=CORE_GROUP)
    in_force = timescale_in_force(area, CORE_GROUP)
    assert (in_force.length, in_force.local) == (DEFAULT_TIMESCALES[CORE_GROUP].length, False)
    assert in_force.source.startswith("National default (Local procedure): Local procedures: within 10 working")
    with pytest.raises(NotFound):
        local_timescale_remove(actor=actor, area=area, code=CORE_GROUP)


def test_an_initial_conference_cannot_be_set_beyond_15_working_days(admin_sam: User, area: Area) -> None:
    with pytest.raises(InvalidInput) as refused:
        _set(actor_of(admin_sam), area, 16, code=TimescaleCode.INITIAL_CONFERENCE)
    assert list(refused.value.errors) == ["amount"]
    assert "cannot be longer than 15 working days" in refused.value.errors["amount"][0]
    assert not LocalTimescale.objects.exists()
    assert not AuditEvent.objects.filter(action="pathway.timescale_changed").exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"source": "  "}, "source"),
        ({"source": "x" * 301}, "source"),
        ({"unit": "fortnights"}, "unit"),
        ({"amount": 366}, "amount"),
    ],
)
def test_bad_input_is_refused_naming_the_field(admin_sam: User, area: Area, kwargs: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _set(actor_of(admin_sam), area, **kwargs)
    assert field in refused.value.errors


def test_only_an_administrator_may_change_a_timescale(sw_amara: User, area: Area) -> None:
    with pytest.raises(NotPermitted):
        _set(actor_of(sw_amara), area)
    with pytest.raises(NotPermitted):
        local_timescale_remove(actor=actor_of(sw_amara), area=area, code=CORE_GROUP)


def test_each_area_has_its_own_values(admin_sam: User, area: Area) -> None:
    other = AreaFactory(name="Southvale", la_code="874", partnership_name="Southvale partnership")
    _set(actor_of(admin_sam), area)
    assert [t.local for t in timescales_in_force(area)].count(True) == 1
    assert not any(t.local for t in timescales_in_force(other))
    assert [t.code for t in timescales_in_force(None)] == list(DEFAULT_TIMESCALES)


def test_the_area_is_the_organisations_own_else_the_deployments_only_one(
    admin_sam: User, macpu_team: Organisation
) -> None:
    actor = actor_of(admin_sam)
    assert area_for(actor) is None
    northbridge = AreaFactory()
    assert area_for(actor) == northbridge
    southvale = AreaFactory(name="Southvale", la_code="874", partnership_name="Southvale partnership")
    assert area_for(actor) is None
    macpu_team.areas.add(southvale)
    assert area_for(actor) == southvale
