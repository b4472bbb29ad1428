"""Governance bodies, their members and meetings, and the decisions they take.

The review group, partnership executive, scrutiny committee, cabinet and improvement board
are all bodies: people (some of them outside Cairn: councillors, an independent chair) meet,
follow an agenda and decide. A decision is the governance route other records point at: a
recommendation "agreed by the scrutiny committee on 12 March 2020", a plan "approved by
cabinet, decision CAB/2020/045", a closure "accepted by the review group".

This app sits below ``reviews`` and ``actionplans``; an agenda item points at what it is
about through a content type, so governance never imports them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from cairn.accounts.models import Agency, Partnership
from cairn.core.models import Versioned


class BodyKind(models.TextChoices):
    REVIEW_GROUP = "review_group", "Review group"
    PARTNERSHIP_EXECUTIVE = "partnership_executive", "Partnership executive"
    SCRUTINY_COMMITTEE = "scrutiny_committee", "Scrutiny committee"
    CABINET = "cabinet", "Cabinet"
    IMPROVEMENT_BOARD = "improvement_board", "Improvement board"
    OTHER = "other", "Other group"


class GovernanceBody(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="governance_bodies"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=BodyKind.choices)
    purpose = models.TextField(blank=True)
    chair_name = models.CharField(max_length=200, blank=True)
    chair_is_independent = models.BooleanField(
        "independent chair", default=False, help_text="Chaired by someone from outside the partners"
    )
    meets_every_months = models.PositiveSmallIntegerField(
        "meets every (months)", default=1, help_text="How often the body usually meets"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "governance bodies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="body_name_unique")
        ]

    def __str__(self):
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"
    SECRETARIAT = "secretariat", "Business support"


class BodyMember(Versioned):
    """A seat on a body: a Cairn user, or someone outside Cairn (a councillor) by name."""

    body = models.ForeignKey(GovernanceBody, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="body_seats",
        null=True,
        blank=True,
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="body_seats",
        null=True,
        blank=True,
        help_text="The agency this member represents (escalations for the agency go to them)",
    )
    role = models.CharField(max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joined",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def partnership_id(self):
        return self.body.partnership_id


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(Versioned):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="meetings")
    body = models.ForeignKey(GovernanceBody, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("meeting date")
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(blank=True)
    minutes_approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "pk"]
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_date")]

    def __str__(self):
        return f"{self.body.name}, {self.held_on:%-d %B %Y}"


class AgendaItemKind(models.TextChoices):
    PLAN_MONITORING = "plan_monitoring", "Action plan due for monitoring"
    CLOSURE_PROPOSAL = "closure_proposal", "Actions proposed for closure"
    RECOMMENDATION_DECISION = "recommendation_decision", "Recommendation awaiting a decision"
    REVIEW_UPDATE = "review_update", "Review progress"
    OTHER = "other", "Other business"


class AgendaItem(Versioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=32, choices=AgendaItemKind.choices)
    presenter = models.CharField(max_length=200, blank=True)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def partnership_id(self):
        return self.meeting.partnership_id


class BodyDecision(Versioned):
    """What a body decided, on which date, with its reference: the governance route."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="body_decisions"
    )
    body = models.ForeignKey(GovernanceBody, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", null=True, blank=True
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, related_name="decisions", null=True, blank=True
    )
    decided_on = models.DateField("date decided")
    reference = models.CharField(
        "decision reference", max_length=60, blank=True, help_text="For example CAB/2020/045"
    )
    summary = models.TextField("what was decided")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "pk"]

    def __str__(self):
        ref = f" ({self.reference})" if self.reference else ""
        return f"{self.body.name}, {self.decided_on:%-d %B %Y}{ref}"
