"""Reminders and escalations for plan actions, through an outbox (decision 0012).

``reminders_due(today=...)`` writes one ``Reminder`` row for each e-mail that should go:

- **due soon**: an open action due within ``DUE_SOON_DAYS`` days, to its named lead;
- **overdue**: an open action past its due date, to its named lead;
- **escalation**: an open action more than ``ESCALATE_AFTER_DAYS`` days overdue, to the
  member of the plan's monitoring body who represents the action's lead agency, or to the
  body's chair when no one does.

A row is unique per action, kind, due date and recipient, so writing the same reminders again
adds nothing. ``reminders_send()`` then sends each unsent row on its own: it locks the row
(``SELECT ... FOR UPDATE SKIP LOCKED``, so two senders never take the same one), sends the
e-mail and marks it sent in the same transaction. Running twice sends nothing twice; a crash
half-way leaves the rest unsent for the next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cairn.actionplans.models import (
    ActionStatus,
    PlanAction,
    PlanStatus,
    Reminder,
    ReminderKind,
)
from cairn.audit.services import record_bulk_create
from cairn.core.outbox import outbox_send
from cairn.governance.models import BodyMember, MemberRole

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 10
"""Remind the lead when an open action is due within this many days (today included)."""
ESCALATE_AFTER_DAYS = 30
"""Escalate to the agency's board member when an action is overdue by more than this."""

LIVE_PLANS = (PlanStatus.AGREED, PlanStatus.MONITORED)
OPEN = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Due:
    action_id: int
    kind: str
    for_due_on: date
    recipient: str


def _board_members(body_ids, today: date) -> dict:
    """For each body: its members by agency, and its chair (current seats with an e-mail)."""
    members = (
        BodyMember.objects.filter(body_id__in=body_ids)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .select_related("user")
        .order_by("pk")
    )
    by_agency: dict[tuple[int, int], str] = {}
    chairs: dict[int, str] = {}
    for m in members:
        email = m.email or (m.user.email if m.user else "")
        if not email:
            continue
        if m.agency_id:
            by_agency.setdefault((m.body_id, m.agency_id), email)
        if m.role == MemberRole.CHAIR:
            chairs.setdefault(m.body_id, email)
    return {"agency": by_agency, "chair": chairs}


def reminders_wanted(*, today: date) -> list[Due]:
    """Every reminder that should exist on ``today`` (two queries)."""
    actions = list(
        PlanAction.objects.filter(
            status__in=OPEN,
            plan__status__in=LIVE_PLANS,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("lead_user", "plan")
        .order_by("due_on", "pk")
    )
    board = _board_members({a.plan.monitoring_body_id for a in actions}, today)
    wanted = []
    for a in actions:
        lead = a.lead_user.email if a.lead_user and a.lead_user.is_active else ""
        if lead:
            kind = ReminderKind.OVERDUE if a.due_on < today else ReminderKind.DUE_SOON
            wanted.append(Due(a.pk, kind, a.due_on, lead))
        if (today - a.due_on).days > ESCALATE_AFTER_DAYS:
            body = a.plan.monitoring_body_id
            to = board["agency"].get((body, a.lead_agency_id)) or board["chair"].get(body)
            if to:
                wanted.append(Due(a.pk, ReminderKind.ESCALATION, a.due_on, to))
            else:
                logger.warning("No one to escalate action %s to: the body has no chair", a.pk)
    return wanted


def reminders_due(today: date | None = None) -> int:
    """Write the outbox rows for ``today``; returns how many are new."""
    today = today or timezone.localdate()
    wanted = reminders_wanted(today=today)
    with transaction.atomic():
        before = Reminder.objects.count()
        Reminder.objects.bulk_create([Reminder(**vars(d)) for d in wanted], ignore_conflicts=True)
        created = Reminder.objects.count() - before
        if created:
            record_bulk_create(
                model=Reminder, count=created, note=f"Plan action reminders for {today}"
            )
    return created


SUBJECTS = {
    ReminderKind.DUE_SOON: "Action {number} is due on {due}",
    ReminderKind.OVERDUE: "Action {number} is overdue: it was due on {due}",
    ReminderKind.ESCALATION: "Escalation: action {number} for {agency} is over {days} days late",
}


def _message(reminder: Reminder) -> tuple[str, str]:
    a = reminder.action
    facts = {
        "number": a.number,
        "due": f"{a.due_on:%-d %B %Y}",
        "agency": a.lead_agency.name,
        "days": ESCALATE_AFTER_DAYS,
    }
    subject = SUBJECTS[reminder.kind].format(**facts)
    body = (
        f"{subject}.\n\n"
        f"Plan: {a.plan.title}\n"
        f"Action {a.number}: {a.description}\n"
        f"Lead: {a.lead_name}, {a.lead_agency.name}\n"
        f"Due: {facts['due']}\n"
        f"Progress: {a.percent_complete}% complete\n\n"
        "Please sign in to Cairn to record progress or evidence (Plans, then Your plan actions)."
    )
    return subject, body


def reminders_send() -> int:
    """Send every unsent reminder, one at a time; returns how many were sent. A reminder the
    mail server refuses stays unsent for the next run and does not stop the others; if the
    process dies half-way, what was sent is marked and the rest waits for the next run."""
    return outbox_send(Reminder, message=_message, related=["action__plan", "action__lead_agency"])
