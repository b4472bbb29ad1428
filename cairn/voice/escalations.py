"""Escalation of late family feedback, through an outbox (the pattern of decision 0012).

``escalations_due(today=...)`` writes one ``FeedbackEscalation`` row for each e-mail that
should go: feedback not acknowledged by its acknowledgement due date, or not responded to by
its response due date (both from ``cairn.clocks``), to its owner and to the partnership's
leads. A row is unique per feedback, kind, due date and recipient, so writing them again adds
nothing. ``escalations_send()`` then sends each unsent row on its own, locking it
(``SELECT ... FOR UPDATE SKIP LOCKED``) and marking it sent in the same transaction: running
twice sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.models import Partnership, User
from cairn.audit.services import record_bulk_create
from cairn.clocks.selectors import clock_book
from cairn.core.outbox import outbox_send
from cairn.voice.models import (
    ACKNOWLEDGEMENT_CLOCK,
    RESPONSE_CLOCK,
    EscalationKind,
    FamilyFeedback,
    FeedbackEscalation,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    feedback_id: int
    kind: str
    for_due_on: date
    recipient: str


def _leads(partnership_ids) -> dict[int, list[str]]:
    """The e-mail addresses of each partnership's active partnership leads."""
    leads: dict[int, list[str]] = {}
    users = User.objects.filter(
        agency__partnership_id__in=partnership_ids,
        is_active=True,
        roles__contains=[Role.PARTNERSHIP_LEAD.value],
    ).exclude(email="")
    for pid, email in users.values_list("agency__partnership_id", "email").order_by("pk"):
        leads.setdefault(pid, []).append(email)
    return leads


def escalations_wanted(*, today: date) -> list[Due]:
    """Every escalation that should exist on ``today``: one query for the open feedback, one
    for the leads, one per partnership for its clocks."""
    feedback = list(
        FamilyFeedback.objects.filter(
            Q(acknowledged_on__isnull=True) | Q(responded_on__isnull=True)
        )
        .select_related("owner")
        .order_by("partnership_id", "received_on", "pk")
    )
    partnership_ids = {f.partnership_id for f in feedback}
    books = {
        p.pk: clock_book(partnership=p) for p in Partnership.objects.filter(pk__in=partnership_ids)
    }
    leads = _leads(partnership_ids)
    wanted = []
    for f in feedback:
        book = books[f.partnership_id]
        late = []
        if f.acknowledged_on is None:
            due = book.due_date(clock=ACKNOWLEDGEMENT_CLOCK, start=f.received_on)
            if today > due:
                late.append((EscalationKind.ACKNOWLEDGEMENT, due))
        if f.responded_on is None:
            due = book.due_date(clock=RESPONSE_CLOCK, start=f.received_on)
            if today > due:
                late.append((EscalationKind.RESPONSE, due))
        owner = [f.owner.email] if f.owner.is_active and f.owner.email else []
        recipients = list(dict.fromkeys(owner + leads.get(f.partnership_id, [])))
        if late and not recipients:
            logger.warning("No one to escalate family feedback %s to", f.pk)
        for kind, due in late:
            wanted += [Due(f.pk, kind, due, to) for to in recipients]
    return wanted


def escalations_due(today: date | None = None) -> int:
    """Write the outbox rows for ``today``; returns how many are new."""
    today = today or timezone.localdate()
    wanted = escalations_wanted(today=today)
    with transaction.atomic():
        before = FeedbackEscalation.objects.count()
        FeedbackEscalation.objects.bulk_create(
            [FeedbackEscalation(**vars(d)) for d in wanted], ignore_conflicts=True
        )
        created = FeedbackEscalation.objects.count() - before
        if created:
            record_bulk_create(
                model=FeedbackEscalation,
                count=created,
                note=f"Family feedback escalations for {today}",
            )
    return created


SUBJECTS = {
    EscalationKind.ACKNOWLEDGEMENT: "Family feedback not acknowledged: it was due on {due}",
    EscalationKind.RESPONSE: "Family feedback not responded to: the response was due on {due}",
}


def _message(escalation: FeedbackEscalation) -> tuple[str, str]:
    f = escalation.feedback
    due = f"{escalation.for_due_on:%-d %B %Y}"
    subject = SUBJECTS[escalation.kind].format(due=due)
    about = f"review {f.review.title}" if f.review_id else "an incident"
    body = (
        f"{subject}.\n\n"
        f"From: {f.get_from_kind_display()}\n"
        f"Received: {f.received_on:%-d %B %Y}\n"
        f"About: {about}\n"
        f"Owner: {f.owner.get_full_name() or f.owner.email}\n\n"
        "Please sign in to Cairn to acknowledge or respond (Listening, then Family feedback)."
    )
    return subject, body


def escalations_send() -> int:
    """Send every unsent escalation, one at a time; returns how many were sent."""
    return outbox_send(
        FeedbackEscalation, message=_message, related=["feedback__owner", "feedback__review"]
    )
