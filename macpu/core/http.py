"""Translate domain errors into HTTP answers for the REST API, in one place."""

from typing import Any

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from macpu.core.errors import InvalidInput, NotFound, NotPermitted, StaleEdit


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, taught macpu's domain errors.

    A hidden record and a missing one both answer 404 with the same body, so a
    caller cannot learn that a child they may not see exists.
    """
    if isinstance(exc, NotFound):
        exc = exceptions.NotFound()
    elif isinstance(exc, NotPermitted):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, StaleEdit):
        return Response(
            {"detail": str(exc), "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, InvalidInput):
        return Response(exc.errors, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
