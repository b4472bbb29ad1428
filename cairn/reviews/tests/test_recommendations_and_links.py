"""Recommendations (response rationale, governance route), themes, links and their visibility."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.governance.models import BodyKind
from cairn.governance.tests.factories import BodyDecisionFactory, GovernanceBodyFactory
from cairn.incidents.models import Involvement
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory
from cairn.reviews import services
from cairn.reviews.models import LearningTheme, ReviewKind
from cairn.reviews.selectors import links_for
from cairn.reviews.tests.factories import (
    FindingFactory,
    LearningThemeFactory,
    RecommendationFactory,
    ReviewFactory,
)
from conftest import sign_in

D = dt.date


@pytest.fixture
def manager(make_user):
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def recommendation(partnership, manager):
    return RecommendationFactory(
        review=ReviewFactory(partnership=partnership, owner=manager), made_on=D(2024, 1, 10)
    )


def test_not_accepting_a_recommendation_without_a_rationale_is_refused(recommendation, manager):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_respond(
            by=manager,
            recommendation=recommendation,
            expected_version=recommendation.version,
            response="not_accepted",
            responded_on=D(2024, 2, 1),
        )
    assert "rationale is needed" in refused.value.message_dict["response_rationale"][0]


def test_a_response_can_record_the_scrutiny_agreement_and_cabinet_approval_inline(
    recommendation, manager, partnership
):
    scrutiny = GovernanceBodyFactory(partnership=partnership, kind=BodyKind.SCRUTINY_COMMITTEE)
    cabinet = GovernanceBodyFactory(partnership=partnership, kind=BodyKind.CABINET)
    rec = services.recommendation_respond(
        by=manager,
        recommendation=recommendation,
        expected_version=recommendation.version,
        response="accepted",
        responded_on=D(2024, 3, 20),
        new_agreement={"body": scrutiny, "decided_on": D(2024, 3, 12), "summary": "Agreed"},
        new_approval={
            "body": cabinet,
            "decided_on": D(2024, 3, 20),
            "reference": "CAB/2024/045",
            "summary": "Approved",
        },
    )
    assert (rec.agreed_by.body, rec.approved_by.reference) == (scrutiny, "CAB/2024/045")


def test_an_approval_before_the_agreement_is_refused(recommendation, manager, partnership):
    agreed = BodyDecisionFactory(body__partnership=partnership, decided_on=D(2024, 3, 12))
    approved = BodyDecisionFactory(body__partnership=partnership, decided_on=D(2024, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.recommendation_respond(
            by=manager,
            recommendation=recommendation,
            expected_version=recommendation.version,
            response="accepted",
            responded_on=D(2024, 3, 20),
            agreed_by=agreed,
            approved_by=approved,
        )
    assert "approved_by" in refused.value.message_dict


def test_a_single_agency_recommendation_names_exactly_one_agency(manager, partnership):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_create(
            by=manager,
            partnership=partnership,
            source="cabinet",
            reference="C1",
            text="Do better",
            scope="single_agency",
            made_on=D(2024, 1, 1),
        )
    assert "exactly one agency" in refused.value.message_dict["agencies"][0]


def test_seeding_learning_themes_twice_adds_them_once(partnership):
    first = services.learning_themes_seed(partnership=partnership)
    assert services.learning_themes_seed(partnership=partnership) == 0
    assert LearningTheme.objects.filter(partnership=partnership).count() == first >= 12


def test_a_retired_theme_cannot_be_given_to_a_new_finding(partnership, manager):
    theme = LearningThemeFactory(partnership=partnership, is_active=False)
    review = ReviewFactory(partnership=partnership, owner=manager)
    with pytest.raises(ValidationError):
        services.finding_add(by=manager, review=review, text="A finding", themes=[theme])


def test_findings_are_numbered_in_order(partnership, manager):
    review = ReviewFactory(partnership=partnership, owner=manager)
    FindingFactory(review=review, number=1)
    assert services.finding_add(by=manager, review=review, text="Second").number == 2


@pytest.fixture
def linked(partnership, la, manager):
    review = ReviewFactory(partnership=partnership, owner=manager)
    incidents = [IncidentFactory(partnership=partnership, reporting_agency=la) for _ in range(2)]
    for incident in incidents:
        InvolvementFactory(incident=incident)
    services.review_link_incidents(
        by=manager, review=review, incident_ids=[i.pk for i in incidents]
    )
    return review


def test_a_review_group_member_sees_how_many_incidents_are_linked_but_not_which(linked, make_user):
    links = links_for(review=linked, viewer=make_user(Role.REVIEW_GROUP_MEMBER))
    assert (links.incident_count, links.incidents, links.children) == (2, [], [])


def test_the_mash_and_an_auditor_see_the_linked_incidents_and_children(linked, make_user):
    for role in (Role.MASH_PRACTITIONER, Role.AUDITOR):
        links = links_for(review=linked, viewer=make_user(role))
        assert (len(links.incidents), len(links.children)) == (2, 2)


def test_the_review_page_does_not_name_linked_children_to_a_review_group_member(
    client, linked, make_user
):
    sign_in(client, make_user(Role.REVIEW_GROUP_MEMBER))
    page = client.get(reverse("reviews:detail", args=[linked.pk])).content.decode()
    child = linked.children.first()
    assert "2 linked incidents" in page
    assert child.family_name not in page


def test_linking_another_partnerships_incident_is_refused(linked, manager, other_partnership):
    stranger = IncidentFactory(partnership=other_partnership)
    with pytest.raises(ValidationError):
        services.review_link_incidents(by=manager, review=linked, incident_ids=[stranger.pk])


def test_the_cohort_links_sexual_abuse_referrals_to_the_mash_between_its_dates(
    partnership, la, manager
):
    def incident(forms, day, mash=True):
        i = IncidentFactory(
            partnership=partnership,
            reporting_agency=la,
            forms=forms,
            reported_at=timezone.make_aware(dt.datetime(*day, 10)),
        )
        inv = InvolvementFactory(incident=i)
        if mash:
            Involvement.objects.filter(pk=inv.pk).update(mash_received_at=i.reported_at)
        return i

    inside = incident(["sexual_violence"], (2023, 3, 1))
    incident(["bullying"], (2023, 3, 1))
    incident(["sexual_harassment"], (2024, 3, 1))
    incident(["sexual_harassment"], (2023, 3, 1), mash=False)
    review = ReviewFactory(
        partnership=partnership,
        owner=manager,
        kind=ReviewKind.THEMATIC,
        cohort_from=D(2023, 1, 1),
        cohort_to=D(2023, 12, 31),
        cohort_forms=["sexual_violence", "sexual_harassment"],
    )
    assert services.review_link_cohort(by=manager, review=review) == 1
    assert list(review.incidents.all()) == [inside]
