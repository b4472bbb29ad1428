"""E-mails about briefings, through an outbox (the pattern of decision 0012).

``notices_due(today=...)`` writes one ``Notice`` row for each e-mail owed on ``today``:

- **not read**: the briefing's reminder day (``remind_after_days`` working days after sending)
  has come and the recipient has not said they have read it;
- **follow-up**: the follow-up day has come, the recipient has read it and not yet answered.

(The "new briefing" e-mails are written when it is sent.) A row is unique per receipt and kind,
so each e-mail is written once, however often this runs. ``notices_send()`` then sends each
unsent row on its own: it locks the row (``SELECT ... FOR UPDATE SKIP LOCKED``), sends the
e-mail and marks it sent in one transaction. Running twice sends nothing twice; a crash
half-way leaves the rest for the next run; an address the mail server refuses stays unsent.
Only active users are written to.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cairn.audit.services import record_bulk_create
from cairn.core.outbox import outbox_send
from cairn.learning.choices import BriefingStatus, NoticeKind
from cairn.learning.models import Notice, Receipt

logger = logging.getLogger(__name__)


def notices_wanted(*, today: date) -> list[Notice]:
    """Every reminder and follow-up e-mail that should exist on ``today`` (one query)."""
    receipts = (
        Receipt.objects.filter(
            briefing__status=BriefingStatus.SENT,
            recipient__is_active=True,
            answered_at__isnull=True,
        )
        .exclude(recipient__email="")
        .filter(briefing__remind_on__lte=today)
        .select_related("recipient", "briefing")
        .order_by("pk")
    )
    wanted = []
    for r in receipts:
        if r.read_at is None:
            wanted.append(Notice(receipt=r, kind=NoticeKind.NOT_READ, recipient=r.recipient.email))
        elif r.briefing.follow_up_on <= today:
            wanted.append(Notice(receipt=r, kind=NoticeKind.FOLLOW_UP, recipient=r.recipient.email))
    return wanted


def notices_due(today: date | None = None) -> int:
    """Write the outbox rows for ``today``; returns how many are new."""
    today = today or timezone.localdate()
    wanted = notices_wanted(today=today)
    with transaction.atomic():
        before = Notice.objects.count()
        Notice.objects.bulk_create(wanted, ignore_conflicts=True)
        created = Notice.objects.count() - before
        if created:
            record_bulk_create(model=Notice, count=created, note=f"Briefing reminders for {today}")
    return created


SUBJECTS = {
    NoticeKind.NEW: "New briefing: {title}",
    NoticeKind.NOT_READ: "Reminder: please read the briefing {title}",
    NoticeKind.FOLLOW_UP: "Follow-up question on the briefing {title}",
}
ASKS = {
    NoticeKind.NEW: "Please read it and confirm you have read it.",
    NoticeKind.NOT_READ: "You have not yet confirmed that you have read it. Please read it "
    "and select 'I have read this briefing'.",
    NoticeKind.FOLLOW_UP: "Some weeks ago you read this briefing. Please answer one question: "
    "{question}",
}


def _message(notice: Notice) -> tuple[str, str]:
    briefing = notice.receipt.briefing
    subject = SUBJECTS[notice.kind].format(title=briefing.title)
    ask = ASKS[notice.kind].format(question=briefing.follow_up_question)
    link = reverse("learning:briefing", args=[briefing.pk])
    body = (
        f"{subject}\n\n"
        f"{briefing.summary}\n\n"
        f"{ask}\n\n"
        f"Sign in to Cairn and open Briefings, or go to {link} on Cairn."
    )
    return subject, body


def notices_send() -> int:
    """Send every unsent notice, one at a time; returns how many were sent."""
    return outbox_send(Notice, message=_message, related=["receipt__briefing"])
