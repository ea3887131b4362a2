"""Translate domain errors into HTTP answers for the REST API, in one place."""

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, permissions, serializers, status
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


class ErrorSerializer(serializers.Serializer[object]):
    """DRF's error body: what went wrong, in a sentence."""

    detail = serializers.CharField()


class InvalidInputSerializer(serializers.Serializer[object]):
    """DRF's body for input it cannot use: each problem named by its field (a list when the input is no object)."""


class InvalidInputScheme(OpenApiSerializerExtension):  # type: ignore[no-untyped-call]  # drf-spectacular registers extensions untyped
    target_class = InvalidInputSerializer

    def map_serializer(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return {"type": ["object", "array"], "description": "Each problem, named by its field"}


@extend_schema_field({"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]})
class DateOrDateTimeField(serializers.CharField):
    """Text that the service reads as an ISO 8601 date, or a date-time with its offset, as the feed has them."""


def _white_space_class() -> str:
    """Every character Python's `str.strip` removes (DRF trims text with it), as `\\uXXXX` ranges that JSON Schema's
    (ECMA) and Python's regular expressions read alike: `\\S` differs between them (U+001C to U+001F)."""
    spaces = [code for code in range(0x3001) if chr(code).isspace()]
    ranges: list[list[int]] = []
    for code in spaces:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\u{low:04x}" + (f"-\\u{high:04x}" if high != low else "") for low, high in ranges)


# A text with at least one character that is not white space: what a required text must hold once DRF trims it.
NOT_ONLY_WHITE_SPACE = f"[^{_white_space_class()}]"


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, which also declares the refusals every operation can give.

    A view's own `@extend_schema(responses=...)` wins; these fill in the rest from what the
    view is: protected views answer 401 to a caller who is not signed in and 403 to a role
    without the permission (or a request without its CSRF token); an operation that takes input
    answers 400 to input it cannot use; a path that names a record answers 404 when there is
    none the caller may see; a throttled view (`throttle_scope`) answers 429 once the caller has
    asked too often.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses: dict[str, Any] = operation.setdefault("responses", {})
        parameters = operation.get("parameters", [])
        refusals: dict[str, Any] = {}
        if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
            refusals["400"] = InvalidInputSerializer
        if self._is_protected():
            refusals["401"] = ErrorSerializer
            refusals["403"] = ErrorSerializer
        if any(p.get("in") == "path" for p in parameters):
            refusals["404"] = ErrorSerializer
        if getattr(self.view, "throttle_scope", None):
            refusals["429"] = ErrorSerializer
        for parameter in parameters:
            if parameter.get("in") == "query" and not parameter.get("required"):
                # `?status=` reads as `status` left out: DRF's rule for a query string, which the views all follow.
                parameter["allowEmptyValue"] = True
        for code, body in refusals.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code)  # type: ignore[no-untyped-call]  # drf-spectacular is untyped here
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> dict[str, Any]:
        """A required text a request must give says so: DRF trims it, so only spaces count as blank (400)."""
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)  # type: ignore[no-untyped-call]  # drf-spectacular is untyped here
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and field.trim_whitespace
            and not field.allow_blank
            and schema.get("type") == "string"
            and not {"pattern", "format", "enum"} & schema.keys()
        ):
            schema["pattern"] = NOT_ONLY_WHITE_SPACE
        return schema

    def _is_protected(self) -> bool:
        return any(not isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())
