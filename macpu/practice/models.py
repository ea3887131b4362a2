"""Practice profiles (versioned documents: each publish a new immutable version) and the shared glossary."""

from django.db import models
from django.db.models.functions import Lower

from macpu.core.models import TimeStampedModel, UUIDModel, VersionedModel
from macpu.organisations.models import Organisation, Team
from macpu.practice.rules.glossary import KnownTerm
from macpu.practice.rules.profile import (
    CONSENT_LABELS,
    Commitment,
    ConsentPractice,
    ProfileContent,
    SafeguardingLead,
    Timescale,
    TimeUnit,
)


class GlossaryTerm(VersionedModel):
    """A term or abbreviation an agency uses, what it means, who uses it, and the terms that mean the same."""

    term = models.CharField(max_length=60)
    slug = models.SlugField(max_length=80, unique=True)
    expansion = models.CharField(max_length=200, help_text="A short meaning, shown where the term appears")
    meaning = models.TextField()
    is_abbreviation = models.BooleanField(default=True, help_text="Abbreviations match only as written")
    sectors = models.JSONField(default=list, help_text="The sectors that use the term")
    equivalents = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = [Lower("term")]
        constraints = [models.UniqueConstraint(Lower("term"), name="glossary_term_once")]

    def __str__(self) -> str:
        return self.term

    def as_known_term(self) -> KnownTerm:
        return KnownTerm(self.term, self.slug, self.expansion, self.is_abbreviation)


class PracticeProfile(VersionedModel):
    """The profile of an organisation, or of one of its teams whose practice differs.

    `version` is the number of the latest published version: a publish names the version it was written from and
    is refused when another was published since (`core.versioning.save_versioned`).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(team__isnull=True), name="practice_profile_once_per_org"
            ),
            models.UniqueConstraint(
                fields=["organisation", "team"],
                condition=models.Q(team__isnull=False),
                name="practice_profile_once_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"Practice profile {self.organisation_id}/{self.team_id or '-'}"


class PracticeProfileVersion(TimeStampedModel):
    """One published version of a profile: never changed once written; later publishes add new versions."""

    profile = models.ForeignKey(PracticeProfile, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    effective_from = models.DateField()
    published_at = models.DateTimeField()
    published_by_user = models.ForeignKey("access.User", null=True, on_delete=models.PROTECT, related_name="+")
    published_by_name = models.CharField(max_length=150)
    published_by_role = models.CharField(max_length=40)
    change_note = models.CharField(max_length=500, blank=True)

    safeguarding_role = models.TextField()
    referral_route = models.TextField()
    threshold_document_title = models.CharField(max_length=200, blank=True)
    threshold_document_url = models.URLField(max_length=500, blank=True)
    escalation_route = models.TextField()
    leads = models.JSONField(help_text="The named safeguarding leads: name, role, office_hours, out_of_hours")
    consent_practice = models.CharField(
        max_length=30, choices=[(c.value, label) for c, label in CONSENT_LABELS.items()]
    )
    consent_explanation = models.TextField()
    timescales = models.JSONField(help_text="Each commitment: {value, unit}")
    strategy_discussion_attendees = models.TextField()
    records_held = models.TextField()
    terms = models.ManyToManyField(GlossaryTerm, through="ProfileTermUse", blank=True, related_name="+")

    class Meta:
        ordering = ["profile", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="practice_profile_version_once"),
            models.CheckConstraint(
                condition=models.Q(consent_practice__in=[c.value for c in ConsentPractice]),
                name="practice_profile_consent_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"

    def content(self, term_names: tuple[str, ...] | None = None) -> ProfileContent:
        """The version as plain data; `term_names` saves a query when the caller has read its terms already."""
        names = term_names if term_names is not None else tuple(term.term for term in self.terms.all())
        return ProfileContent(
            safeguarding_role=self.safeguarding_role,
            referral_route=self.referral_route,
            threshold_document_title=self.threshold_document_title,
            threshold_document_url=self.threshold_document_url,
            escalation_route=self.escalation_route,
            leads=tuple(SafeguardingLead(**lead) for lead in self.leads),
            consent_practice=ConsentPractice(self.consent_practice),
            consent_explanation=self.consent_explanation,
            timescales={
                Commitment(key): Timescale(int(given["value"]), TimeUnit(given["unit"]))
                for key, given in self.timescales.items()
            },
            strategy_discussion_attendees=self.strategy_discussion_attendees,
            records_held=self.records_held,
            terms=names,
        )


class ProfileTermUse(UUIDModel):
    """A term a profile version uses. A term in use by any version is kept: the version must stay readable."""

    version = models.ForeignKey(PracticeProfileVersion, on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(GlossaryTerm, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "term"], name="profile_term_use_once")]
