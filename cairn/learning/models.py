"""Learning briefings and the practice guidance library.

A *briefing* (e.g. a seven-minute briefing) is written from a review and/or a thematic audit
and sent to chosen agencies and roles. Sending freezes the list of recipients: one
``Receipt`` per person, kept whatever later happens to their account. Each recipient
acknowledges reading (opening the page is not an acknowledgement) and, some weeks later,
answers a follow-up question. A sent briefing is never edited: a ``Correction`` is added.

``Notice`` is the outbox of e-mails about a briefing (decision 0012): one row per recipient and
kind, written once and sent once.

A *resource* of the practice guidance library is a link and summary of a tool practitioners
use. National resources come from ``cairn/data/practice_library.yaml`` (``partnership`` empty);
a partnership adds its own.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from cairn.accounts.choices import Role
from cairn.accounts.models import Agency, Partnership
from cairn.core.models import OutboxMessage, Versioned
from cairn.guidance.models import AuditRun
from cairn.learning.choices import (
    FOLLOW_UP_QUESTION,
    BriefingKind,
    BriefingStatus,
    NoticeKind,
    Theme,
    Topic,
)
from cairn.reviews.models import Review

DEFAULT_FOLLOW_UP_WEEKS = 6
DEFAULT_REMIND_AFTER_DAYS = 10


class Briefing(Versioned):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="briefings")
    kind = models.CharField(
        max_length=20, choices=BriefingKind.choices, default=BriefingKind.SEVEN_MINUTE
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="One or two sentences: why this matters")
    body = models.TextField(help_text="Plain text: blank lines between paragraphs")
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="briefings", null=True, blank=True
    )
    audit_run = models.ForeignKey(
        AuditRun,
        on_delete=models.PROTECT,
        related_name="briefings",
        null=True,
        blank=True,
        verbose_name="thematic audit",
    )
    agencies = models.ManyToManyField(Agency, related_name="+", blank=True)
    roles = ArrayField(models.CharField(max_length=32, choices=Role.choices), default=list)
    follow_up_weeks = models.PositiveSmallIntegerField(default=DEFAULT_FOLLOW_UP_WEEKS)
    follow_up_question = models.TextField(default=FOLLOW_UP_QUESTION)
    remind_after_days = models.PositiveSmallIntegerField(
        "remind after (working days)", default=DEFAULT_REMIND_AFTER_DAYS
    )
    status = models.CharField(
        max_length=8, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    remind_on = models.DateField(
        null=True, blank=True, help_text="Set when sent: remind whoever has not read it by then"
    )
    follow_up_on = models.DateField(
        null=True, blank=True, help_text="Set when sent: the follow-up question opens that day"
    )

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(sent_at__isnull=False, remind_on__isnull=False, follow_up_on__isnull=False),
                name="briefing_sent_has_dates",
            ),
            models.CheckConstraint(condition=Q(follow_up_weeks__gte=1), name="follow_up_weeks_1"),
            models.CheckConstraint(
                condition=Q(remind_after_days__gte=1), name="remind_after_days_1"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.status == BriefingStatus.SENT


class Correction(models.Model):
    """A note added to a sent briefing: the only way it changes after sending."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField()
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["issued_at", "pk"]

    def __str__(self):
        return f"Correction to {self.briefing}"

    @property
    def partnership_id(self):
        return self.briefing.partnership_id


class Receipt(models.Model):
    """One recipient of one sent briefing, frozen at send with the agency they were in."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="receipts")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="briefing_receipts"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    first_opened_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(
        null=True, blank=True, help_text="When the recipient said they had read it"
    )
    follow_up_answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["briefing", "agency", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "recipient"], name="receipt_once"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(read_at__isnull=False),
                name="receipt_answered_after_read",
            ),
        ]

    def __str__(self):
        return f"{self.briefing} to {self.recipient}"

    @property
    def partnership_id(self):
        return self.briefing.partnership_id


class Notice(OutboxMessage):
    """An e-mail about a briefing that must go once: unique per receipt and kind."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)

    class Meta(OutboxMessage.Meta):
        constraints = [
            models.UniqueConstraint(fields=["receipt", "kind"], name="briefing_notice_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}"

    @property
    def partnership_id(self):
        return self.receipt.briefing.partnership_id


class Resource(Versioned):
    """A tool or guidance document practitioners use: shown as a link, never fetched."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="practice_resources",
        null=True,
        blank=True,
        help_text="Empty for the national library loaded from the data file",
    )
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500, blank=True)
    summary = models.TextField()
    themes = ArrayField(models.CharField(max_length=40, choices=Theme.choices), default=list)
    topics = ArrayField(
        models.CharField(max_length=40, choices=Topic.choices), default=list, blank=True
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(partnership__isnull=True), name="resource_national_key"
            ),
            models.UniqueConstraint(fields=["partnership", "key"], name="resource_local_key"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_local(self) -> bool:
        return self.partnership_id is not None

    def theme_labels(self) -> list[str]:
        return [Theme(t).label for t in self.themes if t in Theme.values]
