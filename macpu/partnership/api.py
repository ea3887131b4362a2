"""REST API of partnership insight: the dashboard's figures, and a child's meetings with who took part. HTTP only."""

import uuid
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.partnership.rules.publication import dashboard_as_dict
from macpu.partnership.selectors.dashboard import area_named, partnership_dashboard, period_check
from macpu.partnership.selectors.participation import ChildParticipation, child_participation

_WITHHELD = "null: suppressed (a count from 1 to 4, or one that reveals it)"


def _count() -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, min_value=0, help_text=_WITHHELD)


class PartnershipRowSerializer(serializers.Serializer[object]):
    key = serializers.CharField(help_text="A stable key for the row: a sector, an agency type, a rule, a stage")
    name = serializers.CharField(help_text="The row's heading")
    counts = serializers.ListField(child=_count(), help_text="One per column")
    total = _count()
    derived = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Rates (%) and medians worked out from the published counts; null when withheld",
    )


class PartnershipTableSerializer(serializers.Serializer[object]):
    key = serializers.CharField()
    caption = serializers.CharField()
    row_heading = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    derived_titles = serializers.DictField(child=serializers.CharField())
    rows = PartnershipRowSerializer(many=True)
    column_totals = serializers.ListField(child=_count(), allow_null=True, help_text="null when the rows overlap")
    grand_total = _count()


class PartnershipSectionSerializer(serializers.Serializer[object]):
    title = serializers.CharField()
    summary = serializers.CharField()
    tables = PartnershipTableSerializer(many=True)


class PartnershipSuppressionSerializer(serializers.Serializer[object]):
    smallest_shown = serializers.IntegerField()
    withheld_as = serializers.CharField()
    explanation = serializers.CharField()


class PartnershipDashboardSerializer(serializers.Serializer[object]):
    area = serializers.CharField(allow_null=True, help_text="The area's DfE number, or null for every area")
    as_of = serializers.DateField(help_text="The day the figures stand on: the period's last day, or today")
    suppression = PartnershipSuppressionSerializer()
    referrals = PartnershipSectionSerializer()
    re_referrals = PartnershipSectionSerializer()
    timeliness = PartnershipSectionSerializer()
    participation = PartnershipSectionSerializer()
    gap_findings = PartnershipSectionSerializer()
    disagreements = PartnershipSectionSerializer()

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        return {"from": serializers.DateField(), "to": serializers.DateField(), **fields}


class PartnershipDashboardQuery(serializers.Serializer[object]):
    to = serializers.DateField()
    area = serializers.CharField(required=False, allow_blank=True, default="", max_length=3)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {"from": serializers.DateField(), **super().get_fields()}


class DashboardApi(ProtectedApiView):
    permission = Permission.PARTNERSHIP_DASHBOARD_VIEW

    @extend_schema(
        operation_id="partnership_dashboard",
        parameters=[
            OpenApiParameter(
                "from", OpenApiTypes.DATE, required=True, description="The period's first day, YYYY-MM-DD"
            ),
            OpenApiParameter("to", OpenApiTypes.DATE, required=True, description="The period's last day, YYYY-MM-DD"),
            OpenApiParameter("area", str, description="An area's DfE number (3 digits); every area when left out"),
        ],
        responses={200: PartnershipDashboardSerializer},
        summary="The partnership dashboard's figures for a period and an area: aggregates, small numbers suppressed",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = PartnershipDashboardQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        period = period_check(given["from"], given["to"])
        board = partnership_dashboard(actor=request.actor, period=period, area=area_named(given["area"]))
        return Response(
            dashboard_as_dict(board.period.start, board.period.end, board.area_code, board.as_of, board.sections)
        )


class ParticipantSerializer(serializers.Serializer[object]):
    org = serializers.CharField(help_text="The organisation's code")
    name = serializers.CharField()
    invited = serializers.BooleanField(allow_null=True, help_text="null: the record names no invitations")
    attended = serializers.BooleanField(allow_null=True, help_text="null: the record names no attendees")
    report_sent = serializers.BooleanField(allow_null=True, help_text="null: the meeting takes no reports")
    actions = serializers.IntegerField()
    actions_completed = serializers.IntegerField()
    actions_completed_on_time = serializers.IntegerField()


class ParticipationMeetingSerializer(serializers.Serializer[object]):
    event_id = serializers.UUIDField()
    kind = serializers.ChoiceField(
        choices=[
            "strategy_discussion",
            "initial_conference",
            "review_conference",
            "transfer_in_conference",
            "core_group",
        ]
    )
    title = serializers.CharField()
    held_on = serializers.DateField()
    recorded_by = serializers.CharField(help_text="The recording organisation's code")
    organisations = ParticipantSerializer(many=True)


class InformationAnswerSerializer(serializers.Serializer[object]):
    event_id = serializers.UUIDField()
    org = serializers.CharField()
    name = serializers.CharField()
    requested_on = serializers.DateField()
    answered_on = serializers.DateField()
    working_days = serializers.IntegerField(allow_null=True)


class ChildParticipationSerializer(serializers.Serializer[object]):
    meetings = ParticipationMeetingSerializer(many=True)
    information_answers = InformationAnswerSerializer(many=True)


def _participation_as_dict(found: ChildParticipation) -> dict[str, Any]:
    meetings = [
        {
            "event_id": meeting.record.id,
            "kind": meeting.kind,
            "title": meeting.title,
            "held_on": meeting.held_on,
            "recorded_by": meeting.record.org,
            "organisations": [part.__dict__ | {"name": found.org_name(part.org)} for part in meeting.organisations],
        }
        for meeting in found.meetings
    ]
    answers = [
        {
            "event_id": answer.record.id,
            "org": answer.org,
            "name": found.org_name(answer.org),
            "requested_on": answer.requested_on,
            "answered_on": answer.answered_on,
            "working_days": answer.working_days,
        }
        for answer in found.answers
    ]
    return {"meetings": meetings, "information_answers": answers}


class ChildParticipationApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="child_participation",
        responses={200: ChildParticipationSerializer},
        summary="The child's strategy discussions, conferences and core groups, and each organisation's part in them",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        found = child_participation(actor=request.actor, child_id=child_id)
        return Response(ChildParticipationSerializer(_participation_as_dict(found)).data)
