"""The redaction gate's record: each scan of a version (when, by whom, of which text) and each
hit it found, with its justification when a named person decided it may stay.

Scans are append-only (a trigger refuses UPDATE and DELETE, migration 0002): the report of
hits is kept. A hit changes once, when it is justified, and never after.
"""

from django.conf import settings
from django.db import models

from cairn.people.models import Person
from cairn.publishing.models.publications import PublicationVersion


class GateScan(models.Model):
    version = models.ForeignKey(PublicationVersion, on_delete=models.PROTECT, related_name="scans")
    scanned_at = models.DateTimeField(auto_now_add=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty: Cairn itself, when a scheduled version was published",
    )
    text_sha256 = models.CharField(max_length=64, help_text="Of the text scanned")
    people_checked = models.PositiveIntegerField()
    details_checked = models.PositiveIntegerField()
    hit_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["version", "-scanned_at", "-pk"]

    def __str__(self):
        return f"Redaction check of {self.version} ({self.hit_count} found)"

    @property
    def partnership_id(self):
        return self.version.publication.partnership_id


class GateHit(models.Model):
    scan = models.ForeignKey(GateScan, on_delete=models.PROTECT, related_name="hits")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person_label = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    detail = models.CharField(max_length=300, help_text="The detail as held on the record")
    description = models.CharField(max_length=120, blank=True)
    text = models.CharField(max_length=300, help_text="As written in the publication")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    line = models.PositiveIntegerField()
    snippet = models.TextField()
    how = models.CharField(max_length=60)
    also = models.JSONField(default=list, blank=True)
    justified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    justified_at = models.DateTimeField(null=True, blank=True)
    justification = models.TextField(blank=True)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The hit of an earlier check whose justification this one keeps",
    )

    class Meta:
        ordering = ["scan", "start", "pk"]

    def __str__(self):
        return f"{self.text} ({self.person_label})"

    @property
    def partnership_id(self):
        return self.scan.version.publication.partnership_id

    @property
    def is_justified(self) -> bool:
        return self.justified_at is not None

    def key(self) -> tuple:
        """What makes two hits of two checks the same finding, for carrying a justification."""
        return (self.person_id, self.kind, self.detail.lower(), self.text, self.snippet)

    def snippet_parts(self) -> tuple[str, str, str]:
        """The snippet cut around the words found, to highlight them."""
        written = " ".join(self.text.split())
        at = self.snippet.find(written)
        if at < 0:
            return self.snippet, "", ""
        return self.snippet[:at], written, self.snippet[at + len(written) :]
