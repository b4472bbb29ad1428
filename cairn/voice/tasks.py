"""Background work for listening, on Django's Tasks API (decision 0003).

``send_feedback_escalations`` writes the day's escalations of late family feedback to the
outbox and sends what is unsent (``cairn.voice.escalations``). Safe to run as often as you
like: nothing is sent twice. Enqueue it for a worker (``cairn db_worker``), or run
``cairn send-feedback-escalations`` from a daily timer.
"""

from django_tasks import task

from cairn.voice.escalations import escalations_due, escalations_send


@task()
def send_feedback_escalations() -> dict[str, int]:
    created = escalations_due()
    sent = escalations_send()
    return {"created": created, "sent": sent}
