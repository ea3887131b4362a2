"""`/api/v1/duplicates...`: probable duplicates for the people who resolve them (issue 8, point 2). Thin: the work is
in `people.services.duplicates` and `people.selectors.duplicates`."""

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.people.models import PersonKind, PersonMerge, ProbableDuplicate
from macpu.people.selectors.duplicates import QueueState, Review, Side, duplicate_review, duplicates_queue
from macpu.people.services.duplicates import distinct_mark, link_decide, link_propose, undo_decide, undo_propose

_REASON = serializers.CharField(max_length=500, help_text="Why: kept with the decision and in the audit trail")


class QueueQuery(serializers.Serializer[object]):
    state = serializers.ChoiceField([s.value for s in QueueState], default=QueueState.TO_REVIEW.value)
    kind = serializers.ChoiceField(PersonKind.values, required=False)
    min_score = serializers.FloatField(required=False, min_value=-100, max_value=100)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=200, default=50)
    offset = serializers.IntegerField(required=False, min_value=0, max_value=1_000_000, default=0)


class PersonBriefSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    full_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    sex = serializers.CharField()


class DuplicateSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    person = PersonBriefSerializer()
    candidate = PersonBriefSerializer()
    score = serializers.FloatField()
    reason = serializers.CharField()
    status = serializers.CharField(help_text="open, linked or distinct")
    created_at = serializers.DateTimeField()
    resolved_by = serializers.CharField(allow_blank=True)
    resolution_reason = serializers.CharField(allow_blank=True)


class DuplicatePageSerializer(serializers.Serializer[object]):
    count = serializers.IntegerField()
    results = DuplicateSerializer(many=True)


class IdentifierRowSerializer(serializers.Serializer[object]):
    scheme = serializers.CharField()
    scheme_label = serializers.CharField(source="label")
    value = serializers.CharField()
    issuer = serializers.CharField(allow_blank=True)
    verified = serializers.BooleanField()
    warning = serializers.CharField(allow_blank=True)
    current = serializers.BooleanField()


class SideSerializer(serializers.Serializer[object]):
    person = PersonBriefSerializer()
    names = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    identifiers = IdentifierRowSerializer(many=True)
    postcodes = serializers.ListField(child=serializers.CharField())
    organisations = serializers.ListField(child=serializers.CharField())
    event_count = serializers.IntegerField()


class ExplainedFieldSerializer(serializers.Serializer[object]):
    field = serializers.CharField()
    field_label = serializers.CharField(source="label")
    outcome = serializers.CharField(help_text="agrees, differs, day and month swapped, ...")
    weight = serializers.FloatField()


class StepSerializer(serializers.Serializer[object]):
    kind = serializers.CharField()
    by = serializers.CharField()
    role = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class MergeSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    duplicate_id = serializers.UUIDField()
    survivor_id = serializers.UUIDField()
    folded_id = serializers.UUIDField()
    status = serializers.CharField(help_text="proposed, rejected, in_force, undo_proposed or undone")
    reason = serializers.CharField()
    proposed_by = serializers.CharField()
    applied_at = serializers.DateTimeField(allow_null=True)
    undone_at = serializers.DateTimeField(allow_null=True)


class ReviewSerializer(serializers.Serializer[object]):
    duplicate = DuplicateSerializer()
    left = SideSerializer()
    right = SideSerializer()
    explanation = ExplainedFieldSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())
    may_link = serializers.BooleanField(help_text="False when the records can never be the same person")
    merge = MergeSerializer(allow_null=True)
    steps = StepSerializer(many=True)


class ProposeLinkInput(serializers.Serializer[object]):
    reason = _REASON
    survivor_id = serializers.UUIDField(
        required=False, allow_null=True, help_text="The record to keep; by default the older"
    )


class ReasonInput(serializers.Serializer[object]):
    reason = _REASON


class DecisionInput(serializers.Serializer[object]):
    approve = serializers.BooleanField()
    reason = _REASON


def _valid(serializer_class: type[serializers.Serializer[object]], data: Any) -> dict[str, Any]:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


def _side(side: Side) -> dict[str, Any]:
    return {**side.__dict__, "names": [list(name) for name in side.names]}


def _review(review: Review) -> dict[str, Any]:
    return {**review.__dict__, "left": _side(review.left), "right": _side(review.right)}


class DuplicatesApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicates_list",
        parameters=[QueueQuery],
        responses={200: DuplicatePageSerializer},
        summary="Probable duplicates, oldest first: to review (default), awaiting a second person, linked or distinct",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = _valid(QueueQuery, request.query_params)
        page = duplicates_queue(
            actor=request.actor,
            state=QueueState(query["state"]),
            kind=query.get("kind", ""),
            min_score=query.get("min_score"),
            limit=query["limit"],
            offset=query["offset"],
        )
        return Response({"count": page.count, "results": DuplicateSerializer(page.pairs, many=True).data})


class DuplicateDetailApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicate_detail",
        responses={200: ReviewSerializer},
        summary="The two records side by side, the explanation of their score, and warnings (a possible twin, "
        "different NHS numbers)",
    )
    def get(self, request: ActorApiRequest, duplicate_id: uuid.UUID) -> Response:
        review = duplicate_review(actor=request.actor, duplicate_id=duplicate_id)
        return Response(ReviewSerializer(_review(review)).data)


class DuplicateLinkApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicate_link_propose",
        request=ProposeLinkInput,
        responses={201: MergeSerializer},
        summary="Propose that the two records are the same person, saying why: it waits for a second person",
    )
    def post(self, request: ActorApiRequest, duplicate_id: uuid.UUID) -> Response:
        given = _valid(ProposeLinkInput, request.data)
        merge: PersonMerge = link_propose(
            actor=request.actor, duplicate_id=duplicate_id, reason=given["reason"], survivor_id=given.get("survivor_id")
        )
        return Response(MergeSerializer(merge).data, status=201)


class DuplicateDistinctApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicate_mark_distinct",
        request=ReasonInput,
        responses={200: DuplicateSerializer},
        summary="Decide that the two records are different people, saying why: the pair is never raised again",
    )
    def post(self, request: ActorApiRequest, duplicate_id: uuid.UUID) -> Response:
        given = _valid(ReasonInput, request.data)
        flag: ProbableDuplicate = distinct_mark(actor=request.actor, duplicate_id=duplicate_id, reason=given["reason"])
        return Response(DuplicateSerializer(flag).data)


class MergeDecisionApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicate_link_decide",
        request=DecisionInput,
        responses={200: MergeSerializer},
        summary="As a second person (not the proposer), approve the proposed link (it takes effect) or reject it",
    )
    def post(self, request: ActorApiRequest, merge_id: uuid.UUID) -> Response:
        given = _valid(DecisionInput, request.data)
        merge = link_decide(actor=request.actor, merge_id=merge_id, **given)
        return Response(MergeSerializer(merge).data)


class MergeUndoApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicate_link_undo_propose",
        request=ReasonInput,
        responses={200: MergeSerializer},
        summary="Propose undoing a link in force, saying why: it waits for a second person",
    )
    def post(self, request: ActorApiRequest, merge_id: uuid.UUID) -> Response:
        given = _valid(ReasonInput, request.data)
        merge = undo_propose(actor=request.actor, merge_id=merge_id, reason=given["reason"])
        return Response(MergeSerializer(merge).data)


class MergeUndoDecisionApi(ProtectedApiView):
    permission = Permission.DUPLICATES_RESOLVE

    @extend_schema(
        operation_id="duplicate_link_undo_decide",
        request=DecisionInput,
        responses={200: MergeSerializer},
        summary="As a second person (not the proposer), approve the undo (exactly the rows the link moved go back) "
        "or reject it",
    )
    def post(self, request: ActorApiRequest, merge_id: uuid.UUID) -> Response:
        given = _valid(DecisionInput, request.data)
        merge = undo_decide(actor=request.actor, merge_id=merge_id, **given)
        return Response(MergeSerializer(merge).data)
