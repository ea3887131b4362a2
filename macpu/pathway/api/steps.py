"""REST API for a child's pathway: where the case stands and what is due; recording a step. HTTP only."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.http import DateOrDateTimeField
from macpu.pathway.rules.open_steps import ACTION
from macpu.pathway.rules.timescales import TimescaleCode
from macpu.pathway.rules.transitions import Step
from macpu.pathway.selectors.case import ChildPathway, child_pathway
from macpu.pathway.services import pathway_step_record


class DueStepSerializer(serializers.Serializer[object]):
    step = serializers.ChoiceField(
        choices=[code.value for code in TimescaleCode] + [ACTION],
        help_text="The timescale's code, or `action` for an agreed action with its own due date",
    )
    title = serializers.CharField()
    clock_started = serializers.DateField(help_text="The day the timescale counts from")
    due = serializers.DateField()
    state = serializers.ChoiceField(choices=["due", "due_soon", "due_today", "overdue"], help_text="As read today")
    working_days_left = serializers.IntegerField(help_text="Negative by the working days since, once overdue")
    owner_org = serializers.CharField(help_text="The code of the organisation it is due from")
    owner_name = serializers.CharField()


class HistorySerializer(serializers.Serializer[object]):
    on = serializers.DateField()
    title = serializers.CharField()
    recorded_by = serializers.CharField()


class PathwaySerializer(serializers.Serializer[object]):
    child_id = serializers.UUIDField()
    case_open = serializers.BooleanField()
    lead_practitioner = serializers.CharField(help_text="Name, role and organisation; empty when none is allocated")
    plans = serializers.ListField(child=serializers.CharField())
    due = DueStepSerializer(many=True)
    problems = serializers.ListField(child=serializers.CharField())
    out_of_sequence = HistorySerializer(many=True, help_text="Steps an agency reported out of the usual order")
    history = HistorySerializer(many=True, help_text="Every step so far, newest first")


def pathway_as_dict(pathway: ChildPathway) -> dict[str, Any]:
    return {
        "child_id": pathway.child.id,
        "case_open": pathway.case.is_open,
        "lead_practitioner": pathway.lead_label,
        "plans": pathway.plan_rows,
        "due": [due.as_dict() for due in pathway.due],
        "problems": pathway.problems,
        "out_of_sequence": [row.__dict__ for row in pathway.breaches],
        "history": [row.__dict__ for row in pathway.history],
    }


class StepInput(serializers.Serializer[object]):
    step = serializers.ChoiceField(choices=[step.value for step in Step])
    occurred_at = DateOrDateTimeField(help_text="ISO 8601 date, or date-time with its offset, as in the feed")
    details = serializers.DictField(
        required=False, default=dict, help_text="The details of the step's feed event type (docs/feed.md)"
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    action = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="For action_completed: the action's key"
    )


class RecordedSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    type = serializers.CharField()
    record_id = serializers.CharField()


class ChildPathwayApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="child_pathway",
        responses={200: PathwaySerializer, 404: OpenApiResponse(description="No such child, or not one you may see")},
        summary="Where the child's case stands: what is due and by when, the steps so far, anything out of sequence",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        return Response(PathwaySerializer(pathway_as_dict(child_pathway(actor=request.actor, child_id=child_id))).data)


class PathwayStepsApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="child_pathway_step_record",
        request=StepInput,
        responses={
            201: RecordedSerializer(many=True),
            400: OpenApiResponse(description="Refused: each field (or `step`) with what is wrong and what to do"),
            403: OpenApiResponse(description="Only children's social care or the MACPU record this step"),
        },
        summary="Record a step of the child's pathway; it is checked against the sequence, then recorded as events",
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        given = StepInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        events = pathway_step_record(
            actor=request.actor,
            child_id=child_id,
            step=Step(data["step"]),
            occurred_at=data["occurred_at"],
            details=data["details"],
            summary=data["summary"],
            action=data["action"],
        )
        return Response(RecordedSerializer(events, many=True).data, status=status.HTTP_201_CREATED)
