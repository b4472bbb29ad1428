"""Briefing e-mails through the outbox: written once, sent once."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cairn.learning import services
from cairn.learning.choices import NoticeKind
from cairn.learning.models import Notice, Receipt
from cairn.learning.reminders import notices_due, notices_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(officer, draft, dsls):
    return services.briefing_send(by=officer, briefing=draft, expected_version=draft.version)


def _kinds(kind):
    return sorted(n.recipient for n in Notice.objects.filter(kind=kind))


def test_nobody_is_reminded_before_the_reminder_day(sent):
    assert notices_due(today=sent.remind_on - dt.timedelta(days=1)) == 0


def test_those_who_have_not_read_are_reminded_on_the_reminder_day(sent, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=Receipt.objects.get(recipient=dsls[0]))
    assert notices_due(today=sent.remind_on) == 1
    assert _kinds(NoticeKind.NOT_READ) == [dsls[1].email]


def test_a_reminder_is_written_once_however_often_it_runs(sent):
    notices_due(today=sent.remind_on)
    assert notices_due(today=sent.remind_on) == 0
    assert notices_due(today=sent.remind_on + dt.timedelta(days=3)) == 0
    assert Notice.objects.filter(kind=NoticeKind.NOT_READ).count() == 2


def test_readers_are_asked_the_follow_up_question_on_its_day(sent, dsls):
    services.receipt_acknowledge(by=dsls[0], receipt=Receipt.objects.get(recipient=dsls[0]))
    notices_due(today=sent.follow_up_on)
    assert _kinds(NoticeKind.FOLLOW_UP) == [dsls[0].email]


def test_someone_who_has_answered_is_not_asked_again(sent, dsls):
    Receipt.objects.filter(recipient=dsls[0]).update(
        read_at=timezone.now(), answered_at=timezone.now(), follow_up_answer="Done"
    )
    notices_due(today=sent.follow_up_on)
    assert not Notice.objects.filter(kind=NoticeKind.FOLLOW_UP, recipient=dsls[0].email).exists()


def test_a_user_who_has_left_is_not_reminded(sent, dsls):
    dsls[1].is_active = False
    dsls[1].save()
    notices_due(today=sent.remind_on)
    assert _kinds(NoticeKind.NOT_READ) == [dsls[0].email]


def test_each_email_is_sent_once(sent, dsls):
    notices_due(today=sent.remind_on)
    assert notices_send() == 4  # two new-briefing e-mails, two reminders
    assert notices_send() == 0
    assert len(mail.outbox) == 4
    subjects = sorted(m.subject for m in mail.outbox if m.to == [dsls[0].email])
    assert subjects == [
        f"New briefing: {sent.title}",
        f"Reminder: please read the briefing {sent.title}",
    ]


def test_an_email_the_mail_server_refuses_stays_unsent_for_the_next_run(sent, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("cairn.core.outbox.send_mail", refuse)
    assert notices_send() == 0
    assert Notice.objects.filter(sent_at__isnull=True).count() == 2


def test_the_command_writes_and_sends(sent, capsys):
    from django.core.management import call_command

    call_command("send_briefing_reminders")
    assert "Briefing e-mails: 0 new, 2 sent." in capsys.readouterr().out
