"""cairn create-partnership: a new tenant with its partnership team and first administrator."""

import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency, Partnership, User


class Command(BaseCommand):
    help = "Create a partnership, its partnership team agency and its first administrator."

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", required=True, help="e.g. Anyshire Safeguarding Children Partnership"
        )
        parser.add_argument("--short-name", default="")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-first-name", default="First")
        parser.add_argument("--admin-last-name", default="Administrator")

    def handle(
        self, *args, name, short_name, admin_email, admin_first_name, admin_last_name, **options
    ):
        if Partnership.objects.filter(name__iexact=name).exists():
            raise CommandError(f"A partnership called {name} already exists.")
        if User.objects.filter(email__iexact=admin_email).exists():
            raise CommandError(f"A user with the email address {admin_email} already exists.")
        password = secrets.token_urlsafe(18)
        with transaction.atomic():
            partnership = Partnership.objects.create(name=name, short_name=short_name)
            from cairn.reviews.services import learning_themes_seed

            learning_themes_seed(partnership=partnership)
            from cairn.guidance.library import library_load_national

            library_load_national()  # shared by every partnership; a no-op when up to date
            team = Agency.objects.create(
                partnership=partnership, name=f"{name} Team", kind=AgencyKind.PARTNERSHIP_TEAM
            )
            User.objects.create_user(
                username=admin_email.lower(), email=admin_email.lower(), password=password, agency=team,
                roles=[Role.ADMINISTRATOR.value], first_name=admin_first_name, last_name=admin_last_name,
            )  # fmt: skip
        self.stdout.write(f"Created {name}.")
        self.stdout.write(f"First administrator: {admin_email.lower()}  password: {password}")
        self.stdout.write("They set up two-factor sign-in when they first sign in.")
