"""Briefings: writing, sending (recipients frozen), correcting, acknowledging, following up."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import AgencyFactory, UserFactory
from cairn.audit.models import AuditEvent
from cairn.core.services import EditConflict
from cairn.guidance.models import AuditRun
from cairn.learning import services
from cairn.learning.choices import BriefingStatus, NoticeKind
from cairn.learning.models import Correction, Notice, Receipt
from cairn.learning.tests.factories import BriefingFactory
from cairn.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _send(briefing, by):
    return services.briefing_send(by=by, briefing=briefing, expected_version=briefing.version)


def _message(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# Writing ----------------------------------------------------------------------------------


def test_a_partnership_officer_writes_a_draft_from_a_review_and_an_audit(
    officer, partnership, schools
):
    review = ReviewFactory(partnership=partnership, title="Child T")
    run = AuditRun.objects.create(partnership=partnership, title="Audit", is_thematic=True)
    briefing = services.briefing_create(
        by=officer,
        partnership=partnership,
        title=" Child T: seven-minute briefing ",
        summary="Listen to what children tell you.",
        body="Body",
        review=review,
        audit_run=run,
        agencies=schools,
        roles=[Role.DSL],
    )
    assert briefing.status == BriefingStatus.DRAFT
    assert briefing.title == "Child T: seven-minute briefing"
    assert (briefing.review, briefing.audit_run) == (review, run)
    assert set(briefing.agencies.all()) == set(schools)
    assert briefing.follow_up_weeks == 6


def test_a_draft_needs_a_title_summary_and_body(officer, partnership):
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_create(
            by=officer, partnership=partnership, title="", summary=" ", body=""
        )
    assert excinfo.value.message_dict == {
        "title": ["Enter a title"],
        "summary": ["Enter a short summary"],
        "body": ["Enter the briefing"],
    }


def test_a_briefing_cannot_come_from_another_partnerships_review(officer, partnership):
    foreign = ReviewFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_create(
            by=officer, partnership=partnership, title="T", summary="S", body="B", review=foreign
        )
    assert excinfo.value.message_dict == {"review": ["Choose a review of this partnership"]}


def test_a_briefing_comes_only_from_a_thematic_audit(officer, partnership):
    case_audit = AuditRun.objects.create(partnership=partnership, title="One case")
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_create(
            by=officer,
            partnership=partnership,
            title="T",
            summary="S",
            body="B",
            audit_run=case_audit,
        )
    assert excinfo.value.message_dict == {
        "audit_run": ["Choose a thematic audit of this partnership"]
    }


def test_the_follow_up_must_be_between_one_and_fifty_two_weeks(officer, partnership):
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_create(
            by=officer, partnership=partnership, title="T", summary="S", body="B", follow_up_weeks=0
        )
    assert excinfo.value.message_dict == {
        "follow_up_weeks": ["The follow-up must be between 1 and 52 weeks after sending"]
    }


def test_a_dsl_may_not_write_a_briefing(partnership, dsls):
    with pytest.raises(PermissionDenied):
        services.briefing_create(
            by=dsls[0], partnership=partnership, title="T", summary="S", body="B"
        )


def test_an_edit_of_a_draft_made_against_an_old_version_is_refused(officer, draft):
    services.briefing_update(by=officer, briefing=draft, expected_version=1, title="New title")
    with pytest.raises(EditConflict):
        services.briefing_update(by=officer, briefing=draft, expected_version=1, title="Other")


def test_changing_a_drafts_agencies_replaces_them(officer, draft, partnership):
    other = AgencyFactory(partnership=partnership)
    updated = services.briefing_update(
        by=officer, briefing=draft, expected_version=draft.version, agencies=[other]
    )
    assert list(updated.agencies.all()) == [other]
    assert updated.version == 2


# Sending ----------------------------------------------------------------------------------


def test_sending_creates_one_receipt_per_active_user_with_a_chosen_role(officer, draft, schools):
    dsl_a = UserFactory(agency=schools[0], roles=[Role.DSL])
    dsl_b = UserFactory(agency=schools[1], roles=[Role.DSL, Role.AGENCY_PRACTITIONER])
    UserFactory(agency=schools[0], roles=[Role.AGENCY_PRACTITIONER])  # not a chosen role
    UserFactory(agency=schools[0], roles=[Role.DSL], is_active=False)  # left
    UserFactory(agency=AgencyFactory(partnership=draft.partnership), roles=[Role.DSL])
    sent = _send(draft, officer)
    receipts = Receipt.objects.filter(briefing=sent)
    assert {r.recipient for r in receipts} == {dsl_a, dsl_b}
    assert {r.agency for r in receipts} == set(schools)
    assert sent.status == BriefingStatus.SENT


def test_the_recipients_are_frozen_when_the_briefing_is_sent(officer, draft, schools, dsls):
    sent = _send(draft, officer)
    UserFactory(agency=schools[0], roles=[Role.DSL])  # joins after sending
    moved = dsls[1]
    moved.agency = AgencyFactory(partnership=draft.partnership)
    moved.roles = [Role.AGENCY_PRACTITIONER]
    moved.save()
    receipts = Receipt.objects.filter(briefing=sent)
    assert {r.recipient for r in receipts} == set(dsls)
    assert receipts.get(recipient=moved).agency == schools[1]


def test_sending_writes_one_new_briefing_email_per_recipient(officer, draft, dsls):
    _send(draft, officer)
    notices = Notice.objects.filter(receipt__briefing=draft)
    assert sorted(n.recipient for n in notices) == sorted(u.email for u in dsls)
    assert {n.kind for n in notices} == {NoticeKind.NEW}


@time_machine.travel(MONDAY, tick=False)
def test_sending_fixes_the_reminder_day_in_working_days_and_the_follow_up_day(officer, draft, dsls):
    draft.remind_after_days, draft.follow_up_weeks = 5, 5
    draft.save()
    sent = _send(draft, officer)
    assert sent.remind_on == dt.date(2026, 3, 9)  # five working days after Monday 2 March
    assert sent.follow_up_on == dt.date(2026, 4, 7)  # 6 April 2026 is Easter Monday


def test_a_briefing_that_nobody_would_receive_is_not_sent(officer, draft):
    with pytest.raises(ValidationError) as excinfo:
        _send(draft, officer)
    assert _message(excinfo) == (
        "No one would receive this briefing: no active user of the chosen agencies has one of "
        "the chosen roles"
    )
    draft.refresh_from_db()
    assert draft.status == BriefingStatus.DRAFT


def test_a_briefing_without_an_audience_is_not_sent(officer, partnership, dsls):
    briefing = BriefingFactory(partnership=partnership, roles=[])
    with pytest.raises(ValidationError) as excinfo:
        _send(briefing, officer)
    assert _message(excinfo) == "Choose at least one agency and one role to send it to"


def test_a_briefing_is_sent_only_once(officer, draft, dsls):
    sent = _send(draft, officer)
    with pytest.raises(ValidationError) as excinfo:
        _send(sent, officer)
    assert _message(excinfo) == "This briefing has already been sent"
    assert Receipt.objects.filter(briefing=draft).count() == 2


def test_sending_a_version_other_than_the_one_checked_is_refused(officer, draft, dsls):
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_send(by=officer, briefing=draft, expected_version=draft.version + 1)
    assert "changed by someone else" in _message(excinfo)


def test_a_sent_briefing_cannot_be_edited(officer, draft, dsls):
    sent = _send(draft, officer)
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_update(
            by=officer, briefing=sent, expected_version=sent.version, title="Changed"
        )
    assert _message(excinfo) == services.SENT_IS_FINAL


def test_a_sent_briefing_is_corrected_with_a_note(officer, draft, dsls):
    sent = _send(draft, officer)
    correction = services.briefing_correct(by=officer, briefing=sent, text=" The date was 4 May ")
    assert correction.text == "The date was 4 May"
    assert list(sent.corrections.all()) == [correction]


def test_a_draft_is_not_corrected_with_a_note(officer, draft):
    with pytest.raises(ValidationError) as excinfo:
        services.briefing_correct(by=officer, briefing=draft, text="Fix")
    assert _message(excinfo) == "This briefing has not been sent yet: change the draft instead"
    assert not Correction.objects.exists()


def test_sending_is_in_the_audit_trail_with_the_officer_as_actor(officer, draft, dsls):
    _send(draft, officer)
    bulk = AuditEvent.objects.filter(object_type="learning.receipt").get()
    assert bulk.actor == officer
    assert bulk.changes == {"count": 2}


# Reading, acknowledging, following up ------------------------------------------------------


@pytest.fixture
def receipt(officer, draft, dsls):
    _send(draft, officer)
    return Receipt.objects.select_related("briefing").get(recipient=dsls[0])


def test_opening_a_briefing_is_not_an_acknowledgement(receipt, dsls):
    services.receipt_open(by=dsls[0], receipt=receipt)
    receipt.refresh_from_db()
    assert receipt.first_opened_at is not None
    assert receipt.read_at is None


def test_a_recipient_acknowledges_reading(receipt, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=receipt)
    receipt.refresh_from_db()
    assert receipt.read_at is not None


def test_a_briefing_is_acknowledged_once(receipt, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=receipt)
    with pytest.raises(ValidationError) as excinfo:
        services.receipt_acknowledge(by=dsls[0], receipt=receipt)
    assert _message(excinfo) == "You have already said you have read this briefing"


def test_nobody_acknowledges_for_someone_else(receipt, dsls):
    with pytest.raises(PermissionDenied):
        services.receipt_acknowledge(by=dsls[1], receipt=receipt)


def test_the_follow_up_is_not_answered_before_reading(receipt, dsls):
    with pytest.raises(ValidationError) as excinfo:
        services.receipt_answer_follow_up(by=dsls[0], receipt=receipt, answer="More")
    assert _message(excinfo) == (
        "Confirm you have read the briefing before answering the follow-up question"
    )


def test_the_follow_up_is_not_answered_before_its_day(receipt, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=receipt)
    day = receipt.briefing.follow_up_on
    with pytest.raises(ValidationError) as excinfo:
        services.receipt_answer_follow_up(by=dsls[0], receipt=receipt, answer="More")
    assert _message(excinfo) == f"The follow-up question opens on {day.day} {day:%B %Y}"


def test_the_follow_up_is_answered_on_its_day(receipt, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=receipt)
    follow_up_day = dt.datetime.combine(receipt.briefing.follow_up_on, dt.time(12))
    with time_machine.travel(timezone.make_aware(follow_up_day), tick=False):
        services.receipt_answer_follow_up(
            by=dsls[0], receipt=receipt, answer=" We now ask every child. "
        )
    receipt.refresh_from_db()
    assert receipt.follow_up_answer == "We now ask every child."
    assert receipt.answered_at is not None


def test_the_follow_up_is_answered_once(receipt, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=receipt)
    Receipt.objects.filter(pk=receipt.pk).update(answered_at=timezone.now())
    receipt.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.receipt_answer_follow_up(by=dsls[0], receipt=receipt, answer="Again")
    assert _message(excinfo) == "You have already answered the follow-up question"
