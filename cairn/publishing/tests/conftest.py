"""Shared fixtures for publication tests: the partnership officer who drafts, the partnership
lead who approves, a communications officer, and a review linked to a child whose details the
redaction gate must catch. Names are synthetic."""

import datetime as dt

import pytest

from cairn.accounts.choices import Role
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory
from cairn.people.models import Address
from cairn.people.tests.factories import PersonFactory
from cairn.publishing import services
from cairn.reviews.tests.factories import ReviewFactory


@pytest.fixture
def officer(make_user):
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def lead(make_user):
    return make_user(Role.PARTNERSHIP_LEAD)


@pytest.fixture
def comms(make_user):
    return make_user(Role.COMMUNICATIONS_OFFICER)


@pytest.fixture
def child(partnership, school):
    person = PersonFactory(
        partnership=partnership,
        given_name="Jayden",
        family_name="Vantreese",
        date_of_birth=dt.date(2011, 4, 3),
        school=school,
    )
    Address.objects.create(person=person, line1="14 Quenby Grove", postcode="QQ4 7ZT")
    return person


@pytest.fixture
def review(partnership, officer, child, la):
    """A review with one child linked directly and another through an incident."""
    review = ReviewFactory(partnership=partnership, owner=officer, title="Child T")
    review.children.add(child)
    incident = IncidentFactory(partnership=partnership, reporting_agency=la)
    other = PersonFactory(partnership=partnership, given_name="Kaylani", family_name="Oduya")
    InvolvementFactory(incident=incident, person=other)
    review.incidents.add(incident)
    return review


CLEAN = (
    "The Marlshire Safeguarding Children Partnership has completed its review of how "
    "agencies responded to sexual harassment between pupils.\n\n"
    "We accept every recommendation and will publish our action plan."
)


@pytest.fixture
def draft(officer, partnership, review):
    """A statement about the review, its first draft written with clean text."""
    publication = services.publication_create(
        by=officer, partnership=partnership, kind="statement", title="Our response", review=review
    )
    version = publication.versions.get()
    return services.version_edit(
        by=officer, version=version, expected_version=version.version, title="Our response",
        text=CLEAN,
    )  # fmt: skip


def publish(version, *, officer, lead, **kwargs):
    """Send ``version`` for approval and have the lead approve it now."""
    submitted = services.version_submit(by=officer, version=version)
    return services.version_approve(by=lead, version=submitted, **kwargs)
