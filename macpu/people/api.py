"""REST API for children: search and the shared record. Translates HTTP only."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.throttling import SEARCH
from macpu.core.errors import InvalidInput
from macpu.people.models import IdentifierScheme
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number
from macpu.people.selectors.children import child_get, child_profile_get
from macpu.people.selectors.search import ChildSearch, children_search
from macpu.people.services.records import identifier_add


class ChildSummarySerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    is_unborn = serializers.BooleanField()
    expected_date = serializers.DateField(allow_null=True)
    sex = serializers.CharField()


class ContactSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    name = serializers.CharField()
    type = serializers.CharField()
    office_hours_phone = serializers.CharField()
    out_of_hours_phone = serializers.CharField()


class ChildSearchInput(serializers.Serializer[object]):
    nhs_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    family_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    given_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)

    def validate_nhs_number(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return normalise_nhs_number(value)
        except IdentifierError as error:
            raise serializers.ValidationError(str(error)) from error

    def validate(self, attrs: dict[str, object]) -> dict[str, object]:
        if not attrs.get("nhs_number") and not (attrs.get("family_name") and attrs.get("date_of_birth")):
            raise serializers.ValidationError({"nhs_number": "Give an NHS number, or a family_name and date_of_birth"})
        return attrs


class ChildSearchOutput(serializers.Serializer[object]):
    children = ChildSummarySerializer(many=True)
    known_elsewhere = serializers.IntegerField(help_text="Matching children you may not see")
    contacts = ContactSerializer(many=True, help_text="Whom to contact about those children")


class ChildSearchApi(ProtectedApiView):
    permission = Permission.CHILD_SEARCH
    throttle_scope = SEARCH

    @extend_schema(request=ChildSearchInput, responses=ChildSearchOutput, operation_id="children_search")
    def post(self, request: ActorApiRequest) -> Response:
        given = ChildSearchInput(data=request.data)
        given.is_valid(raise_exception=True)
        results = children_search(actor=request.actor, search=ChildSearch(**given.validated_data))
        output = {"children": results.visible, "known_elsewhere": results.known_elsewhere, "contacts": results.contacts}
        return Response(ChildSearchOutput(output).data)


class NameSerializer(serializers.Serializer[object]):
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    kind = serializers.CharField()


class IdentifierSerializer(serializers.Serializer[object]):
    scheme = serializers.CharField()
    value = serializers.CharField()
    verified = serializers.BooleanField()
    issuer = serializers.CharField(source="issuer.code", allow_null=True, default=None)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)


class AddressSerializer(serializers.Serializer[object]):
    line_1 = serializers.CharField(allow_blank=True, help_text="Blank when withheld")
    town = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_blank=True)
    la_code = serializers.CharField(allow_blank=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    recorded_by = serializers.CharField(help_text="The organisation that recorded it: whom to ask when withheld")
    sensitivity = serializers.ChoiceField(["standard", "restricted", "sealed"])
    withheld = serializers.BooleanField(help_text="True for a protected address (a refuge) you may not read")


class RelativeSerializer(serializers.Serializer[object]):
    person = ChildSummarySerializer(source="relationship.relative")
    type = serializers.CharField(source="relationship.type")
    lives_with = serializers.BooleanField(source="relationship.lives_with")
    in_household = serializers.BooleanField()
    valid_from = serializers.DateField(source="relationship.valid_from", allow_null=True)
    valid_to = serializers.DateField(source="relationship.valid_to", allow_null=True)
    recorded_by = serializers.ListField(child=serializers.CharField(), help_text="Every organisation that records it")


class InvolvementSerializer(serializers.Serializer[object]):
    organisation = ContactSerializer()
    basis = serializers.CharField()
    claimed = serializers.BooleanField()
    started_at = serializers.DateTimeField()


class NetworkMemberSerializer(serializers.Serializer[object]):
    name = serializers.CharField(source="user.get_full_name")
    organisation = serializers.CharField(source="organisation.name")
    network_role = serializers.CharField()
    started_on = serializers.DateField()


class ChildProfileSerializer(serializers.Serializer[object]):
    child = ChildSummarySerializer()
    version = serializers.IntegerField(source="child.version")
    names = NameSerializer(many=True)
    identifiers = IdentifierSerializer(many=True)
    addresses = AddressSerializer(many=True)
    relatives = RelativeSerializer(many=True)
    involvements = InvolvementSerializer(many=True)
    network = NetworkMemberSerializer(many=True)
    as_on = serializers.DateField()


class ChildDetailApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(responses=ChildProfileSerializer, operation_id="child_retrieve")
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        profile = child_profile_get(actor=request.actor, child_id=child_id)
        return Response(ChildProfileSerializer(profile).data)


class IdentifierInput(serializers.Serializer[object]):
    scheme = serializers.ChoiceField(
        choices=[
            IdentifierScheme.NHS_NUMBER,
            IdentifierScheme.UPN,
            IdentifierScheme.FORMER_UPN,
            IdentifierScheme.LOCAL_ID,
        ]
    )
    value = serializers.CharField(max_length=64)


class ChildIdentifierAddApi(ProtectedApiView):
    """Add an identifier to a child's record. Errors name the field: `value` says what is wrong with it."""

    permission = Permission.CHILD_RECORD

    @extend_schema(
        request=IdentifierInput, responses={201: IdentifierSerializer}, operation_id="child_identifier_create"
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        given = IdentifierInput(data=request.data)
        given.is_valid(raise_exception=True)
        scheme = IdentifierScheme(given.validated_data["scheme"])
        child = child_get(actor=request.actor, child_id=child_id)
        issuer = request.actor.organisation_id if scheme == IdentifierScheme.LOCAL_ID else None
        try:
            identifier = identifier_add(
                actor=request.actor, person=child, scheme=scheme, value=given.validated_data["value"], issuer_id=issuer
            )
        except InvalidInput as invalid:
            raise serializers.ValidationError({"value": invalid.errors.get(str(scheme), [str(invalid)])}) from invalid
        return Response(IdentifierSerializer(identifier).data, status=201)
