"""Shared fixtures: a real PostgreSQL database, users for every role, signed-in clients."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import (  # noqa: F401
    PASSWORD,
    AgencyFactory,
    PartnershipFactory,
    SchoolFactory,
    UserFactory,
    totp_device_for,
)


@pytest.fixture
def partnership(db):
    return PartnershipFactory()


@pytest.fixture
def other_partnership(db):
    return PartnershipFactory()


@pytest.fixture
def la(partnership):
    return AgencyFactory(partnership=partnership, kind=AgencyKind.LOCAL_AUTHORITY)


@pytest.fixture
def school(partnership):
    return SchoolFactory(partnership=partnership)


@pytest.fixture
def make_user(la):
    def make(*roles, agency=None, **fields):
        return UserFactory(agency=agency or la, roles=[str(r) for r in roles], **fields)

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMINISTRATOR)


def sign_in(client, user):
    """Sign ``user`` in as if they had entered their password and a two-factor code."""
    device = totp_device_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def signed_in():
    return sign_in
