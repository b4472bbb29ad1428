"""Writes for partnerships, agencies and users. Each runs in one transaction, audited."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.models import Agency, Partnership, User
from cairn.accounts.permissions import ensure
from cairn.audit.choices import AuditAction
from cairn.audit.context import acting_as
from cairn.audit.services import record_event
from cairn.core.services import update_versioned


def partnership_update(*, by, partnership: Partnership, expected_version: int, **changes):
    ensure(by, "accounts.manage_partnership", partnership)
    return update_versioned(
        obj=partnership, expected_version=expected_version, changes=changes, by=by
    )


def agency_create(*, by, name: str, kind: str, **fields) -> Agency:
    ensure(by, "accounts.manage_agencies", by.partnership)
    with transaction.atomic(), acting_as(by):
        return Agency.objects.create(partnership=by.partnership, name=name, kind=kind, **fields)


def agency_update(*, by, agency: Agency, expected_version: int, **changes) -> Agency:
    ensure(by, "accounts.manage_agencies", agency)
    return update_versioned(obj=agency, expected_version=expected_version, changes=changes, by=by)


def user_create(
    *,
    by,
    email: str,
    first_name: str,
    last_name: str,
    agency: Agency,
    roles: list[str],
    password: str,
    job_title: str = "",
) -> User:
    ensure(by, "accounts.manage_users", agency)
    with transaction.atomic(), acting_as(by):
        user = User(
            email=email.lower(),
            username=email.lower(),
            first_name=first_name,
            last_name=last_name,
            agency=agency,
            roles=roles,
            job_title=job_title,
        )
        user.set_password(password)
        user.save()
        return user


def user_update(*, by, user: User, expected_version: int, **changes) -> User:
    ensure(by, "accounts.manage_users", user)
    if "agency" in changes:
        ensure(by, "accounts.manage_users", changes["agency"])
    if "email" in changes:
        changes["email"] = changes["username"] = changes["email"].lower()
    return update_versioned(obj=user, expected_version=expected_version, changes=changes, by=by)


def user_unlock(*, by, user: User) -> None:
    """Lift a sign-in lock-out before it expires."""
    ensure(by, "accounts.manage_users", user)
    axes_reset(username=user.email)
    record_event(action=AuditAction.UNLOCKED, obj=user, actor=by)


def two_factor_reset(*, by, user: User) -> int:
    """Remove a user's authenticator so they set one up again at next sign-in."""
    ensure(by, "accounts.manage_users", user)
    with transaction.atomic(), acting_as(by):
        devices = list(TOTPDevice.objects.filter(user=user))
        for device in devices:
            device.delete()
    return len(devices)


def two_factor_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for ``user`` to scan; reuses one already started."""
    with acting_as(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=False
        )


def two_factor_device_confirm(*, user: User, device: TOTPDevice, code: str) -> bool:
    """Confirm the authenticator when the code it shows is right."""
    if not device.verify_token(code):
        return False
    with transaction.atomic(), acting_as(user):
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
    return True


def user_set_password(*, by, user: User, password: str) -> None:
    ensure(by, "accounts.manage_users", user)
    with transaction.atomic(), acting_as(by):
        user.set_password(password)
        user.save(update_fields=["password"])
