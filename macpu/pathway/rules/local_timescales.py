"""Whether an area's own length for a timescale is allowed: pure checks, each naming the field and why.

An area may shorten or lengthen a local-procedure default as its partnership decides. Where the default
comes from Working Together 2023 it is a statutory maximum: the area may keep to it or do better, never
allow longer. So that "longer" is never a guess across units (is 3 weeks longer than 15 working days
when a bank holiday falls in them?), a local value of a Working Together timescale is counted in the
national unit.
"""

from collections.abc import Mapping
from types import MappingProxyType

from macpu.pathway.rules.timescales import Basis, Timescale, Unit

UNIT_LABELS: Mapping[Unit, str] = MappingProxyType(
    {Unit.WORKING_DAYS: "Working days", Unit.WEEKS: "Weeks", Unit.CALENDAR_MONTHS: "Calendar months"}
)

# The most of each unit a local value may be: 365 working days is well over a year, and so on.
MAXIMUM_AMOUNT: Mapping[Unit, int] = MappingProxyType(
    {Unit.WORKING_DAYS: 365, Unit.WEEKS: 52, Unit.CALENDAR_MONTHS: 12}
)


def length_errors(timescale: Timescale, amount: int, unit: Unit) -> dict[str, str]:
    """What is wrong with `amount` `unit` as an area's length for `timescale`, by field; empty if nothing."""
    if amount < 0:
        return {"amount": "The length must be 0 or more"}
    if amount > MAXIMUM_AMOUNT[unit]:
        return {"amount": f"The length must be {MAXIMUM_AMOUNT[unit]} {_plain(unit)} or fewer"}
    if timescale.basis is not Basis.WORKING_TOGETHER:
        return {}
    national = timescale.length
    if unit is not national.unit:
        return {
            "unit": f"Working Together 2023 sets this timescale in {_plain(national.unit)}, "
            f"so a local value must be in {_plain(national.unit)} too"
        }
    if amount > national.amount:
        return {
            "amount": f"Working Together 2023 sets {national} as the longest this may take, "
            f"so a local value cannot be longer than {national}"
        }
    return {}


def _plain(unit: Unit) -> str:
    return unit.value.replace("_", " ")
