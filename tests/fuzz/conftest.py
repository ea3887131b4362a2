"""Known failures of the API fuzzing, each reported to the owner of the code: the run shows them as xfail until
the fix lands (not strict: a generated request finds some of them only on some runs). They are the system
administrator's (the `governance` role's) operations: the other roles get their 403 as documented."""

import pytest

KNOWN: dict[str, str] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "][" not in item.name:  # schemathesis names its items test[OPERATION][role]
            continue
        operation, role = item.name.split("[", 1)[1].removesuffix("]").split("][", 1)
        if operation in KNOWN and role in {"governance", "admin_sam"}:
            item.add_marker(pytest.mark.xfail(strict=False, reason=f"known, reported: {KNOWN[operation]}"))
