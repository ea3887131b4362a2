"""No personal data in the application log (security target B5): field names withheld at any depth, exceptions
logged by type and place only."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from macpu.core.logging import formatter

NHS_NUMBER, NAME = "9434765919", "Jessica Fairbrother"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    settings = formatter()
    factory = settings.pop("()")
    handler.setFormatter(factory(**settings))
    logger = logging.getLogger("macpu.test_logging")
    logger.addHandler(handler)
    logger.propagate = False
    yield stream
    logger.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_an_exception_is_logged_by_its_type_and_place_never_its_message(captured: io.StringIO) -> None:
    try:
        raise ValueError(f'duplicate key value (nhs_number)=({NHS_NUMBER}) for "{NAME}"')
    except ValueError:
        logging.getLogger("macpu.test_logging").exception("Internal Server Error: /api/v1/children/search")
    text = captured.getvalue()
    assert NHS_NUMBER not in text
    assert NAME not in text
    (line,) = lines(captured)
    assert line["event"] == "Internal Server Error: /api/v1/children/search"
    assert line["logger"] == "macpu.test_logging"
    exception = line["exception"]
    assert isinstance(exception, dict)
    assert exception["type"] == "builtins.ValueError"
    assert any("test_logging.py" in frame for frame in exception["frames"])


def test_personal_fields_are_withheld_however_deep(captured: io.StringIO) -> None:
    structlog.get_logger("macpu.test_logging").info(
        "search_made", family_name=NAME, context={"child": {"nhs_number": NHS_NUMBER}, "count": 3}
    )
    (line,) = lines(captured)
    assert NHS_NUMBER not in captured.getvalue()
    assert line["family_name"] == "[withheld]"
    assert line["context"] == {"child": {"nhs_number": "[withheld]"}, "count": 3}
