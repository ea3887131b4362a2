"""Publishing profiles (versioned, only by the organisation's own leads, audited, stale publishes refused) and
keeping the glossary (its managers only, audited, nothing half-saved)."""

import datetime as dt
from dataclasses import replace

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_log_verify
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted, StaleEdit
from macpu.organisations.models import Organisation, Team
from macpu.practice.models import GlossaryTerm, PracticeProfile, PracticeProfileVersion
from macpu.practice.rules.glossary_seed import SEED_TERMS
from macpu.practice.selectors import (
    glossary_matcher,
    glossary_terms,
    organisation_by_key,
    profile_version,
    profile_versions,
    profile_view,
    profiles_compare_current,
    profiles_list,
)
from macpu.practice.services import (
    TermInput,
    glossary_load,
    glossary_term_add,
    glossary_term_change,
    glossary_term_remove,
)
from macpu.practice.tests.conftest import SCHOOL_PROFILE, publish, slower
from tests.builders import actor_of

pytestmark = pytest.mark.django_db


def test_a_safeguarding_lead_publishes_their_organisations_profile_and_it_is_audited(
    dsl_dev: User, school: Organisation, glossary: int
) -> None:
    # when
    version = publish(actor_of(dsl_dev), school, change_note="  First version  ")
    # then
    assert (version.number, version.published_by_name, version.change_note) == (1, "Dev Patel", "First version")
    assert version.content() == SCHOOL_PROFILE
    assert profile_view(organisation=school).version == 1
    event = AuditEvent.objects.get(action="practice.profile_published")
    assert (event.actor_label, event.target_type) == ("dsl.dev", "practice_profile")
    assert event.details == {
        "organisation": "123456",
        "team": None,
        "number": 1,
        "effective_from": clock.today().isoformat(),
    }
    assert audit_log_verify().intact


def test_each_publish_is_a_new_version_and_earlier_ones_stay_as_they_were(
    dsl_dev: User, school: Organisation, glossary: int
) -> None:
    first = publish(actor_of(dsl_dev), school)
    second = publish(actor_of(dsl_dev), school, slower(SCHOOL_PROFILE), expected_version=1)
    assert [v.number for v in profile_versions(organisation=school)] == [2, 1]
    assert profile_version(organisation=school, team=None, number=1).content() == first.content()
    assert profile_view(organisation=school).current == second
    assert PracticeProfile.objects.get().version == 2


def test_a_publish_written_from_an_old_version_is_refused_and_nothing_is_saved(
    dsl_dev: User, school: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    publish(actor_of(dsl_dev), school, expected_version=1)
    with pytest.raises(StaleEdit) as stale:
        publish(actor_of(dsl_dev), school, slower(SCHOOL_PROFILE), expected_version=1)
    assert stale.value.current_version == 2
    assert PracticeProfileVersion.objects.count() == 2
    with pytest.raises(StaleEdit):
        publish(actor_of(dsl_dev), school, expected_version=0)


def test_only_the_organisations_own_safeguarding_lead_or_an_administrator_may_publish(
    dsl_dev: User, sw_amara: User, admin_sam: User, council: Organisation, school: Organisation, glossary: int
) -> None:
    with pytest.raises(NotPermitted):
        publish(actor_of(dsl_dev), council)  # another organisation's lead
    with pytest.raises(NotPermitted):
        publish(actor_of(sw_amara), council)  # the council's social worker, not its lead
    assert not AuditEvent.objects.filter(action="practice.profile_published").exists()
    publish(actor_of(admin_sam), council)  # a system administrator sets an organisation up
    assert profile_view(organisation=council).version == 1


def test_a_profile_with_bad_fields_is_refused_naming_each_and_nothing_is_saved(
    dsl_dev: User, school: Organisation, glossary: int
) -> None:
    bad = replace(SCHOOL_PROFILE, referral_route="", terms=("DSL", "No such term"))
    with pytest.raises(InvalidInput) as refused:
        publish(actor_of(dsl_dev), school, bad, effective_from=clock.today() + dt.timedelta(days=800))
    assert refused.value.errors == {
        "referral_route": ["Enter how to refer a child to the organisation"],
        "terms": ["These terms are not in the glossary: No such term"],
        "effective_from": ["The date it takes effect must be within a year of today"],
    }
    assert not PracticeProfile.objects.exists()


def test_a_version_may_not_take_effect_before_the_one_it_replaces(
    dsl_dev: User, school: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    with pytest.raises(InvalidInput) as refused:
        publish(actor_of(dsl_dev), school, expected_version=1, effective_from=clock.today() - dt.timedelta(days=1))
    assert list(refused.value.errors) == ["effective_from"]


def test_a_team_whose_practice_differs_has_its_own_profile(
    dsl_dev: User, school: Organisation, council: Organisation, glossary: int
) -> None:
    team = Team.objects.create(organisation=school, name="Nursery")
    publish(actor_of(dsl_dev), school)
    publish(actor_of(dsl_dev), school, slower(SCHOOL_PROFILE), team=team)
    assert profile_view(organisation=school).teams_with_profiles == (team,)
    assert profile_view(organisation=school, team=team).version == 1
    assert profile_view(organisation=school).current.content() == SCHOOL_PROFILE  # type: ignore[union-attr]
    others = Team.objects.create(organisation=council, name="Front door")
    with pytest.raises(InvalidInput):
        publish(actor_of(dsl_dev), school, team=others)


def test_the_list_shows_every_organisation_and_whether_it_has_a_profile(
    dsl_dev: User, school: Organisation, council: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    listed = {listing.organisation.code: listing.current for listing in profiles_list()}
    assert listed["873"] is None
    assert listed["123456"] is not None
    assert listed["123456"].number == 1
    assert organisation_by_key("123456") == school
    assert organisation_by_key(str(school.id)) == school


def test_the_comparison_marks_what_differs_between_current_profiles(
    dsl_dev: User, admin_sam: User, school: Organisation, council: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    publish(actor_of(admin_sam), council, replace(SCHOOL_PROFILE, terms=("DNA",)))
    comparison = profiles_compare_current(organisations=[school, council])
    assert [row.key for row in comparison.differences] == ["terms:DNA"]
    assert next(r for r in comparison.rows if r.key == "terms:DNA").values == ("was not brought", "DNA")


# --- The glossary ---------------------------------------------------------------------------------------------


def test_loading_the_glossary_adds_the_starting_terms_once_with_their_equivalents(operator: Actor) -> None:
    assert glossary_load(actor=operator) == len(SEED_TERMS)
    assert glossary_load(actor=operator) == 0
    dna = GlossaryTerm.objects.get(term="DNA")
    assert {t.term for t in dna.equivalents.all()} == {"was not brought", "WNB"}
    assert AuditEvent.objects.filter(action="practice.glossary_loaded").count() == 2


def test_a_partnership_analyst_adds_changes_and_removes_a_term_each_audited(analyst_ali: User, glossary: int) -> None:
    actor = actor_of(analyst_ali)
    given = TermInput(
        "  Section  20 ",
        "voluntary accommodation",
        "Accommodation with the parents' agreement.",
        False,
        ("social_care",),
        ("CLA",),
    )
    term = glossary_term_add(actor=actor, given=given)
    assert (term.term, term.slug, term.is_abbreviation) == ("Section 20", "section-20", False)
    assert [t.term for t in term.equivalents.all()] == ["CLA"]
    changed = glossary_term_change(
        actor=actor, term=term, expected_version=1, given=replace(given, expansion="accommodated by agreement")
    )
    assert changed.version == 2
    with pytest.raises(StaleEdit):
        glossary_term_change(actor=actor, term=term, expected_version=1, given=given)
    glossary_term_remove(actor=actor, term=GlossaryTerm.objects.get(term="Section 20"))
    actions = list(
        AuditEvent.objects.filter(action__startswith="practice.glossary_term").values_list("action", flat=True)
    )
    assert actions == [
        "practice.glossary_term_added",
        "practice.glossary_term_changed",
        "practice.glossary_term_removed",
    ]
    assert audit_log_verify().intact


def test_bad_terms_are_refused_naming_each_field(analyst_ali: User, glossary: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        glossary_term_add(
            actor=actor_of(analyst_ali),
            given=TermInput("dna", "", "", True, ("schools",), ("Nothing",)),
        )
    assert refused.value.errors == {
        "expansion": ["Enter its short meaning"],
        "meaning": ["Enter what it means"],
        "sectors": ["Choose sectors from the list: schools is not one"],
        "term": ["The glossary already has dna"],
    }


def test_only_the_glossarys_managers_may_change_it(dsl_dev: User, glossary: int) -> None:
    with pytest.raises(NotPermitted):
        glossary_term_add(actor=actor_of(dsl_dev), given=TermInput("X", "x", "x", True, ("health",)))


def test_a_term_a_published_profile_uses_stays(
    dsl_dev: User, analyst_ali: User, school: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    with pytest.raises(InvalidInput) as refused:
        glossary_term_remove(actor=actor_of(analyst_ali), term=GlossaryTerm.objects.get(term="DSL"))
    assert "used by 1 published practice profile version" in refused.value.errors["term"][0]


def test_the_glossary_is_searchable_and_its_matcher_knows_every_term(glossary: int) -> None:
    assert [t.term for t in glossary_terms(query="did not attend")] == ["DNA"]
    assert "LADO" in {t.term for t in glossary_matcher().terms}
