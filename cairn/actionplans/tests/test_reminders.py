"""Reminders and escalations (decision 0012): the right e-mail to the right person on the
right day, sent once, even when the run repeats or dies half-way.

The clock is frozen on Monday 1 June 2026; e-mail goes to Django's locmem outbox.
"""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from cairn.accounts.choices import Role
from cairn.actionplans.models import ActionStatus, PlanStatus, Reminder, ReminderKind
from cairn.actionplans.reminders import (
    DUE_SOON_DAYS,
    ESCALATE_AFTER_DAYS,
    reminders_due,
    reminders_send,
)
from cairn.actionplans.tasks import send_reminders
from cairn.actionplans.tests.factories import PlanActionFactory

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(dt.datetime(2026, 6, 1, 7, 0), tick=False):
        yield


@pytest.fixture
def live_plan(plan):
    plan.status = PlanStatus.MONITORED
    plan.save()
    return plan


@pytest.fixture
def lead(practitioner):
    return practitioner


def due(plan, lead, days: int, **fields):
    """An open action led by ``lead`` due ``days`` from today (negative: overdue)."""
    return PlanActionFactory(
        plan=plan,
        lead_agency=lead.agency,
        lead_user=lead,
        starts_on=dt.date(2025, 1, 6),
        due_on=TODAY + dt.timedelta(days=days),
        **fields,
    )


def kinds_to(address):
    return sorted(Reminder.objects.filter(recipient=address).values_list("kind", flat=True))


def test_an_action_due_within_ten_days_reminds_its_lead(live_plan, lead):
    due(live_plan, lead, DUE_SOON_DAYS)
    reminders_due(TODAY)
    assert kinds_to(lead.email) == [ReminderKind.DUE_SOON]


def test_an_action_due_later_than_ten_days_reminds_no_one(live_plan, lead):
    due(live_plan, lead, DUE_SOON_DAYS + 1)
    assert reminders_due(TODAY) == 0


def test_an_overdue_action_reminds_its_lead(live_plan, lead):
    due(live_plan, lead, -1)
    reminders_due(TODAY)
    assert kinds_to(lead.email) == [ReminderKind.OVERDUE]


def test_a_complete_action_or_a_draft_plans_action_reminds_no_one(plan, live_plan, lead):
    due(live_plan, lead, -3, status=ActionStatus.COMPLETE)
    plan.status = PlanStatus.DRAFT
    plan.save()
    due(plan, lead, -3)
    assert reminders_due(TODAY) == 0


def test_a_long_overdue_action_is_escalated_to_its_agencys_board_member(
    live_plan, lead, la_member, chair
):
    due(live_plan, lead, -(ESCALATE_AFTER_DAYS + 1))
    reminders_due(TODAY)
    assert kinds_to(la_member.email) == [ReminderKind.ESCALATION]
    assert kinds_to(chair.email) == []


def test_an_action_exactly_thirty_days_overdue_is_not_yet_escalated(live_plan, lead, la_member):
    due(live_plan, lead, -ESCALATE_AFTER_DAYS)
    reminders_due(TODAY)
    assert kinds_to(la_member.email) == []


def test_escalation_goes_to_the_chair_when_no_member_represents_the_agency(live_plan, lead, chair):
    due(live_plan, lead, -45)
    reminders_due(TODAY)
    assert kinds_to(chair.email) == [ReminderKind.ESCALATION]


def test_a_member_who_has_left_the_body_is_not_escalated_to(live_plan, lead, la_member, chair):
    la_member.left_on = dt.date(2026, 5, 1)
    la_member.save()
    due(live_plan, lead, -45)
    reminders_due(TODAY)
    assert (kinds_to(la_member.email), kinds_to(chair.email)) == ([], [ReminderKind.ESCALATION])


def test_reminders_are_sent_once_when_the_run_repeats(live_plan, lead, la_member):
    due(live_plan, lead, 3)
    due(live_plan, lead, -40)
    for _ in range(2):
        reminders_due(TODAY)
        reminders_send()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, lead.email, la_member.email])
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()


def test_the_next_day_does_not_repeat_yesterdays_overdue_reminder(live_plan, lead):
    due(live_plan, lead, -2)
    reminders_due(TODAY)
    reminders_send()
    reminders_due(TODAY + dt.timedelta(days=1))
    assert reminders_send() == 0
    assert len(mail.outbox) == 1


def test_a_new_due_date_brings_a_new_reminder(live_plan, lead):
    action = due(live_plan, lead, -2)
    reminders_due(TODAY)
    reminders_send()
    action.due_on = TODAY + dt.timedelta(days=5)
    action.save()
    reminders_due(TODAY)
    reminders_send()
    assert [m.subject for m in mail.outbox][-1] == f"Action {action.number} is due on 6 June 2026"


class Crash(BaseException):
    """The process dies (not an error the sender could catch)."""


class CrashOnSecond(EmailBackend):
    def send_messages(self, messages):
        if len(mail.outbox) == 1:
            raise Crash
        return super().send_messages(messages)


class RefuseOne(EmailBackend):
    refused = ""

    def send_messages(self, messages):
        if messages[0].to == [RefuseOne.refused]:
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


def three_reminders(plan, lead, make_user):
    others = [make_user(Role.AGENCY_PRACTITIONER) for _ in range(2)]
    for who in (lead, *others):
        due(plan, who, 2)
    reminders_due(TODAY)
    return [lead, *others]


def test_a_crash_half_way_then_a_rerun_sends_only_the_remaining(
    live_plan, lead, make_user, settings
):
    three_reminders(live_plan, lead, make_user)
    settings.EMAIL_BACKEND = f"{__name__}.CrashOnSecond"
    with pytest.raises(Crash):
        reminders_send()
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders_send() == 2
    assert len(mail.outbox) == 3
    assert len({m.to[0] for m in mail.outbox}) == 3


def test_an_address_the_mail_server_refuses_does_not_stop_the_others(
    live_plan, lead, make_user, settings
):
    people = three_reminders(live_plan, lead, make_user)
    RefuseOne.refused = people[1].email
    settings.EMAIL_BACKEND = f"{__name__}.RefuseOne"
    assert reminders_send() == 2
    assert list(
        Reminder.objects.filter(sent_at__isnull=True).values_list("recipient", flat=True)
    ) == [people[1].email]


def test_the_command_writes_and_sends_todays_reminders(live_plan, lead):
    due(live_plan, lead, 1)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Reminders: 1 new, 1 sent."
    assert mail.outbox[0].subject.startswith("Action ")


def test_the_task_can_be_called_and_reports_its_counts(live_plan, lead):
    due(live_plan, lead, -1)
    assert send_reminders.call() == {"created": 1, "sent": 1}
