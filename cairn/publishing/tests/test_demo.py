"""The demo step builds a published statement with two amendments, a draft the gate catches,
and media enquiries (one overdue, one answered)."""

import pytest
from django.utils import timezone

from cairn.demo import accounts, historic, incidents, people, reviews
from cairn.demo import publishing as publishing_step
from cairn.publishing.models import MediaEnquiry, PublicationVersion
from cairn.publishing.selectors import public_list


@pytest.fixture
def demo(db):
    import random

    from faker import Faker

    from cairn.demo import DemoContext

    fake = Faker("en_GB")
    fake.seed_instance(3)
    ctx = DemoContext(seed=3, scale=0.2, rng=random.Random(3), fake=fake)
    for step in (accounts.build, people.build, incidents.build, historic.build, reviews.build):
        step(ctx)
    publishing_step.build(ctx)
    return ctx


def test_the_demo_has_a_statement_amended_twice_a_caught_draft_and_enquiries(demo):
    statement = PublicationVersion.objects.filter(publication__slug="child-t-review-our-statement")
    assert [v.amendment_note != "" for v in statement.order_by("number")] == [False, True, True]
    assert [v.number for v in public_list()] == [3]
    draft = PublicationVersion.objects.get(status="draft")
    assert draft.scans.get().hit_count >= 1
    enquiries = MediaEnquiry.objects.all()
    assert any(e.status == "open" and e.deadline < timezone.now() for e in enquiries)
    assert any(e.status == "answered" for e in enquiries)
