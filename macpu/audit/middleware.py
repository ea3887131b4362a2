"""Give every request an id, shared by its audit events and its log lines."""

import uuid
from collections.abc import Callable

import structlog
from django.http import HttpRequest, HttpResponse

from macpu.audit import context


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        token = context.bind(
            context.RequestContext(request_id=request_id, client_ip=request.META.get("REMOTE_ADDR", ""))
        )
        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            response = self.get_response(request)
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
            context.reset(token)
        response["X-Request-Id"] = request_id
        return response
