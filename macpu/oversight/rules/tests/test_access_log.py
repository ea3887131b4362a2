"""Which audited actions an access log shows, and in what words."""

import pytest

from macpu.audit.actions import AuditAction
from macpu.oversight.rules.access_log import is_a_view, said

pytestmark = pytest.mark.pure


def test_every_view_and_export_the_trail_records_is_a_view_and_writes_are_not() -> None:
    views = [a for a in AuditAction if is_a_view(a.value)]
    assert AuditAction.CHILD_VIEWED in views
    assert AuditAction.CHRONOLOGY_EXPORTED in views
    assert AuditAction.EXPORT_DOWNLOADED in views
    assert AuditAction.ACCESS_DENIED in views
    assert not is_a_view(AuditAction.EVENT_RECORDED.value)
    assert not is_a_view(AuditAction.GAP_FINDING_RAISED.value)


def test_a_view_added_later_shows_by_its_name_in_plain_words() -> None:
    assert is_a_view("plans.summary_viewed")
    assert said("plans.summary_viewed") == "summary viewed (plans)"
    assert said("chronology.viewed") == "read the chronology"
