"""The practice profiles' and glossary's request and response bodies, declared exactly for the OpenAPI schema."""

from typing import Any

from rest_framework import serializers

from macpu.organisations.rules.vocabulary import Sector
from macpu.practice.models import GlossaryTerm, PracticeProfileVersion
from macpu.practice.rules.profile import (
    LEAD_LIMITS,
    MAX_LEADS,
    MAX_TIMESCALE,
    TEXT_LIMITS,
    Commitment,
    ConsentPractice,
    ProfileContent,
    SafeguardingLead,
    Timescale,
    TimeUnit,
)
from macpu.practice.services import (
    CHANGE_NOTE_MAX_LENGTH,
    EXPANSION_MAX_LENGTH,
    MEANING_MAX_LENGTH,
    TERM_MAX_LENGTH,
    TermInput,
)


class PracticeOrganisationSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()
    sector = serializers.CharField()


class PracticeTeamSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    name = serializers.CharField()


class PracticeLeadSerializer(serializers.Serializer[object]):
    name = serializers.CharField(max_length=LEAD_LIMITS["name"])
    role = serializers.CharField(max_length=LEAD_LIMITS["role"], help_text="Their role or job title")
    office_hours = serializers.CharField(
        max_length=LEAD_LIMITS["office_hours"], help_text="How to reach them in office hours"
    )
    out_of_hours = serializers.CharField(
        max_length=LEAD_LIMITS["out_of_hours"],
        allow_blank=True,
        help_text="How to reach them out of hours; may be blank",
    )


class PracticeTimescaleSerializer(serializers.Serializer[object]):
    value = serializers.IntegerField(min_value=0, max_value=MAX_TIMESCALE)
    unit = serializers.ChoiceField(choices=[u.value for u in TimeUnit])


class PracticeTimescalesSerializer(serializers.Serializer[object]):
    acknowledge_referral = PracticeTimescaleSerializer(help_text="Acknowledging a referral or concern it receives")
    report_initial_conference = PracticeTimescaleSerializer(help_text="Sending its report before an initial conference")
    report_review_conference = PracticeTimescaleSerializer(help_text="Sending its report before a review conference")
    answer_information_request = PracticeTimescaleSerializer(
        help_text="Answering another agency's request for information"
    )


def _text(name: str, *, blank: bool = False, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(max_length=TEXT_LIMITS[name], allow_blank=blank, help_text=help_text)


class PracticeProfileContentSerializer(serializers.Serializer[object]):
    safeguarding_role = _text("safeguarding_role", help_text="What the organisation does in safeguarding")
    referral_route = _text("referral_route", help_text="How to refer a child to it")
    threshold_document_title = _text("threshold_document_title", blank=True)
    threshold_document_url = _text("threshold_document_url", blank=True, help_text="https:// address; may be blank")
    escalation_route = _text("escalation_route", help_text="How to escalate a concern or a disagreement")
    leads = PracticeLeadSerializer(many=True, min_length=1, max_length=MAX_LEADS)  # type: ignore[call-arg]  # ListSerializer's
    consent_practice = serializers.ChoiceField(choices=[c.value for c in ConsentPractice])
    consent_explanation = _text("consent_explanation", help_text="When it seeks consent, and when it does not")
    timescales = PracticeTimescalesSerializer()
    strategy_discussion_attendees = _text("strategy_discussion_attendees")
    records_held = _text("records_held", help_text="The records it holds that others may need")
    terms = serializers.ListField(
        child=serializers.CharField(max_length=TERM_MAX_LENGTH),
        max_length=60,
        help_text="Glossary terms the organisation uses, as the glossary writes them",
    )


class PracticeProfilePublishInput(PracticeProfileContentSerializer):
    version = serializers.IntegerField(
        min_value=0, help_text="The version you read (0 before the first); a stale publish is refused with 409"
    )
    effective_from = serializers.DateField(help_text="The day this version takes effect")
    change_note = serializers.CharField(max_length=CHANGE_NOTE_MAX_LENGTH, allow_blank=True, required=False, default="")
    terms = serializers.ListField(
        child=serializers.CharField(max_length=TERM_MAX_LENGTH), max_length=60, required=False, default=list
    )


def content_from(data: dict[str, Any]) -> ProfileContent:
    """A validated body as the rules' plain data."""
    return ProfileContent(
        safeguarding_role=data["safeguarding_role"],
        referral_route=data["referral_route"],
        threshold_document_title=data["threshold_document_title"],
        threshold_document_url=data["threshold_document_url"],
        escalation_route=data["escalation_route"],
        leads=tuple(SafeguardingLead(**lead) for lead in data["leads"]),
        consent_practice=ConsentPractice(data["consent_practice"]),
        consent_explanation=data["consent_explanation"],
        timescales={
            Commitment(key): Timescale(given["value"], TimeUnit(given["unit"]))
            for key, given in data["timescales"].items()
        },
        strategy_discussion_attendees=data["strategy_discussion_attendees"],
        records_held=data["records_held"],
        terms=tuple(data.get("terms", ())),
    )


class PracticePublisherSerializer(serializers.Serializer[object]):
    name = serializers.CharField(source="published_by_name")
    role = serializers.CharField(source="published_by_role")


class PracticeProfileVersionSerializer(PracticeProfileContentSerializer):
    number = serializers.IntegerField()
    effective_from = serializers.DateField()
    published_at = serializers.DateTimeField()
    published_by = PracticePublisherSerializer(source="*")
    change_note = serializers.CharField()

    terms = serializers.SerializerMethodField(help_text="The glossary terms the organisation uses")  # type: ignore[assignment]  # read as names

    def get_terms(self, version: PracticeProfileVersion) -> list[str]:
        return [term.term for term in version.terms.all()]


class PracticeProfileSerializer(serializers.Serializer[object]):
    organisation = PracticeOrganisationSerializer()
    team = PracticeTeamSerializer(allow_null=True)
    version = serializers.IntegerField(help_text="The current version's number; 0 before the first is published")
    current = PracticeProfileVersionSerializer(allow_null=True, help_text="The current version; null before the first")
    teams_with_profiles = PracticeTeamSerializer(
        many=True, help_text="The organisation's teams with a profile of their own"
    )


class PracticeProfileListingSerializer(serializers.Serializer[object]):
    organisation = PracticeOrganisationSerializer()
    version = serializers.SerializerMethodField(help_text="The current version's number; 0 when none is published")
    effective_from = serializers.DateField(source="current.effective_from", allow_null=True, default=None)
    published_at = serializers.DateTimeField(source="current.published_at", allow_null=True, default=None)
    team_profiles = serializers.IntegerField(help_text="How many of its teams have a profile of their own")

    def get_version(self, listing: Any) -> int:
        return listing.current.number if listing.current else 0


class CompareQuery(serializers.Serializer[object]):
    org = serializers.ListField(
        child=serializers.CharField(max_length=40),
        min_length=2,
        max_length=6,
        help_text="Two to six organisations, each by its code or id: ?org=873&org=NBP",
    )


class ComparedColumnSerializer(serializers.Serializer[object]):
    code = serializers.CharField()
    name = serializers.CharField()
    has_profile = serializers.SerializerMethodField()

    def get_has_profile(self, column: Any) -> bool:
        return column.content is not None


class ComparedRowSerializer(serializers.Serializer[object]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field named as Field's own attribute
    values = serializers.ListField(child=serializers.CharField(), help_text="One per column, in the columns' order")
    compared = serializers.BooleanField(help_text="Whether a difference in this row is marked")
    differs = serializers.BooleanField()


class PracticeComparisonSerializer(serializers.Serializer[object]):
    columns = ComparedColumnSerializer(many=True)
    rows = ComparedRowSerializer(many=True)


class GlossaryTermSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    term = serializers.CharField()
    slug = serializers.CharField(help_text="The anchor of its entry on the glossary page: #term-<slug>")
    expansion = serializers.CharField()
    meaning = serializers.CharField()
    is_abbreviation = serializers.BooleanField()
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=[s.value for s in Sector]))
    equivalents = serializers.SerializerMethodField(help_text="Terms other agencies use for the same thing")
    version = serializers.IntegerField()

    def get_equivalents(self, term: GlossaryTerm) -> list[str]:
        return sorted((other.term for other in term.equivalents.all()), key=str.casefold)


class GlossaryQuery(serializers.Serializer[object]):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="Words to look for")


class GlossaryTermInput(serializers.Serializer[object]):
    term = serializers.CharField(max_length=TERM_MAX_LENGTH)
    expansion = serializers.CharField(max_length=EXPANSION_MAX_LENGTH, help_text="A short meaning shown in place")
    meaning = serializers.CharField(max_length=MEANING_MAX_LENGTH)
    is_abbreviation = serializers.BooleanField(
        required=False, default=True, help_text="Abbreviations are found only as written (case matters)"
    )
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=[s.value for s in Sector]), min_length=1, max_length=len(Sector)
    )
    equivalents = serializers.ListField(
        child=serializers.CharField(max_length=TERM_MAX_LENGTH), required=False, default=list, max_length=20
    )


class GlossaryTermChangeInput(GlossaryTermInput):
    version = serializers.IntegerField(min_value=1, help_text="The version you read; a stale edit is refused with 409")


def term_input_from(data: dict[str, Any]) -> TermInput:
    return TermInput(
        term=data["term"],
        expansion=data["expansion"],
        meaning=data["meaning"],
        is_abbreviation=data["is_abbreviation"],
        sectors=tuple(data["sectors"]),
        equivalents=tuple(data["equivalents"]),
    )
