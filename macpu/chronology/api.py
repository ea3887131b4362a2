"""REST API for the chronology. Translates HTTP only."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.chronology.export import entry_as_dict
from macpu.chronology.rules.filters import ChronologyFilter, period_errors
from macpu.chronology.selectors import MAX_PAGE_SIZE, PAGE_SIZE, chronology_page
from macpu.chronology.services import NOTE_MAX_LENGTH, entry_annotate
from macpu.core.errors import InvalidInput
from macpu.events.rules.feed_format import EVENT_TYPES
from macpu.organisations.rules.vocabulary import Sector


class ChronologyQuery(serializers.Serializer[object]):
    sector = serializers.ListField(child=serializers.ChoiceField([s.value for s in Sector]), required=False)
    org = serializers.ListField(child=serializers.CharField(max_length=20), required=False)
    type = serializers.ListField(child=serializers.ChoiceField(list(EVENT_TYPES)), required=False)
    person = serializers.ListField(child=serializers.UUIDField(), required=False)
    significant = serializers.BooleanField(required=False, default=False, help_text="Significant entries only")
    from_ = serializers.DateField(required=False, help_text="Occurred on or after (YYYY-MM-DD)")
    to = serializers.DateField(required=False, help_text="Occurred on or before (YYYY-MM-DD)")
    order = serializers.ChoiceField(["newest", "oldest"], default="newest")
    page = serializers.IntegerField(min_value=1, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=PAGE_SIZE)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")  # `from` is the parameter's name, and a Python keyword
        return fields

    def to_internal_value(self, data: Any) -> Any:
        lists = (
            {name: data.getlist(name) for name in ("sector", "org", "type", "person")}
            if hasattr(data, "getlist")
            else {}
        )
        singles = {
            name: data[name] for name in ("from", "to", "order", "page", "page_size", "significant") if name in data
        }
        return super().to_internal_value({**singles, **{k: v for k, v in lists.items() if v}})

    def filters(self) -> ChronologyFilter:
        given = self.validated_data
        chosen = ChronologyFilter(
            sectors=tuple(given.get("sector", ())),
            organisations=tuple(code.strip().upper() for code in given.get("org", ())),
            types=tuple(given.get("type", ())),
            occurred_from=given.get("from"),
            occurred_to=given.get("to"),
            people=tuple(given.get("person", ())),
            significant_only=given["significant"],
            oldest_first=given["order"] == "oldest",
        )
        if errors := period_errors(chosen):
            raise InvalidInput(errors)
        return chosen


class EntrySourceSerializer(serializers.Serializer[object]):
    org = serializers.CharField()
    record_id = serializers.CharField()


class RelatedSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    relation = serializers.ChoiceField(["answers", "answered_by"])
    occurred_on = serializers.DateField()
    title = serializers.CharField()


class NoteSerializer(serializers.Serializer[object]):
    author_name = serializers.CharField()
    author_role = serializers.CharField()
    organisation = serializers.CharField()
    written_at = serializers.DateTimeField()
    significant = serializers.BooleanField(
        allow_null=True, help_text="True marks, False unmarks, null leaves as it was"
    )
    note = serializers.CharField(allow_blank=True)


class EntrySerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    occurred_at = serializers.CharField(help_text="ISO 8601: a date, or a date-time with its offset")
    date_is_approximate = serializers.BooleanField()
    recorded_at = serializers.CharField(help_text="ISO 8601 date-time with its offset")
    type = serializers.CharField(help_text="The event type; `withheld` when you may not read the content")
    title = serializers.CharField()
    org = serializers.CharField(help_text="The recording organisation's code")
    org_name = serializers.CharField()
    sector = serializers.CharField()
    author_role = serializers.CharField()
    record_id = serializers.CharField(help_text="The recording organisation's own id for the record")
    summary = serializers.CharField()
    sensitivity = serializers.ChoiceField(["standard", "restricted", "sealed"])
    withheld = serializers.BooleanField(help_text="True: ask the recording organisation (`contact`) about it")
    contact = serializers.CharField()
    significant = serializers.BooleanField(help_text="The latest mark of any practitioner")
    notes = NoteSerializer(many=True, help_text="Practitioners' analysis, oldest first")
    sources = EntrySourceSerializer(many=True)
    related = RelatedSerializer(many=True)


class ChronologyOutput(serializers.Serializer[object]):
    child_id = serializers.UUIDField()
    count = serializers.IntegerField(help_text="Entries that the filters keep")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    entries = EntrySerializer(many=True)


class ChronologyApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        parameters=[
            OpenApiParameter("sector", str, many=True, enum=[s.value for s in Sector]),
            OpenApiParameter("org", str, many=True, description="Organisation code"),
            OpenApiParameter("type", str, many=True, enum=list(EVENT_TYPES)),
            OpenApiParameter("person", uuid.UUID, many=True, description="A person named in the entry"),
            OpenApiParameter("from", str, description="Occurred on or after (YYYY-MM-DD)"),
            OpenApiParameter("to", str, description="Occurred on or before (YYYY-MM-DD)"),
            OpenApiParameter("significant", bool, description="Significant entries only"),
            OpenApiParameter("order", str, enum=["newest", "oldest"]),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description=f"At most {MAX_PAGE_SIZE}"),
        ],
        responses=ChronologyOutput,
        operation_id="child_chronology",
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        query = ChronologyQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        shown = chronology_page(
            actor=request.actor,
            child_id=child_id,
            filters=query.filters(),
            page=given["page"],
            page_size=given["page_size"],
        )
        output = {
            "child_id": shown.child.id,
            "count": shown.total,
            "page": shown.page,
            "pages": shown.pages,
            "page_size": shown.page_size,
            "entries": [entry_as_dict(entry) for entry in shown.entries],
        }
        return Response(ChronologyOutput(output).data)


class EntryNoteInput(serializers.Serializer[object]):
    significant = serializers.BooleanField(allow_null=True, default=None)
    note = serializers.CharField(allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)


class EntryNoteApi(ProtectedApiView):
    permission = Permission.CHRONOLOGY_CURATE

    @extend_schema(request=EntryNoteInput, responses={201: NoteSerializer}, operation_id="chronology_entry_note")
    def post(self, request: ActorApiRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> Response:
        given = EntryNoteInput(data=request.data)
        given.is_valid(raise_exception=True)
        written = entry_annotate(actor=request.actor, child_id=child_id, event_id=event_id, **given.validated_data)
        note = {
            "author_name": written.author_name,
            "author_role": written.author_role,
            "organisation": request.actor.organisation_name,
            "written_at": written.created_at,
            "significant": written.significant,
            "note": written.note,
        }
        return Response(NoteSerializer(note).data, status=201)
