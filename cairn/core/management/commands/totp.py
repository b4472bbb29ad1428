"""cairn totp EMAIL: the current two-factor code of a demo user (demo partnerships only)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current two-factor code for a user of a demo partnership."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        device = (
            TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True)
            .select_related("user__agency__partnership")
            .first()
        )
        if device is None:
            raise CommandError(f"No two-factor device for {email}")
        agency = device.user.agency
        if agency is None or not agency.partnership.is_demo:
            raise CommandError("Codes are only shown for demo partnerships.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():06d}")
