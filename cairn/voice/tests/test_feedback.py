"""Family feedback: deadlines in working days from cairn.clocks (over a bank-holiday weekend,
and as a partnership changes them), refusals, and escalation when late, sent once."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cairn.accounts.choices import Role
from cairn.clocks.services import local_timescale_set
from cairn.voice import services
from cairn.voice.escalations import escalations_due, escalations_send
from cairn.voice.models import EscalationKind, FeedbackEscalation, FeedbackOutcome
from cairn.voice.selectors import feedback_clocks, feedback_list_for
from cairn.voice.tests.factories import FamilyFeedbackFactory

D = dt.date
EASTER_THURSDAY = D(2026, 4, 2)  # Good Friday 3 April, Easter Monday 6 April 2026


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(dt.datetime(2026, 5, 11, 9, 0), tick=False):
        yield


@pytest.fixture
def feedback(partnership, worker):
    return FamilyFeedbackFactory(partnership=partnership, owner=worker, received_on=EASTER_THURSDAY)


def test_acknowledgement_is_due_3_working_days_later_over_easter(feedback):
    # Thursday 2 April 2026: Good Friday, the weekend and Easter Monday are not counted
    assert feedback_clocks(feedback).acknowledgement_due == D(2026, 4, 9)


def test_response_is_due_20_working_days_later_over_easter_and_may_day(feedback):
    assert feedback_clocks(feedback).response_due == D(2026, 5, 5)


def test_a_partnership_can_set_its_own_acknowledgement_timescale(feedback, partnership, admin_user):
    local_timescale_set(
        by=admin_user,
        partnership=partnership,
        key="family_feedback_acknowledgement",
        amount=5,
        unit="working_days",
    )
    assert feedback_clocks(feedback).acknowledgement_due == D(2026, 4, 13)


def test_late_acknowledgement_is_flagged(feedback, worker):
    feedback = services.feedback_acknowledge(
        by=worker,
        feedback=feedback,
        expected_version=feedback.version,
        acknowledged_on=D(2026, 4, 10),
    )
    assert feedback_clocks(feedback).acknowledged_late


def test_feedback_must_be_about_an_incident_or_a_review(worker, partnership):
    with pytest.raises(ValidationError) as e:
        services.feedback_record(
            by=worker,
            partnership=partnership,
            received_on=D(2026, 5, 1),
            from_kind="advocate",
            summary="Synthetic",
            owner=worker,
        )
    assert e.value.message_dict["incident"] == [
        "Choose the incident or the review the feedback is about"
    ]


def test_feedback_needs_an_owner_who_can_manage_it(worker, partnership, make_user):
    with pytest.raises(ValidationError) as e:
        services.feedback_record(
            by=worker,
            partnership=partnership,
            received_on=D(2026, 5, 1),
            from_kind="advocate",
            summary="Synthetic",
            owner=make_user(Role.ANALYST),
            review=FamilyFeedbackFactory(partnership=partnership).review,
        )
    assert e.value.message_dict["owner"] == [
        "Choose an owner who can manage family feedback in this partnership"
    ]


def test_an_acknowledgement_cannot_be_before_the_feedback_arrived(feedback, worker):
    with pytest.raises(ValidationError) as e:
        services.feedback_acknowledge(
            by=worker,
            feedback=feedback,
            expected_version=feedback.version,
            acknowledged_on=D(2026, 4, 1),
        )
    assert e.value.message_dict["acknowledged_on"] == [
        "It cannot be before it was received (2 April 2026)"
    ]


def test_a_response_needs_its_text(feedback, worker):
    with pytest.raises(ValidationError) as e:
        services.feedback_respond(
            by=worker,
            feedback=feedback,
            expected_version=feedback.version,
            outcome=FeedbackOutcome.UPHELD,
            response_text=" ",
            responded_on=D(2026, 4, 20),
        )
    assert e.value.message_dict["response_text"] == ["Enter the response sent to them"]


def test_a_response_also_acknowledges_unacknowledged_feedback(feedback, worker):
    feedback = services.feedback_respond(
        by=worker,
        feedback=feedback,
        expected_version=feedback.version,
        outcome=FeedbackOutcome.PARTLY_UPHELD,
        response_text="Synthetic response",
        responded_on=D(2026, 4, 20),
    )
    assert (feedback.acknowledged_on, feedback.outcome) == (D(2026, 4, 20), "partly_upheld")


def test_late_feedback_is_escalated_to_the_owner_and_the_partnership_lead(feedback, worker, lead):
    escalations_due(today=D(2026, 5, 11))
    rows = set(FeedbackEscalation.objects.values_list("kind", "for_due_on", "recipient"))
    assert rows == {
        (EscalationKind.ACKNOWLEDGEMENT, D(2026, 4, 9), worker.email),
        (EscalationKind.ACKNOWLEDGEMENT, D(2026, 4, 9), lead.email),
        (EscalationKind.RESPONSE, D(2026, 5, 5), worker.email),
        (EscalationKind.RESPONSE, D(2026, 5, 5), lead.email),
    }


def test_nothing_is_escalated_on_the_due_date_itself(feedback, worker):
    assert escalations_due(today=D(2026, 4, 9)) == 0


def test_acknowledged_feedback_is_not_escalated_for_acknowledgement(feedback, worker):
    services.feedback_acknowledge(
        by=worker,
        feedback=feedback,
        expected_version=feedback.version,
        acknowledged_on=D(2026, 4, 7),
    )
    escalations_due(today=D(2026, 4, 20))
    assert not FeedbackEscalation.objects.exists()


def test_an_escalation_is_sent_once_however_often_the_job_runs(feedback, worker):
    escalations_due(today=D(2026, 4, 10))
    assert escalations_due(today=D(2026, 4, 10)) == 0
    assert escalations_due(today=D(2026, 4, 14)) == 0
    assert escalations_send() == 1
    assert escalations_send() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Family feedback not acknowledged: it was due on 9 April 2026"
    assert mail.outbox[0].to == [worker.email]


def test_the_command_writes_and_sends_escalations_once(feedback):
    out = StringIO()
    call_command("send_feedback_escalations", stdout=out)
    call_command("send_feedback_escalations", stdout=out)
    assert out.getvalue().splitlines() == [
        "Family feedback escalations: 2 new, 2 sent.",
        "Family feedback escalations: 0 new, 0 sent.",
    ]


def test_the_late_filter_lists_only_late_feedback(feedback, worker, partnership):
    FamilyFeedbackFactory(partnership=partnership, owner=worker, received_on=D(2026, 5, 11))
    rows = feedback_list_for(viewer=worker, state="late")
    assert [f for f, _ in rows] == [feedback]
