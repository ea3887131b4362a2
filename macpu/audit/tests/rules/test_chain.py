from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from macpu.audit.rules.chain import GENESIS_HASH, ChainedEvent, event_hash, verify_chain


def build_chain(contents: list[dict[str, object]]) -> list[ChainedEvent]:
    events, previous = [], GENESIS_HASH
    for sequence, content in enumerate(contents, start=1):
        full = {"sequence": sequence, **content}
        digest = event_hash(previous_hash=previous, content=full)
        events.append(ChainedEvent(sequence, previous, digest, full))
        previous = digest
    return events


CONTENTS = st.lists(
    st.fixed_dictionaries(
        {"action": st.sampled_from(["child.viewed", "person.created"]), "actor": st.text(max_size=8)}
    ),
    min_size=2,
    max_size=12,
)


def test_an_intact_chain_verifies_and_reports_its_head() -> None:
    events = build_chain([{"action": "child.viewed"}, {"action": "person.created"}])
    report = verify_chain(events)
    assert report.intact
    assert (report.events_checked, report.head_hash) == (2, events[-1].hash)


def test_an_empty_log_is_intact() -> None:
    assert verify_chain([]).intact


@given(CONTENTS, st.data())
def test_editing_any_event_is_detected_at_that_event(contents: list[dict[str, object]], data: st.DataObject) -> None:
    events = build_chain(contents)
    index = data.draw(st.integers(0, len(events) - 1))
    events[index] = replace(events[index], content={**events[index].content, "action": "tampered"})
    report = verify_chain(events)
    assert report.first_break is not None
    assert (report.first_break.sequence, report.first_break.reason) == (index + 1, "content was altered")


@given(CONTENTS, st.data())
def test_deleting_any_event_but_the_last_is_detected(contents: list[dict[str, object]], data: st.DataObject) -> None:
    events = build_chain(contents)
    index = data.draw(st.integers(0, len(events) - 2))
    del events[index]
    report = verify_chain(events)
    assert report.first_break is not None
    assert report.first_break.sequence == index + 2


@given(CONTENTS, st.data())
def test_inserting_an_event_is_detected(contents: list[dict[str, object]], data: st.DataObject) -> None:
    events = build_chain(contents)
    index = data.draw(st.integers(0, len(events) - 1))
    forged = build_chain([{"action": "forged"}])[0]
    events.insert(index, replace(forged, sequence=events[index].sequence))
    assert not verify_chain(events).intact


@given(CONTENTS, st.data())
def test_reordering_events_is_detected(contents: list[dict[str, object]], data: st.DataObject) -> None:
    events = build_chain(contents)
    index = data.draw(st.integers(0, len(events) - 2))
    events[index], events[index + 1] = events[index + 1], events[index]
    assert not verify_chain(events).intact
