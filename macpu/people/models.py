"""People: macpu's record of each child and adult, and each agency's own record linked to it.

An agency's person record is kept as it was sent (SourceRecord) and linked to
macpu's Person. Names, identifiers and addresses remember which source record
gave them, so a wrong link can be undone exactly: links, never destructive merges.
"""

import uuid

from django.db import models
from django.db.models import Q

from macpu.core.models import Sensitivity, TimeStampedModel, VersionedModel


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INDETERMINATE = "indeterminate", "Indeterminate"
    NOT_KNOWN = "not_known", "Not known"


class Person(VersionedModel):
    kind = models.CharField(max_length=8, choices=PersonKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, choices=Sex.choices, default=Sex.NOT_KNOWN)
    is_unborn = models.BooleanField(default=False)
    expected_date = models.DateField(null=True, blank=True, help_text="Expected date of delivery")
    date_of_death = models.DateField(null=True, blank=True)
    # Set when a data quality officer's link, approved by a second person, folded this record into another
    # (`people.services.duplicates`): kept so that old links resolve, left out of search and lists. Part of the
    # survivor's record, it goes only with it (retention disposes of a child's record whole).
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The record it is now part of",
    )

    class Meta:
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["date_of_birth", "family_name"], name="person_by_birth_and_name"),
        ]
        # A child may be known first only by a verified NHS number, so a date of birth may be missing.
        constraints = [
            models.CheckConstraint(
                condition=Q(is_unborn=False) | (Q(kind="child") & Q(expected_date__isnull=False)),
                name="unborn_child_has_expected_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def audited_child_id(self) -> uuid.UUID | None:
        """The id under which the audit log files work on this person: a child's own id; none for an adult."""
        return self.id if self.kind == PersonKind.CHILD else None

    @property
    def full_name(self) -> str:
        if self.is_unborn and not self.given_name:
            return f"Unborn baby {self.family_name}".strip()
        return f"{self.given_name} {self.family_name}".strip() or "Name not known"


class SourceRecord(TimeStampedModel):
    """One agency's own record of a person, exactly as the agency sent it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    local_id = models.CharField(max_length=100, help_text="The agency's own id for the person")
    payload = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "local_id"], name="source_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.local_id}"


class LinkMethod(models.TextChoices):
    NEW_PERSON = "new_person", "A new person was created for this record"
    VERIFIED_NHS_NUMBER = "verified_nhs_number", "The same verified NHS number"
    NHS_NUMBER_WITH_DEMOGRAPHICS = "nhs_number_with_demographics", "NHS number, names and date of birth agree"
    CONFIRMED_BY_PERSON = "confirmed_by_person", "Confirmed by a person"


class PersonLink(TimeStampedModel):
    """The link of a source record to macpu's person. Undoing it ends the link; nothing is deleted."""

    source_record = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links")
    method = models.CharField(max_length=32, choices=LinkMethod.choices)
    linked_by = models.CharField(max_length=150)
    unlinked_at = models.DateTimeField(null=True, blank=True)
    unlinked_by = models.CharField(max_length=150, blank=True)
    unlink_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_record"], condition=Q(unlinked_at__isnull=True), name="one_open_link_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_record_id} -> {self.person_id}"


class NameKind(models.TextChoices):
    USUAL = "usual", "Usual name"
    ALIAS = "alias", "Also known as"
    PREVIOUS = "previous", "Previous name"
    BIRTH = "birth", "Name at birth"


class PersonName(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=10, choices=NameKind.choices, default=NameKind.USUAL)
    source = models.ForeignKey(SourceRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.kind} name of {self.person_id}"


class IdentifierScheme(models.TextChoices):
    NHS_NUMBER = "nhs_number", "NHS number"
    UPN = "upn", "Unique pupil number"
    FORMER_UPN = "former_upn", "Former unique pupil number"
    LA_SOCIAL_CARE_ID = "la_social_care_id", "Local authority social care id"
    POLICE_ID = "police_id", "Police identifier"
    LOCAL_ID = "local_id", "Local identifier"


class Identifier(TimeStampedModel):
    """A typed identifier. Local and police ids are opaque strings that mean something to their issuer."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=24, choices=IdentifierScheme.choices)
    value = models.CharField(max_length=64)
    issuer = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified = models.BooleanField(default=False, help_text="Traced against the national demographics service")
    warning = models.CharField(max_length=200, blank=True, help_text="Why a valid value looks implausible")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    source = models.ForeignKey(SourceRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["scheme", "value"], name="identifier_lookup")]

    def __str__(self) -> str:
        return f"{self.scheme} of {self.person_id}"


class Address(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    la_code = models.CharField(max_length=3, blank=True, help_text="Local authority the address is in")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.ForeignKey(SourceRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # A refuge or other protected address is sealed (or restricted) by the organisation that recorded it: others who
    # may see the child learn that an address is withheld and whom to ask, never where it is.
    sensitivity = models.CharField(max_length=12, choices=Sensitivity.choices, default=Sensitivity.STANDARD)

    def __str__(self) -> str:
        return f"address of {self.person_id}"


class RelationshipType(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    PARENT_PARTNER = "parent_partner", "Parent's partner"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    RELATIVE = "relative", "Other relative"
    CARER = "carer", "Carer"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    OTHER = "other", "Other"


class Relationship(TimeStampedModel):
    """`relative` is the `type` of `person` (the mother of the child), by the account of `recorded_by`.

    `lives_with` marks a shared household for the period, so the household at any
    date can be computed from the relationships in force on that date.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_as_relative")
    type = models.CharField(max_length=20, choices=RelationshipType.choices)
    lives_with = models.BooleanField(default=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.ForeignKey(SourceRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(person=models.F("relative")), name="relationship_not_to_self"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="relationship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative_id} is {self.type} of {self.person_id}"


class DuplicateStatus(models.TextChoices):
    OPEN = "open", "Open: for a data quality officer to resolve"
    LINKED = "linked", "The same person: linked"
    DISTINCT = "distinct", "Different people"


class ProbableDuplicate(TimeStampedModel):
    """Two records that may be the same person (brief T16): never merged automatically, resolved by a person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="duplicate_flags")
    candidate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    reason = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=150, blank=True)
    resolution_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "candidate"], name="one_duplicate_flag_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} may be {self.candidate_id}"


class MergeStatus(models.TextChoices):
    PROPOSED = "proposed", "Link proposed: waiting for a second person"
    REJECTED = "rejected", "Link rejected by the second person"
    IN_FORCE = "in_force", "Linked: the two records are one"
    UNDO_PROPOSED = "undo_proposed", "Undo proposed: waiting for a second person"
    UNDONE = "undone", "Undone: the records are apart again"


class PersonMerge(TimeStampedModel):
    """Two records of one person folded into one, on a data quality officer's proposal and a second person's approval
    (security targets C4). Its moves (`PersonMergeMove`) say exactly which rows changed, so undoing it puts back those
    rows and nothing else. Nothing is deleted: the folded record stays, marked `merged_into` the survivor."""

    duplicate = models.ForeignKey(ProbableDuplicate, on_delete=models.PROTECT, related_name="merges")
    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    folded = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=MergeStatus.choices, default=MergeStatus.PROPOSED)
    reason = models.CharField(max_length=500)
    proposed_by = models.CharField(max_length=150)
    proposed_by_user_id = models.UUIDField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["duplicate"],
                condition=Q(status__in=["proposed", "in_force", "undo_proposed"]),
                name="one_live_merge_per_duplicate",
            ),
            models.CheckConstraint(condition=~Q(survivor=models.F("folded")), name="merge_of_two_records"),
        ]

    def __str__(self) -> str:
        return f"{self.folded_id} into {self.survivor_id}"


class MergeStepKind(models.TextChoices):
    PROPOSED = "proposed", "Link proposed"
    APPROVED = "approved", "Link approved"
    REJECTED = "rejected", "Link rejected"
    UNDO_PROPOSED = "undo_proposed", "Undo proposed"
    UNDO_APPROVED = "undo_approved", "Undo approved"
    UNDO_REJECTED = "undo_rejected", "Undo rejected"


class PersonMergeStep(TimeStampedModel):
    """One person's step in a merge's life, with their reason: who proposed, who approved or rejected."""

    merge = models.ForeignKey(PersonMerge, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(max_length=16, choices=MergeStepKind.choices)
    by = models.CharField(max_length=150)
    by_user_id = models.UUIDField(null=True, blank=True)
    role = models.CharField(max_length=40, blank=True)
    reason = models.CharField(max_length=500)

    def __str__(self) -> str:
        return f"{self.kind} of {self.merge_id}"


class PersonMergeMove(models.Model):
    """One field of one row changed by a merge: undoing the merge sets it back to `old_value` ("" for none)."""

    merge = models.ForeignKey(PersonMerge, on_delete=models.PROTECT, related_name="moves")
    model = models.CharField(max_length=100, help_text="The row's model label, e.g. events.Event")
    row_pk = models.CharField(max_length=64)
    field = models.CharField(max_length=64)
    old_value = models.TextField(blank=True)  # an id, a date or a resolution reason (500)
    new_value = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["merge", "model"], name="merge_move_by_model")]

    def __str__(self) -> str:
        return f"{self.model} {self.row_pk}.{self.field}"


class SearchKey(models.Model):
    """A blocking key of a person (`people.rules.search_keys`): search and the feed read the people who share a key
    with a description, then score only those. About ten short keys per person, from every name, date of birth,
    postcode and NHS number the person has had, kept in step by `people.services.search_index` (ADR 0019)."""

    key = models.CharField(max_length=48)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "person"], name="search_key_unique")]

    def __str__(self) -> str:
        return f"search key of {self.person_id}"
