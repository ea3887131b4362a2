"""The library of gap scenarios: each synthetic feed raises exactly the findings written beside it.

A scenario is two files in `feeds/`: `NAME.jsonl`, a feed in the public format (docs/feed.md) from
Northbridge's organisations, and `NAME.expected.json`:

    {
      "story": "what happened, as a practitioner would tell it",
      "as_of": "2026-07-01",                 # the day the rules are run as at
      "findings": [                          # every finding open after the run, and no other
        {
          "rule": "T3",
          "child": "9990000018",             # the child's NHS number (else the local_id its records give)
          "evidence": ["873/REF-1", "873/REF-2"],   # org/record_id of each record, in any order
          "says": ["grandmother"],           # optional: words the explanation must contain
          "told": ["Priya"]                  # optional: words some label of the people told must contain
        }
      ]
    }

Each scenario runs on a fresh Northbridge (its organisations, staff and MACPU team, no children): the feed is
imported through the one write path, every line must be accepted, then `gaps_run` evaluates every rule as at
`as_of`. The open findings must be exactly the expected ones: none missing, none unexpected.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from macpu.core.actor import Actor
from macpu.demo.loader import demo_area_load
from macpu.events.services.importing import feed_import
from macpu.gaps.models import FindingStatus, GapFinding
from macpu.gaps.services import gaps_run
from macpu.people.models import Identifier, IdentifierScheme

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).parent / "feeds"
SCENARIOS = sorted(FEEDS.glob("*.jsonl"))


@dataclass(frozen=True, order=True)
class Expected:
    """A finding by what a reader of the scenario can name: its rule, the child, and its evidence."""

    rule: str
    child: str
    evidence: tuple[str, ...]


def _expected(written: dict[str, Any]) -> Expected:
    return Expected(written["rule"], written["child"], tuple(sorted(written["evidence"])))


def _raised(finding: GapFinding, nhs_numbers: dict[Any, str]) -> Expected:
    evidence = tuple(sorted(f"{e['org']}/{e['record_id']}" for e in finding.evidence))
    return Expected(finding.rule, nhs_numbers.get(finding.child_id, str(finding.child_id)), evidence)


def _names_of_children() -> dict[Any, str]:
    """Each person's NHS number, else their local id: how a scenario names a child."""
    names: dict[Any, str] = {}
    for scheme in (IdentifierScheme.LOCAL_ID, IdentifierScheme.NHS_NUMBER):  # the NHS number wins
        names.update(Identifier.objects.filter(scheme=scheme).values_list("person_id", "value"))
    return names


def _feed_lines(path: Path) -> list[tuple[int, str]]:
    return [(number, line) for number, line in enumerate(path.read_text().splitlines(), start=1) if line.strip()]


def test_the_library_holds_at_least_thirty_scenarios_each_with_its_expectations() -> None:
    assert len(SCENARIOS) >= 30
    for feed in SCENARIOS:
        assert feed.with_suffix(".expected.json").exists(), f"{feed.name} has no expected findings"


@pytest.mark.parametrize("feed", SCENARIOS, ids=lambda path: path.stem)
def test_the_scenario_raises_exactly_its_expected_findings(feed: Path) -> None:
    written = json.loads(feed.with_suffix(".expected.json").read_text())
    as_of = dt.date.fromisoformat(written["as_of"])
    operator = Actor.current_operator()
    demo_area_load(actor=operator, start_date=as_of)

    imported = feed_import(actor=operator, lines=_feed_lines(feed), source=feed.name)
    assert imported.bad_lines == 0, [str(problem) for problem in imported.problems]
    gaps_run(actor=operator, as_of=as_of)

    nhs_numbers = _names_of_children()
    open_findings = list(GapFinding.objects.filter(status=FindingStatus.OPEN))
    raised = {_raised(finding, nhs_numbers): finding for finding in open_findings}
    expected = {_expected(item): item for item in written["findings"]}
    missing = sorted(set(expected) - set(raised))
    unexpected = {key: raised[key].explanation for key in sorted(set(raised) - set(expected))}
    assert (missing, unexpected) == ([], {}), f"missing: {missing}; unexpected: {unexpected}"
    for key, item in expected.items():
        finding = raised[key]
        for words in item.get("says", []):
            assert words in finding.explanation, f"{key.rule}: {words!r} not in {finding.explanation!r}"
        for words in item.get("told", []):
            assert any(words in label for label in finding.notified), f"{key.rule}: {words!r} not told"
