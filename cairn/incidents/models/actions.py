"""Actions: owned by an agency and a named person, due on a date, done with a note.

An action hangs off a child's involvement (most often) or off the incident as a whole (for
example, making a place safer). Its due date is chosen, or computed once by ``cairn.clocks``
from a timescale and a start date; the clock used is kept so that a reader knows why.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.accounts.models import Agency, Partnership
from cairn.core.models import Versioned
from cairn.incidents.models.incidents import Incident, Involvement


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(Versioned):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="actions")
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    involvement = models.ForeignKey(
        Involvement, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    description = models.TextField("what needs to be done")
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions_owned"
    )
    due_on = models.DateField("due date")
    due_clock = models.CharField(
        "timescale", max_length=64, blank=True, help_text="The clock the due date came from"
    )
    due_from = models.DateField("timescale started on", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completion_note = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner_user", "status", "due_on"], name="action_owner_due"),
            models.Index(fields=["owner_agency", "status", "due_on"], name="action_agency_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(incident__isnull=False) | Q(involvement__isnull=False),
                name="action_about_incident_or_child",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(completion_note=""),
                name="action_done_has_note",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, today) -> bool:
        """Past due: the due date has gone and the action is neither done nor cancelled."""
        return self.is_open and self.due_on < today

    def __str__(self):
        text = self.description if len(self.description) <= 60 else self.description[:57] + "..."
        return f"Action: {text}"
