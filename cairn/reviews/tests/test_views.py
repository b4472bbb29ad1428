"""Review pages: forms keep input, error summaries, view vs manage, query counts."""

import pytest
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.reviews.models import Review
from cairn.reviews.tests.factories import RecommendationFactory, ReviewFactory
from conftest import sign_in


@pytest.fixture
def manager(make_user):
    return make_user(Role.PARTNERSHIP_OFFICER)


def test_starting_a_serious_incident_review_keeps_input_and_summarises_errors(client, manager):
    sign_in(client, manager)
    response = client.post(
        reverse("reviews:new") + "?kind=serious-incident",
        {"title": "Child Q", "aware_on_day": "31", "aware_on_month": "2", "aware_on_year": "2024"},
    )
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_aware_on_day"' in page
    assert 'value="Child Q"' in page
    assert not Review.objects.exists()


def test_starting_a_thematic_review_saves_it(client, manager):
    sign_in(client, manager)
    client.post(
        reverse("reviews:new") + "?kind=thematic",
        {
            "title": "Sexual abuse referrals 2023",
            "cohort_from_day": "1",
            "cohort_from_month": "1",
            "cohort_from_year": "2023",
            "cohort_to_day": "31",
            "cohort_to_month": "12",
            "cohort_to_year": "2023",
        },
    )
    assert Review.objects.get().kind == "thematic"


def test_a_review_group_member_may_view_but_not_start_reviews(client, make_user):
    sign_in(client, make_user(Role.REVIEW_GROUP_MEMBER))
    assert client.get(reverse("reviews:list")).status_code == 200
    assert client.get(reverse("reviews:start")).status_code == 403


def test_another_partnerships_review_is_not_found(client, manager, other_partnership):
    review = ReviewFactory(partnership=other_partnership)
    sign_in(client, manager)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 404


def test_a_rationale_missing_is_shown_on_the_response_form(client, manager, partnership):
    rec = RecommendationFactory(review=ReviewFactory(partnership=partnership, owner=manager))
    sign_in(client, manager)
    page = client.post(
        reverse("reviews:recommendation_respond", args=[rec.pk]),
        {
            "version": rec.version,
            "response": "accepted_in_part",
            "responded_on_day": "1",
            "responded_on_month": "1",
            "responded_on_year": "2024",
        },
    ).content.decode()
    assert 'href="#id_response_rationale"' in page


def test_the_review_list_has_a_fixed_number_of_queries(
    client, manager, partnership, django_assert_max_num_queries
):
    for _ in range(5):
        ReviewFactory(partnership=partnership, owner=manager)
    sign_in(client, manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reviews:list")).status_code == 200


def test_the_recommendation_list_filters_by_response_with_few_queries(
    client, manager, partnership, django_assert_max_num_queries
):
    review = ReviewFactory(partnership=partnership, owner=manager)
    RecommendationFactory(review=review, reference="R1")
    RecommendationFactory(
        review=review, reference="R2", response="not_accepted", response_rationale="No money"
    )
    sign_in(client, manager)
    with django_assert_max_num_queries(12):
        page = client.get(
            reverse("reviews:recommendation_list"), {"response": "not_accepted"}
        ).content.decode()
    assert ">R2<" in page and ">R1<" not in page
