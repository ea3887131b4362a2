"""T5 Strategy discussion not held: a significant harm indicator routed elsewhere with no discussion or rationale."""

import datetime as dt

from macpu.gaps.rules.base import defaults
from macpu.gaps.rules.t05_strategy_discussion_not_held import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def test_sexual_abuse_routed_to_early_help_fires_and_neglect_does_not() -> None:
    # given
    referral = rec("referral", D(2026, 3, 2), referrer_type="professional", categories=["sexual_abuse"])
    decision = rec("referral_decision", D(2026, 3, 3), ref=referral.id, outcome="early_help")
    # when
    [finding] = RULE.evaluate(facts([referral, decision], D(2026, 3, 10)), T)
    # then
    assert finding.rule == "T5"
    assert finding.evidence == (referral, decision)
    assert finding.arose_on == D(2026, 3, 3)
    assert finding.explanation == (
        "The referral received on 2 March 2026 by Northbridge Children's Services was about sexual abuse, a sign "
        "of significant harm, but it was decided early help on 3 March 2026, with no strategy discussion held and "
        "no manager's rationale recorded."
    )
    neglect = rec("referral", D(2026, 3, 2), referrer_type="professional", categories=["neglect"])
    routed = rec("referral_decision", D(2026, 3, 3), ref=neglect.id, outcome="early_help")
    assert RULE.evaluate(facts([neglect, routed], D(2026, 3, 10)), T) == []


def test_physical_abuse_counts_only_with_an_injury_unless_configured() -> None:
    bruise = rec("referral", D(2026, 3, 2), referrer_type="family", categories=["physical_abuse"], injury=True)
    no_mark = rec("referral", D(2026, 3, 2), referrer_type="family", categories=["physical_abuse"], injury=False)
    for referral, expected in ((bruise, 1), (no_mark, 0)):
        decision = rec("referral_decision", D(2026, 3, 3), ref=referral.id, outcome="no_further_action")
        assert len(RULE.evaluate(facts([referral, decision], D(2026, 3, 10)), T)) == expected
    decision = rec("referral_decision", D(2026, 3, 3), ref=no_mark.id, outcome="no_further_action")
    configured = {**T, "indicator_physical_abuse": 1}
    [finding] = RULE.evaluate(facts([no_mark, decision], D(2026, 3, 10)), configured)
    assert "was about physical abuse, a sign" in finding.explanation


def test_a_strategy_discussion_or_a_managers_rationale_answers_it() -> None:
    referral = rec("referral", D(2026, 3, 2), referrer_type="professional", categories=["sexual_abuse"])
    decision = rec("referral_decision", D(2026, 3, 3), ref=referral.id, outcome="assessment")
    discussion = rec("strategy_discussion", D(2026, 3, 5), attendees=[], outcome="no_section_47")
    assert len(RULE.evaluate(facts([referral, decision], D(2026, 3, 4)), T)) == 1
    assert RULE.evaluate(facts([referral, decision, discussion], D(2026, 3, 10)), T) == []
    reasoned = rec(
        "referral_decision", D(2026, 3, 3), ref=referral.id, outcome="assessment", manager_reviewed=True,
        rationale="Historic allegation already investigated by police in 2024.",
    )  # fmt: skip
    assert RULE.evaluate(facts([referral, reasoned], D(2026, 3, 10)), T) == []
    unreviewed = rec("referral_decision", D(2026, 3, 3), ref=referral.id, outcome="assessment", rationale="Historic.")
    assert len(RULE.evaluate(facts([referral, unreviewed], D(2026, 3, 10)), T)) == 1


def test_a_police_report_of_a_crime_against_the_child_is_an_indicator() -> None:
    incident = rec("police_incident", D(2026, 2, 14), "NBP", crime_against_child=True)
    referral = rec("referral", D(2026, 2, 16), referrer_type="professional", referrer_org="NBP", categories=["other"])
    decision = rec("referral_decision", D(2026, 2, 17), ref=referral.id, outcome="no_further_action")
    [finding] = RULE.evaluate(facts([incident, referral, decision], D(2026, 2, 20)), T)
    assert finding.evidence == (incident, referral, decision)
    assert "about a crime against the child reported by Northbridge Police on 14 February 2026" in (finding.explanation)
    late = rec("referral", D(2026, 2, 22), referrer_type="professional", referrer_org="NBP", categories=["other"])
    closed = rec("referral_decision", D(2026, 2, 23), ref=late.id, outcome="no_further_action")
    assert RULE.evaluate(facts([incident, late, closed], D(2026, 2, 25)), T) == []  # 8 days after


def test_the_same_evidence_has_the_same_key_and_new_evidence_a_new_one() -> None:
    referral = rec("referral", D(2026, 2, 16), referrer_type="professional", referrer_org="NBP", categories=["other"])
    decision = rec("referral_decision", D(2026, 2, 17), ref=referral.id, outcome="no_further_action")
    incident = rec("police_incident", D(2026, 2, 15), "NBP", crime_against_child=True)
    [before] = RULE.evaluate(facts([referral, decision, incident], D(2026, 2, 20)), T)
    [again] = RULE.evaluate(facts([referral, decision, incident], D(2026, 3, 20)), T)
    injury = rec("police_incident", D(2026, 2, 16), "NBP", crime_against_child=True)
    [more] = RULE.evaluate(facts([referral, decision, incident, injury], D(2026, 3, 20)), T)
    assert before.key == again.key
    assert more.key != before.key


def test_a_case_closed_with_no_decision_fires_unless_a_manager_signed_off_a_rationale() -> None:
    referral = rec("referral", D(2026, 3, 2), referrer_type="neighbour", categories=["sexual_abuse"])
    closure = rec("case_closed", D(2026, 3, 9), reason="Family moved")
    [finding] = RULE.evaluate(facts([referral, closure], D(2026, 3, 10)), T)
    assert finding.evidence == (referral, closure)
    assert "but the case was closed on 9 March 2026 with no decision recorded" in finding.explanation
    signed = rec("case_closed", D(2026, 3, 9), manager_sign_off=True, rationale="Allegation withdrawn and explained.")
    assert RULE.evaluate(facts([referral, signed], D(2026, 3, 10)), T) == []
    assert RULE.evaluate(facts([referral], D(2026, 3, 10)), T) == []  # not yet decided
