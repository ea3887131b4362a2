from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.audit.models import AuditEvent
from macpu.organisations.models import Organisation

pytestmark = pytest.mark.django_db

GOOD = """code,name,type,sector,parent_code,la_code
QNB,Northbridge Integrated Care Board,integrated_care_board,health,,
Y01001,Riverside Medical Practice,gp_practice,health,QNB,873
123456,Hillside Primary School,school,education,,873
873,Northbridge Children's Services,childrens_social_care,social_care,,873
NBP,Northbridge Police,police,police,,
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "orgs.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_imports_every_row_with_its_typed_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("orgs", "import", str(write(tmp_path, GOOD)))
    assert "5 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    practice = Organisation.objects.get(code="Y01001")
    assert (practice.parent.code if practice.parent else None, practice.ods_code, practice.la_code) == (
        "QNB",
        "Y01001",
        "873",
    )
    assert Organisation.objects.get(code="123456").urn == "123456"
    assert Organisation.objects.get(code="NBP").force_code == "NBP"
    assert Organisation.objects.get(code="873").la_code == "873"
    assert AuditEvent.objects.filter(action="organisation.created", actor_kind="operator").count() == 5


def test_importing_again_updates_changed_rows_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("orgs", "import", str(write(tmp_path, GOOD)))
    changed = GOOD.replace("Riverside Medical Practice", "Riverside Surgery")
    call_command("orgs", "import", str(write(tmp_path, changed)))
    assert "0 created, 1 updated, 4 unchanged" in capsys.readouterr().out
    practice = Organisation.objects.get(code="Y01001")
    assert (practice.name, practice.version) == ("Riverside Surgery", 2)


def test_a_file_with_a_bad_row_loads_nothing_and_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = GOOD + "12,Broken School,school,education,,873\n"
    with pytest.raises(CommandError, match="1 problem") as raised:
        call_command("orgs", "import", str(write(tmp_path, bad)))
    assert raised.value.returncode == 1
    assert "orgs.csv: line 7: code: must be the school's URN: 6 or 7 digits" in capsys.readouterr().err
    assert Organisation.objects.count() == 0


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("orgs", "import", str(tmp_path / "missing.csv"))
