"""REST API of professional disagreements: the organisation's, a child's, one, and raising, escalating and resolving
one. HTTP only."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.disagreements.rules.disagreement import STAGES, SUBJECTS, Status
from macpu.disagreements.selectors import (
    ShownDisagreement,
    child_disagreements,
    disagreement_get,
    disagreements_for_organisation,
)
from macpu.disagreements.services import (
    TEXT_MAX,
    disagreement_escalate,
    disagreement_raise,
    disagreement_resolve,
)


class DisagreementPartySerializer(serializers.Serializer[object]):
    code = serializers.CharField()
    name = serializers.CharField()


class DisagreementStepSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField(help_text="The event that recorded this step")
    on = serializers.DateField()
    stage = serializers.ChoiceField(choices=list(STAGES))
    status = serializers.ChoiceField(choices=[s.value for s in Status])
    by = DisagreementPartySerializer(help_text="The organisation that recorded it")
    practitioner = serializers.CharField(allow_blank=True, help_text="Who recorded it, when the organisation said")
    role = serializers.CharField(allow_blank=True, help_text="Their role")
    text = serializers.CharField(
        allow_blank=True, help_text="What was disagreed with and why, why it was escalated, or the outcome"
    )
    withheld = serializers.BooleanField(help_text="True when the caller may not read its text: ask its organisation")


class DisagreementSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField(help_text="The disagreement's id: its first event's")
    child_id = serializers.UUIDField()
    raised_by = DisagreementPartySerializer()
    against = DisagreementPartySerializer(allow_null=True, help_text="The organisation whose decision is disputed")
    decision = serializers.CharField(allow_blank=True, help_text="The decision disputed, in words")
    decision_id = serializers.UUIDField(allow_null=True, help_text="The event of the decision disputed")
    subject = serializers.CharField(allow_blank=True, help_text=f"One of {', '.join(SUBJECTS)}; blank if not given")
    stage = serializers.ChoiceField(choices=list(STAGES), help_text="The stage reached")
    status = serializers.ChoiceField(choices=[s.value for s in Status])
    stage_reached_on = serializers.DateField()
    due = serializers.DateField(allow_null=True, help_text="When it must be resolved or escalated; null if resolved")
    overdue = serializers.BooleanField()
    next_stage = serializers.CharField(allow_null=True, help_text="null when resolved or at partnership stage")
    working_days_at_stage = serializers.IntegerField(help_text="The area's number (the gap rule T10's)")
    outcome = serializers.CharField(allow_blank=True)
    resolved_on = serializers.DateField(allow_null=True)
    steps = DisagreementStepSerializer(many=True)


def _out(shown: ShownDisagreement) -> dict[str, Any]:
    d = shown.disagreement
    return {
        "id": shown.id,
        "child_id": shown.child_id,
        "raised_by": shown.raised_by.__dict__,
        "against": shown.against.__dict__ if shown.against else None,
        "decision": shown.disputed,
        "decision_id": shown.disputed_id,
        "subject": d.subject,
        "stage": d.stage,
        "status": d.status.value,
        "stage_reached_on": d.stage_reached_on,
        "due": d.due,
        "overdue": d.overdue,
        "next_stage": d.next_stage,
        "working_days_at_stage": d.working_days_at_stage,
        "outcome": shown.outcome.text if shown.outcome else "",
        "resolved_on": d.resolved_on,
        "steps": [{**step.__dict__, "by": step.by.__dict__} for step in shown.steps],
    }


class ListQuery(serializers.Serializer[object]):
    status = serializers.ChoiceField(choices=["open", "resolved", "all"], default="open")


_NOT_FOUND = OpenApiResponse(description="No such disagreement, or its child is not one you may see")


class DisagreementListApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="disagreements_list",
        parameters=[OpenApiParameter("status", str, enum=["open", "resolved", "all"], default="open")],
        responses={200: DisagreementSerializer(many=True), 400: OpenApiResponse(description="A bad filter, by name")},
        summary="The professional disagreements the caller's organisation is party to (raised by it or against it), "
        "overdue first",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = ListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        status = query.validated_data["status"]
        shown = disagreements_for_organisation(actor=request.actor, status="" if status == "all" else status)
        return Response(DisagreementSerializer([_out(s) for s in shown], many=True).data)


class DisagreementApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="disagreement_get",
        responses={200: DisagreementSerializer, 404: _NOT_FOUND},
        summary="One professional disagreement: the decision disputed, every stage with its date, due date, outcome",
    )
    def get(self, request: ActorApiRequest, disagreement_id: uuid.UUID) -> Response:
        shown = disagreement_get(actor=request.actor, disagreement_id=disagreement_id)
        return Response(DisagreementSerializer(_out(shown)).data)


class RaiseInput(serializers.Serializer[object]):
    decision_id = serializers.UUIDField(help_text="The event of another organisation's decision about the child")
    subject = serializers.ChoiceField(choices=list(SUBJECTS.items()))
    about = serializers.CharField(max_length=TEXT_MAX, help_text="What you disagree with, and why")


class ChildDisagreementsApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="child_disagreements",
        responses={
            200: DisagreementSerializer(many=True),
            404: OpenApiResponse(description="No such child you may see"),
        },
        summary="Every professional disagreement about the child, newest first",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        found = child_disagreements(actor=request.actor, child_id=child_id)
        return Response(DisagreementSerializer([_out(s) for s in found.disagreements], many=True).data)

    @extend_schema(
        operation_id="child_disagreement_raise",
        request=RaiseInput,
        responses={
            201: DisagreementSerializer,
            400: OpenApiResponse(description="Each problem, by field; nothing is recorded"),
            404: OpenApiResponse(description="No such child you may see"),
        },
        summary="Raise a professional disagreement, at practitioner stage, with another organisation's decision",
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        given = RaiseInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        shown = disagreement_raise(
            actor=request.actor,
            child_id=child_id,
            decision_id=data["decision_id"],
            subject=data["subject"],
            about=data["about"],
        )
        return Response(DisagreementSerializer(_out(shown)).data, status=201)


class EscalationInput(serializers.Serializer[object]):
    reason = serializers.CharField(max_length=TEXT_MAX, help_text="Why it needs the next stage")


class OutcomeInput(serializers.Serializer[object]):
    outcome = serializers.CharField(max_length=TEXT_MAX, help_text="How it was resolved: what was agreed, by whom")


_WRITE_RESPONSES = {
    200: DisagreementSerializer,
    400: OpenApiResponse(description="Each problem, by field; nothing is recorded"),
    403: OpenApiResponse(description="Only the organisations party to the disagreement may"),
    404: _NOT_FOUND,
}


class DisagreementEscalationApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="disagreement_escalate",
        request=EscalationInput,
        responses=_WRITE_RESPONSES,
        summary="Escalate the disagreement to its next stage (manager, senior manager, partnership)",
    )
    def post(self, request: ActorApiRequest, disagreement_id: uuid.UUID) -> Response:
        given = EscalationInput(data=request.data)
        given.is_valid(raise_exception=True)
        shown = disagreement_escalate(
            actor=request.actor, disagreement_id=disagreement_id, reason=given.validated_data["reason"]
        )
        return Response(DisagreementSerializer(_out(shown)).data)


class DisagreementOutcomeApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="disagreement_resolve",
        request=OutcomeInput,
        responses=_WRITE_RESPONSES,
        summary="Record the outcome: the disagreement is resolved at the stage it reached",
    )
    def post(self, request: ActorApiRequest, disagreement_id: uuid.UUID) -> Response:
        given = OutcomeInput(data=request.data)
        given.is_valid(raise_exception=True)
        shown = disagreement_resolve(
            actor=request.actor, disagreement_id=disagreement_id, outcome=given.validated_data["outcome"]
        )
        return Response(DisagreementSerializer(_out(shown)).data)
