"""Reads for partnerships, agencies and users, always within the viewer's partnership."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.models import Agency, User
from cairn.accounts.permissions import ensure


def agencies_of(viewer) -> QuerySet[Agency]:
    return Agency.objects.filter(partnership_id=viewer.partnership_id)


def agencies_for_admin(viewer) -> QuerySet[Agency]:
    ensure(viewer, "accounts.manage_agencies")
    return agencies_of(viewer).annotate(user_count=Count("users"))


def users_for_admin(viewer, *, query: str = "", agency_id=None, role: str = "") -> QuerySet[User]:
    ensure(viewer, "accounts.manage_users")
    users = User.objects.filter(agency__partnership_id=viewer.partnership_id).select_related(
        "agency"
    )
    if query:
        users = users.filter(
            Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    if agency_id:
        users = users.filter(agency_id=agency_id)
    if role:
        users = users.filter(roles__contains=[role])
    return users


def user_for_admin(viewer, pk: int) -> User:
    return users_for_admin(viewer).get(pk=pk)


def locked_out_emails(emails) -> set[str]:
    limit = settings.AXES_FAILURE_LIMIT
    return set(
        AccessAttempt.objects.filter(
            username__in=list(emails), failures_since_start__gte=limit
        ).values_list("username", flat=True)
    )


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def admin_figures(viewer) -> list[tuple[str, int]]:
    users = users_for_admin(viewer)
    active = users.filter(is_active=True)
    without_2fa = active.exclude(totpdevice__confirmed=True).count()
    return [
        ("Active users", active.count()),
        ("Users without two-factor set up", without_2fa),
        ("Users locked out now", len(locked_out_emails(users.values_list("email", flat=True)))),
    ]
