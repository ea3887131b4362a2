"""REST API for task lists (what is due from the caller or their organisation) and referrals made. HTTP only."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.pathway.api.steps import DueStepSerializer
from macpu.pathway.selectors.referrals import referrals_made
from macpu.pathway.selectors.tasks import TaskScope, tasks_due_from


class TaskSerializer(serializers.Serializer[object]):
    child_id = serializers.UUIDField()
    child_name = serializers.CharField()
    due = DueStepSerializer()


class TasksQuery(serializers.Serializer[object]):
    scope = serializers.ChoiceField([scope.value for scope in TaskScope], default=TaskScope.MINE.value)


class TasksApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="tasks_list",
        parameters=[OpenApiParameter("scope", str, enum=[scope.value for scope in TaskScope], default="mine")],
        responses={200: TaskSerializer(many=True)},
        summary="What is due from the caller (children in their network) or their organisation, soonest first",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = TasksQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        scope = TaskScope(query.validated_data["scope"])
        tasks = tasks_due_from(actor=request.actor, scope=scope)
        rows = [{"child_id": t.child_id, "child_name": t.child_name, "due": t.due.as_dict()} for t in tasks]
        return Response(TaskSerializer(rows, many=True).data)


class ReferralMadeSerializer(serializers.Serializer[object]):
    child_id = serializers.UUIDField()
    child_name = serializers.CharField()
    received_on = serializers.DateField()
    decided_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField(help_text="The decision's outcome code; empty while waiting")
    outcome_label = serializers.CharField()
    told_on = serializers.DateField(allow_null=True, help_text="When the referrer was told the outcome")


class ReferralsMadeApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="referrals_made",
        responses={200: ReferralMadeSerializer(many=True)},
        summary="The referrals the caller's organisation made, newest first, with their decision and feedback (R13)",
    )
    def get(self, request: ActorApiRequest) -> Response:
        made = [referral.as_dict() for referral in referrals_made(actor=request.actor)]
        return Response(ReferralMadeSerializer(made, many=True).data)
