"""Fixtures of the guidance tests: a graded thematic audit."""

import pytest

from cairn.accounts.choices import Role
from cairn.guidance import thematic
from cairn.guidance.models import CohortCase
from cairn.guidance.tests.thematic_builders import (
    decision_rule_library,
    incident_with_children,
    run_now,
)
from cairn.reviews.tests.factories import LearningThemeFactory


@pytest.fixture
def cohort(partnership, la):
    decision_rule_library()
    late = [incident_with_children(partnership, la, on_time=False) for _ in range(5)]
    on_time = [incident_with_children(partnership, la, on_time=True) for _ in range(2)]
    return late, on_time


@pytest.fixture
def graded(partnership, make_user, cohort):
    first, second = make_user(Role.AUDITOR), make_user(Role.AUDITOR)
    run = run_now(partnership, first)
    case = CohortCase.objects.filter(run=run).first()
    theme = LearningThemeFactory(partnership=partnership, name="Both children considered")
    case = thematic.case_grade(
        by=first, case=case, expected_version=case.version, grade="partly",
        reasons="The harmed child's decision was late.", themes=[theme],
    )  # fmt: skip
    return run, case, first, second, theme
