"""The ``cairn`` command: Django's management commands, with hyphens allowed.

cairn demo            run with the synthetic demo partnership
cairn seed --demo     build the demo partnership
cairn verify-audit    check the audit chain
cairn migrate, cairn shell, ...   any Django management command
"""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cairn", *argv[1:]])


if __name__ == "__main__":
    main()
