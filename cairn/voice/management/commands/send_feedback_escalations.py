"""``cairn send-feedback-escalations``: escalate late family feedback, once.

Run it daily (beside ``cairn send-reminders``). Running it twice, or after a crash, sends
nothing twice. ``--enqueue`` puts the task on the queue for ``cairn db_worker`` instead.
"""

from django.core.management.base import BaseCommand

from cairn.voice.tasks import send_feedback_escalations


class Command(BaseCommand):
    help = "Write today's escalations of late family feedback, and send the unsent ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for a worker instead"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_feedback_escalations.enqueue()
            self.stdout.write(f"Queued family feedback escalations task {result.id}.")
            return
        counts = send_feedback_escalations.call()
        self.stdout.write(
            f"Family feedback escalations: {counts['created']} new, {counts['sent']} sent."
        )
