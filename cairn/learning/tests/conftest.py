"""Fixtures for the learning tests: a partnership officer, two schools with DSLs, a draft."""

import pytest

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import SchoolFactory, UserFactory
from cairn.learning.tests.factories import BriefingFactory


@pytest.fixture
def officer(make_user, partnership):
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def schools(partnership):
    return [SchoolFactory(partnership=partnership) for _ in range(2)]


@pytest.fixture
def dsls(schools):
    return [UserFactory(agency=s, roles=[Role.DSL]) for s in schools]


@pytest.fixture
def draft(partnership, schools, officer):
    return BriefingFactory(partnership=partnership, agencies=schools, created_by=officer)
