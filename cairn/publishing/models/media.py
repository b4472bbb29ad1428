"""Media enquiries: what a journalist asked, by when, who in the communications team answers,
and what was said."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.accounts.models import Partnership
from cairn.core.models import Versioned
from cairn.publishing.choices import EnquiryStatus
from cairn.publishing.models.publications import Publication


class MediaEnquiry(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="media_enquiries"
    )
    outlet = models.CharField(max_length=200)
    journalist = models.CharField(max_length=200)
    contact = models.CharField("journalist's email or phone", max_length=200, blank=True)
    received_at = models.DateTimeField()
    deadline = models.DateTimeField("journalist's deadline")
    topic = models.TextField("what they asked")
    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="media_enquiries",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="media_enquiries_owned",
        help_text="Who in the communications team answers it",
    )
    status = models.CharField(
        max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN
    )
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name_plural = "media enquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("received_at")), name="media_deadline_after_received"
            ),
            models.CheckConstraint(
                condition=~Q(status=EnquiryStatus.ANSWERED) | Q(responded_at__isnull=False),
                name="media_answered_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.journalist}"
