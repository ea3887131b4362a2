"""REST API for working days: sums for any signed-in user, proclaimed holidays for administrators. HTTP only."""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.errors import InvalidInput, NotFound
from macpu.workingdays.models import ProclaimedHoliday
from macpu.workingdays.rules.working_days import OutsideCalendar, WorkingCalendar
from macpu.workingdays.selectors import proclaimed_holidays, working_calendar
from macpu.workingdays.services import (
    NAME_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    proclaimed_holiday_add,
    proclaimed_holiday_remove,
)

_AS_KNOWN_ON_HELP = "Count only the proclaimed holidays macpu knew of at the end of this day (YYYY-MM-DD)"


class AddQuery(serializers.Serializer[object]):
    date = serializers.DateField(help_text="The day counted from, itself not counted (YYYY-MM-DD)")
    n = serializers.IntegerField(min_value=0, max_value=100_000, help_text="Working days to add, 0 or more")
    as_known_on = serializers.DateField(required=False, help_text=_AS_KNOWN_ON_HELP)


class BetweenQuery(serializers.Serializer[object]):
    from_ = serializers.DateField(help_text="The day counted from, itself not counted (YYYY-MM-DD)")
    to = serializers.DateField(help_text="The last day counted, on or after `from` (YYYY-MM-DD)")
    as_known_on = serializers.DateField(required=False, help_text=_AS_KNOWN_ON_HELP)

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]  # DRF's Field is generic in the stubs only
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")  # `from` is the parameter's name, and a Python keyword
        return fields

    def validate(self, attrs: dict[str, dt.date]) -> dict[str, dt.date]:
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": "must be on or after `from`"})
        return attrs


class AddAnswer(serializers.Serializer[object]):
    date = serializers.DateField()
    n = serializers.IntegerField()
    due = serializers.DateField(help_text="The n-th working day after `date` (`date` itself when n is 0)")


class BetweenAnswer(serializers.Serializer[object]):
    from_ = serializers.DateField()
    to = serializers.DateField()
    working_days = serializers.IntegerField(help_text="Working days after `from`, up to and including `to`")

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]  # DRF's Field is generic in the stubs only
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class ProclaimedHolidaySerializer(serializers.ModelSerializer[ProclaimedHoliday]):
    class Meta:
        model = ProclaimedHoliday
        fields = ["date", "name", "source", "added_by", "created_at"]
        read_only_fields = ["added_by", "created_at"]
        extra_kwargs = {
            "name": {"max_length": NAME_MAX_LENGTH},
            "source": {"max_length": SOURCE_MAX_LENGTH},
            "date": {"validators": []},  # the service checks the date and names what is wrong with it
        }


def _calendar(as_known_on: dt.date | None, **dates: dt.date) -> WorkingCalendar:
    calendar = working_calendar(as_known_on=as_known_on)
    for name, day in dates.items():
        if not calendar.covers(day):
            raise InvalidInput(
                {name: f"Working days are known only from {calendar.first_year} to {calendar.last_year}"}
            )
    return calendar


class WorkingDaysAddApi(ProtectedApiView):
    permission = Permission.WORKSPACE_USE

    @extend_schema(
        operation_id="working_days_add",
        parameters=[AddQuery],
        responses={200: AddAnswer},
        summary="The date n working days after a date",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = AddQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, n = query.validated_data["date"], query.validated_data["n"]
        calendar = _calendar(query.validated_data.get("as_known_on"), date=start)
        try:
            due = calendar.add(start, n)
        except OutsideCalendar as error:
            raise InvalidInput({"n": f"{n} working days after {start} is beyond {calendar.last_year}"}) from error
        return Response(AddAnswer({"date": start, "n": n, "due": due}).data)


class WorkingDaysBetweenApi(ProtectedApiView):
    permission = Permission.WORKSPACE_USE

    @extend_schema(
        operation_id="working_days_between",
        parameters=[BetweenQuery],
        responses={200: BetweenAnswer},
        summary="The working days after one date up to and including another",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = BetweenQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.validated_data["from"], query.validated_data["to"]
        calendar = _calendar(query.validated_data.get("as_known_on"), **{"from": start, "to": end})
        return Response(BetweenAnswer({"from": start, "to": end, "working_days": calendar.between(start, end)}).data)


class ProclaimedHolidaysApi(ProtectedApiView):
    permission = Permission.CALENDAR_MANAGE

    @extend_schema(
        operation_id="proclaimed_holidays_list",
        responses={200: ProclaimedHolidaySerializer(many=True)},
        summary="The proclaimed holidays in force",
    )
    def get(self, request: ActorApiRequest) -> Response:
        return Response(ProclaimedHolidaySerializer(proclaimed_holidays(), many=True).data)

    @extend_schema(
        operation_id="proclaimed_holidays_add",
        request=ProclaimedHolidaySerializer,
        responses={201: ProclaimedHolidaySerializer},
        summary="Make a weekday that is not a bank holiday a non-working day",
    )
    def post(self, request: ActorApiRequest) -> Response:
        given = ProclaimedHolidaySerializer(data=request.data)
        given.is_valid(raise_exception=True)
        holiday = proclaimed_holiday_add(
            actor=request.actor,
            day=given.validated_data["date"],
            name=given.validated_data["name"],
            source=given.validated_data["source"],
        )
        return Response(ProclaimedHolidaySerializer(holiday).data, status=status.HTTP_201_CREATED)


class ProclaimedHolidayApi(ProtectedApiView):
    permission = Permission.CALENDAR_MANAGE

    @extend_schema(
        operation_id="proclaimed_holidays_remove",
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, OpenApiParameter.PATH, description="YYYY-MM-DD")],
        responses={204: None, 404: OpenApiResponse(description="No proclaimed holiday is in force that day")},
        summary="Make a proclaimed holiday a working day again (kept in its history)",
    )
    def delete(self, request: ActorApiRequest, date: str) -> Response:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError as error:
            raise NotFound from error
        proclaimed_holiday_remove(actor=request.actor, day=day)
        return Response(status=status.HTTP_204_NO_CONTENT)
