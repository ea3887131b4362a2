"""REST API for gap findings: list them, a child's, and respond to one. HTTP only."""

import uuid

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound
from macpu.gaps.models import FindingStatus
from macpu.gaps.selectors.findings import (
    FindingFilter,
    finding_as_dict,
    findings_as_dicts,
    rules_for_area,
    visible_findings,
)
from macpu.gaps.services import finding_act, rule_set
from macpu.pathway.selectors.timescales import area_for
from macpu.people.selectors.children import child_get


class ChildSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    nhs_number = serializers.CharField(allow_null=True)
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)


class EvidenceSerializer(serializers.Serializer[object]):
    org = serializers.CharField()
    record_id = serializers.CharField()


class FindingSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    rule = serializers.CharField(help_text="T1 to T16")
    rule_name = serializers.CharField()
    rule_version = serializers.IntegerField()
    child = ChildSerializer()
    arose_on = serializers.DateField()
    explanation = serializers.CharField()
    evidence = EvidenceSerializer(many=True)
    notified = serializers.ListField(child=serializers.CharField(), help_text="The people told")
    status = serializers.ChoiceField(choices=[s.value for s in FindingStatus])


class ResponseInput(serializers.Serializer[object]):
    status = serializers.ChoiceField(choices=["acknowledged", "actioned", "not_applicable"])
    reason = serializers.CharField(max_length=5000)


_STATUS = OpenApiParameter("status", str, enum=["open", "all"], default="open")


class FindingsQuery(serializers.Serializer[object]):
    status = serializers.ChoiceField(["open", "all"], default="open")
    rule = serializers.CharField(required=False, default="", allow_blank=True)


def _query(request: ActorApiRequest) -> dict[str, str]:
    query = FindingsQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


class FindingsApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="findings_list",
        parameters=[_STATUS, OpenApiParameter("rule", str, description="e.g. T3")],
        responses={200: FindingSerializer(many=True)},
        summary="Findings of the gap rules about the children the caller may see, newest first",
    )
    def get(self, request: ActorApiRequest) -> Response:
        given = _query(request)
        filters = FindingFilter(open_only=given["status"] != "all", rule=given["rule"])
        return Response(FindingSerializer(findings_as_dicts(actor=request.actor, filters=filters), many=True).data)


class ChildFindingsApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="child_findings",
        parameters=[_STATUS],
        responses={200: FindingSerializer(many=True)},
        summary="The child's findings of the gap rules",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        child_get(actor=request.actor, child_id=child_id)  # NotFound (404, audited) for a child they may not see
        filters = FindingFilter(open_only=_query(request)["status"] != "all", child_id=child_id)
        return Response(FindingSerializer(findings_as_dicts(actor=request.actor, filters=filters), many=True).data)


class FindingResponseApi(ProtectedApiView):
    permission = Permission.CHILD_RECORD

    @extend_schema(
        operation_id="finding_respond",
        request=ResponseInput,
        responses={200: FindingSerializer, 404: OpenApiResponse(description="No such finding you may see")},
        summary="Acknowledge a finding, record the action taken, or mark it not applicable, with the reason",
    )
    def post(self, request: ActorApiRequest, finding_id: uuid.UUID) -> Response:
        given = ResponseInput(data=request.data)
        given.is_valid(raise_exception=True)
        if (
            not visible_findings(actor=request.actor, filters=FindingFilter(open_only=False))
            .filter(id=finding_id)
            .exists()
        ):
            return Response({"detail": "Not found."}, status=404)
        finding = finding_act(
            actor=request.actor,
            finding_id=finding_id,
            status=FindingStatus(given.validated_data["status"]),
            reason=given.validated_data["reason"],
        )
        return Response(FindingSerializer(finding_as_dict(finding)).data)


class ThresholdSerializer(serializers.Serializer[object]):
    name = serializers.CharField()
    description = serializers.CharField()
    default = serializers.FloatField(help_text="The brief's default, or macpu's where the brief gives none")
    value = serializers.FloatField(help_text="The value in force in the area")


class RuleSerializer(serializers.Serializer[object]):
    id = serializers.CharField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    evidence_base = serializers.CharField(source="source", help_text="Where the rule comes from, in the brief")
    enabled = serializers.BooleanField()
    thresholds = ThresholdSerializer(many=True)


class RuleSettingInput(serializers.Serializer[object]):
    enabled = serializers.BooleanField()
    thresholds = serializers.DictField(child=serializers.FloatField(), required=False, default=dict)


class GapRulesApi(ProtectedApiView):
    permission = Permission.WORKSPACE_USE

    @extend_schema(
        operation_id="gap_rules_list",
        responses={200: RuleSerializer(many=True)},
        summary="Every gap rule, on or off in the caller's area, with each threshold's default and value in force",
    )
    def get(self, request: ActorApiRequest) -> Response:
        area = area_for(request.actor)
        return Response(RuleSerializer(rules_for_area(area.id if area else None), many=True).data)


class GapRuleApi(ProtectedApiView):
    permission = Permission.GAP_RULES_MANAGE

    @extend_schema(
        operation_id="gap_rule_set",
        request=RuleSettingInput,
        responses={
            200: RuleSerializer,
            400: OpenApiResponse(
                description="A threshold the rule does not have, or a value it cannot take: each error is keyed "
                "`thresholds.<name>` and names the threshold; nothing is saved"
            ),
        },
        summary="Switch a rule on or off for the area, or set its thresholds (administrators; audited)",
    )
    def put(self, request: ActorApiRequest, rule_id: str) -> Response:
        given = RuleSettingInput(data=request.data)
        given.is_valid(raise_exception=True)
        area = area_for(request.actor)
        if area is None:
            raise NotFound("macpu has no area whose rules could be set")
        rule_set(
            actor=request.actor,
            area=area,
            rule_id=rule_id,
            enabled=given.validated_data["enabled"],
            thresholds=given.validated_data["thresholds"],
        )
        [row] = [row for row in rules_for_area(area.id) if row.id == rule_id]
        return Response(RuleSerializer(row).data)
