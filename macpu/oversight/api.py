"""REST API: who has seen a child's record, and what a user has looked at. HTTP only."""

import uuid
from dataclasses import asdict

from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.models import BreakGlassReason, BreakGlassReview
from macpu.access.permissions import Permission
from macpu.access.services import break_glass_open, break_glass_review
from macpu.access.throttling import EXPORT, SEARCH
from macpu.core.errors import NotFound, NotPermitted
from macpu.core.paging import page_number
from macpu.oversight.selectors.access_log import AccessLog, child_access_log, child_for_audit, user_access_log
from macpu.oversight.selectors.emergency_access import emergency_uses, is_a_child
from macpu.oversight.selectors.subject_access import person_for_subject_access, subject_access_record


class LoggedViewSerializer(serializers.Serializer[object]):
    when = serializers.DateTimeField()
    who = serializers.CharField(help_text="The person (or system) as the audit trail names them")
    role = serializers.CharField()
    organisation = serializers.CharField()
    what = serializers.CharField(help_text="What they did, in words: 'read the chronology'")
    refused = serializers.BooleanField(help_text="True when access was refused")
    purpose = serializers.CharField(help_text="The reason given, e.g. for emergency access")
    child_id = serializers.CharField()
    child_name = serializers.CharField(help_text="In a user's log: whose record it was")


class AccessLogSerializer(serializers.Serializer[object]):
    entries = LoggedViewSerializer(many=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()


class ReferenceInput(serializers.Serializer[object]):
    reference = serializers.CharField(max_length=64, help_text="An NHS number or a macpu child id")


class ChildReferenceOutput(serializers.Serializer[object]):
    child_id = serializers.UUIDField()


_PAGE = OpenApiParameter("page", int, default=1)
_NOT_FOUND = OpenApiResponse(description="No such child or person, or you may not see their log")


def _log(log: AccessLog) -> Response:
    return Response(AccessLogSerializer({**asdict(log)}).data)


class ChildAccessLogApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="child_access_log",
        parameters=[_PAGE],
        responses={200: AccessLogSerializer, 404: _NOT_FOUND},
        summary="Who has seen this child's record: every view and export, newest first "
        "(the child's lead practitioner and the involved safeguarding leads)",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        return _log(
            child_access_log(
                actor=request.actor, child_id=child_id, page=page_number(request.query_params.get("page"))
            )[1]
        )


class AuditChildAccessLogApi(ProtectedApiView):
    permission = Permission.AUDIT_VIEW

    @extend_schema(
        operation_id="audit_child_access_log",
        parameters=[_PAGE],
        responses={200: AccessLogSerializer, 404: _NOT_FOUND},
        summary="For auditors: who has seen any child's record",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        return _log(
            child_access_log(
                actor=request.actor, child_id=child_id, page=page_number(request.query_params.get("page"))
            )[1]
        )


class AuditChildLookupApi(ProtectedApiView):
    permission = Permission.AUDIT_VIEW
    throttle_scope = SEARCH  # it turns an NHS number into a child

    @extend_schema(
        operation_id="audit_child_lookup",
        request=ReferenceInput,
        responses={200: ChildReferenceOutput, 400: OpenApiResponse(description="Not an NHS number"), 404: _NOT_FOUND},
        summary="For auditors: the macpu id of the child with this NHS number (sent in the body, never in a URL)",
    )
    def post(self, request: ActorApiRequest) -> Response:
        given = ReferenceInput(data=request.data)
        given.is_valid(raise_exception=True)
        return Response(
            {"child_id": str(child_for_audit(actor=request.actor, reference=given.validated_data["reference"]))}
        )


class AuditUserAccessLogApi(ProtectedApiView):
    permission = Permission.AUDIT_VIEW

    @extend_schema(
        operation_id="audit_user_access_log",
        parameters=[_PAGE],
        responses={200: AccessLogSerializer, 404: _NOT_FOUND},
        summary="For auditors: every child's record this user has seen or exported, newest first",
    )
    def get(self, request: ActorApiRequest, user_id: uuid.UUID) -> Response:
        return _log(
            user_access_log(actor=request.actor, user_id=user_id, page=page_number(request.query_params.get("page")))[1]
        )


class SubjectAccessApi(ProtectedApiView):
    permission = Permission.SUBJECT_ACCESS_EXPORT
    throttle_scope = EXPORT

    @extend_schema(
        operation_id="subject_access_prepare",
        request=ReferenceInput,
        responses={
            200: OpenApiResponse(description="The record, other people redacted, for review before release"),
            400: OpenApiResponse(description="Not an NHS number or id"),
            404: _NOT_FOUND,
        },
        summary="For information governance officers: what macpu holds about a person (a subject access request), "
        "other people's names and identifiers redacted, restricted and sealed records listed without content",
    )
    def post(self, request: ActorApiRequest) -> Response:
        given = ReferenceInput(data=request.data)
        given.is_valid(raise_exception=True)
        person_id = person_for_subject_access(actor=request.actor, reference=given.validated_data["reference"])
        return Response(subject_access_record(actor=request.actor, person_id=person_id).as_dict())


class EmergencyAccessInput(serializers.Serializer[object]):
    reason_category = serializers.ChoiceField(BreakGlassReason.choices)
    reason = serializers.CharField(max_length=2000, help_text="What is happening and why you cannot wait")


class EmergencyAccessSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    child_id = serializers.UUIDField()
    reason_category = serializers.CharField()
    reason = serializers.CharField()
    started_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    reviewed_by = serializers.CharField(allow_blank=True)
    review_outcome = serializers.CharField(allow_blank=True)
    review_note = serializers.CharField(allow_blank=True)


class EmergencyReviewInput(serializers.Serializer[object]):
    outcome = serializers.ChoiceField(BreakGlassReview.choices)
    note = serializers.CharField(max_length=2000)


class EmergencyAccessApi(ProtectedApiView):
    permission = Permission.CHILD_SEARCH

    @extend_schema(
        operation_id="emergency_access_open",
        request=EmergencyAccessInput,
        responses={
            201: EmergencyAccessSerializer,
            403: OpenApiResponse(description="Sign in again first (within the last few minutes), or not a case role"),
            404: _NOT_FOUND,
        },
        summary="Break-glass: open one child's record in an emergency for a few hours; the child's lead practitioner "
        "and the involved safeguarding leads are told at once; every use is reviewed",
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        if not did_recently_reauthenticate(request):
            raise NotPermitted("Sign in again (confirm your password) in the last few minutes before emergency access")
        if not is_a_child(child_id):
            raise NotFound
        given = EmergencyAccessInput(data=request.data)
        given.is_valid(raise_exception=True)
        grant = break_glass_open(
            actor=request.actor, child_id=child_id, hours=settings.MACPU_BREAK_GLASS_HOURS, **given.validated_data
        )
        return Response(EmergencyAccessSerializer(grant).data, status=201)


class EmergencyReviewsQuery(serializers.Serializer[object]):
    status = serializers.ChoiceField(["waiting", "reviewed"], default="waiting")


class EmergencyReviewsApi(ProtectedApiView):
    permission = Permission.BREAK_GLASS_REVIEW

    @extend_schema(
        operation_id="emergency_access_uses",
        parameters=[OpenApiParameter("status", str, enum=["waiting", "reviewed"], default="waiting")],
        responses={200: EmergencyAccessSerializer(many=True)},
        summary="Uses of emergency access waiting for review (oldest first), or reviewed (newest first)",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = EmergencyReviewsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        uses = emergency_uses(actor=request.actor, reviewed=query.validated_data["status"] == "reviewed")
        return Response(EmergencyAccessSerializer([use.grant for use in uses], many=True).data)


class EmergencyReviewApi(ProtectedApiView):
    permission = Permission.BREAK_GLASS_REVIEW

    @extend_schema(
        operation_id="emergency_access_review",
        request=EmergencyReviewInput,
        responses={200: EmergencyAccessSerializer, 404: _NOT_FOUND},
        summary="Record whether a use of emergency access was justified, and what was checked",
    )
    def post(self, request: ActorApiRequest, grant_id: uuid.UUID) -> Response:
        given = EmergencyReviewInput(data=request.data)
        given.is_valid(raise_exception=True)
        grant = break_glass_review(actor=request.actor, grant_id=grant_id, **given.validated_data)
        return Response(EmergencyAccessSerializer(grant).data)
