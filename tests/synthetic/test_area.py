"""Northbridge's organisations file is one `macpu orgs import` would accept."""

import csv
import io

import pytest
from stdnum.gb import upn

from macpu.organisations.rules.import_rows import COLUMNS, header_errors, validate_rows
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.synthetic import area

pytestmark = pytest.mark.pure


def test_the_organisations_file_validates_as_an_import_file() -> None:
    reader = csv.DictReader(io.StringIO(area.organisations_csv()))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    assert header_errors(reader.fieldnames) == []
    rows, errors = validate_rows([(reader.line_num, row) for row in reader], existing_codes=frozenset())
    assert errors == []
    assert len(rows) == len(area.ORGANISATIONS)


def test_the_area_has_the_organisations_a_partnership_needs() -> None:
    types = [organisation.type for organisation in area.ORGANISATIONS]
    assert types.count(OrganisationType.GP_PRACTICE) == 10
    assert types.count(OrganisationType.SCHOOL) == 25
    assert types.count(OrganisationType.MACPU) == 1
    assert int(area.NORTHBRIDGE_LA_CODE) in upn._la_numbers  # the LA list UPNs are checked against


def test_phone_numbers_are_in_ofcoms_drama_range() -> None:
    numbers = [o.office_hours_phone for o in area.ORGANISATIONS] + [
        o.out_of_hours_phone for o in area.ORGANISATIONS if o.out_of_hours_phone
    ]
    assert all(number.startswith("01632 960") and len(number) == 12 for number in numbers)
