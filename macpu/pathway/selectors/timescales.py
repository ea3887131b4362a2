"""Reads of the timescales in force: an area's own values over the national defaults."""

import datetime as dt
from dataclasses import dataclass

from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.organisations.models import Area
from macpu.organisations.selectors import area_of_organisation
from macpu.pathway.models import LocalTimescale
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, Basis, Length, Timescale, TimescaleCode

BASIS_LABELS = {Basis.WORKING_TOGETHER: "Working Together 2023", Basis.LOCAL_PROCEDURE: "Local procedure"}


@dataclass(frozen=True)
class TimescaleInForce:
    """One timescale as an area uses it: its length in force, whether that is local, and where it comes from."""

    default: Timescale
    length: Length
    local: bool
    source: str
    set_by: str = ""
    set_at: dt.datetime | None = None

    @property
    def code(self) -> TimescaleCode:
        return self.default.code

    @property
    def title(self) -> str:
        return timescale_title(self.code)

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.default.basis]


def timescale_title(code: TimescaleCode) -> str:
    """A timescale's name for people: `initial_conference` is "Initial conference"."""
    return code.value.replace("_", " ").capitalize()


def _in_force(default: Timescale, local: LocalTimescale | None) -> TimescaleInForce:
    if local is None:
        source = f"National default ({BASIS_LABELS[default.basis]}): {default.source}"
        return TimescaleInForce(default, default.length, local=False, source=source)
    return TimescaleInForce(default, local.length, True, local.source, local.set_by, local.updated_at)


def timescales_in_force(area: Area | None) -> list[TimescaleInForce]:
    """Every timescale, in the order of the pathway, as `area` uses it (the national defaults if no area)."""
    locals_ = {row.code: row for row in LocalTimescale.objects.filter(area=area)} if area else {}
    return [_in_force(default, locals_.get(code.value)) for code, default in DEFAULT_TIMESCALES.items()]


def timescale_in_force(area: Area | None, code: TimescaleCode) -> TimescaleInForce:
    local = LocalTimescale.objects.filter(area=area, code=code.value).first() if area else None
    return _in_force(DEFAULT_TIMESCALES[code], local)


def local_override(area: Area | None, code: TimescaleCode) -> Length | None:
    """The area's own length for `code`, to pass as `due_date(..., override=...)`; None for the national default."""
    local = LocalTimescale.objects.filter(area=area, code=code.value).first() if area else None
    return local.length if local else None


def timescale_code(value: str) -> TimescaleCode:
    """The timescale named `value` (from a URL), or NotFound."""
    try:
        return TimescaleCode(value)
    except ValueError:
        raise NotFound(f"No timescale is called {value!r}") from None


def area_for(actor: Actor) -> Area | None:
    """The area whose timescales `actor` works to: their organisation's one area, else the deployment's only one."""
    return area_of_organisation(organisation_id=actor.organisation_id)
