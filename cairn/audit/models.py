"""The append-only, hash-chained audit trail.

Each event carries the hash of the event before it; ``cairn verify-audit`` walks the chain.
The database refuses UPDATE, DELETE and TRUNCATE on this table (see migration 0002).
"""

from django.conf import settings
from django.db import models

from cairn.audit.choices import AuditAction


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True, help_text="Position in the chain, from 1")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254)
    partnership_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-seq"], name="audit_object_idx"),
            models.Index(fields=["actor", "-seq"], name="audit_actor_idx"),
        ]

    def __str__(self):
        return (
            f"#{self.seq} {self.action} {self.object_type}:{self.object_id} by {self.actor_label}"
        )
