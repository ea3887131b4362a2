"""REST API for retention: the schedule and its periods, legal holds, the preview of the next run and the runs.
For information governance officers (`retention.manage`). HTTP only; counts and opaque ids, never names."""

import datetime as dt
import uuid

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core import clock
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.selectors import area_of_organisation
from macpu.retention.models import HoldReason, LegalHold
from macpu.retention.selectors import child_find, holds_list, retention_preview, runs_recent, schedule_for_area
from macpu.retention.services.schedule import hold_place, hold_release, period_set


class PeriodSerializer(serializers.Serializer[object]):
    record_type = serializers.CharField()
    description = serializers.CharField()
    until_age = serializers.IntegerField()
    years_after_last = serializers.IntegerField()
    default_until_age = serializers.IntegerField()
    default_years_after_last = serializers.IntegerField()
    is_default = serializers.BooleanField()


class PeriodInput(serializers.Serializer[object]):
    until_age = serializers.IntegerField(help_text="Keep until the child's birthday at this age (18 to 120)")
    years_after_last = serializers.IntegerField(help_text="... and this many years after the last record (0 to 100)")


class HoldSerializer(serializers.ModelSerializer[LegalHold]):
    class Meta:
        model = LegalHold
        fields = [
            "id",
            "child_id",
            "reason",
            "description",
            "starts_on",
            "ends_on",
            "placed_by",
            "released_on",
            "released_by",
            "release_reason",
        ]


class HoldInput(serializers.Serializer[object]):
    child = serializers.CharField(help_text="The child's macpu id or NHS number")
    reason = serializers.ChoiceField(choices=HoldReason.choices)
    description = serializers.CharField(max_length=300, help_text="The review, case or request, by its reference")
    starts_on = serializers.DateField(required=False, help_text="Default: today")
    ends_on = serializers.DateField(required=False, allow_null=True, help_text="Default: until released")


class ReleaseInput(serializers.Serializer[object]):
    release_reason = serializers.CharField(max_length=300)


class PreviewSerializer(serializers.Serializer[object]):
    as_of = serializers.DateField()
    children = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="Children by record type, then by verdict: due, held, kept, no_birth_date",
    )


class RunSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    as_of = serializers.DateField()
    dry_run = serializers.BooleanField()
    status = serializers.CharField()
    started_by = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    children_due = serializers.IntegerField()
    children_done = serializers.IntegerField()
    children_refused = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Rows disposed of per table")


def _schedule_rows(request: ActorApiRequest) -> list[dict[str, object]]:
    area = area_of_organisation(organisation_id=request.actor.organisation_id)
    return [
        {
            "record_type": row.record_type.value,
            "description": row.record_type.label,
            "until_age": row.period.until_age,
            "years_after_last": row.period.years_after_last,
            "default_until_age": row.default.until_age,
            "default_years_after_last": row.default.years_after_last,
            "is_default": row.is_default,
        }
        for row in schedule_for_area(area.id if area else None)
    ]


class ScheduleApi(ProtectedApiView):
    permission = Permission.RETENTION_MANAGE

    @extend_schema(
        operation_id="retention_schedule",
        responses={200: PeriodSerializer(many=True)},
        summary="The retention period of each record type in the caller's area, with macpu's default",
    )
    def get(self, request: ActorApiRequest) -> Response:
        return Response(PeriodSerializer(_schedule_rows(request), many=True).data)


class PeriodApi(ProtectedApiView):
    permission = Permission.RETENTION_MANAGE

    @extend_schema(
        operation_id="retention_period_set",
        request=PeriodInput,
        responses={
            200: PeriodSerializer,
            400: OpenApiResponse(description="A value out of range, named by its field; nothing is saved"),
            404: OpenApiResponse(description="No such record type, or no area to set it for"),
        },
        summary="Set the area's period for a record type (the default's values return it to the default; audited)",
    )
    def put(self, request: ActorApiRequest, record_type: str) -> Response:
        given = PeriodInput(data=request.data)
        given.is_valid(raise_exception=True)
        area = area_of_organisation(organisation_id=request.actor.organisation_id)
        if area is None:
            raise NotFound("macpu has no area whose retention periods could be set")
        period_set(actor=request.actor, area=area, record_type=record_type, **given.validated_data)
        [row] = [row for row in _schedule_rows(request) if row["record_type"] == record_type]
        return Response(PeriodSerializer(row).data)


class HoldsQuery(serializers.Serializer[object]):
    all = serializers.BooleanField(required=False, default=False)


class HoldsApi(ProtectedApiView):
    permission = Permission.RETENTION_MANAGE

    @extend_schema(
        operation_id="retention_holds_list",
        parameters=[OpenApiParameter("all", bool, description="Released and ended holds too")],
        responses={200: HoldSerializer(many=True)},
        summary="Legal holds in force (or all of them)",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = HoldsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        every = query.validated_data["all"]
        return Response(HoldSerializer(holds_list(current_on=None if every else clock.today()), many=True).data)

    @extend_schema(
        operation_id="retention_hold_place",
        request=HoldInput,
        responses={201: HoldSerializer, 400: OpenApiResponse(description="Each problem named by its field")},
        summary="Place a legal hold on a child's record (audited)",
    )
    def post(self, request: ActorApiRequest) -> Response:
        given = HoldInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        child = child_find(data["child"])
        if child is None:
            raise InvalidInput({"child": "No child has this id or NHS number"})
        hold = hold_place(
            actor=request.actor,
            child_id=child.id,
            reason=data["reason"],
            description=data["description"],
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
        )
        return Response(HoldSerializer(hold).data, status=201)


class HoldReleaseApi(ProtectedApiView):
    permission = Permission.RETENTION_MANAGE

    @extend_schema(
        operation_id="retention_hold_release",
        request=ReleaseInput,
        responses={200: HoldSerializer, 400: OpenApiResponse(description="No reason, or already released")},
        summary="Release a legal hold, saying why (audited)",
    )
    def post(self, request: ActorApiRequest, hold_id: uuid.UUID) -> Response:
        given = ReleaseInput(data=request.data)
        given.is_valid(raise_exception=True)
        hold = hold_release(actor=request.actor, hold_id=hold_id, reason=given.validated_data["release_reason"])
        return Response(HoldSerializer(hold).data)


class PreviewApi(ProtectedApiView):
    permission = Permission.RETENTION_MANAGE

    @extend_schema(
        operation_id="retention_preview",
        parameters=[OpenApiParameter("as_of", dt.date, description="The day to judge by (default: today)")],
        responses={200: PreviewSerializer, 400: OpenApiResponse(description="as_of is not a date")},
        summary="What the next run would find: children by record type and verdict (counts only)",
    )
    def get(self, request: ActorApiRequest) -> Response:
        text = request.query_params.get("as_of")
        try:
            on = dt.date.fromisoformat(text) if text else clock.today()
        except ValueError as error:
            raise InvalidInput({"as_of": "Enter the date as YYYY-MM-DD"}) from error
        preview = retention_preview(on=on)
        return Response(PreviewSerializer({"as_of": preview.on, "children": preview.children}).data)


class RunsApi(ProtectedApiView):
    permission = Permission.RETENTION_MANAGE

    @extend_schema(
        operation_id="retention_runs_list",
        responses={200: RunSerializer(many=True)},
        summary="The last runs, with their progress and counts disposed of per table",
    )
    def get(self, request: ActorApiRequest) -> Response:
        return Response(RunSerializer(runs_recent(), many=True).data)
