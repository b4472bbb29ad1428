"""Background work for action plans, on Django's Tasks API (decision 0003).

``send_reminders`` writes the day's reminders and escalations to the outbox and sends what is
unsent (``cairn.actionplans.reminders``). It is safe to run as often as you like: nothing is
sent twice. Enqueue it (``send_reminders.enqueue()``) for a worker (``cairn db_worker``), or
run ``cairn send-reminders`` from a daily timer.
"""

from django_tasks import task

from cairn.actionplans.reminders import reminders_due, reminders_send


@task()
def send_reminders() -> dict[str, int]:
    created = reminders_due()
    sent = reminders_send()
    return {"created": created, "sent": sent}
