"""Who works where, in which role, and which organisations are involved with which child."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from macpu.access.roles import Role
from macpu.core.models import TimeStampedModel, UUIDModel


class User(AbstractUser, UUIDModel):
    """A person who signs in to macpu. What they may do comes from their memberships."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class Membership(TimeStampedModel):
    """A user's role in one organisation, for a period. A leaver's membership ends, and with it their access.

    `ends_on` is the last day the role is held. A membership ended on or before today also records
    `ended_at`, the moment its access stopped: from then it grants nothing, not from tomorrow.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=40, choices=[(r.value, r.label) for r in Role])
    job_title = models.CharField(max_length=120, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} as {self.role} in {self.organisation_id}"


class InvolvementBasis(models.TextChoices):
    RECORDED = "recorded", "Recorded something about the child"
    NETWORK = "network", "Added to the child's professional network"
    STATUTORY_STEP = "statutory_step", "Invited to a strategy discussion, conference or core group, or given an action"


class Involvement(TimeStampedModel):
    """An organisation's involvement with a child: the relationship that opens the child's shared record to it.

    Involvement by the organisation's own recording is a claimed relationship:
    the child's lead practitioner and the involved safeguarding leads are told.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=16, choices=InvolvementBasis.choices)
    claimed = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "organisation"],
                condition=Q(ended_at__isnull=True),
                name="one_open_involvement_per_organisation",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "child"], name="involvement_by_org")]

    def __str__(self) -> str:
        return f"{self.organisation_id} involved with {self.child_id}"


class NetworkRole(models.TextChoices):
    LEAD_PRACTITIONER = "lead_practitioner", "Lead practitioner"
    LEAD_CHILD_PROTECTION_PRACTITIONER = (
        "lead_child_protection_practitioner",
        "Lead child protection practitioner",
    )
    KEY_WORKER = "key_worker", "Key worker"
    MEMBER = "member", "Member of the professional network"


class NetworkMember(TimeStampedModel):
    """A named professional in a child's professional network, for a period."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    network_role = models.CharField(max_length=40, choices=NetworkRole.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} {self.network_role} for {self.child_id}"


class ApiClient(TimeStampedModel):
    """An organisation's system that sends events to macpu. It may only send for its own organisation, and reads nothing.

    Only a hash of the token is stored; the token is shown once, when issued.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    token_prefix = models.CharField(max_length=12, help_text="The first characters, to recognise a token by")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.CharField(max_length=150)
    rotated_at = models.DateTimeField(null=True, blank=True, help_text="When the token was last replaced")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=150, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class BreakGlassReason(models.TextChoices):
    IMMEDIATE_RISK = "immediate_risk", "A child may be at immediate risk of significant harm"
    EMERGENCY_CARE = "emergency_care", "Emergency medical or unscheduled care"
    MISSING_CHILD = "missing_child", "A child is missing"
    POLICE_PROTECTION = "police_protection", "A police emergency, such as police protection (Children Act 1989 s.46)"
    OTHER = "other", "Another emergency"


class BreakGlassReview(models.TextChoices):
    APPROPRIATE = "appropriate", "Appropriate: the emergency justified it"
    INAPPROPRIATE = "inappropriate", "Not appropriate: to be followed up"


class BreakGlassGrant(TimeStampedModel):
    """Emergency access to one child's record by someone whose organisation is not involved: for a few hours, with
    the reason given after signing in again; the child's lead practitioner and the involved safeguarding leads are
    told at once, and an information governance officer reviews every use."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=64)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason_category = models.CharField(max_length=24, choices=BreakGlassReason.choices)
    reason = models.TextField()
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    review_outcome = models.CharField(max_length=16, choices=BreakGlassReview.choices, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "expires_at"], name="break_glass_by_user"),
            models.Index(fields=["reviewed_at", "started_at"], name="break_glass_to_review"),
        ]

    def __str__(self) -> str:
        return f"break-glass by {self.user_id} for {self.child_id}"
