"""Users of listening: the engagement team (who may read what young people said), the
partnership officer (who manages engagements but never reads their words) and the lead."""

import pytest

from cairn.accounts.choices import Role


@pytest.fixture
def worker(make_user):
    return make_user(Role.ENGAGEMENT_WORKER)


@pytest.fixture
def officer(make_user):
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def lead(make_user):
    return make_user(Role.PARTNERSHIP_LEAD)
