"""The organisations that work with children: each school, practice, team, force and service is its own."""

from django.db import models

from macpu.core.models import VersionedModel
from macpu.organisations.rules.vocabulary import (
    SECTOR_LABELS,
    TYPE_LABELS,
    OrganisationType,
    Sector,
)


class Area(VersionedModel):
    """A local authority area and its safeguarding partnership: the owner of local configuration."""

    name = models.CharField(max_length=120)
    la_code = models.CharField(max_length=3, unique=True, help_text="DfE 3-digit local authority number")
    partnership_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(VersionedModel):
    code = models.CharField(max_length=20, unique=True, help_text="The organisation's primary code")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=40, choices=[(t.value, label) for t, label in TYPE_LABELS.items()])
    sector = models.CharField(max_length=20, choices=[(s.value, label) for s, label in SECTOR_LABELS.items()])
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    ods_code = models.CharField(max_length=10, blank=True, help_text="NHS Organisation Data Service code")
    urn = models.CharField(max_length=7, blank=True, help_text="School unique reference number")
    force_code = models.CharField(max_length=10, blank=True, help_text="Police force code")
    la_code = models.CharField(max_length=3, blank=True, help_text="Local authority of the organisation")
    office_hours_phone = models.CharField(max_length=30, blank=True)
    out_of_hours_phone = models.CharField(max_length=30, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="organisations")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=[t.value for t in OrganisationType]), name="organisation_type_known"
            ),
            models.CheckConstraint(
                condition=models.Q(sector__in=[s.value for s in Sector]), name="organisation_sector_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[OrganisationType(self.type)]

    @property
    def sector_label(self) -> str:
        return SECTOR_LABELS[Sector(self.sector)]


class Team(VersionedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")]

    def __str__(self) -> str:
        return self.name
