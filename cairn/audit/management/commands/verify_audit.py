"""cairn verify-audit: walk the audit chain; exit non-zero naming the first broken event."""

import sys
from contextlib import closing

from django.core.management.base import BaseCommand

from cairn.audit.chain import verify_chain
from cairn.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check that no audit event was altered or removed."

    def handle(self, *args, **options):
        # closing(): stop the server-side cursor now, even when the walk ends early.
        with closing(AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)) as events:
            report = verify_chain(events)
        if report.ok:
            self.stdout.write(f"Audit trail intact: {report.checked} events checked.")
            return
        self.stderr.write(
            f"Audit trail broken at event {report.broken_seq} (id {report.broken_id}): "
            f"{report.problem}. {report.checked} events before it are intact."
        )
        sys.exit(1)
