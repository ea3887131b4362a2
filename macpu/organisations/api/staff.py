"""REST API for joiners, movers and leavers: an organisation's administrators give and end roles and sign people
out everywhere; system administrators also close accounts."""

import uuid

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.models import Membership
from macpu.access.permissions import Permission
from macpu.access.roles import Role
from macpu.access.selectors import staff_memberships
from macpu.access.services import Joiner, staff_close_account, staff_join, staff_leave, staff_sign_out_everywhere
from macpu.core.errors import InvalidInput
from macpu.core.http import InvalidInputSerializer


class MembershipSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    user_id = serializers.UUIDField()
    username = serializers.CharField(source="user.username")
    first_name = serializers.CharField(source="user.first_name")
    last_name = serializers.CharField(source="user.last_name")
    account_open = serializers.BooleanField(source="user.is_active")
    organisation_id = serializers.UUIDField()
    role = serializers.CharField()
    job_title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    in_force = serializers.SerializerMethodField()

    def get_in_force(self, membership: Membership) -> bool:
        return membership.ended_at is None


class StaffQuery(serializers.Serializer[object]):
    organisation_id = serializers.UUIDField(required=False)


class JoinerInput(serializers.Serializer[object]):
    organisation_id = serializers.UUIDField(required=False, help_text="By default the organisation you act for")
    username = serializers.CharField(max_length=150, help_text="An existing username gives that person the role")
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=[role.value for role in Role])
    job_title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    starts_on = serializers.DateField()
    password = serializers.CharField(
        required=False, allow_blank=True, default="", write_only=True, help_text="Blank: single sign-on only"
    )


class LeaverInput(serializers.Serializer[object]):
    ends_on = serializers.DateField(help_text="The last day in the role; today ends its access at once")


class SignedOutSerializer(serializers.Serializer[object]):
    sessions_ended = serializers.IntegerField()


class AccountClosedSerializer(serializers.Serializer[object]):
    user_id = serializers.UUIDField()
    account_open = serializers.BooleanField()


class StaffApi(ProtectedApiView):
    permission = Permission.STAFF_MANAGE

    @extend_schema(
        parameters=[OpenApiParameter("organisation_id", uuid.UUID, description="By default your own")],
        responses=MembershipSerializer(many=True),
        operation_id="staff_list",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = StaffQuery(data={k: v for k, v in request.query_params.items() if v != ""})
        query.is_valid(raise_exception=True)
        organisation_id = query.validated_data.get("organisation_id") or request.actor.organisation_id
        if organisation_id is None:
            raise InvalidInput({"organisation_id": "Give the organisation"})
        memberships = staff_memberships(actor=request.actor, organisation_id=organisation_id)
        return Response(MembershipSerializer(memberships, many=True).data)

    @extend_schema(request=JoinerInput, responses={201: MembershipSerializer}, operation_id="staff_join")
    def post(self, request: ActorApiRequest) -> Response:
        given = JoinerInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        organisation_id = data.get("organisation_id") or request.actor.organisation_id
        if organisation_id is None:
            raise InvalidInput({"organisation_id": "Give the organisation"})
        membership = staff_join(
            actor=request.actor,
            organisation_id=organisation_id,
            joiner=Joiner.of(data),
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class StaffLeaveApi(ProtectedApiView):
    permission = Permission.STAFF_MANAGE

    @extend_schema(request=LeaverInput, responses=MembershipSerializer, operation_id="staff_leave")
    def post(self, request: ActorApiRequest, membership_id: uuid.UUID) -> Response:
        given = LeaverInput(data=request.data)
        given.is_valid(raise_exception=True)
        membership = staff_leave(
            actor=request.actor, membership_id=membership_id, ends_on=given.validated_data["ends_on"]
        )
        return Response(MembershipSerializer(membership).data)


class StaffSignOutApi(ProtectedApiView):
    permission = Permission.STAFF_MANAGE

    @extend_schema(
        request=None,
        responses={200: SignedOutSerializer, 400: InvalidInputSerializer},  # 400: one's own sessions
        operation_id="staff_sign_out_everywhere",
    )
    def post(self, request: ActorApiRequest, user_id: uuid.UUID) -> Response:
        return Response({"sessions_ended": staff_sign_out_everywhere(actor=request.actor, user_id=user_id)})


class StaffCloseAccountApi(ProtectedApiView):
    permission = Permission.STAFF_MANAGE

    @extend_schema(
        request=None,
        responses={200: AccountClosedSerializer, 400: InvalidInputSerializer},  # 400: one's own account
        operation_id="staff_close_account",
    )
    def post(self, request: ActorApiRequest, user_id: uuid.UUID) -> Response:
        user = staff_close_account(actor=request.actor, user_id=user_id)
        return Response({"user_id": user.id, "account_open": user.is_active})
