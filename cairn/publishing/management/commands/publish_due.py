"""``cairn publish-due``: publish the approved versions whose scheduled time has come.

Run it from a timer (every few minutes). ``--enqueue`` puts the task on the queue for
``cairn db_worker`` instead of running it here.
"""

from django.core.management.base import BaseCommand

from cairn.publishing.tasks import publish_due


class Command(BaseCommand):
    help = "Publish the approved publication versions whose scheduled time has come."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for a worker instead"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = publish_due.enqueue()
            self.stdout.write(f"Queued publication task {result.id}.")
            return
        done = publish_due.call()
        self.stdout.write(
            f"Published {len(done['published'])}; stopped by the redaction gate "
            f"{len(done['blocked'])}."
        )
