"""Each area's multi-agency child protection teams and their members, with the place each member fills."""

from django.db import models

from macpu.core.models import TimeStampedModel
from macpu.macpt.rules.membership import NOMINATING_BODY_LABELS, PLACE_LABELS, Member, NominatingBody, Place
from macpu.organisations.models import Area, Organisation


class MacpTeam(TimeStampedModel):
    """A multi-agency child protection team the area's safeguarding partners established (CA 2004 s.16EA(1))."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="macp_teams")
    name = models.CharField(max_length=120)
    established_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["area", "name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="macp_team_name_once_per_area")]

    def __str__(self) -> str:
        return self.name


class MacpTeamMember(TimeStampedModel):
    """A person on a team: the statutory place they fill and who nominated them, from when until when.

    `name` and `role` are free text (a member need not use macpu). A member is never deleted: a leaver gets
    `left_on`, the first day they are no longer on the team, so the team's past membership stays readable.
    """

    team = models.ForeignKey(MacpTeam, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, help_text="Their role or job title")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    membership = models.CharField(
        max_length=20, choices=[(p.value, label) for p, label in PLACE_LABELS.items()], help_text="The place they fill"
    )
    nominated_by = models.CharField(
        max_length=30, choices=[(b.value, label) for b, label in NOMINATING_BODY_LABELS.items()]
    )
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "joined_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__in=[p.value for p in Place]), name="macp_member_membership_known"
            ),
            models.CheckConstraint(
                condition=models.Q(nominated_by__in=[b.value for b in NominatingBody]),
                name="macp_member_nominated_by_known",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="macp_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.membership})"

    @property
    def place(self) -> Place:
        return Place(self.membership)

    @property
    def nominating_body(self) -> NominatingBody:
        return NominatingBody(self.nominated_by)

    def as_rule_member(self) -> Member:
        return Member(self.place, self.nominating_body, self.joined_on, self.left_on)
