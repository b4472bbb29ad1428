"""Engagement rules: each step's refusal, with the message the user sees."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cairn.core.services import EditConflict
from cairn.reviews.tests.factories import RecommendationFactory, ReviewFactory
from cairn.voice import services
from cairn.voice.models import (
    CheckOutcome,
    ClosureReason,
    ConsentKind,
    ContactMethod,
    EngagementStage,
    ParticipantKind,
)
from cairn.voice.tests.factories import (
    AgreedResponseFactory,
    EngagementFactory,
    SafeguardingCheckFactory,
    SessionFactory,
    VoiceThemeFactory,
    consented,
)

TODAY = timezone.localdate


def _days_ago(n):
    return TODAY() - dt.timedelta(days=n)


def _refusal(service, *, by, engagement, **fields):
    """The messages, by field, of a step refused on the engagement's current version."""
    with pytest.raises(ValidationError) as e:
        service(by=by, engagement=engagement, expected_version=engagement.version, **fields)
    return _messages(e)


def _messages(excinfo) -> dict:
    return excinfo.value.message_dict


@pytest.fixture
def engagement(partnership, worker):
    return EngagementFactory(partnership=partnership, owner=worker)


def test_starting_an_engagement_needs_the_person_or_a_description(worker, partnership):
    with pytest.raises(ValidationError) as e:
        services.engagement_create(
            by=worker,
            partnership=partnership,
            title="Young person A",
            participant_kind="young_person",
        )
    assert _messages(e)["participant_description"] == [
        "Choose the person in Cairn, or describe them without identifying detail"
    ]


def test_an_engagement_starts_at_the_safeguarding_check_owned_by_its_starter(worker, partnership):
    e = services.engagement_create(
        by=worker,
        partnership=partnership,
        title="Parent B",
        participant_kind=ParticipantKind.PARENT_CARER,
        participant_description="Parent of a Year 9 pupil",
    )
    assert (e.stage, e.owner) == (EngagementStage.CHECK, worker)


def test_a_review_group_member_may_not_start_an_engagement(make_user, partnership):
    with pytest.raises(PermissionDenied):
        services.engagement_create(
            by=make_user("review_group_member"),
            partnership=partnership,
            title="Young person A",
            participant_kind="young_person",
            participant_description="Young person",
        )


def test_an_engagement_cannot_link_another_partnerships_review(
    officer, partnership, other_partnership
):
    with pytest.raises(ValidationError) as e:
        services.engagement_create(
            by=officer,
            partnership=partnership,
            title="Young person A",
            participant_kind="young_person",
            participant_description="Young person",
            review=ReviewFactory(partnership=other_partnership),
        )
    assert _messages(e)["review"] == ["Choose a review of this partnership"]


def test_no_invitation_before_a_safeguarding_check(worker, engagement):
    messages = _refusal(
        services.invitation_record,
        by=worker,
        engagement=engagement,
        invited_on=TODAY(),
        invitation_how=ContactMethod.PHONE,
    )
    assert messages["invited_on"][0].startswith(
        "No contact can be made before a safeguarding check has passed"
    )


def test_no_invitation_after_a_check_that_did_not_pass(worker, engagement):
    SafeguardingCheckFactory(
        engagement=engagement, outcome=CheckOutcome.NOT_PASSED, checked_on=_days_ago(3)
    )
    with pytest.raises(ValidationError) as e:
        services.invitation_record(
            by=worker,
            engagement=engagement,
            expected_version=engagement.version,
            invited_on=TODAY(),
            invitation_how=ContactMethod.PHONE,
        )
    assert (
        "did not pass: no contact can be made until a new check passes"
        in (_messages(e)["invited_on"][0])
    )


def test_no_invitation_dated_before_the_check_passed(worker, engagement):
    SafeguardingCheckFactory(engagement=engagement, checked_on=_days_ago(3))
    with pytest.raises(ValidationError) as e:
        services.invitation_record(
            by=worker,
            engagement=engagement,
            expected_version=engagement.version,
            invited_on=_days_ago(5),
            invitation_how=ContactMethod.PHONE,
        )
    assert "record a passed check on or before" in _messages(e)["invited_on"][0]


def test_a_check_that_did_not_pass_needs_a_reason(worker, engagement):
    with pytest.raises(ValidationError) as e:
        services.check_record(
            by=worker, engagement=engagement, checked_on=TODAY(), outcome=CheckOutcome.NOT_PASSED
        )
    assert _messages(e)["note"] == ["Say why contact is not safe, and what would change that"]


def test_a_passed_check_makes_the_engagement_ready_to_invite(worker, engagement):
    services.check_record(
        by=worker, engagement=engagement, checked_on=TODAY(), outcome=CheckOutcome.PASSED
    )
    engagement.refresh_from_db()
    assert engagement.stage == EngagementStage.READY


def test_an_invitation_after_a_passed_check_moves_the_stage_on(worker, engagement):
    SafeguardingCheckFactory(engagement=engagement, checked_on=_days_ago(3))
    e = services.invitation_record(
        by=worker,
        engagement=engagement,
        expected_version=engagement.version,
        invited_on=_days_ago(2),
        invitation_how=ContactMethod.WRITTEN,
    )
    assert (e.stage, e.invited_by) == (EngagementStage.INVITED, worker)


def test_an_invitation_from_a_stale_form_is_refused(worker, engagement):
    SafeguardingCheckFactory(engagement=engagement, checked_on=_days_ago(3))
    with pytest.raises(EditConflict):
        services.invitation_record(
            by=worker,
            engagement=engagement,
            expected_version=engagement.version - 1,
            invited_on=TODAY(),
            invitation_how=ContactMethod.PHONE,
        )


def test_a_reply_cannot_come_before_the_invitation(worker, engagement):
    SafeguardingCheckFactory(engagement=engagement, checked_on=_days_ago(10))
    engagement = services.invitation_record(
        by=worker,
        engagement=engagement,
        expected_version=engagement.version,
        invited_on=_days_ago(5),
        invitation_how=ContactMethod.PHONE,
    )
    messages = _refusal(
        services.invitation_reply,
        by=worker,
        engagement=engagement,
        reply="accepted",
        replied_on=_days_ago(6),
    )
    assert messages["replied_on"][0].startswith("They cannot have replied before")


def test_consent_cannot_be_recorded_before_a_passed_check(worker, engagement):
    with pytest.raises(ValidationError) as e:
        services.consent_give(
            by=worker, engagement=engagement, kind=ConsentKind.TAKE_PART, given_on=TODAY()
        )
    assert "given_on" in _messages(e)


def test_consent_to_be_recorded_needs_consent_to_take_part_first(worker, engagement):
    SafeguardingCheckFactory(engagement=engagement)
    with pytest.raises(ValidationError) as e:
        services.consent_give(
            by=worker, engagement=engagement, kind=ConsentKind.BE_RECORDED, given_on=TODAY()
        )
    assert _messages(e)["kind"] == [
        "Record their consent to take part first: the other consents depend on it"
    ]


def test_the_same_consent_cannot_be_in_force_twice(worker, engagement):
    consented(engagement)
    with pytest.raises(ValidationError) as e:
        services.consent_give(
            by=worker, engagement=engagement, kind=ConsentKind.TAKE_PART, given_on=TODAY()
        )
    assert _messages(e)["kind"] == ["Their consent to take part is already recorded"]


def test_consent_to_take_part_moves_the_engagement_to_taking_part(worker, engagement):
    SafeguardingCheckFactory(engagement=engagement)
    services.consent_give(
        by=worker, engagement=engagement, kind=ConsentKind.TAKE_PART, given_on=TODAY()
    )
    engagement.refresh_from_db()
    assert engagement.stage == EngagementStage.TAKING_PART


def test_a_withdrawn_consent_can_be_given_again_as_a_new_record(worker, engagement):
    consented(engagement, ConsentKind.SHARE_VIEWS)
    share = engagement.consents.get(kind=ConsentKind.SHARE_VIEWS)
    services.consent_withdraw(by=worker, consent=share, withdrawn_on=TODAY())
    services.consent_give(
        by=worker, engagement=engagement, kind=ConsentKind.SHARE_VIEWS, given_on=TODAY()
    )
    assert engagement.consents.filter(kind=ConsentKind.SHARE_VIEWS).count() == 2


def test_consent_cannot_be_withdrawn_twice(worker, engagement):
    consented(engagement)
    consent = engagement.consents.get()
    services.consent_withdraw(by=worker, consent=consent, withdrawn_on=TODAY())
    with pytest.raises(ValidationError) as e:
        services.consent_withdraw(by=worker, consent=consent, withdrawn_on=TODAY())
    assert e.value.messages[0].startswith("This consent was already withdrawn on")


def test_consent_cannot_be_withdrawn_before_it_was_given(worker, engagement):
    consented(engagement)
    consent = engagement.consents.get()
    with pytest.raises(ValidationError) as e:
        services.consent_withdraw(by=worker, consent=consent, withdrawn_on=_days_ago(25))
    assert _messages(e)["withdrawn_on"][0].startswith("Consent cannot be withdrawn before")


def test_a_session_needs_consent_to_take_part_on_that_day(worker, engagement):
    consented(engagement, given_on=_days_ago(5))
    with pytest.raises(ValidationError) as e:
        services.session_record(
            by=worker,
            engagement=engagement,
            held_on=_days_ago(8),
            facilitator="Facilitator",
            how=ContactMethod.VIDEO,
        )
    assert "had not consented to take part" in _messages(e)["held_on"][0]


def test_a_session_cannot_be_in_the_future(worker, engagement):
    consented(engagement)
    with pytest.raises(ValidationError) as e:
        services.session_record(
            by=worker,
            engagement=engagement,
            held_on=TODAY() + dt.timedelta(days=1),
            facilitator="Facilitator",
            how=ContactMethod.VIDEO,
        )
    assert _messages(e)["held_on"] == ["The date of the session must be today or in the past"]


def test_what_they_said_needs_their_consent_to_be_recorded(worker, engagement):
    consented(engagement)
    session = SessionFactory(engagement=engagement)
    with pytest.raises(ValidationError) as e:
        services.contribution_record(by=worker, session=session, text="Synthetic words")
    assert e.value.messages == [
        "They have not consented to have what they say recorded, or have withdrawn that "
        "consent: nothing they said can be recorded"
    ]


def test_words_to_share_need_their_consent_to_share(worker, engagement):
    consented(engagement, ConsentKind.BE_RECORDED)
    session = SessionFactory(engagement=engagement)
    with pytest.raises(ValidationError) as e:
        services.contribution_record(
            by=worker, session=session, text="Synthetic words", shared_text="Synthetic shared"
        )
    assert _messages(e)["shared_text"][0].startswith("They have not agreed to have their views")


def test_a_partnership_officer_cannot_record_what_they_said(officer, engagement):
    consented(engagement, ConsentKind.BE_RECORDED)
    session = SessionFactory(engagement=engagement)
    with pytest.raises(PermissionDenied):
        services.contribution_record(by=officer, session=session, text="Synthetic words")


def test_what_they_said_is_recorded_with_themes(worker, engagement, partnership):
    consented(engagement, ConsentKind.BE_RECORDED)
    theme = VoiceThemeFactory(partnership=partnership)
    contribution = services.contribution_record(
        by=worker,
        session=SessionFactory(engagement=engagement),
        text="Synthetic words",
        themes=[theme],
    )
    assert list(contribution.themes.all()) == [theme]


def test_another_partnerships_theme_is_refused(worker, engagement, other_partnership):
    consented(engagement, ConsentKind.BE_RECORDED)
    with pytest.raises(ValidationError) as e:
        services.contribution_record(
            by=worker,
            session=SessionFactory(engagement=engagement),
            text="Synthetic words",
            themes=[VoiceThemeFactory(partnership=other_partnership)],
        )
    assert _messages(e)["themes"] == ["Choose themes from this partnership's list"]


def test_a_response_needs_a_session_first(worker, engagement):
    consented(engagement)
    with pytest.raises(ValidationError) as e:
        services.response_agree(by=worker, engagement=engagement, text="X", agreed_on=TODAY())
    assert e.value.messages == ["Record a session first: responses are agreed with them"]


def test_an_agreed_response_moves_the_engagement_to_follow_up(worker, engagement):
    consented(engagement)
    SessionFactory(engagement=engagement)
    services.response_agree(
        by=worker, engagement=engagement, text="A weekly call", agreed_on=TODAY()
    )
    engagement.refresh_from_db()
    assert engagement.stage == EngagementStage.FOLLOW_UP


def test_completed_closure_needs_the_follow_up_first(worker, engagement):
    messages = _refusal(
        services.engagement_close,
        by=worker,
        engagement=engagement,
        closed_on=TODAY(),
        closure_reason=ClosureReason.COMPLETED,
    )
    assert messages["closure_reason"] == [
        "Record telling them what was done before closing the engagement as completed"
    ]


def test_a_follow_up_needs_an_agreed_response(worker, engagement):
    with pytest.raises(ValidationError) as e:
        services.follow_up_record(
            by=worker,
            engagement=engagement,
            expected_version=engagement.version,
            followed_up_on=TODAY(),
            follow_up_note="Told",
        )
    assert e.value.messages == ["Agree a response with them before following it up"]


def test_a_closed_engagement_refuses_anything_more(worker, engagement):
    engagement = services.engagement_close(
        by=worker,
        engagement=engagement,
        expected_version=engagement.version,
        closed_on=TODAY(),
        closure_reason=ClosureReason.NOT_SAFE,
    )
    assert engagement.stage == EngagementStage.CLOSED
    with pytest.raises(ValidationError) as e:
        services.check_record(
            by=worker, engagement=engagement, checked_on=TODAY(), outcome=CheckOutcome.PASSED
        )
    assert "nothing more can be recorded on it" in e.value.messages[0]


def test_an_engagement_from_check_to_completed_closure(worker, engagement):
    services.check_record(
        by=worker, engagement=engagement, checked_on=_days_ago(10), outcome=CheckOutcome.PASSED
    )
    engagement.refresh_from_db()
    services.consent_give(
        by=worker, engagement=engagement, kind=ConsentKind.TAKE_PART, given_on=_days_ago(8)
    )
    services.session_record(
        by=worker, engagement=engagement, held_on=_days_ago(7), facilitator="F", how="phone"
    )
    services.response_agree(by=worker, engagement=engagement, text="R", agreed_on=_days_ago(6))
    engagement.refresh_from_db()
    engagement = services.follow_up_record(
        by=worker,
        engagement=engagement,
        expected_version=engagement.version,
        followed_up_on=_days_ago(1),
        follow_up_note="Told them",
    )
    engagement = services.engagement_close(
        by=worker,
        engagement=engagement,
        expected_version=engagement.version,
        closed_on=TODAY(),
        closure_reason=ClosureReason.COMPLETED,
    )
    assert engagement.stage == EngagementStage.CLOSED


def test_evidence_needs_one_recommendation_or_action(officer, partnership):
    engagement = EngagementFactory(partnership=partnership)
    with pytest.raises(ValidationError) as e:
        services.you_said_we_did_link(
            by=officer,
            engagement=engagement,
            what_we_did="Done",
            linked_on=TODAY(),
            theme=VoiceThemeFactory(partnership=partnership),
        )
    assert _messages(e)["recommendation"] == ["Choose one recommendation or one action"]


def test_evidence_needs_a_theme_or_an_agreed_response(officer, partnership):
    engagement = EngagementFactory(partnership=partnership)
    rec = RecommendationFactory(review=ReviewFactory(partnership=partnership))
    with pytest.raises(ValidationError) as e:
        services.you_said_we_did_link(
            by=officer,
            engagement=engagement,
            what_we_did="Done",
            linked_on=TODAY(),
            recommendation=rec,
        )
    assert _messages(e)["theme"] == ["Choose a theme or an agreed response"]


def test_evidence_cannot_use_another_engagements_response(officer, partnership):
    engagement = EngagementFactory(partnership=partnership)
    other = AgreedResponseFactory(engagement=EngagementFactory(partnership=partnership))
    rec = RecommendationFactory(review=ReviewFactory(partnership=partnership))
    with pytest.raises(ValidationError) as e:
        services.you_said_we_did_link(
            by=officer,
            engagement=engagement,
            what_we_did="Done",
            linked_on=TODAY(),
            response=other,
            recommendation=rec,
        )
    assert _messages(e)["response"] == ["Choose a response agreed in this engagement"]


def test_an_engagement_worker_cannot_attach_evidence_to_a_recommendation_they_cannot_see(
    worker, partnership
):
    engagement = EngagementFactory(partnership=partnership, owner=worker)
    rec = RecommendationFactory(review=ReviewFactory(partnership=partnership))
    with pytest.raises(ValidationError) as e:
        services.you_said_we_did_link(
            by=worker,
            engagement=engagement,
            what_we_did="Done",
            linked_on=TODAY(),
            theme=VoiceThemeFactory(partnership=partnership),
            recommendation=rec,
        )
    assert _messages(e)["recommendation"] == ["Choose a recommendation you can see"]


def test_evidence_from_a_response_takes_its_theme(officer, partnership):
    engagement = EngagementFactory(partnership=partnership)
    theme = VoiceThemeFactory(partnership=partnership)
    response = AgreedResponseFactory(engagement=engagement, theme=theme)
    link = services.you_said_we_did_link(
        by=officer,
        engagement=engagement,
        what_we_did="Done",
        linked_on=TODAY(),
        response=response,
        recommendation=RecommendationFactory(review=ReviewFactory(partnership=partnership)),
    )
    assert link.theme == theme


def test_seeding_themes_twice_adds_nothing_the_second_time(partnership):
    first = services.voice_themes_seed(partnership=partnership)
    assert first > 0
    assert services.voice_themes_seed(partnership=partnership) == 0


def test_a_theme_name_is_unique_in_the_partnership(worker, partnership):
    VoiceThemeFactory(partnership=partnership, name="Being believed")
    with pytest.raises(ValidationError) as e:
        services.voice_theme_add(by=worker, partnership=partnership, name="being believed")
    assert _messages(e)["name"] == ["There is already a theme called being believed"]
