"""Listening pages: forms keep input, error summaries, view vs manage, stages in the list,
tenancy, query counts."""

from django.urls import reverse
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.voice.models import ConsentKind, Engagement, EngagementStage, FamilyFeedback
from cairn.voice.tests.factories import (
    AgreedResponseFactory,
    ContributionFactory,
    EngagementFactory,
    FamilyFeedbackFactory,
    SafeguardingCheckFactory,
    SessionFactory,
    VoiceThemeFactory,
    consented,
)
from conftest import sign_in


def test_starting_an_engagement_without_a_description_keeps_input_and_summarises_errors(
    client, worker
):
    sign_in(client, worker)
    page = client.post(
        reverse("voice:new"), {"title": "Young person A", "participant_kind": "young_person"}
    ).content.decode()
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_participant_description"' in page
    assert 'value="Young person A"' in page
    assert not Engagement.objects.exists()


def test_starting_an_engagement_saves_it_and_shows_the_check_as_next_step(client, worker):
    sign_in(client, worker)
    response = client.post(
        reverse("voice:new"),
        {
            "title": "Young person A",
            "participant_kind": "young_person",
            "participant_description": "Young person, 14",
        },
        follow=True,
    )
    assert Engagement.objects.get().stage == EngagementStage.CHECK
    assert "Record the safeguarding check" in response.content.decode()


def test_an_invitation_before_a_check_shows_the_refusal_on_the_field(client, worker, partnership):
    engagement = EngagementFactory(partnership=partnership, owner=worker)
    sign_in(client, worker)
    page = client.post(
        reverse("voice:invitation", args=[engagement.pk]),
        {
            "version": engagement.version,
            "invited_on_day": "1",
            "invited_on_month": "6",
            "invited_on_year": "2025",
            "invitation_how": "phone",
        },
    ).content.decode()
    assert 'href="#id_invited_on_day"' in page
    assert "No contact can be made before a safeguarding check has passed" in page


def test_withdrawing_consent_from_the_page_records_who_and_when(client, worker, partnership):
    engagement = consented(
        EngagementFactory(partnership=partnership, owner=worker), ConsentKind.SHARE_VIEWS
    )
    consent = engagement.consents.get(kind=ConsentKind.SHARE_VIEWS)
    today = timezone.localdate()
    sign_in(client, worker)
    client.post(
        reverse("voice:consent_withdraw", args=[consent.pk]),
        {
            "withdrawn_on_day": today.day,
            "withdrawn_on_month": today.month,
            "withdrawn_on_year": today.year,
        },
    )
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawal_recorded_by) == (today, worker)


def test_the_list_filters_by_stage(client, worker, partnership):
    ready = EngagementFactory(partnership=partnership, stage=EngagementStage.READY, title="Ready")
    EngagementFactory(partnership=partnership, stage=EngagementStage.CLOSED, title="Closed one")
    sign_in(client, worker)
    page = client.get(reverse("voice:list"), {"stage": "ready"}).content.decode()
    assert ready.title in page
    assert "Closed one" not in page


def test_the_list_filters_by_theme(client, worker, partnership):
    theme = VoiceThemeFactory(partnership=partnership, name="Waiting too long")
    tagged = AgreedResponseFactory(
        engagement=EngagementFactory(partnership=partnership, title="Tagged"), theme=theme
    )
    EngagementFactory(partnership=partnership, title="Untagged")
    sign_in(client, worker)
    page = client.get(reverse("voice:list"), {"theme": theme.pk}).content.decode()
    assert tagged.engagement.title in page
    assert "Untagged" not in page


def test_a_partnership_lead_may_view_but_not_start_engagements(client, lead):
    sign_in(client, lead)
    assert client.get(reverse("voice:list")).status_code == 200
    assert client.get(reverse("voice:new")).status_code == 403


def test_a_review_group_member_may_not_see_listening(client, make_user):
    sign_in(client, make_user(Role.REVIEW_GROUP_MEMBER))
    assert client.get(reverse("voice:list")).status_code == 403


def test_another_partnerships_engagement_is_not_found(client, worker, other_partnership):
    engagement = EngagementFactory(partnership=other_partnership)
    sign_in(client, worker)
    assert client.get(reverse("voice:detail", args=[engagement.pk])).status_code == 404
    assert client.get(reverse("voice:words", args=[engagement.pk])).status_code == 404


def test_recording_feedback_from_the_page(client, officer, worker, partnership):
    review = FamilyFeedbackFactory(partnership=partnership).review
    sign_in(client, officer)
    response = client.post(
        reverse("voice:feedback_new"),
        {
            "received_on_day": "2",
            "received_on_month": "4",
            "received_on_year": "2026",
            "from_kind": "advocate",
            "review": review.pk,
            "summary": "Synthetic: the family were not told the review had started.",
            "owner": worker.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert FamilyFeedback.objects.filter(from_kind="advocate", owner=worker).exists()


def _engagement_with_everything(partnership, owner):
    e = consented(
        EngagementFactory(partnership=partnership, owner=owner),
        ConsentKind.BE_RECORDED,
        ConsentKind.SHARE_VIEWS,
    )
    theme = VoiceThemeFactory(partnership=partnership)
    c = ContributionFactory(session=SessionFactory(engagement=e))
    c.themes.add(theme)
    AgreedResponseFactory(engagement=e, theme=theme)
    return e


def test_the_engagement_list_has_a_fixed_number_of_queries(
    client, worker, partnership, django_assert_max_num_queries
):
    for _ in range(6):
        _engagement_with_everything(partnership, worker)
    sign_in(client, worker)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("voice:list")).status_code == 200


def test_the_engagement_page_has_a_fixed_number_of_queries(
    client, officer, worker, partnership, django_assert_max_num_queries
):
    e = _engagement_with_everything(partnership, worker)
    SafeguardingCheckFactory(engagement=e)
    sign_in(client, officer)
    with django_assert_max_num_queries(24):
        assert client.get(reverse("voice:detail", args=[e.pk])).status_code == 200


def test_the_feedback_list_has_a_fixed_number_of_queries(
    client, worker, partnership, django_assert_max_num_queries
):
    for _ in range(6):
        FamilyFeedbackFactory(partnership=partnership, owner=worker)
    sign_in(client, worker)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("voice:feedback_list")).status_code == 200


def test_the_words_page_has_a_query_count_that_grows_only_with_the_audit_log(
    client, worker, partnership, django_assert_max_num_queries
):
    e = _engagement_with_everything(partnership, worker)
    ContributionFactory(session=e.sessions.get())
    sign_in(client, worker)
    # each record read writes one audit event (a savepoint, an advisory lock, a read of the
    # chain's end, an insert, a release); the rest is fixed
    with django_assert_max_num_queries(13 + 2 * 5):
        assert client.get(reverse("voice:words", args=[e.pk])).status_code == 200
