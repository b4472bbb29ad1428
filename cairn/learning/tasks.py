"""Background work for briefings, on Django's Tasks API (decision 0003).

``send_briefing_reminders`` writes the day's reminders and follow-up questions to the outbox
and sends whatever is unsent, including the "new briefing" e-mails written when a briefing is
sent (``cairn.learning.reminders``). Safe to run as often as you like: nothing goes twice.
"""

from django_tasks import task

from cairn.learning.reminders import notices_due, notices_send


@task()
def send_briefing_reminders() -> dict[str, int]:
    created = notices_due()
    sent = notices_send()
    return {"created": created, "sent": sent}
