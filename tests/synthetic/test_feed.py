"""The generated agency feed: valid, deterministic, complete, and carrying the gap-rule patterns it promises."""

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from macpu.events.rules.feed_format import EVENT_TYPES, parse_event
from macpu.synthetic import area
from macpu.synthetic.feed import LowLevelPattern, family_patterns, generate_feed
from macpu.synthetic.population import Population, generate_population

pytestmark = pytest.mark.pure

AS_OF = dt.date(2026, 5, 1)
LONDON = ZoneInfo("Europe/London")
CSC = area.CHILDRENS_SOCIAL_CARE_CODE
HEALTH_CODES = {
    *area.GP_PRACTICE_CODES,
    area.HOSPITAL_TRUST_CODE,
    area.EMERGENCY_DEPARTMENT_CODE,
    area.MIDWIFERY_CODE,
    area.HEALTH_VISITING_CODE,
    area.SCHOOL_NURSING_CODE,
}
Event = dict[str, Any]


@cache
def population(children: int) -> Population:
    return generate_population(children=children, seed=2026, start_date=AS_OF)


@cache
def feed(children: int) -> tuple[Event, ...]:
    return tuple(generate_feed(population(children), seed=2026, as_of=AS_OF))


def day_of(event: Event) -> dt.date:
    return dt.date.fromisoformat(event["occurred_at"][:10])


@cache
def histories(children: int) -> dict[str, list[Event]]:
    """Each child's events in occurrence order, by the child's local_id (subjects identified by NHS number)."""
    by_nhs_number = {child.nhs_number: child.local_id for child in population(children).children if child.nhs_number}
    found: dict[str, list[Event]] = defaultdict(list)
    for event in feed(children):
        child_id = event["subject"].get("local_id") or by_nhs_number.get(event["subject"].get("nhs_number"))
        if child_id:
            found[child_id].append(event)
    for events in found.values():
        events.sort(key=lambda e: (day_of(e), e["occurred_at"]))
    return dict(found)


def of_type(events: Iterable[Event], kind: str, org: str | None = None) -> list[Event]:
    return [e for e in events if e["type"] == kind and (org is None or e["org"] == org)]


def plan_spans(events: list[Event], plan_type: str) -> list[tuple[dt.date, dt.date]]:
    """When the child had a plan of the type: from each start to its end (or a day after the feed ends)."""
    ends = {e["ref"]: day_of(e) for e in of_type(events, "plan_ended") if e["details"]["plan_type"] == plan_type}
    return [
        (day_of(e), ends.get(e["record_id"], AS_OF + dt.timedelta(days=1)))
        for e in of_type(events, "plan_started")
        if e["details"]["plan_type"] == plan_type
    ]


def during(day: dt.date, spans: list[tuple[dt.date, dt.date]]) -> bool:
    return any(start <= day <= end for start, end in spans)


def not_brought(events: list[Event]) -> list[Event]:
    return [
        e
        for e in of_type(events, "health_appointment")
        if e["details"]["outcome"] == "was_not_brought" and e.get("status") != "entered_in_error"
    ]


def decisions_by_referral(events: list[Event]) -> dict[str, Event]:
    return {e["ref"]: e for e in of_type(events, "referral_decision")}


# ---------------------------------------------------------------------------
# The format


def test_every_event_parses_without_errors() -> None:
    problems = []
    for event in feed(100):
        parsed = parse_event(event, today=AS_OF, london=LONDON)
        if isinstance(parsed, list):
            problems.append((event["type"], [str(error) for error in parsed]))
    assert problems == []


def test_the_same_arguments_give_the_same_events_and_another_seed_others() -> None:
    people = population(100)
    assert list(generate_feed(people, seed=2026, as_of=AS_OF)) == list(feed(100))
    assert list(generate_feed(people, seed=2027, as_of=AS_OF)) != list(feed(100))


def test_it_is_a_generator() -> None:
    events = generate_feed(population(100), seed=2026, as_of=AS_OF)
    assert next(iter(events))["org"]


def test_every_event_type_appears() -> None:
    assert set(EVENT_TYPES) - {event["type"] for event in feed(300)} == set()


def test_about_fifteen_to_thirty_events_per_child() -> None:
    assert 15 <= len(feed(300)) / 300 <= 30


def test_nothing_happens_or_is_recorded_after_as_of() -> None:
    for event in feed(300):
        assert day_of(event) <= AS_OF
        assert "recorded_at" not in event or dt.date.fromisoformat(event["recorded_at"][:10]) <= AS_OF


def test_events_come_roughly_in_recorded_order_with_some_out_of_order() -> None:
    recorded = [e["recorded_at"] for e in feed(300) if "recorded_at" in e]
    moments = [dt.datetime.fromisoformat(value) for value in recorded]
    in_order = sum(a <= b for a, b in itertools.pairwise(moments))
    assert in_order / len(moments) > 0.99


def test_a_decision_can_arrive_before_its_referral() -> None:
    position = {(e["org"], e["record_id"]): i for i, e in enumerate(feed(300))}
    early = [
        e
        for e in of_type(feed(300), "referral_decision")
        if position[(e["org"], e["record_id"])] < position.get((CSC, e["ref"]), -1)
    ]
    assert early


def test_record_ids_are_unique_within_each_organisation_except_resent_events() -> None:
    sent: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in feed(300):
        sent[(event["org"], event["record_id"])].append(event)
    for versions in sent.values():
        assert len({(e["type"], e["occurred_at"]) for e in versions}) == 1
    resent = [versions for versions in sent.values() if len(versions) > 1]
    assert any(v[-1].get("status") == "entered_in_error" for v in resent)
    assert any(v[-1].get("status") is None and v[-1]["summary"] != v[0]["summary"] for v in resent)


def test_realistic_record_ids() -> None:
    prefixes = {event["record_id"].split("-")[0] for event in feed(300)}
    assert {"LCS", "NBP", "CPOMS", "RNB", "ATT", "HV"} <= prefixes


def test_the_first_event_about_each_child_carries_the_full_subject_and_the_people() -> None:
    seen: set[str] = set()
    children = {child.local_id: child for child in population(300).children}
    for event in feed(300):
        subject = event["subject"]
        if subject.get("unborn"):
            assert subject["mother"]["family_name"]
            continue
        if "local_id" not in subject or subject["local_id"] in seen:
            continue
        seen.add(subject["local_id"])
        child = children[subject["local_id"]]
        assert {"given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number"} <= set(subject)
        assert "nhs_number_verified" in subject
        assert ("upn" in subject) == (child.upn is not None)
        assert any(person["role"] == "mother" for person in event.get("people", []))
    assert seen == {child.local_id for child in children.values() if not child.is_unborn}


def test_most_nhs_numbers_are_verified_and_later_subjects_are_shorter() -> None:
    first_subjects = [e["subject"] for e in feed(300) if "sex" in e["subject"] and "nhs_number" in e["subject"]]
    verified = sum(bool(s["nhs_number_verified"]) for s in first_subjects)
    assert 0.8 < verified / len(first_subjects) < 1
    assert Counter(len(e["subject"]) for e in feed(300)).most_common(1)[0][0] == 2


def test_most_children_only_see_universal_services() -> None:
    universal = {"service_involvement", "health_appointment", "visit", "school_roll", "school_attendance"}
    universal |= {"unscheduled_care", "address_change", "household_change", "concern"}
    only_universal = [
        events for events in histories(300).values() if all(e["type"] in universal and e["org"] != CSC for e in events)
    ]
    assert 0.8 < len(only_universal) / len(histories(300)) < 0.95


def test_every_kind_of_agency_records_something() -> None:
    orgs = {event["org"] for event in feed(300)}
    for code in (CSC, area.POLICE_CODE, area.MACPU_CODE, area.EMERGENCY_DEPARTMENT_CODE, area.MIDWIFERY_CODE):
        assert code in orgs
    assert {area.HEALTH_VISITING_CODE, area.SCHOOL_NURSING_CODE, "NB-HOMES", "NB-PROB", "NB-FAMILY"} <= orgs
    assert orgs & set(area.GP_PRACTICE_CODES)
    assert orgs & {school.urn for school in area.SCHOOLS}


def test_allocations_name_the_demo_social_workers() -> None:
    names = {e["details"]["name"] for e in of_type(feed(300), "allocation")}
    assert "Amara Okafor" in names


def test_restricted_domestic_abuse_incidents_with_the_child_present() -> None:
    incidents = of_type(feed(300), "police_incident")
    assert any(
        e["details"]["domestic_abuse"] and e["details"]["child_present"] and e["sensitivity"] == "restricted"
        for e in incidents
    )


def test_a_school_records_the_domestic_abuse_incident_it_was_told_of_naming_the_police_record() -> None:
    incidents = {
        e["record_id"]: e for e in feed(300) if e["type"] == "police_incident" and e["org"] == area.POLICE_CODE
    }
    encompass = [e for e in feed(300) if e["type"] == "police_incident" and e["org"] != area.POLICE_CODE]
    assert encompass
    for told in encompass:
        police = incidents[told["ref"]["record_id"]]
        assert told["ref"]["org"] == area.POLICE_CODE
        assert told["occurred_at"] == police["occurred_at"]
        assert told["subject"].get("nhs_number") == police["subject"].get("nhs_number")


def test_an_unborn_child_is_booked_with_midwifery_with_its_mother_as_subject() -> None:
    bookings = [e for e in of_type(feed(300), "service_involvement", area.MIDWIFERY_CODE) if e["subject"].get("unborn")]
    assert bookings
    assert all(parse_event(e, today=AS_OF, london=LONDON) for e in bookings)


def test_households_change_when_the_population_says_so() -> None:
    changes = of_type(feed(300), "household_change")
    assert {e["details"]["change"] for e in changes} == {"joined", "left"}
    assert all(e["people"] for e in changes)


def test_family_patterns_cover_every_pathway_in_a_300_child_population() -> None:
    assert set(family_patterns(population(300)).values()) >= set(LowLevelPattern)
    assert len(set(family_patterns(population(300)).values())) == 13


# ---------------------------------------------------------------------------
# The gap-rule patterns (brief, section 6)
# Each pathway goes to every 8th known family: 600 children give each several families to show it in.
PATTERNS = 600


def test_t1_a_child_on_a_protection_plan_not_brought_to_an_appointment() -> None:
    assert any(
        during(day_of(e), plan_spans(events, "child_protection"))
        for events in histories(PATTERNS).values()
        for e in not_brought(events)
    )


def test_t1_a_baby_not_brought() -> None:
    children = {child.local_id: child for child in population(PATTERNS).children}
    assert any(
        (children[child_id].age_on(day_of(e)) or 0) < 1
        for child_id, events in histories(PATTERNS).items()
        for e in not_brought(events)
    )


def test_t1_two_not_brought_within_90_days_and_the_near_misses() -> None:
    gaps = []
    singles = 0
    for events in histories(PATTERNS).values():
        if plan_spans(events, "child_protection") or plan_spans(events, "child_in_need"):
            continue
        days = sorted(day_of(e) for e in not_brought(events))
        singles += len(days) == 1
        gaps += [(b - a).days for a, b in itertools.pairwise(days)]
    assert any(gap <= 90 for gap in gaps)
    assert any(gap > 90 for gap in gaps)
    assert singles


def test_t2_an_adult_joins_the_household_unknown_to_social_care_and_unchecked() -> None:
    def key(person: Event) -> tuple[str, str]:
        return person["given_name"], person["family_name"]

    found = False
    for events in histories(PATTERNS).values():
        known_to_csc = {key(p) for e in events if e["org"] == CSC for p in e.get("people", [])}
        checked = {key(p) for e in of_type(events, "checks_completed") for p in e["people"]}
        referred = [day_of(e) for e in of_type(events, "referral")]
        for change in of_type(events, "household_change"):
            adult = key(change["people"][0])
            if change["details"]["change"] == "joined" and adult not in known_to_csc | checked and referred:
                found = found or min(referred) <= day_of(change)
    assert found


def test_t3_community_referrals_closed_nfa_within_six_months_and_apart() -> None:
    within = apart = malicious_unreviewed = False
    for events in histories(PATTERNS).values():
        decisions = decisions_by_referral(events)
        community = sorted(
            day_of(e)
            for e in of_type(events, "referral")
            if e["details"]["referrer_type"] != "professional"
            and decisions.get(e["record_id"], {}).get("details", {}).get("outcome") == "no_further_action"
        )
        gaps = [(b - a).days for a, b in itertools.pairwise(community)]
        within |= any(gap <= 183 for gap in gaps)
        apart |= len(community) == 2 and gaps[0] > 183
        malicious_unreviewed |= any(
            d["details"]["malicious"] and not d["details"]["manager_reviewed"] for d in decisions.values()
        )
    assert within
    assert apart
    assert malicious_unreviewed


def test_t4_repeat_contacts_and_a_re_referral_soon_after_closure() -> None:
    repeated = re_referred = below = False
    for events in histories(PATTERNS).values():
        decisions = decisions_by_referral(events)
        low = sorted(
            day_of(e)
            for e in of_type(events, "referral")
            if decisions.get(e["record_id"], {}).get("details", {}).get("outcome")
            in ("no_further_action", "signposted")
        )
        repeated |= any((low[i + 2] - low[i]).days <= 365 for i in range(len(low) - 2))
        below |= len(low) == 2 and not of_type(events, "assessment_completed")
        closures = [day_of(e) for e in of_type(events, "case_closed")]
        re_referred |= any(
            0 < (day_of(r) - closed).days <= 30 for r in of_type(events, "referral") for closed in closures
        )
    assert repeated
    assert re_referred
    assert below


def test_t5_an_injury_routed_to_assessment_without_strategy_or_rationale_and_one_with() -> None:
    bare = reasoned = False
    for events in histories(PATTERNS).values():
        decisions = decisions_by_referral(events)
        for referral in of_type(events, "referral"):
            decision = decisions.get(referral["record_id"])
            if not referral["details"].get("injury") or decision is None:
                continue
            if decision["details"]["outcome"] == "assessment" and not of_type(events, "strategy_discussion"):
                bare |= "rationale" not in decision["details"] and not decision["details"]["manager_reviewed"]
                reasoned |= "rationale" in decision["details"]
    assert bare
    assert reasoned


def test_t6_a_strategy_discussion_without_health_and_one_with_everyone() -> None:
    discussions = of_type(feed(PATTERNS), "strategy_discussion")
    without_health = [e for e in discussions if not {a["org"] for a in e["details"]["attendees"]} & HEALTH_CODES]
    assert without_health
    assert len(without_health) < len(discussions)


def test_t7_a_safeguarding_record_during_a_plan_never_shared_and_one_shared() -> None:
    unshared = shared = False
    for events in histories(PATTERNS).values():
        spans = plan_spans(events, "child_protection")
        refs = {(e["org"], e["ref"]) for e in of_type(events, "information_shared") if isinstance(e["ref"], str)}
        for e in events:
            if e["org"] != CSC and e.get("safeguarding_relevant") and during(day_of(e), spans):
                if (e["org"], e["record_id"]) in refs:
                    shared = True
                elif e["type"] == "unscheduled_care":
                    unshared = True
    assert unshared
    assert shared


def test_t8_a_domestic_abuse_history_unchecked_before_an_nfa_and_one_checked() -> None:
    unchecked = checked = False
    for events in histories(PATTERNS).values():
        if not [e for e in of_type(events, "adult_history") if e["details"]["kind"] == "domestic_abuse"]:
            continue
        if of_type(events, "checks_completed"):
            checked = True
        elif any(e["details"]["outcome"] == "no_further_action" for e in of_type(events, "assessment_completed")):
            unchecked = True
    assert unchecked
    assert checked


def test_t9_a_professional_referrer_told_late() -> None:
    late = False
    for events in histories(PATTERNS).values():
        feedback = {e["ref"]: day_of(e) for e in of_type(events, "referrer_feedback")}
        for referral in of_type(events, "referral"):
            told = feedback.get(referral["record_id"])
            late |= (
                referral["details"]["referrer_type"] == "professional"
                and told is not None
                and (told - day_of(referral)).days >= 5
            )
    assert late


def test_t10_a_disagreement_left_escalated_and_one_resolved() -> None:
    by_ref: dict[str, set[str]] = defaultdict(set)
    for e in of_type(feed(PATTERNS), "disagreement"):
        by_ref[e["ref"]["record_id"] + e["subject"].get("nhs_number", "")].add(e["details"]["status"])
    assert any("escalated" in statuses and "resolved" not in statuses for statuses in by_ref.values())
    assert any("resolved" in statuses for statuses in by_ref.values())


def test_disagreements_carry_their_subject_against_whom_and_when_resolved_the_outcome() -> None:
    disagreements = of_type(feed(PATTERNS), "disagreement")
    raised = [e for e in disagreements if e["details"]["status"] == "raised"]
    assert raised
    assert all(e["details"]["subject"] and e["details"]["against"] == CSC for e in raised)
    assert all(e["details"].get("outcome") for e in disagreements if e["details"]["status"] == "resolved")
    assert area.POLICE_CODE in {e["org"] for e in raised}  # the police as well as schools and health


def test_t11_an_enquiry_concluded_without_the_child_being_seen() -> None:
    unseen = False
    for events in histories(PATTERNS).values():
        for outcome in of_type(events, "section_47_outcome"):
            visits = [v for v in of_type(events, "visit", CSC) if day_of(v) <= day_of(outcome)]
            unseen |= not visits
    assert unseen


def test_t12_low_level_events_from_many_agencies_for_a_child_social_care_does_not_know() -> None:
    found = False
    for events in histories(PATTERNS).values():
        if any(e["org"] == CSC for e in events):
            continue
        kinds = {
            "ed": len(of_type(events, "unscheduled_care")) >= 2,
            "police": bool(of_type(events, "police_incident")),
            "housing": any("housing" in e["details"]["categories"] for e in of_type(events, "concern")),
            "not_brought": bool(not_brought(events)),
        }
        found |= all(kinds.values())
    assert found


def test_t13_a_move_out_of_the_area_during_a_plan_and_one_without() -> None:
    during_plan = without_plan = off_roll_unknown = False
    for events in histories(PATTERNS).values():
        spans = plan_spans(events, "child_protection")
        for move in of_type(events, "address_change"):
            if move["details"].get("la_code") != area.NORTHBRIDGE_LA_CODE:
                during_plan |= during(day_of(move), spans)
                without_plan |= not spans
        off_roll_unknown |= any(
            e["details"]["change"] == "left" and e["details"]["destination_known"] is False and during(day_of(e), spans)
            for e in of_type(events, "school_roll")
        )
    assert during_plan
    assert without_plan
    assert off_roll_unknown
    assert of_type(feed(PATTERNS), "cpis_access")


def test_t14_two_no_access_visits_in_a_row_within_30_days_and_a_near_miss() -> None:
    consecutive = spaced = False
    for events in histories(PATTERNS).values():
        visits = of_type(events, "visit", CSC)
        for first, second in itertools.pairwise(visits):
            if first["details"]["outcome"] == second["details"]["outcome"] == "no_access":
                consecutive |= (day_of(second) - day_of(first)).days <= 30
        no_access = [day_of(v) for v in visits if v["details"]["outcome"] == "no_access"]
        spaced |= len(no_access) == 2 and (no_access[1] - no_access[0]).days > 30
    assert consecutive
    assert spaced


def test_t15_a_closure_without_sign_off_soon_after_another_agencys_concern() -> None:
    found = False
    for events in histories(PATTERNS).values():
        for closure in of_type(events, "case_closed"):
            recent = [
                c
                for c in of_type(events, "concern")
                if c["org"] != CSC and 0 <= (day_of(closure) - day_of(c)).days <= 30
            ]
            found |= bool(recent) and not closure["details"]["manager_sign_off"]
    assert found


def test_t16_a_misspelt_child_with_swapped_dates_and_no_nhs_number() -> None:
    by_family_name = defaultdict(list)
    for child in population(PATTERNS).children:
        by_family_name[child.family_name].append(child)
    variants = [e for e in feed(PATTERNS) if "nhs_number" not in e["subject"] and "unborn" not in e["subject"]]
    assert variants
    for event in variants:
        subject = event["subject"]
        born = dt.date.fromisoformat(subject["date_of_birth"])
        twins = [
            c
            for c in by_family_name[subject["family_name"]]
            if c.date_of_birth in (born, dt.date(born.year, born.day, born.month) if born.day <= 12 else born)
        ]
        assert twins
        assert all(c.given_name != subject["given_name"] for c in twins)
    assert any(
        subject_born.month != subject_born.day and subject_born.day <= 12
        for subject_born in (dt.date.fromisoformat(e["subject"]["date_of_birth"]) for e in variants)
    )
