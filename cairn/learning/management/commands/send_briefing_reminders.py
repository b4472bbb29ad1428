"""``cairn send-briefing-reminders``: write today's briefing reminders and follow-up questions,
and send every unsent briefing e-mail.

Run it daily (cron or a systemd timer, like ``cairn send-reminders``). Running it twice, or
after a crash, sends nothing twice. ``--enqueue`` puts the task on the queue for
``cairn db_worker`` instead of running it here.
"""

from django.core.management.base import BaseCommand

from cairn.learning.tasks import send_briefing_reminders


class Command(BaseCommand):
    help = "Write today's briefing reminders and follow-up questions, and send the unsent ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for a worker instead"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_briefing_reminders.enqueue()
            self.stdout.write(f"Queued briefing reminders task {result.id}.")
            return
        counts = send_briefing_reminders.call()
        self.stdout.write(f"Briefing e-mails: {counts['created']} new, {counts['sent']} sent.")
