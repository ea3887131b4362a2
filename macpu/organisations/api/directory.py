"""REST API for the organisation directory."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.organisations.selectors import organisation_get, organisations_list
from macpu.organisations.services import organisation_contacts_update


class OrganisationSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()
    sector = serializers.CharField()
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None)
    ods_code = serializers.CharField()
    urn = serializers.CharField()
    force_code = serializers.CharField()
    la_code = serializers.CharField()
    office_hours_phone = serializers.CharField()
    out_of_hours_phone = serializers.CharField()
    version = serializers.IntegerField()


class OrganisationListApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    @extend_schema(responses=OrganisationSerializer(many=True), operation_id="organisations_list")
    def get(self, request: ActorApiRequest) -> Response:
        organisations = organisations_list(
            sector=request.query_params.get("sector", ""), type=request.query_params.get("type", "")
        )
        return Response(OrganisationSerializer(organisations, many=True).data)


class OrganisationDetailApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    @extend_schema(responses=OrganisationSerializer, operation_id="organisation_retrieve")
    def get(self, request: ActorApiRequest, organisation_id: uuid.UUID) -> Response:
        return Response(OrganisationSerializer(organisation_get(organisation_id=organisation_id)).data)


class ContactsInput(serializers.Serializer[object]):
    office_hours_phone = serializers.CharField(allow_blank=True, max_length=30)
    out_of_hours_phone = serializers.CharField(allow_blank=True, max_length=30)
    version = serializers.IntegerField(min_value=1, help_text="The version you read; a stale edit is refused with 409")


class StaleEditSerializer(serializers.Serializer[object]):
    """The answer to an edit of a version that is no longer the latest: nothing was saved."""

    detail = serializers.CharField()
    current_version = serializers.IntegerField()


class OrganisationContactsApi(ProtectedApiView):
    permission = Permission.ORGANISATION_MANAGE

    @extend_schema(
        request=ContactsInput,
        responses={200: OrganisationSerializer, 409: StaleEditSerializer},
        operation_id="organisation_contacts_update",
    )
    def put(self, request: ActorApiRequest, organisation_id: uuid.UUID) -> Response:
        given = ContactsInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        organisation = organisation_contacts_update(
            actor=request.actor,
            organisation=organisation_get(organisation_id=organisation_id),
            expected_version=data["version"],
            office_hours_phone=data["office_hours_phone"],
            out_of_hours_phone=data["out_of_hours_phone"],
        )
        return Response(OrganisationSerializer(organisation).data)
