"""Factories for reviews, themes, findings and recommendations (all synthetic)."""

import datetime as dt

import factory
from django.utils import timezone

from cairn.accounts.tests.factories import PartnershipFactory, UserFactory
from cairn.reviews.models import (
    Finding,
    LearningTheme,
    Recommendation,
    RecommendationScope,
    RecommendationSource,
    Review,
    ReviewKind,
    ReviewMilestone,
)


class ReviewFactory(factory.django.DjangoModelFactory):
    """A rapid review the local authority became aware of ten days ago."""

    class Meta:
        model = Review

    partnership = factory.SubFactory(PartnershipFactory)
    kind = ReviewKind.RAPID_REVIEW
    title = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}{n}")
    aware_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    owner = factory.LazyAttribute(lambda o: UserFactory(agency__partnership=o.partnership))


class ReviewMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewMilestone

    review = factory.SubFactory(ReviewFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class LearningThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningTheme

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Learning theme {n}")


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    review = factory.SubFactory(ReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Synthetic finding: information was not shared between agencies."


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A multi-agency recommendation from a review, awaiting the partnership's response."""

    class Meta:
        model = Recommendation

    review = factory.SubFactory(ReviewFactory)
    partnership = factory.SelfAttribute("review.partnership")
    source = RecommendationSource.REVIEW
    reference = factory.Sequence(lambda n: f"R{n}")
    text = "Synthetic recommendation: agencies should share information sooner."
    scope = RecommendationScope.MULTI_AGENCY
    made_on = factory.LazyFunction(timezone.localdate)
