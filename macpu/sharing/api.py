"""REST API for a child's sharing ledger: read it, and record a share or a decision not to share. HTTP only."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.http import DateOrDateTimeField
from macpu.events.rules.information_shared import (
    ARTICLE_9_CONDITIONS,
    CONSENT,
    DECISIONS,
    DPA_CONDITIONS,
    LAWFUL_BASES,
)
from macpu.sharing.rules.record import SharingAnswers
from macpu.sharing.selectors import LedgerEntry, entry_recorded, sharing_ledger
from macpu.sharing.services import sharing_record


class PartySerializer(serializers.Serializer[object]):
    code = serializers.CharField()
    name = serializers.CharField()


class BasisSerializer(serializers.Serializer[object]):
    code = serializers.CharField()
    text = serializers.CharField(source="label", help_text="In plain English")


class LedgerEntrySerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    occurred = serializers.CharField(help_text="ISO 8601: a date, or a date-time with its offset")
    recorded_by = PartySerializer(
        help_text="The organisation whose record it is: the one that shared, or decided not to"
    )
    record_id = serializers.CharField(help_text="That organisation's record id")
    sensitivity = serializers.CharField()
    withheld = serializers.BooleanField(
        help_text="True when the caller may not read its content: ask the organisation that recorded it"
    )
    decision = BasisSerializer(allow_null=True, help_text="shared, or not_shared")
    to = PartySerializer(many=True)
    what = serializers.CharField()
    record_shared = serializers.CharField(help_text="The record `ref` names, by its title")
    reason = serializers.CharField()
    lawful_basis = BasisSerializer(allow_null=True)
    article_9_condition = BasisSerializer(allow_null=True)
    dpa_condition = BasisSerializer(allow_null=True)
    condition = serializers.CharField(help_text="Free text, from systems that send it in their feed")
    consent = BasisSerializer(allow_null=True, help_text="given, refused or not_sought; null when not recorded")
    consent_reason = serializers.CharField()
    decided_by = serializers.CharField()
    decided_by_role = serializers.CharField()


def _choices(labels: dict[str, str]) -> list[tuple[str, str]]:
    return list(labels.items())


class SharingInput(serializers.Serializer[object]):
    decision = serializers.ChoiceField(choices=_choices(DECISIONS))
    occurred_at = DateOrDateTimeField(help_text="ISO 8601 date (YYYY-MM-DD) or date-time with its offset")
    with_ = serializers.ListField(
        child=serializers.CharField(max_length=20), allow_empty=True, help_text="Organisation codes"
    )
    what = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    ref = serializers.JSONField(
        required=False, default=None, help_text="The record shared: a record id of yours, or {org, record_id}"
    )
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    lawful_basis = serializers.ChoiceField(choices=_choices(LAWFUL_BASES), required=False, allow_blank=True)
    article_9_condition = serializers.ChoiceField(
        choices=_choices(ARTICLE_9_CONDITIONS), required=False, allow_blank=True
    )
    dpa_condition = serializers.ChoiceField(choices=_choices(DPA_CONDITIONS), required=False, allow_blank=True)
    consent = serializers.ChoiceField(choices=_choices(CONSENT))
    consent_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    decided_by = serializers.CharField(max_length=200, allow_blank=True)
    decided_by_role = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    sensitivity = serializers.ChoiceField(choices=["standard", "restricted", "sealed"], default="standard")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["with"] = fields.pop("with_")  # `with` is a keyword in Python
        return fields


def _entry(entry: LedgerEntry) -> dict[str, Any]:
    return {**entry.__dict__, "occurred": entry.occurred}


class ChildSharingApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        operation_id="child_sharing_ledger",
        responses={
            200: LedgerEntrySerializer(many=True),
            404: OpenApiResponse(description="No such child you may see"),
        },
        summary="The child's sharing ledger: every share with another organisation and every decision not to share, "
        "newest first",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        ledger = sharing_ledger(actor=request.actor, child_id=child_id)
        return Response(LedgerEntrySerializer([_entry(e) for e in ledger.entries], many=True).data)

    @extend_schema(
        operation_id="child_sharing_record",
        request=SharingInput,
        responses={
            201: LedgerEntrySerializer,
            400: OpenApiResponse(description="Each problem, by field; nothing is recorded"),
            404: OpenApiResponse(description="No such child you may see"),
        },
        summary="Record information shared with other organisations, or a decision not to share, as the caller's "
        "organisation. Lack of consent never blocks a share: give the reason.",
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        given = SharingInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        event = sharing_record(
            actor=request.actor,
            child_id=child_id,
            answers=SharingAnswers(
                decision=data["decision"],
                occurred_at=data["occurred_at"],
                with_orgs=tuple(data["with"]),
                what=data["what"],
                ref=data["ref"],
                reason=data["reason"],
                lawful_basis=data.get("lawful_basis", ""),
                article_9_condition=data.get("article_9_condition", ""),
                dpa_condition=data.get("dpa_condition", ""),
                consent=data["consent"],
                consent_reason=data["consent_reason"],
                decided_by=data["decided_by"],
                decided_by_role=data["decided_by_role"],
                sensitivity=data["sensitivity"],
            ),
        )
        entry = entry_recorded(actor=request.actor, event=event)
        return Response(LedgerEntrySerializer(_entry(entry)).data, status=201)
