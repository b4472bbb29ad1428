"""cairn seed --demo [--seed N] [--scale S]: build the synthetic demo partnership."""

from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.models import Partnership
from cairn.demo import build_demo
from cairn.demo.report import print_logins
from cairn.guidance.library import library_load_national


class Command(BaseCommand):
    help = "Create the synthetic demo partnership (deterministic for a given --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Build the demo partnership")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = about 2,000 children")

    def handle(self, *args, demo, seed, scale, **options):
        if not demo:
            raise CommandError("Say what to seed: --demo")
        if scale <= 0:
            raise CommandError("--scale must be more than 0")
        if Partnership.objects.filter(is_demo=True).exists():
            raise CommandError("The demo partnership already exists in this database.")
        library_load_national()  # the guidance rules the demo's cases are audited against
        ctx = build_demo(seed=seed, scale=scale)
        self.stdout.write(f"Demo partnership built (seed {seed}, scale {scale}).")
        print_logins(self.stdout, [(u, k) for u, k in ctx.users])
