"""The gap rules' settings page: administrators see every rule as the area runs it, switch one off, set thresholds."""

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.errors import InvalidInput
from macpu.gaps.models import RuleSetting
from macpu.gaps.rules.registry import all_rules, rule_named
from macpu.gaps.services import rule_set
from macpu.organisations.models import Area
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db

T1 = {"enabled": "yes", "window_days": "90", "was_not_brought": "2", "carer_cancellations": "3"}


def _card(page: str, rule_id: str) -> str:
    """The HTML of one rule's summary card on the list page."""
    start = page.index(f'id="rule-{rule_id}"')
    end = page.find('class="govuk-summary-card"', start)
    return page[start : end if end != -1 else None]


def test_the_list_shows_every_rule_with_its_defaults(admin_sam: User, area: Area) -> None:
    response = signed_in_client(admin_sam).get("/gaps/rules/")
    assert response.status_code == 200
    page = response.content.decode()
    for number in range(1, 17):
        assert f'id="rule-T{number}"' in page
    t1 = _card(page, "T1")
    assert "T1 Was not brought" in t1
    assert "The period looked back over, in days" in t1
    assert "90 days (default)" in t1
    assert "2 (default)" in t1
    assert "Brief section 6, T1" in t1
    assert (
        '<a class="govuk-link" href="/gaps/rules/T1/">Change<span class="govuk-visually-hidden"> T1 Was not brought'
        in t1
    )
    assert ">On</strong>" in t1
    t5 = _card(page, "T5")
    assert "1 (on) (default)" in t5  # a switch on by default
    assert "0 (off) (default)" in t5


def test_a_change_is_saved_audited_and_shown(admin_sam: User, area: Area) -> None:
    admin = signed_in_client(admin_sam)
    form = admin.get("/gaps/rules/T1/").content.decode()
    assert "Is the rule switched on?" in form
    assert "Appointments the child was not brought to, across any health services" in form
    assert "A whole number of days from 1 to 3,650. Default: 90 days" in form
    saved = admin.post("/gaps/rules/T1/", T1 | {"enabled": "no", "window_days": "120"})
    assert saved.status_code == 302
    assert saved["Location"] == "/gaps/rules/"
    setting = RuleSetting.objects.get(area=area, rule="T1")
    assert (setting.enabled, setting.thresholds, setting.set_by) == (False, {"window_days": 120}, "admin.sam")
    audit = AuditEvent.objects.get(action="gaps.rule_changed")
    assert audit.details["thresholds"] == {"window_days": 120}
    page = admin.get("/gaps/rules/").content.decode()
    assert "T1 Was not brought is saved: it is switched off in" in page
    t1 = _card(page, "T1")
    assert ">Off</strong>" in t1
    assert "120 days" in t1
    assert "Default: 90 days" in t1
    assert "2 (default)" in t1
    again = admin.get("/gaps/rules/T1/").content.decode()
    assert 'value="120"' in again
    assert 'value="no" checked' in again


def test_bad_values_are_named_and_nothing_is_saved(admin_sam: User, area: Area) -> None:
    admin = signed_in_client(admin_sam)
    admin.post("/gaps/rules/T1/", T1 | {"window_days": "60"})
    response = admin.post("/gaps/rules/T1/", T1 | {"window_days": "0", "was_not_brought": "2.5", "enabled": "no"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert (
        '<a href="#id_window_days">The period looked back over, in days: enter a whole number of days from 1 to 3,650'
        in page
    )
    assert (
        '<a href="#id_was_not_brought">Appointments the child was not brought to, across any health services: '
        "enter a whole number from 1 to 999</a>" in page
    )
    assert 'value="2.5"' in page  # what they typed, to correct
    setting = RuleSetting.objects.get(area=area, rule="T1")
    assert (setting.enabled, setting.thresholds) == (True, {"window_days": 60})  # as before: nothing half-saved
    assert AuditEvent.objects.filter(action="gaps.rule_changed").count() == 1
    words = admin.post("/gaps/rules/T1/", {"window_days": "ninety", "was_not_brought": "", "carer_cancellations": "3"})
    assert words.status_code == 400
    text = words.content.decode()
    assert '<a href="#id_enabled_0">Select yes if the rule is switched on</a>' in text
    assert "The period looked back over, in days: enter a whole number of days from 1 to 3,650" in text
    assert "across any health services: enter a whole number from 1 to 999" in text


def test_a_switch_is_0_or_1_and_the_area_s_own_authority_may_be_0(admin_sam: User, area: Area) -> None:
    admin = signed_in_client(admin_sam)
    rule = rule_named("T5")
    assert rule is not None
    t5 = {t.name: str(t.default) for t in rule.thresholds} | {"enabled": "yes"}
    bad = admin.post("/gaps/rules/T5/", t5 | {"indicator_neglect": "2"})
    assert bad.status_code == 400
    assert "1 to treat a referral about neglect as a significant harm indicator: enter 1 to switch it on or 0" in (
        bad.content.decode()
    )
    assert admin.post("/gaps/rules/T5/", t5 | {"indicator_neglect": "1"}).status_code == 302
    assert RuleSetting.objects.get(rule="T5").thresholds == {"indicator_neglect": 1}
    t13 = {"enabled": "yes", "home_la_code": "0", "transfer_in_working_days": "15"}
    assert admin.post("/gaps/rules/T13/", t13 | {"home_la_code": "87"}).status_code == 400
    assert admin.post("/gaps/rules/T13/", t13 | {"home_la_code": "873"}).status_code == 302
    assert RuleSetting.objects.get(rule="T13").thresholds == {"home_la_code": 873}


def test_every_default_is_a_value_its_threshold_allows() -> None:
    for rule in all_rules():
        for threshold in rule.thresholds:
            assert threshold.allows(float(threshold.default)), (rule.id, threshold.name)


def test_the_service_refuses_a_value_a_rule_cannot_use(admin_sam: User, area: Area) -> None:
    actor = actor_of(admin_sam)
    with pytest.raises(InvalidInput) as refused:
        rule_set(actor=actor, area=area, rule_id="T14", enabled=True, thresholds={"visits": -1, "window_days": 30.5})
    assert set(refused.value.errors) == {"thresholds.visits", "thresholds.window_days"}
    with pytest.raises(InvalidInput):
        rule_set(actor=actor, area=area, rule_id="T14", enabled=True, thresholds={"visits": float("nan")})
    with pytest.raises(InvalidInput):
        rule_set(actor=actor, area=area, rule_id="T12", enabled=True, thresholds={"persistent_absence_percent": 101})
    with pytest.raises(InvalidInput):  # the engine's date arithmetic could not take it
        rule_set(actor=actor, area=area, rule_id="T10", enabled=True, thresholds={"working_days_at_stage": 10**9})
    with pytest.raises(InvalidInput):
        rule_set(actor=actor, area=area, rule_id="T14", enabled=True, thresholds={"visits": "3"})  # not a number
    assert not RuleSetting.objects.exists()
    setting = rule_set(actor=actor, area=area, rule_id="T14", enabled=True, thresholds={"visits": 3.0})
    assert setting.thresholds == {"visits": 3}  # whole, as the rule's default is


def test_only_those_who_manage_the_rules_reach_the_pages(
    admin_sam: User, sw_amara: User, tm_priya: User, area: Area
) -> None:
    social_worker = signed_in_client(sw_amara)
    assert social_worker.get("/gaps/rules/").status_code == 403
    assert social_worker.get("/gaps/rules/T1/").status_code == 403
    assert social_worker.post("/gaps/rules/T1/", T1 | {"enabled": "no"}).status_code == 403
    assert not RuleSetting.objects.exists()
    assert AuditEvent.objects.filter(action="access.denied", target_id="/gaps/rules/").exists()
    assert "/gaps/rules/" not in social_worker.get("/home/").content.decode()
    manager = signed_in_client(tm_priya)  # sees the dashboard, may not change the rules
    assert "/gaps/rules/" not in manager.get("/gaps/").content.decode()
    assert manager.get("/gaps/rules/").status_code == 403
    admin = signed_in_client(admin_sam)
    home = admin.get("/home/").content.decode()
    assert 'href="/gaps/rules/"' in home  # the administrator's navigation
    assert admin.get("/gaps/rules/T99/").status_code == 404


def test_the_api_refuses_a_bad_value_naming_the_threshold(admin_sam: User, area: Area) -> None:
    admin = signed_in_client(admin_sam)
    bad = admin.put(
        "/api/v1/gap-rules/T1",
        {"enabled": True, "thresholds": {"window_days": -5, "was_not_brought": 3}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json() == {
        "thresholds.window_days": ["The period looked back over, in days: enter a whole number of days from 1 to 3,650"]
    }
    assert not RuleSetting.objects.exists()
    good = admin.put(
        "/api/v1/gap-rules/T1", {"enabled": True, "thresholds": {"window_days": 60}}, content_type="application/json"
    )
    assert good.status_code == 200
    assert good.json()["thresholds"][0]["value"] == 60
    assert RuleSetting.objects.get().thresholds == {"window_days": 60}
