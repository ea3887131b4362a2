"""REST API for children: search and the shared record. Translates HTTP only."""

import uuid

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.throttling import SEARCH
from macpu.core.errors import InvalidInput
from macpu.people.models import IdentifierScheme
from macpu.people.rules.cleaning import clean_postcode
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number
from macpu.people.selectors.children import child_get, child_profile_get
from macpu.people.selectors.identifiers import child_identifiers_get
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
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)
    sex = serializers.ChoiceField(["female", "male", ""], required=False, allow_blank=True)

    def validate_nhs_number(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return normalise_nhs_number(value)
        except IdentifierError as error:
            raise serializers.ValidationError(str(error)) from error

    def validate_postcode(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return clean_postcode(value)
        except ValueError as error:
            raise serializers.ValidationError(f"Not a UK postcode: {error}") from error

    def validate(self, attrs: dict[str, object]) -> dict[str, object]:
        if not ChildSearch(**attrs).enough:  # type: ignore[arg-type]  # the fields are ChildSearch's own
            raise serializers.ValidationError(
                {"nhs_number": "Give an NHS number, or a family_name or given_name with a date_of_birth or a postcode"}
            )
        return attrs


class ChildSearchOutput(serializers.Serializer[object]):
    children = ChildSummarySerializer(many=True)
    known_elsewhere = serializers.IntegerField(help_text="Matching children you may not see")
    contacts = ContactSerializer(many=True, help_text="Whom to contact about those children")


class ChildSearchApi(ProtectedApiView):
    """The first search: the children found, without scores (`POST /api/v1/people/search` explains them)."""

    permission = Permission.CHILD_SEARCH
    throttle_scope = SEARCH

    @extend_schema(request=ChildSearchInput, responses=ChildSearchOutput, operation_id="children_search")
    def post(self, request: ActorApiRequest) -> Response:
        given = ChildSearchInput(data=request.data)
        given.is_valid(raise_exception=True)
        results = children_search(actor=request.actor, search=ChildSearch(**given.validated_data))
        output = {
            "children": results.children,
            "known_elsewhere": results.known_elsewhere,
            "contacts": results.contacts,
        }
        return Response(ChildSearchOutput(output).data)


class FieldComparisonSerializer(serializers.Serializer[object]):
    field = serializers.CharField()
    level = serializers.CharField(help_text="agrees, nickname, sounds_the_same, day_and_month_swapped, differs, ...")
    outcome = serializers.CharField(help_text="The level in words")
    weight = serializers.FloatField(help_text="Its match weight, log2(m/u)")


class MatchedNameSerializer(serializers.Serializer[object]):
    given_name = serializers.CharField()
    family_name = serializers.CharField()


class SearchMatchSerializer(serializers.Serializer[object]):
    child = ChildSummarySerializer(source="person")
    score = serializers.FloatField(source="score.total", help_text="The sum of the fields' match weights")
    strong = serializers.BooleanField(help_text="At or above the probable-duplicate threshold")
    name_matched = MatchedNameSerializer(help_text="The name of the record the search came closest to")
    explanation = FieldComparisonSerializer(source="fields", many=True, help_text="Field by field: how they compare")


class PeopleSearchOutput(serializers.Serializer[object]):
    matches = SearchMatchSerializer(many=True, help_text="Children you may see, best first, at most 10")
    known_elsewhere = serializers.IntegerField(help_text="Strong matches you may not see")
    contacts = ContactSerializer(many=True, help_text="Whom to contact about those children")
    emergency_access_child = serializers.UUIDField(
        source="only_hidden_child", allow_null=True, help_text="When exactly one: the child to ask emergency access to"
    )


class PeopleSearchApi(ProtectedApiView):
    """Is this child known? Ranked and explained matches: a POST, so that names never sit in URLs or logs."""

    permission = Permission.CHILD_SEARCH
    throttle_scope = SEARCH

    @extend_schema(request=ChildSearchInput, responses=PeopleSearchOutput, operation_id="people_search")
    def post(self, request: ActorApiRequest) -> Response:
        given = ChildSearchInput(data=request.data)
        given.is_valid(raise_exception=True)
        results = children_search(actor=request.actor, search=ChildSearch(**given.validated_data))
        return Response(PeopleSearchOutput({**results.__dict__, "matches": results.visible}).data)


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


class ReportedBySerializer(serializers.Serializer[object]):
    organisation = serializers.CharField()
    organisation_code = serializers.CharField()
    record_id = serializers.CharField(help_text="The organisation's own id for the child; blank when it sent none")
    traced = serializers.BooleanField(help_text="Its record says the NHS number was traced against PDS")
    record_updated_at = serializers.DateTimeField(help_text="When macpu last received a change to that record")


class IdentifierHistorySerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    scheme = serializers.CharField()
    scheme_label = serializers.CharField()
    value = serializers.CharField(help_text="As stored: an NHS number is 10 digits")
    shown = serializers.CharField(help_text="As shown: an NHS number is 3-3-4")
    issuer = serializers.CharField(help_text="The issuing organisation; blank for an NHS number")
    issuer_code = serializers.CharField()
    verified = serializers.BooleanField()
    verification = serializers.CharField(help_text="What verified means here, in words")
    warnings = serializers.ListField(child=serializers.CharField(), help_text="Why a valid value looks implausible")
    current = serializers.BooleanField()
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True, help_text="The day it ended; null while current")
    first_reported_at = serializers.DateTimeField()
    last_reported_at = serializers.DateTimeField(allow_null=True)
    first_reported_by = ReportedBySerializer(
        allow_null=True, help_text="The record it first came from; null if by hand"
    )
    reported_by = ReportedBySerializer(many=True, help_text="The organisations' records that give it now")


class IdentifierConflictSerializer(serializers.Serializer[object]):
    kind = serializers.ChoiceField(["two_current", "held_by_another_record", "former_upn"])
    scheme = serializers.CharField()
    values = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField()
    other_child_id = serializers.UUIDField(allow_null=True, help_text="Only a child you may see")
    other_child_name = serializers.CharField(allow_blank=True)
    in_review_queue = serializers.BooleanField(help_text="Flagged for the duplicates review queue")


class ConsistentIdentifierSerializer(serializers.Serializer[object]):
    scheme = serializers.CharField(help_text="MACPU_CONSISTENT_IDENTIFIER")
    scheme_label = serializers.CharField()
    status = serializers.ChoiceField(["verified", "unverified", "none"])
    identifier = IdentifierHistorySerializer(allow_null=True)
    advice = serializers.CharField(help_text="What it means, or what to do")


class ChildIdentifiersSerializer(serializers.Serializer[object]):
    child = ChildSummarySerializer()
    consistent = ConsistentIdentifierSerializer()
    identifiers = IdentifierHistorySerializer(many=True, help_text="Current first, then ended")
    conflicts = IdentifierConflictSerializer(many=True)


class ChildIdentifierAddApi(ProtectedApiView):
    """A child's identifiers: every one the child has had, reconciled (GET), and adding one (POST). Errors name the
    field: `value` says what is wrong with it."""

    permission = Permission.CHILD_RECORD

    @extend_schema(
        responses={200: ChildIdentifiersSerializer, 404: OpenApiResponse(description="No such child you may see")},
        operation_id="child_identifiers_list",
        summary="Every identifier the child has had: issuer, verified or not, current or ended, conflicts, and the "
        "consistent identifier",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        reconciled = child_identifiers_get(actor=request.actor, child_id=child_id)
        return Response(ChildIdentifiersSerializer(reconciled).data)

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
