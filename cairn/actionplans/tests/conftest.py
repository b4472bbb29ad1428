"""Shared fixtures for action plan tests: a review group with the LA's and a school's
representatives, a plan it monitors, and the people who keep and lead its actions.

Dates: most actions start 5 January 2026 and are due 31 December 2026; tests that need a
clock freeze it with time-machine.
"""

import datetime as dt

import pytest

from cairn.accounts.choices import Role
from cairn.actionplans.tests.factories import ActionPlanFactory, PlanActionFactory
from cairn.governance.models import BodyKind, MemberRole
from cairn.governance.tests.factories import BodyMemberFactory, GovernanceBodyFactory


@pytest.fixture
def group(partnership):
    return GovernanceBodyFactory(partnership=partnership, kind=BodyKind.REVIEW_GROUP)


@pytest.fixture
def officer(make_user):
    """The partnership business manager: keeps the plans."""
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def practitioner(make_user):
    """A practitioner at the LA, which leads ``action``."""
    return make_user(Role.AGENCY_PRACTITIONER)


@pytest.fixture
def dsl(make_user, school):
    return make_user(Role.DSL, agency=school)


@pytest.fixture
def plan(group, officer):
    return ActionPlanFactory(monitoring_body=group, owner=officer)


@pytest.fixture
def action(plan, la):
    return PlanActionFactory(plan=plan, number="1.1", lead_agency=la)


@pytest.fixture
def la_member(group, la):
    return BodyMemberFactory(
        body=group, agency=la, name="Director of Children's Services", email="dcs@la.example"
    )


@pytest.fixture
def chair(group):
    return BodyMemberFactory(
        body=group, role=MemberRole.CHAIR, name="Independent Chair", email="chair@group.example"
    )


DAY = dt.date(2026, 6, 1)
