"""What a record made in macpu must say, before the feed's own checks."""

import datetime as dt

from macpu.sharing.rules.record import SharingAnswers, api_field, missing

TODAY = dt.date(2026, 11, 26)
WITHHELD = SharingAnswers(
    decision="not_shared",
    occurred_at="2026-03-04",
    with_orgs=("123456",),
    what="Counselling notes",
    reason="Not relevant",
    consent="refused",
    consent_reason="She asked us not to",
    decided_by="Ben Hughes",
)


def test_a_complete_record_lacks_nothing_and_its_details_omit_what_was_not_answered() -> None:
    assert missing(WITHHELD, today=TODAY) == {}
    assert WITHHELD.details() == {
        "decision": "not_shared",
        "with": ["123456"],
        "what": "Counselling notes",
        "reason": "Not relevant",
        "consent": "refused",
        "consent_reason": "She asked us not to",
        "decided_by": "Ben Hughes",
    }


def test_every_gap_is_named_by_its_field() -> None:
    empty = SharingAnswers(
        decision="perhaps", occurred_at="4 March", with_orgs=(), what=" ", reason="", consent="", decided_by=""
    )
    assert set(missing(empty, today=TODAY)) == {
        "decision", "with", "what", "reason", "consent", "decided_by", "occurred_at",
    }  # fmt: skip
    unexplained = SharingAnswers(**{**WITHHELD.__dict__, "consent": "not_sought", "consent_reason": ""})
    assert set(missing(unexplained, today=TODAY)) == {"consent_reason"}
    future = SharingAnswers(**{**WITHHELD.__dict__, "occurred_at": "2026-11-27T09:00:00+00:00"})
    assert missing(future, today=TODAY) == {"occurred_at": "The date must be today or in the past"}
    given = SharingAnswers(**{**WITHHELD.__dict__, "consent": "given", "consent_reason": ""})
    assert missing(given, today=TODAY) == {}


def test_the_feed_s_field_names_become_the_api_s() -> None:
    assert api_field("details.consent_reason") == "consent_reason"
    assert api_field("ref") == "ref"
