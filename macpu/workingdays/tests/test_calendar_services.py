"""Proclaimed holidays: who may add and remove them, what is refused, what is audited, and what deadlines see."""

import datetime as dt

import pytest
import time_machine

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.workingdays.models import ProclaimedHoliday
from macpu.workingdays.selectors import non_working_weekdays, working_calendar
from macpu.workingdays.services import proclaimed_holiday_add, proclaimed_holiday_remove
from tests.builders import actor_of

pytestmark = pytest.mark.django_db
D = dt.date
PROCLAIMED_DAY = D(2026, 1, 13)
NOON_UTC = "T12:00:00+00:00"


def _add(admin: User, day: dt.date = PROCLAIMED_DAY, name: str = "Proclaimed day") -> ProclaimedHoliday:
    return proclaimed_holiday_add(actor=actor_of(admin), day=day, name=name, source="The Gazette, notice 1")


def test_a_proclaimed_holiday_moves_a_deadline_and_is_audited_with_who_and_when(admin_sam: User) -> None:
    assert working_calendar().add(D(2025, 12, 19), 15) == D(2026, 1, 14)
    holiday = _add(admin_sam)
    assert working_calendar().add(D(2025, 12, 19), 15) == D(2026, 1, 15)
    event = AuditEvent.objects.get(action="workingdays.holiday_added")
    assert (event.actor_label, event.role, event.target_id) == ("admin.sam", "system_administrator", str(holiday.id))
    assert event.details == {"date": "2026-01-13", "name": "Proclaimed day", "source": "The Gazette, notice 1"}
    assert holiday.added_by == "admin.sam"


def test_removing_makes_the_day_a_working_day_again_keeps_the_row_and_is_audited(admin_sam: User) -> None:
    _add(admin_sam)
    proclaimed_holiday_remove(actor=actor_of(admin_sam), day=D(2026, 1, 13), reason="Added in error")
    assert working_calendar().is_working_day(D(2026, 1, 13))
    removed = ProclaimedHoliday.objects.get()
    assert (removed.removed_by, removed.removal_reason) == ("admin.sam", "Added in error")
    assert removed.removed_at is not None
    event = AuditEvent.objects.get(action="workingdays.holiday_removed")
    assert (event.actor_label, event.details["date"], event.details["reason"]) == (
        "admin.sam",
        "2026-01-13",
        "Added in error",
    )
    # A removed day may be proclaimed again.
    _add(admin_sam)
    assert not working_calendar().is_working_day(D(2026, 1, 13))


def test_removing_a_day_that_is_not_proclaimed_is_not_found(admin_sam: User) -> None:
    with pytest.raises(NotFound):
        proclaimed_holiday_remove(actor=actor_of(admin_sam), day=D(2026, 1, 13))
    assert not AuditEvent.objects.filter(action="workingdays.holiday_removed").exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (D(2026, 1, 10), "Saturday 10 January 2026 is a weekend day, which is never a working day"),
        (D(2025, 12, 25), "Thursday 25 December 2025 is already a bank holiday (Christmas Day)"),
        (D(2150, 1, 5), "The date must be between 1971 and 2099"),
    ],
)
def test_a_weekend_a_bank_holiday_or_an_unknown_year_is_refused_naming_the_date(
    admin_sam: User, day: dt.date, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _add(admin_sam, day=day)
    assert refused.value.errors == {"date": [message]}
    assert not ProclaimedHoliday.objects.exists()
    assert not AuditEvent.objects.filter(action="workingdays.holiday_added").exists()


def test_the_same_day_twice_and_empty_text_are_refused_naming_each_field(admin_sam: User) -> None:
    _add(admin_sam)
    with pytest.raises(InvalidInput) as refused:
        proclaimed_holiday_add(actor=actor_of(admin_sam), day=D(2026, 1, 13), name=" ", source="")
    assert refused.value.errors == {
        "date": ["Tuesday 13 January 2026 is already a proclaimed holiday"],
        "name": ["Enter the holiday's name"],
        "source": ["Enter where the holiday was proclaimed"],
    }


def test_only_a_system_administrator_may_change_the_calendar(sw_amara: User, admin_sam: User) -> None:
    with pytest.raises(NotPermitted):
        _add(sw_amara)
    _add(admin_sam)
    with pytest.raises(NotPermitted):
        proclaimed_holiday_remove(actor=actor_of(sw_amara), day=D(2026, 1, 13))
    assert ProclaimedHoliday.objects.get().removed_at is None


def test_the_calendar_as_known_on_a_past_day_reproduces_the_deadlines_given_then(admin_sam: User) -> None:
    with time_machine.travel("2025-12-01" + NOON_UTC, tick=False):
        _add(admin_sam)
    with time_machine.travel("2026-01-05" + NOON_UTC, tick=False):
        proclaimed_holiday_remove(actor=actor_of(admin_sam), day=D(2026, 1, 13))
    start = D(2025, 12, 19)
    assert working_calendar(as_known_on=D(2025, 11, 30)).add(start, 15) == D(2026, 1, 14)  # not yet proclaimed
    assert working_calendar(as_known_on=D(2025, 12, 1)).add(start, 15) == D(2026, 1, 15)  # proclaimed that day
    assert working_calendar(as_known_on=D(2026, 1, 4)).add(start, 15) == D(2026, 1, 15)
    assert working_calendar(as_known_on=D(2026, 1, 5)).add(start, 15) == D(2026, 1, 14)  # removed that day
    assert working_calendar().add(start, 15) == D(2026, 1, 14)


def test_the_years_non_working_weekdays_mark_the_proclaimed_ones(admin_sam: User) -> None:
    _add(admin_sam, day=D(2026, 6, 12), name="A royal occasion")
    listed = {day.date: (day.name, day.proclaimed) for day in non_working_weekdays(year=2026)}
    assert listed[D(2026, 6, 12)] == ("A royal occasion", True)
    assert listed[D(2026, 12, 28)] == ("Boxing Day (observed)", False)
    assert len(listed) == 9
    assert non_working_weekdays(year=2150) == []
