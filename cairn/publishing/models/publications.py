"""Publications: statements, review reports, learning summaries and yearly reports.

A publication has numbered versions. One version at a time is open (a draft, waiting for
approval, or approved and waiting to be published); once published a version never changes:
the services refuse it and so does the database (a trigger, migration 0002). An amendment is a
new version with a public note saying what changed. The redaction gate's scans and hits are in
``gate.py``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.accounts.models import Partnership
from cairn.core.models import Versioned
from cairn.publishing.choices import PublicationKind, VersionSource, VersionStatus
from cairn.reviews.models import Review


class Publication(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="publications"
    )
    kind = models.CharField(max_length=20, choices=PublicationKind.choices)
    title = models.CharField(
        max_length=200, help_text="The title of its latest version, kept in step by the services"
    )
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The public address: /public/<slug>/"
    )
    review = models.ForeignKey(
        Review,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        help_text="The redaction gate checks the text against everyone linked to this review",
    )
    planned_on = models.DateField(
        "planned publication date",
        null=True,
        blank=True,
        help_text="The advance copy deadline counts back from this date",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="publications_created"
    )

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title


class PublicationVersion(Versioned):
    """One version of a publication. ``number`` counts from 1; ``version`` (from Versioned)
    is the edit counter that guards against overwrites."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(max_length=200)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences shown in the list and feed"
    )
    text = models.TextField(blank=True)
    source = models.CharField(
        max_length=10, choices=VersionSource.choices, default=VersionSource.TYPED
    )
    document_name = models.CharField(max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    amendment_note = models.TextField(
        blank=True,
        help_text="Public: what changed since the previous version, and why",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_reason = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publish_at = models.DateTimeField(
        "scheduled publication", null=True, blank=True, help_text="Empty: publish on approval"
    )
    publish_blocked = models.TextField(
        blank=True, help_text="Why the scheduled publication could not go ahead"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="publication_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["publication"],
                condition=~Q(status=VersionStatus.PUBLISHED),
                name="publication_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.PUBLISHED, published_at__isnull=False)
                | (~Q(status=VersionStatus.PUBLISHED) & Q(published_at__isnull=True)),
                name="publication_version_published_at",
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(status=VersionStatus.PUBLISHED) | ~Q(amendment_note=""),
                name="publication_amendment_has_note",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.number})"

    @property
    def partnership_id(self):
        return self.publication.partnership_id

    @property
    def is_open(self) -> bool:
        return self.status != VersionStatus.PUBLISHED


class VersionDocument(models.Model):
    """The uploaded file a version's text was read from, kept with it. Not in the audit
    trail (bytes); the version records its name, size and SHA-256, which are."""

    cairn_audited = False

    version = models.OneToOneField(
        PublicationVersion, on_delete=models.PROTECT, related_name="document"
    )
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.filename


class AdvanceCopy(models.Model):
    """A copy of a version sent before publication (to the national panel, the Secretary of
    State, Ofsted, the family...)."""

    version = models.ForeignKey(
        PublicationVersion, on_delete=models.PROTECT, related_name="advance_copies"
    )
    sent_to = models.CharField(max_length=200)
    sent_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name_plural = "advance copies"

    def __str__(self):
        return f"Advance copy to {self.sent_to}"

    @property
    def partnership_id(self):
        return self.version.publication.partnership_id
