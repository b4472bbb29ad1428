"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py)."""

from cairn.reviews.tests.factories import (
    FindingFactory,
    LearningThemeFactory,
    RecommendationFactory,
    ReviewFactory,
    ReviewMilestoneFactory,
)


def records(world):
    p = world["partnership"]
    review = ReviewFactory(partnership=p, owner=world["subject"])
    review.incidents.add(world["incident"])
    thematic = ReviewFactory(partnership=p, owner=world["subject"], kind="thematic")
    world |= {
        "review": review,
        "thematic_review": thematic,
        "review_milestone": ReviewMilestoneFactory(review=review),
        "finding": FindingFactory(review=review),
        "learning_theme": LearningThemeFactory(partnership=p),
        "recommendation": RecommendationFactory(review=review),
    }


def url_kwargs(world):
    review = {"pk": world["review"].pk}
    return {
        "reviews:detail": review,
        "reviews:edit": review,
        "reviews:step_notification": review,
        "reviews:step_rapid_review": review,
        "reviews:step_decision": review,
        "reviews:step_commissioning": review,
        "reviews:step_completion": review,
        "reviews:step_publication": review,
        "reviews:links": review,
        "reviews:cohort": {"pk": world["thematic_review"].pk},
        "reviews:milestone_new": review,
        "reviews:milestone_edit": {"pk": world["review_milestone"].pk},
        "reviews:finding_new": review,
        "reviews:finding_edit": {"pk": world["finding"].pk},
        "reviews:theme_retire": {"pk": world["learning_theme"].pk},
        "reviews:recommendation_detail": {"pk": world["recommendation"].pk},
        "reviews:recommendation_edit": {"pk": world["recommendation"].pk},
        "reviews:recommendation_respond": {"pk": world["recommendation"].pk},
    }
