"""cairn load-guidance [PATH ...] [--partnership ID]: load guidance libraries (YAML files).

Without a path, loads the national library (cairn/data/guidance/national.yaml). Each file is
validated completely first; a refused file prints every problem as ``file:line: reason`` and
the command exits with status 2, having loaded nothing from that file.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cairn.accounts.models import Partnership
from cairn.guidance.library import NATIONAL_LIBRARY, LibraryInvalid, library_load
from cairn.guidance.models import GuidanceRule


class Command(BaseCommand):
    help = "Validate and load guidance libraries (default: the national library)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="library files (default: national.yaml)")
        parser.add_argument(
            "--partnership", type=int, help="load as this partnership's own library (its id)"
        )

    def handle(self, *args, paths, partnership, **options):
        owner = None
        if partnership is not None:
            owner = Partnership.objects.filter(pk=partnership).first()
            if owner is None:
                raise CommandError(f"There is no partnership with id {partnership}.")
        refused = False
        for path in paths or [str(NATIONAL_LIBRARY)]:
            started = timezone.now()
            try:
                library = library_load(path=path, partnership=owner)
            except LibraryInvalid as exc:
                refused = True
                for e in exc.errors:
                    where = f"{path}:{e.line}" if e.line else path
                    self.stderr.write(f"{where}: {e.reason}")
                continue
            if library.loaded_at < started:
                self.stdout.write(f"{path}: {library} is already loaded; nothing changed.")
                continue
            rules = GuidanceRule.objects.filter(edition__document__library=library).count()
            self.stdout.write(
                f"{path}: loaded {library.title}, version {library.version}: "
                f"{library.documents.count()} documents, {rules} rules."
            )
        if refused:
            sys.exit(2)
