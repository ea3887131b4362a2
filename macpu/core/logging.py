"""Structured JSON logs for the operator's log store, with personal data kept out by construction.

Log lines carry ids and counts only. As a second wall, any field whose name
suggests personal data is replaced before the line is written.
"""

from collections.abc import MutableMapping
from typing import Any

import structlog

# Field names that would carry personal data if a caller ever passed them.
PERSONAL_FIELDS = frozenset(
    {
        "name",
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


def drop_personal_fields(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for field in PERSONAL_FIELDS & event.keys():
        event[field] = "[withheld]"
    return event


def formatter() -> dict[str, Any]:
    """The logging formatter for settings.LOGGING: JSON lines, personal fields withheld."""
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            drop_personal_fields,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.JSONRenderer(),
        ],
        "foreign_pre_chain": [structlog.contextvars.merge_contextvars, structlog.stdlib.add_log_level],
    }


def configure() -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_log_level,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
