"""Structured JSON logs for the operator's log store, with personal data kept out by construction.

Log lines carry ids and counts only. As a second wall, any field whose name
suggests personal data is replaced before the line is written, at any depth, and
an exception is logged by its type and where it was raised, never its message
(a database error's message quotes the values it refused).
"""

import sys
import traceback
from collections.abc import MutableMapping
from typing import Any

import structlog

# Field names that would carry personal data if a caller ever passed them.
PERSONAL_FIELDS = frozenset(
    {
        "name",
        "first_name",
        "last_name",
        "username",
        "token",
        "authorization",
        "given_name",
        "family_name",
        "full_name",
        "date_of_birth",
        "dob",
        "nhs_number",
        "upn",
        "postcode",
        "address",
        "summary",
        "email",
        "phone",
        "password",
        "query",
    }
)


def _withhold(value: Any) -> Any:
    if isinstance(value, MutableMapping):
        for key in list(value.keys()):
            value[key] = "[withheld]" if key in PERSONAL_FIELDS else _withhold(value[key])
    elif isinstance(value, list):
        return [_withhold(item) for item in value]
    return value


def drop_personal_fields(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    _withhold(event)
    return event


def exception_without_message(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Replace `exc_info` by the exception's type and its innermost frames: enough to find the bug, no values."""
    exc_info = event.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    elif isinstance(exc_info, BaseException):
        exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
    if isinstance(exc_info, tuple) and exc_info[0] is not None:
        kind, _message, trace = exc_info
        frames = traceback.extract_tb(trace)[-8:]
        event["exception"] = {
            "type": f"{kind.__module__}.{kind.__qualname__}",
            "frames": [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in frames],
        }
    return event


def formatter() -> dict[str, Any]:
    """The logging formatter for settings.LOGGING: JSON lines, personal fields withheld."""
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            exception_without_message,
            drop_personal_fields,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.JSONRenderer(),
        ],
        "foreign_pre_chain": [
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.add_log_level,
        ],
    }


def configure() -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.add_log_level,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
