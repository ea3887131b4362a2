import pytest

from macpu.core.deferred import DeferredInserts
from macpu.organisations.models import Area

pytestmark = pytest.mark.django_db

_codes = iter(range(900, 1000))


def _area(name: str) -> Area:
    return Area(name=name, la_code=str(next(_codes)), partnership_name=f"{name} partnership")


def test_outside_a_batch_rows_are_written_at_once() -> None:
    rows = DeferredInserts()
    area = rows.add(_area("Northbridge"))
    assert Area.objects.filter(id=area.id).exists()
    assert not rows.is_pending(area)


def test_inside_a_batch_rows_wait_until_it_ends_and_changes_to_them_are_kept() -> None:
    rows = DeferredInserts()
    with rows.together():
        area = rows.add(_area("Northbridge"))
        assert rows.is_pending(area)
        assert rows.pending(Area) == [area]
        assert not Area.objects.filter(id=area.id).exists()
        area.name = "Northbridge and Vale"
        rows.save(area, ["name"])  # nothing to write yet: the waiting row carries the change
    assert Area.objects.get(id=area.id).name == "Northbridge and Vale"
    assert not rows.deferring
    assert rows.pending(Area) == []


def test_a_step_can_write_one_kind_of_row_early() -> None:
    rows = DeferredInserts()
    with rows.together():
        area = rows.add(_area("Northbridge"))
        rows.flush(Area)
        assert Area.objects.filter(id=area.id).exists()
        assert not rows.is_pending(area)
        area.name = "Renamed"
        rows.save(area, ["name"])  # written already, so saved now
        assert Area.objects.get(id=area.id).name == "Renamed"


def test_replaced_rows_are_forgotten_and_a_failed_batch_writes_nothing() -> None:
    rows = DeferredInserts()
    with rows.together():
        rows.add(_area("Kept"))
        dropped = rows.add(_area("Dropped"))
        rows.discard(Area, lambda row: row.name == "Dropped")  # type: ignore[attr-defined]
    assert list(Area.objects.values_list("name", flat=True)) == ["Kept"]
    assert not rows.is_pending(dropped)
    with pytest.raises(RuntimeError):
        _fail_half_way(rows)
    assert not Area.objects.filter(name="Never").exists()
    assert not rows.deferring


def _fail_half_way(rows: DeferredInserts) -> None:
    with rows.together():
        rows.add(_area("Never"))
        raise RuntimeError


def test_a_change_saved_later_waits_for_the_end_of_the_batch_and_is_written_once() -> None:
    rows = DeferredInserts()
    area = rows.add(_area("Northbridge"))
    stamped = Area.objects.get(id=area.id).updated_at
    with rows.together():
        area.name = "Northbridge and Vale"
        rows.save_later(area, ["name"])
        assert Area.objects.get(id=area.id).name == "Northbridge"  # not yet: the batch keeps the row in memory
        area.partnership_name = "Vale partnership"
        rows.save_later(area, ["name", "partnership_name"])
        waiting = rows.add(_area("Southmoor"))
        waiting.name = "Southmoor and Fen"
        rows.save_later(waiting, ["name"])  # a waiting row carries its change
    written = Area.objects.get(id=area.id)
    assert (written.name, written.partnership_name) == ("Northbridge and Vale", "Vale partnership")
    assert written.updated_at > stamped
    assert Area.objects.get(id=waiting.id).name == "Southmoor and Fen"


def test_a_change_saved_later_outside_a_batch_is_written_at_once_and_a_failed_batch_drops_it() -> None:
    rows = DeferredInserts()
    area = rows.add(_area("Northbridge"))
    area.name = "Renamed"
    rows.save_later(area, ["name"])
    assert Area.objects.get(id=area.id).name == "Renamed"
    with pytest.raises(RuntimeError):
        _change_then_fail(rows, area)
    assert Area.objects.get(id=area.id).name == "Renamed"


def _change_then_fail(rows: DeferredInserts, area: Area) -> None:
    with rows.together():
        area.name = "Never"
        rows.save_later(area, ["name"])
        raise RuntimeError
