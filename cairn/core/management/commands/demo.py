"""cairn demo: prepare the database, build the demo partnership if missing, and serve Cairn."""

import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from cairn.accounts.models import Partnership
from cairn.demo import build_demo
from cairn.demo.accounts import totp_key
from cairn.demo.report import print_logins
from cairn.guidance.library import library_load_national


class Command(BaseCommand):
    help = "Run Cairn with the synthetic demo partnership at http://127.0.0.1:8000"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare, print, but do not serve"
        )

    def handle(self, *args, seed, scale, addrport, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        library_load_national()  # the guidance rules; a no-op when already up to date
        if not Partnership.objects.filter(is_demo=True).exists():
            self.stdout.write("Building the synthetic demo partnership...")
            ctx = build_demo(seed=seed, scale=scale)
            users = ctx.users
        else:
            from cairn.accounts.models import User

            users = [
                (u, totp_key(seed, u.email))
                for u in User.objects.filter(agency__partnership__is_demo=True).select_related(
                    "agency"
                )
            ]
        print_logins(self.stdout, users)
        if no_serve:
            return
        # Stop cleanly on SIGTERM too (service managers, timeouts): exiting runs the
        # embedded database's shutdown.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        # A background worker for queued work (thematic audits, reminders); it joins the same
        # database, and stops with the server.
        worker = subprocess.Popen(
            [sys.executable, "-m", "cairn.cli", "db_worker", "--no-reload", "--verbosity", "0"],
            env=os.environ.copy(),
        )
        self.stdout.write(f"Cairn is at http://{addrport}/  (Ctrl+C stops it and its database)")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
