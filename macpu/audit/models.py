"""The audit log: an append-only, hash-chained record of every read and write of case data.

Only `macpu.audit.record` creates rows (an import contract enforces it); database
triggers refuse UPDATE and DELETE; the hash chain makes any edit detectable.
The table has no foreign keys, so the trail outlives the records it describes.
"""

from typing import Any

from django.db import models


class AuditEvent(models.Model):
    # The position in the chain, assigned by record() under the chain lock: contiguous,
    # so a deleted row leaves a visible gap as well as a broken link.
    sequence = models.BigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField()
    action = models.CharField(max_length=64)
    outcome = models.CharField(max_length=16)
    actor_kind = models.CharField(max_length=16)
    actor_label = models.CharField(max_length=150)
    actor_user_id = models.CharField(max_length=36, blank=True)
    organisation_id = models.CharField(max_length=36, blank=True)
    role = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    child_id = models.CharField(max_length=36, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    client_ip = models.CharField(max_length=45, blank=True)
    details = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["child_id", "sequence"], name="audit_by_child"),
            models.Index(fields=["actor_user_id", "sequence"], name="audit_by_user"),
            models.Index(fields=["target_type", "target_id", "sequence"], name="audit_by_target"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} by {self.actor_label}"

    def chained_content(self) -> dict[str, Any]:
        """Everything the hash covers: every column but the two hashes."""
        return {
            "sequence": self.sequence,
            "occurred_at": self.occurred_at.isoformat(),
            "action": self.action,
            "outcome": self.outcome,
            "actor_kind": self.actor_kind,
            "actor_label": self.actor_label,
            "actor_user_id": self.actor_user_id,
            "organisation_id": self.organisation_id,
            "role": self.role,
            "purpose": self.purpose,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "child_id": self.child_id,
            "request_id": self.request_id,
            "client_ip": self.client_ip,
            "details": self.details,
        }
