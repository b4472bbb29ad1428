"""Sending an outbox of e-mails once each (decision 0012).

An outbox is a model with ``recipient`` and ``sent_at`` whose rows are written when an e-mail
is due (unique per reason, so writing them again adds nothing). ``outbox_send`` sends each
unsent row on its own: it locks the row (``SELECT ... FOR UPDATE SKIP LOCKED``, so two workers
never send the same one), sends, and marks it sent in the same transaction. A row the mail
server refuses stays unsent for the next run and does not stop the others; if the process dies
half-way, what was sent is marked and the rest waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger("cairn.outbox")


def _send_next(
    model: type[models.Model],
    message: Callable[[models.Model], tuple[str, str]],
    related: Sequence[str],
    skip: set[int],
) -> tuple[int | None, bool]:
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent_at__isnull=True)
            .exclude(pk__in=skip)
            .select_related(*related)
            .order_by("pk")
            .first()
        )
        if row is None:
            return None, False
        subject, body = message(row)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [row.recipient])
        except Exception:
            logger.exception("%s %s was not sent; it will be tried again", model.__name__, row.pk)
            return row.pk, False
        row.sent_at = timezone.now()
        row.save(update_fields=["sent_at"])
        return row.pk, True


def outbox_send(
    model: type[models.Model],
    *,
    message: Callable[[models.Model], tuple[str, str]],
    related: Sequence[str] = (),
) -> int:
    """Send every unsent row of ``model``, one at a time, with ``message(row)`` giving the
    subject and body; returns how many were sent."""
    sent, tried = 0, set()
    while True:
        pk, went = _send_next(model, message, related, tried)
        if pk is None:
            return sent
        tried.add(pk)
        sent += went
