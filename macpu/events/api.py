"""POST /api/v1/events: one event or a batch, from an organisation's own system."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound
from macpu.core.http import InvalidInputSerializer
from macpu.events.rules.feed_format import feed_schema
from macpu.events.selectors import feed_sources_status, quarantine_open, visibility_requests_waiting
from macpu.events.services.corrections import event_move
from macpu.events.services.importing import SubmissionResult, events_submit, quarantine_replay
from macpu.events.services.visibility import visibility_change, visibility_decide

MAX_BATCH = 1000


class FieldErrorSerializer(serializers.Serializer[object]):
    field = serializers.CharField()
    message = serializers.CharField()


class EventResultSerializer(serializers.Serializer[object]):
    index = serializers.IntegerField(help_text="The event's position in the request, from 0")
    record_id = serializers.CharField()
    result = serializers.ChoiceField(choices=["created", "updated", "unchanged", "retracted", "rejected"])
    event_id = serializers.UUIDField(allow_null=True)
    errors = FieldErrorSerializer(many=True)  # type: ignore[assignment]  # an output field named as the feed names it


class EventResultsSerializer(serializers.Serializer[object]):
    results = EventResultSerializer(many=True)


def _result(item: Any) -> dict[str, Any]:
    outcome = item.outcome
    return {
        "index": item.index,
        "record_id": item.record_id,
        "result": str(outcome.result),
        "event_id": outcome.event.id if outcome.event is not None else None,
        "errors": [{"field": e.field, "message": e.message} for e in outcome.errors],
    }


class EventsApi(ProtectedApiView):
    """Events in the feed format of docs/feed.md, from a system holding its organisation's token."""

    permission = Permission.EVENTS_SUBMIT

    @extend_schema(
        operation_id="events_create",
        request={
            "application/json": {
                "oneOf": [feed_schema(), {"type": "array", "items": feed_schema(), "maxItems": MAX_BATCH}]
            }
        },
        responses={
            200: EventResultsSerializer,
            400: OpenApiResponse(
                InvalidInputSerializer,
                description="A single event, rejected: the results, as for 200, with its errors; or what is wrong "
                "with the request itself, each problem named by its field",
            ),
        },
        description=(
            "Send one event, or a list of up to 1,000. Each is checked and saved all or nothing; the response gives "
            "each event's result in order: created, updated, unchanged, retracted, or rejected with its errors "
            "(a rejected event is also kept in the quarantine). A single rejected event answers 400."
        ),
        examples=[
            OpenApiExample(
                "A concern",
                value={
                    "record_id": "CPOMS-1",
                    "org": "123456",
                    "type": "concern",
                    "occurred_at": "2026-03-02",
                    "subject": {"given_name": "Ava", "family_name": "Thompson", "date_of_birth": "2018-05-14"},
                    "details": {"categories": ["neglect"]},
                },
            )
        ],
    )
    def post(self, request: ActorApiRequest) -> Response:
        batch = isinstance(request.data, list)
        payloads: list[object] = list(request.data) if batch else [request.data]
        if not payloads or len(payloads) > MAX_BATCH:
            raise serializers.ValidationError({"events": f"send from 1 to {MAX_BATCH:,} events"})
        submitted = events_submit(
            actor=request.actor,
            payloads=payloads,
            received_via=request.actor.label,
            own_org_code=request.actor.organisation_code,
        )
        results = [_result(item) for item in submitted]
        rejected_single = not batch and results[0]["result"] == "rejected"
        return Response(
            {"results": results}, status=status.HTTP_400_BAD_REQUEST if rejected_single else status.HTTP_200_OK
        )


class SourceSerializer(serializers.Serializer[object]):
    organisation_code = serializers.CharField(source="organisation.code")
    organisation_name = serializers.CharField(source="organisation.name")
    last_received = serializers.DateTimeField()
    events_in_last_8_weeks = serializers.IntegerField(source="events_in_window")
    usual_gap_working_days = serializers.FloatField(source="status.usual_gap")
    working_days_silent = serializers.IntegerField(source="status.working_days_silent")
    quiet = serializers.BooleanField(source="status.quiet")


class FeedSourcesApi(ProtectedApiView):
    permission = Permission.FEED_ADMINISTER

    @extend_schema(responses=SourceSerializer(many=True), operation_id="feed_sources_list")
    def get(self, request: ActorApiRequest) -> Response:
        return Response(SourceSerializer(feed_sources_status(), many=True).data)


class QuarantinedLineSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    received_from = serializers.CharField(source="source")
    line_number = serializers.IntegerField(allow_null=True)
    org_code = serializers.CharField()
    record_id = serializers.CharField()
    text = serializers.CharField()
    errors = FieldErrorSerializer(many=True)  # type: ignore[assignment]  # an output field named as the feed names it
    received_at = serializers.DateTimeField(source="created_at")


class QuarantineApi(ProtectedApiView):
    permission = Permission.FEED_ADMINISTER

    @extend_schema(responses=QuarantinedLineSerializer(many=True), operation_id="feed_quarantine_list")
    def get(self, request: ActorApiRequest) -> Response:
        return Response(QuarantinedLineSerializer(quarantine_open()[:1000], many=True).data)


class ReplayInput(serializers.Serializer[object]):
    line = serializers.CharField(required=False, help_text="The corrected line; leave out to replay the line as it is")


class QuarantineReplayApi(ProtectedApiView):
    permission = Permission.FEED_ADMINISTER

    @extend_schema(
        request=ReplayInput,
        responses={
            200: EventResultSerializer,
            400: OpenApiResponse(
                InvalidInputSerializer,
                description="The line is rejected again: its result, as for 200, with the errors; or what is wrong "
                "with the request itself, each problem named by its field",
            ),
        },
        operation_id="feed_quarantine_replay",
    )
    def post(self, request: ActorApiRequest, line_id: uuid.UUID) -> Response:
        given = ReplayInput(data=request.data)
        given.is_valid(raise_exception=True)
        line = quarantine_open().filter(id=line_id).first()
        if line is None:
            raise NotFound
        outcome = quarantine_replay(actor=request.actor, line=line, corrected_text=given.validated_data.get("line"))
        body = _result(SubmissionResult(0, line.record_id, outcome))
        return Response(body, status=status.HTTP_400_BAD_REQUEST if outcome.errors else status.HTTP_200_OK)


class EventMoveInput(serializers.Serializer[object]):
    org = serializers.CharField(max_length=20, help_text="The recording organisation's code")
    record_id = serializers.CharField(max_length=100, help_text="The organisation's own record id")
    to_child = serializers.CharField(max_length=40, help_text="The right child's NHS number or macpu id")
    reason = serializers.CharField(max_length=2000, help_text="Shown on both children's chronologies")


class EventMoveOutput(serializers.Serializer[object]):
    move_id = serializers.UUIDField()
    event_id = serializers.UUIDField()
    to_child = serializers.UUIDField()


class EventMoveApi(ProtectedApiView):
    """For data quality officers: move an entry filed against the wrong child to the right one."""

    permission = Permission.EVENTS_CORRECT

    @extend_schema(request=EventMoveInput, responses=EventMoveOutput, operation_id="events_move")
    def post(self, request: ActorApiRequest) -> Response:
        given = EventMoveInput(data=request.data)
        given.is_valid(raise_exception=True)
        move = event_move(actor=request.actor, **given.validated_data)
        return Response(
            EventMoveOutput({"move_id": move.id, "event_id": move.event_id, "to_child": move.to_child_id}).data
        )


class VisibilityInput(serializers.Serializer[object]):
    sensitivity = serializers.ChoiceField(["standard", "restricted", "sealed"])
    reason = serializers.CharField(max_length=2000, help_text="Why more or fewer people should read the entry")


class VisibilityChangeSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    event_id = serializers.UUIDField()
    old_sensitivity = serializers.CharField()
    new_sensitivity = serializers.CharField()
    reason = serializers.CharField()
    requested_by = serializers.CharField()
    status = serializers.ChoiceField(["pending", "applied", "refused"], help_text="pending: a second person decides")
    decided_by = serializers.CharField(allow_blank=True)
    decision_reason = serializers.CharField(allow_blank=True)


class VisibilityDecisionInput(serializers.Serializer[object]):
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000)


class EventVisibilityApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="event_visibility_change",
        request=VisibilityInput,
        responses={200: VisibilityChangeSerializer},
        summary="Change who may read your organisation's entry (standard, restricted, sealed), saying why; "
        "widening a sealed entry waits for a second person (status pending)",
    )
    def post(self, request: ActorApiRequest, event_id: uuid.UUID) -> Response:
        given = VisibilityInput(data=request.data)
        given.is_valid(raise_exception=True)
        change = visibility_change(actor=request.actor, event_id=event_id, **given.validated_data)
        return Response(VisibilityChangeSerializer(change).data)


class VisibilityRequestsApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="visibility_requests_waiting",
        responses={200: VisibilityChangeSerializer(many=True)},
        summary="Requests to widen your organisation's sealed entries that you may decide (not your own)",
    )
    def get(self, request: ActorApiRequest) -> Response:
        waiting = visibility_requests_waiting(actor=request.actor)
        return Response(VisibilityChangeSerializer(waiting, many=True).data)


class VisibilityDecisionApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="visibility_request_decide",
        request=VisibilityDecisionInput,
        responses={200: VisibilityChangeSerializer},
        summary="As a second person (a safeguarding lead or team manager of the recording organisation), approve or "
        "refuse a request, saying why",
    )
    def post(self, request: ActorApiRequest, change_id: uuid.UUID) -> Response:
        given = VisibilityDecisionInput(data=request.data)
        given.is_valid(raise_exception=True)
        change = visibility_decide(actor=request.actor, change_id=change_id, **given.validated_data)
        return Response(VisibilityChangeSerializer(change).data)
