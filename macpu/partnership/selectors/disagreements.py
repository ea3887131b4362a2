"""Professional disagreements counted for the partnership dashboard: the dashboard's one seam onto them.

`macpu.disagreements` works each disagreement out from its chain of `disagreement` events and counts them for an
area and a period (`disagreement_counts`, exact counts); this turns its answer into what the dashboard's pure rules
take. Suppression is the dashboard's, not the disagreements app's.
"""

import datetime as dt
from collections.abc import Mapping

from macpu.disagreements.selectors import disagreement_counts
from macpu.organisations.models import Area


def disagreements_by_stage(*, area: Area | None, start: dt.date, end: dt.date) -> Mapping[str, Mapping[str, int]]:
    """For each stage reached, how many disagreements raised from `start` to `end` by an agency of `area` (None:
    every area) were open and resolved at `end`."""
    counts = disagreement_counts(area.id if area else None, start, end)
    by_stage = counts["by_stage"]
    if not isinstance(by_stage, Mapping):
        raise TypeError("disagreement_counts must give by_stage as a mapping")
    return by_stage
