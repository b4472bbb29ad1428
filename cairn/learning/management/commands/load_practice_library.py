"""``cairn load-practice-library [PATH]``: load the national practice guidance library.

Without a path, loads ``cairn/data/practice_library.yaml``. The file is validated completely
first; a refused file prints every problem as ``file:line: reason`` and the command exits with
status 2, having loaded nothing.
"""

import sys

from django.core.management.base import BaseCommand

from cairn.learning.library import PRACTICE_LIBRARY, LibraryInvalid, practice_library_load


class Command(BaseCommand):
    help = "Validate and load the practice guidance library (default: practice_library.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(PRACTICE_LIBRARY))

    def handle(self, *args, path, **options):
        try:
            counts = practice_library_load(path=path)
        except LibraryInvalid as exc:
            for e in exc.errors:
                where = f"{path}:{e.line}" if e.line else path
                self.stderr.write(f"{where}: {e.reason}")
            sys.exit(2)
        self.stdout.write(
            f"{path}: {counts['added']} resources added, {counts['changed']} changed, "
            f"{counts['retired']} taken out of use."
        )
