"""REST API for the chronology. Translates HTTP only."""

import uuid
from collections.abc import Mapping
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.throttling import EXPORT
from macpu.chronology.export import entry_as_dict
from macpu.chronology.rules.filters import ChronologyFilter, period_errors
from macpu.chronology.selectors import MAX_PAGE_SIZE, PAGE_SIZE, ChronologyPage, chronology_page
from macpu.chronology.selectors.household import household_chronology_page
from macpu.chronology.selectors.saved import VersionSummary
from macpu.chronology.selectors.versions import chronology_version, chronology_versions
from macpu.chronology.services import (
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    VERSION_NAME_MAX_LENGTH,
    chronology_version_save,
    entry_annotate,
    same_fact_split,
)
from macpu.chronology.tasks import chronology_pdf_in_background, chronology_pdf_size
from macpu.core.errors import InvalidInput
from macpu.events.rules.feed_format import EVENT_TYPES
from macpu.exports.api import ExportJobSerializer, export_job_output
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
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)  # DRF's own refusal of a body that is not an object
        list_names = ("sector", "org", "type", "person")
        lists = (
            {name: data.getlist(name) for name in list_names}
            if hasattr(data, "getlist")
            else {name: data.get(name) for name in list_names}  # a JSON body
        )
        singles = {name: data[name] for name in data if name not in list_names}
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
    entry_id = serializers.UUIDField(allow_null=True, help_text="The record's entry id in macpu")


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


class MarkSerializer(serializers.Serializer[object]):
    tag = serializers.CharField(help_text="A short tag, e.g. `Possible gap`")
    text = serializers.CharField(help_text="What it means, e.g. `Evidence for T3 Community concerns dismissed`")
    href = serializers.CharField(help_text="The page that says more (the finding)")


class EntrySerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    child_id = serializers.UUIDField(help_text="The child whose record the entry is in")
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
    sources = EntrySourceSerializer(
        many=True,
        help_text="Every organisation's record of this occurrence, earliest recorded first: more than one when "
        "several agencies recorded the same occurrence (`org` and `type` are the first's)",
    )
    same_fact_reason = serializers.CharField(
        allow_blank=True, help_text="Why several records were judged one occurrence; empty for one source"
    )
    related = RelatedSerializer(many=True)
    marks = MarkSerializer(
        many=True, help_text="What other parts of macpu say of the entry: the evidence of an open gap finding"
    )


class ChronologyOutput(serializers.Serializer[object]):
    child_id = serializers.UUIDField()
    count = serializers.IntegerField(help_text="Entries that the filters keep")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    entries = EntrySerializer(many=True)


CHRONOLOGY_PARAMETERS = [
    OpenApiParameter("sector", str, many=True, enum=[s.value for s in Sector]),
    OpenApiParameter(
        "org",
        {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 20}},
        style="form",
        explode=True,
        description="Organisation code",
    ),
    OpenApiParameter("type", str, many=True, enum=list(EVENT_TYPES)),
    OpenApiParameter("person", uuid.UUID, many=True, description="A person named in the entry"),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Occurred on or after (YYYY-MM-DD)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Occurred on or before (YYYY-MM-DD)"),
    OpenApiParameter("significant", bool, description="Significant entries only"),
    OpenApiParameter("order", str, enum=["newest", "oldest"]),
    OpenApiParameter("page", {"type": "integer", "minimum": 1}),
    OpenApiParameter(
        "page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, description=f"At most {MAX_PAGE_SIZE}"
    ),
]


def _page_output(shown: ChronologyPage) -> dict[str, object]:
    return {
        "child_id": shown.child.id,
        "count": shown.total,
        "page": shown.page,
        "pages": shown.pages,
        "page_size": shown.page_size,
        "entries": [entry_as_dict(entry) for entry in shown.entries],
    }


class ChronologyApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(
        parameters=CHRONOLOGY_PARAMETERS,
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
        return Response(ChronologyOutput(_page_output(shown)).data)


class HouseholdChronologyOutput(ChronologyOutput):
    children = serializers.ListField(
        child=serializers.UUIDField(), help_text="The household's children whose records you may see: the child first"
    )
    adults_named = serializers.IntegerField(help_text="Adults living with the child; entries naming them are included")


class HouseholdChronologyApi(ProtectedApiView):
    """The child's, siblings' and household children's entries, and those naming the adults they live with."""

    permission = Permission.CHILD_VIEW

    @extend_schema(
        parameters=CHRONOLOGY_PARAMETERS, responses=HouseholdChronologyOutput, operation_id="household_chronology"
    )
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        query = ChronologyQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        household = household_chronology_page(
            actor=request.actor,
            child_id=child_id,
            filters=query.filters(),
            page=given["page"],
            page_size=given["page_size"],
        )
        output = {
            **_page_output(household.page),
            "children": [child.id for child in household.children],
            "adults_named": household.adults_named,
        }
        return Response(HouseholdChronologyOutput(output).data)


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


class SameFactSplitInput(serializers.Serializer[object]):
    other = serializers.UUIDField(help_text="The entry id of the other record (one of `sources`) to show separately")
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, help_text="Why they are different occurrences")


class SameFactSplitApi(ProtectedApiView):
    permission = Permission.CHRONOLOGY_CURATE

    @extend_schema(
        request=SameFactSplitInput,
        responses={204: None},
        operation_id="chronology_entry_split",
        description="Two records the chronology joined as one occurrence are two: show them as separate entries.",
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> Response:
        given = SameFactSplitInput(data=request.data)
        given.is_valid(raise_exception=True)
        same_fact_split(
            actor=request.actor,
            child_id=child_id,
            event_id=event_id,
            other_id=given.validated_data["other"],
            reason=given.validated_data["reason"],
        )
        return Response(status=204)


class VersionSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    name = serializers.CharField()
    saved_at = serializers.DateTimeField()
    author_name = serializers.CharField()
    author_role = serializers.CharField()
    organisation = serializers.CharField()
    record_count = serializers.IntegerField(help_text="Organisations' records it holds")
    filters = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        help_text="The filters it was saved with, as [parameter, value] pairs of the chronology's query",
    )


class VersionInput(ChronologyQuery):
    name = serializers.CharField(max_length=VERSION_NAME_MAX_LENGTH, help_text="For example, the conference it is for")


class VersionOutput(serializers.Serializer[object]):
    version = VersionSerializer()
    entries = EntrySerializer(many=True, help_text="As you may see them: need-to-know applies when it is read")


def _version(summary: VersionSummary) -> dict[str, object]:
    return {**summary.__dict__, "filters": [list(pair) for pair in summary.filters]}


class VersionsApi(ProtectedApiView):
    """Saved versions of a child's chronology, for a conference or a review; they do not change."""

    permission = Permission.CHILD_VIEW  # saving asks for more: the service requires CHRONOLOGY_CURATE

    @extend_schema(responses=VersionSerializer(many=True), operation_id="chronology_versions")
    def get(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        versions = chronology_versions(actor=request.actor, child_id=child_id)
        return Response(VersionSerializer([_version(v) for v in versions], many=True).data)

    @extend_schema(request=VersionInput, responses={201: VersionSerializer}, operation_id="chronology_version_save")
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        given = VersionInput(data=request.data)
        given.is_valid(raise_exception=True)
        saved = chronology_version_save(
            actor=request.actor, child_id=child_id, filters=given.filters(), name=given.validated_data["name"]
        )
        [summary] = [v for v in chronology_versions(actor=request.actor, child_id=child_id) if v.id == saved.id]
        return Response(VersionSerializer(_version(summary)).data, status=201)


class VersionApi(ProtectedApiView):
    permission = Permission.CHILD_VIEW

    @extend_schema(responses=VersionOutput, operation_id="chronology_version")
    def get(self, request: ActorApiRequest, child_id: uuid.UUID, version_id: uuid.UUID) -> Response:
        shown = chronology_version(actor=request.actor, child_id=child_id, version_id=version_id)
        output = {"version": _version(shown.version), "entries": [entry_as_dict(e) for e in shown.entries]}
        return Response(VersionOutput(output).data)


class ChronologyExportInput(ChronologyQuery):
    format = serializers.ChoiceField(["pdf"], help_text="pdf: GOV.UK print style, marked on every page")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        del fields["page"], fields["page_size"]  # an export holds every entry the filters keep
        return fields


class ChronologyExportApi(ProtectedApiView):
    """Export the whole or filtered chronology (the filters of `GET .../chronology`): made in the background,
    followed at `GET /api/v1/exports/{id}`. It holds only what you may see when it is made."""

    permission = Permission.CHILD_VIEW
    throttle_scope = EXPORT

    @extend_schema(
        request=ChronologyExportInput, responses={202: ExportJobSerializer}, operation_id="chronology_export"
    )
    def post(self, request: ActorApiRequest, child_id: uuid.UUID) -> Response:
        given = ChronologyExportInput(data=request.data)
        given.is_valid(raise_exception=True)
        filters = given.filters()
        size = chronology_pdf_size(actor=request.actor, child_id=child_id, filters=filters)
        job = chronology_pdf_in_background(actor=request.actor, child_id=child_id, filters=filters, expected=size)
        return Response(ExportJobSerializer(export_job_output(job)).data, status=202)
