"""Action plans: recommendations turned into actions, monitored until there is evidence of impact.

A plan is multi-agency (one per review), single-agency (an agency's answer to the
recommendations addressed to it) or an improvement plan (multi-year, with workstreams, under
an improvement board). Its life: draft, agreed by its governance body, monitored at a set
frequency, closed only when the body accepts the evidence. An action's RAG rating is derived
from its dates and progress (``cairn.actionplans.selectors.action_rag``), never typed.
Reminders are an outbox: one row per reminder, unique, so a reminder is sent once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.accounts.models import Agency, Partnership
from cairn.core.models import OutboxMessage, Versioned
from cairn.governance.models import BodyDecision, GovernanceBody
from cairn.incidents.models import Context
from cairn.reviews.models import Recommendation, Review


class PlanKind(models.TextChoices):
    MULTI_AGENCY = "multi_agency", "Multi-agency action plan"
    SINGLE_AGENCY = "single_agency", "Single-agency action plan"
    IMPROVEMENT = "improvement", "Improvement plan"
    PREVENTION = "prevention", "Prevention plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    MONITORED = "monitored", "Being monitored"
    CLOSED = "closed", "Closed"


class ActionPlan(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="action_plans"
    )
    kind = models.CharField(max_length=16, choices=PlanKind.choices)
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="action_plans", null=True, blank=True
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="action_plans",
        null=True,
        blank=True,
        help_text="Single-agency plans: the agency whose plan it is",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_plans_owned"
    )
    context = models.ForeignKey(
        Context,
        on_delete=models.PROTECT,
        related_name="prevention_plans",
        null=True,
        blank=True,
        help_text="Prevention plans: the school, place or online space it is about",
    )
    pattern = models.TextField(
        "pattern it answers",
        blank=True,
        help_text="Prevention plans: what was seen, e.g. a rise in image sharing on one app",
    )
    monitoring_body = models.ForeignKey(
        GovernanceBody, on_delete=models.PROTECT, related_name="monitored_plans"
    )
    monitor_every_months = models.PositiveSmallIntegerField("monitored every (months)", default=2)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    agreed_by = models.ForeignKey(
        BodyDecision, on_delete=models.PROTECT, related_name="plans_agreed", null=True, blank=True
    )
    last_monitored_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        BodyDecision, on_delete=models.PROTECT, related_name="plans_closed", null=True, blank=True
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="single_agency") | Q(agency__isnull=False),
                name="single_agency_plan_names_agency",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="plan_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title


class Workstream(Versioned):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="workstreams")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    lead_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="workstream_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def partnership_id(self):
        return self.plan.partnership_id


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PlanAction(Versioned):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    number = models.CharField(max_length=12, help_text="For example 1.3")
    description = models.TextField("what will be done")
    outcome_sought = models.TextField("what difference it should make", blank=True)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="actions")
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plan_actions")
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plan_actions_led",
        null=True,
        blank=True,
    )
    lead_name = models.CharField("named lead", max_length=200)
    starts_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(default=0)
    completed_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    proposed_for_closure = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="plan_action_status_due")]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_action_number_unique"),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("starts_on")), name="plan_action_due_after_start"
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="plan_action_percent_max_100"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.description[:60]}"

    @property
    def partnership_id(self):
        return self.plan.partnership_id


class ProgressUpdate(Versioned):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField()
    text = models.TextField("progress")
    percent_complete = models.PositiveSmallIntegerField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["action", "-written_on", "-pk"]

    @property
    def partnership_id(self):
        return self.action.partnership_id


class EvidenceKind(models.TextChoices):
    COMPLETION = "completion", "Evidence of completion"
    IMPACT = "impact", "Evidence of impact"


class EvidenceSource(models.TextChoices):
    DOCUMENT = "document", "Document, policy or procedure"
    AUDIT = "audit", "Case audit"
    DATA = "data", "Performance data"
    TRAINING = "training", "Training records"
    VOICE = "voice", "What young people and families said"
    PRACTITIONERS = "practitioners", "What practitioners said"


class Evidence(Versioned):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    source = models.CharField(max_length=16, choices=EvidenceSource.choices)
    description = models.TextField("what the evidence shows")
    location = models.CharField(
        "where it is kept", max_length=300, blank=True, help_text="Document reference or link"
    )
    received_on = models.DateField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_by = models.ForeignKey(
        BodyDecision,
        on_delete=models.PROTECT,
        related_name="evidence_accepted",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["action", "received_on", "pk"]
        verbose_name_plural = "evidence"

    @property
    def partnership_id(self):
        return self.action.partnership_id


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    ESCALATION = "escalation", "Escalated to the agency's board member"


class Reminder(OutboxMessage):
    """An e-mail that must go once: unique per action, kind, due date and recipient."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    for_due_on = models.DateField(help_text="The due date the reminder is about")

    class Meta(OutboxMessage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "for_due_on", "recipient"], name="reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.action.number} to {self.recipient}"
