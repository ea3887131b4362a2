from macpu.organisations.rules.import_rows import header_errors, validate_rows
from macpu.organisations.rules.vocabulary import OrganisationType

HEADER = ["code", "name", "type", "sector", "parent_code", "la_code"]


def row(code: str, name: str, type: str, sector: str, parent_code: str = "", la_code: str = "") -> dict[str, str]:
    return dict(zip(HEADER, [code, name, type, sector, parent_code, la_code], strict=True))


def test_a_good_file_comes_back_with_parents_before_children() -> None:
    rows, errors = validate_rows(
        [
            (2, row("Y01001", "Riverside Medical Practice", "gp_practice", "health", "QNB")),
            (3, row("QNB", "Northbridge ICB", "integrated_care_board", "health")),
        ],
        existing_codes=frozenset(),
    )
    assert errors == []
    assert [(r.code, r.type) for r in rows] == [
        ("QNB", OrganisationType.INTEGRATED_CARE_BOARD),
        ("Y01001", OrganisationType.GP_PRACTICE),
    ]


def test_every_problem_is_reported_with_its_line_and_field() -> None:
    rows, errors = validate_rows(
        [
            (2, row("123456", "Hillside Primary", "school", "education")),
            (3, row("12", "Bad School", "school", "education")),
            (4, row("X1", "", "gp", "health")),
            (5, row("NBP", "Northbridge Police", "police", "health")),
            (6, row("123456", "Duplicate", "school", "education")),
            (7, row("Y2", "Orphan", "gp_practice", "health", "NOPE", "87")),
        ],
        existing_codes=frozenset(),
    )
    assert rows == []
    assert [str(error) for error in errors] == [
        "line 3: code: must be the school's URN: 6 or 7 digits",
        "line 4: type: 'gp' is not an organisation type; expected one of "
        + ", ".join(sorted(t.value for t in OrganisationType)),
        "line 4: name: is required",
        "line 5: sector: a police organisation must be in the sector police",
        "line 6: code: '123456' is already on line 2",
        "line 7: la_code: must be the 3-digit DfE local authority number, for example 801",
    ]


def test_a_parent_must_be_in_the_file_or_already_in_macpu() -> None:
    orphan = [(2, row("Y01002", "Orphan Practice", "gp_practice", "health", "QXX"))]
    _, errors = validate_rows(orphan, existing_codes=frozenset())
    assert [str(e) for e in errors] == ["line 2: parent_code: 'QXX' is not in this file or in macpu"]
    rows, errors = validate_rows(orphan, existing_codes=frozenset({"QXX"}))
    assert errors == []
    assert rows[0].parent_code == "QXX"


def test_parents_that_loop_are_refused() -> None:
    _, errors = validate_rows(
        [(2, row("AAA", "A", "voluntary", "voluntary", "BBB")), (3, row("BBB", "B", "voluntary", "voluntary", "AAA"))],
        existing_codes=frozenset(),
    )
    assert [str(e) for e in errors] == [
        "line 2: parent_code: the parents of this organisation form a loop",
        "line 3: parent_code: the parents of this organisation form a loop",
    ]


def test_codes_are_normalised_to_upper_case() -> None:
    rows, errors = validate_rows(
        [(2, row(" y01003 ", "Practice", "gp_practice", "health"))], existing_codes=frozenset()
    )
    assert errors == []
    assert rows[0].code == "Y01003"


def test_the_header_must_name_the_required_columns_and_no_unknown_ones() -> None:
    assert [str(e) for e in header_errors(["code", "name", "kind", "sector"])] == [
        "line 1: type: column is missing",
        "line 1: kind: is not a known column",
    ]
    assert [str(e) for e in header_errors(None)] == [
        "line 1: header: the file is empty; expected the header code,name,type,sector,parent_code,la_code"
    ]
    assert header_errors(HEADER) == []
