"""``cairn send-reminders``: write today's plan action reminders and send the unsent ones.

Run it daily (cron or a systemd timer, see docs/operations.md). Running it twice, or after a
crash, sends nothing twice. ``--enqueue`` puts the task on the queue for ``cairn db_worker``
instead of running it here.
"""

from django.core.management.base import BaseCommand

from cairn.actionplans.tasks import send_reminders


class Command(BaseCommand):
    help = "Write today's plan action reminders and escalations, and send the unsent ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for a worker instead"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_reminders.enqueue()
            self.stdout.write(f"Queued reminders task {result.id}.")
            return
        counts = send_reminders.call()
        self.stdout.write(f"Reminders: {counts['created']} new, {counts['sent']} sent.")
