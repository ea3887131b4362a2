"""REST API for timescales: the area's timescales for any signed-in user; changes for administrators. HTTP only."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound
from macpu.organisations.models import Area
from macpu.pathway.rules.timescales import Basis, Length, TimescaleCode, Unit
from macpu.pathway.selectors.timescales import area_for, timescale_code, timescale_in_force, timescales_in_force
from macpu.pathway.services import SOURCE_MAX_LENGTH, local_timescale_remove, local_timescale_set


def _renamed_source(fields: dict[str, Any]) -> dict[str, Any]:
    """`source` is the field's name in the API, and a keyword argument of every DRF field."""
    return {("source" if name == "source_" else name): field for name, field in fields.items()}


class LengthSerializer(serializers.Serializer[Length]):
    amount = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=[unit.value for unit in Unit])


class TimescaleSerializer(serializers.Serializer[object]):
    code = serializers.ChoiceField(choices=[code.value for code in TimescaleCode])
    runs_from = serializers.CharField(source="default.runs_from", help_text="What starts the clock")
    length = LengthSerializer(help_text="The length in force in the area")
    local = serializers.BooleanField(help_text="Whether the area set its own length (false: the national default)")
    source_ = serializers.CharField(help_text="The local value's source, or the national default's source and basis")
    national_default = LengthSerializer(source="default.length")
    basis = serializers.ChoiceField(choices=[basis.value for basis in Basis], source="default.basis")
    set_by = serializers.CharField(help_text="Who set the local value; empty for the national default")
    set_at = serializers.DateTimeField(allow_null=True, help_text="When the local value was set")

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]  # DRF's Field is generic in the stubs only
        return _renamed_source(super().get_fields())


class LocalTimescaleInput(serializers.Serializer[object]):
    amount = serializers.IntegerField(min_value=0, max_value=365)
    unit = serializers.ChoiceField(choices=[unit.value for unit in Unit])
    source_ = serializers.CharField(max_length=SOURCE_MAX_LENGTH, help_text="Where the local value comes from")

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]  # DRF's Field is generic in the stubs only
        return _renamed_source(super().get_fields())


_CODE = OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, enum=[code.value for code in TimescaleCode])


def _area_and_code(request: ActorApiRequest, code: str) -> tuple[Area, TimescaleCode]:
    area = area_for(request.actor)
    if area is None:
        raise NotFound("macpu has no area whose timescales could be changed")
    return area, timescale_code(code)


class TimescalesApi(ProtectedApiView):
    permission = Permission.WORKSPACE_USE

    @extend_schema(
        operation_id="timescales_list",
        responses={200: TimescaleSerializer(many=True)},
        summary="Every timescale as the caller's area uses it: the length in force and its source",
    )
    def get(self, request: ActorApiRequest) -> Response:
        return Response(TimescaleSerializer(timescales_in_force(area_for(request.actor)), many=True).data)


class TimescaleApi(ProtectedApiView):
    permission = Permission.TIMESCALES_MANAGE

    @extend_schema(
        operation_id="timescales_set",
        parameters=[_CODE],
        request=LocalTimescaleInput,
        responses={200: TimescaleSerializer, 400: OpenApiResponse(description="The field and what is wrong")},
        summary="Set the area's own length for a timescale (not beyond a Working Together maximum)",
    )
    def put(self, request: ActorApiRequest, code: str) -> Response:
        area, known = _area_and_code(request, code)
        given = LocalTimescaleInput(data=request.data)
        given.is_valid(raise_exception=True)
        data: dict[str, Any] = given.validated_data
        local_timescale_set(actor=request.actor, area=area, code=known, **data)
        return Response(TimescaleSerializer(timescale_in_force(area, known)).data)

    @extend_schema(
        operation_id="timescales_reset",
        parameters=[_CODE],
        responses={204: None, 404: OpenApiResponse(description="The area uses the national default already")},
        summary="Return a timescale to the national default",
    )
    def delete(self, request: ActorApiRequest, code: str) -> Response:
        area, known = _area_and_code(request, code)
        local_timescale_remove(actor=request.actor, area=area, code=known)
        return Response(status=status.HTTP_204_NO_CONTENT)
