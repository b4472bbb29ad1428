"""Demo step: the practice guidance library and two learning briefings (synthetic only).

Runs after the thematic audit step. It loads the national practice library, adds colleagues
who receive briefings (MASH social workers, police researchers, nurses, DSLs and deputies: they
receive e-mail only, and cannot sign in), then:

- a seven-minute briefing from the Child T review, sent ten weeks ago to DSLs, MASH staff,
  police and health, most of whom have read it and some of whom have answered the follow-up
  question;
- a learning summary from the child-on-child thematic audit, sent eight working days ago to
  DSLs and MASH staff: about half have read it, and the follow-up is still weeks away.

Receipts are back-dated with plain updates (as if the weeks had passed); every other write goes
through the learning services.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.models import User
from cairn.clocks.calendar import WorkingCalendar
from cairn.guidance.models import AuditRun
from cairn.learning import services
from cairn.learning.choices import BriefingKind
from cairn.learning.library import practice_library_load
from cairn.learning.models import Briefing, Notice, Receipt
from cairn.reviews.models import Review

DOMAIN = "marlshire.example"

CHILD_T_BODY = """\
## What happened
A 14-year-old girl was sexually assaulted by another pupil on the way home from school. Images
were then shared online. She had told two adults at school about unwanted messages in the
weeks before.

## What we learnt
- Concerns were recorded, but not **shared** with the MASH until after the assault.
- Each child needed their own risk assessment and safety plan: the school made one plan for
  both.
- The online element was treated as a separate matter, not part of the same harm.

## What to do differently
- When a child tells you about unwanted sexual messages, record it the same day and talk to
  your DSL.
- Make a separate risk assessment and safety plan for every child involved.
- Ask about online platforms and group chats in every strategy discussion.

## Where to find out more
The Brook traffic light tool and the harmful sexual behaviour framework are in the practice
guidance library.
"""

AUDIT_BODY = """\
## What the audit looked at
Every child-on-child sexual abuse referral to the MASH from January 2017 to November 2019,
audited against national guidance by two auditors.

## What we found
- Decisions were mostly made within one working day.
- The views and wishes of the child who was harmed were recorded in fewer than half of cases.
- Strategy discussions rarely included the school.

## What to do
- Record what each child said they want to happen, in their own words.
- Invite the school's DSL to every strategy discussion about a pupil.
"""

ANSWERS = [
    "We now record every disclosure of unwanted messages on the same day and tell the DSL.",
    "Our school makes a separate safety plan for each child; we used to write one for both.",
    "I ask about group chats and platforms at the start of every strategy discussion.",
    "We have added the traffic light tool to our induction for new pastoral staff.",
    "The MASH checklist now has a question about online images.",
    "Staff briefing held; two members of staff have since made same-day referrals.",
    "Not much yet: we are waiting for the new referral form.",
]


def _colleagues(ctx) -> None:
    """Staff who receive briefings: e-mail only, no password, no authenticator."""
    la, police, trust = (ctx.agencies[k] for k in ("la", "police", "trust"))
    wanted = [(la, Role.MASH_PRACTITIONER, "MASH social worker", 9)]
    wanted += [(police, Role.AGENCY_PRACTITIONER, "MASH police researcher", 6)]
    wanted += [(trust, Role.AGENCY_PRACTITIONER, "School nurse", 7)]
    wanted += [(s, Role.DSL, "Deputy designated safeguarding lead", 2) for s in ctx.schools[:8]]
    n = 0
    for agency, role, title, count in wanted:
        for _ in range(count):
            n += 1
            email = f"staff{n}@{DOMAIN}"
            user = User(
                email=email,
                username=email,
                first_name=ctx.fake.first_name(),
                last_name=ctx.fake.last_name(),
                agency=agency,
                roles=[role.value],
                job_title=f"{title}, {agency.name}" if role == Role.DSL else title,
            )
            user.set_unusable_password()
            user.save()


def _back_date(ctx, briefing: Briefing, *, sent_on: dt.date, read: float, answered: float):
    """Move a sent briefing back to ``sent_on``: its dates, who has read it and answered."""
    calendar = WorkingCalendar.for_partnership(ctx.partnership)
    sent_at = timezone.make_aware(dt.datetime.combine(sent_on, dt.time(9, 30)))
    follow_up_on = sent_on + dt.timedelta(weeks=briefing.follow_up_weeks)
    if not calendar.is_working_day(follow_up_on):
        follow_up_on = calendar.next_working_day(follow_up_on)
    Briefing.objects.filter(pk=briefing.pk).update(
        sent_at=sent_at,
        remind_on=calendar.add_working_days(sent_on, briefing.remind_after_days),
        follow_up_on=follow_up_on,
    )
    Notice.objects.filter(receipt__briefing=briefing).update(sent_at=sent_at)
    today, rng = timezone.localdate(), ctx.rng
    answers = iter(ANSWERS * 10)
    for receipt in Receipt.objects.filter(briefing=briefing).order_by("pk"):
        if rng.random() > read:
            if rng.random() < 0.5:
                Receipt.objects.filter(pk=receipt.pk).update(first_opened_at=sent_at)
            continue
        read_on = min(sent_on + dt.timedelta(days=rng.randint(0, 20)), today)
        read_at = timezone.make_aware(dt.datetime.combine(read_on, dt.time(rng.randint(8, 17))))
        changes = {"first_opened_at": read_at, "read_at": read_at}
        if follow_up_on <= today and rng.random() < answered:
            answered_on = min(follow_up_on + dt.timedelta(days=rng.randint(0, 6)), today)
            changes |= {
                "answered_at": timezone.make_aware(dt.datetime.combine(answered_on, dt.time(11))),
                "follow_up_answer": next(answers),
            }
        Receipt.objects.filter(pk=receipt.pk).update(**changes)


def build(ctx) -> None:
    practice_library_load()
    users = {u.email.split("@")[0]: u for u, _ in ctx.users if u.email.endswith(DOMAIN)}
    officer = users["partnership.officer"]
    _colleagues(ctx)
    la, police, trust = (ctx.agencies[k] for k in ("la", "police", "trust"))
    schools = ctx.schools[:8]
    today = timezone.localdate()

    child_t = Review.objects.get(partnership=ctx.partnership, title="Child T")
    first = services.briefing_create(
        by=officer,
        partnership=ctx.partnership,
        kind=BriefingKind.SEVEN_MINUTE,
        title="Child T: seven-minute briefing",
        summary="A child told adults about unwanted messages weeks before she was assaulted. "
        "What every practitioner should do when a child tells them.",
        body=CHILD_T_BODY,
        review=child_t,
        agencies=[la, police, trust, *schools],
        roles=[Role.DSL, Role.MASH_PRACTITIONER, Role.MASH_MANAGER, Role.AGENCY_PRACTITIONER],
    )
    first = services.briefing_send(by=officer, briefing=first, expected_version=first.version)
    _back_date(ctx, first, sent_on=today - dt.timedelta(weeks=10), read=0.8, answered=0.55)

    audit = (
        AuditRun.objects.filter(
            partnership=ctx.partnership, is_thematic=True, title__startswith="Child-on-child"
        )
        .order_by("pk")
        .first()
    )
    second = services.briefing_create(
        by=officer,
        partnership=ctx.partnership,
        kind=BriefingKind.LEARNING_SUMMARY,
        title="Child-on-child sexual abuse referrals: what the thematic audit found",
        summary="Decisions were timely, but children's own views were often missing and "
        "schools were rarely part of strategy discussions.",
        body=AUDIT_BODY,
        review=audit.review if audit else None,
        audit_run=audit,
        agencies=[la, *schools],
        roles=[Role.DSL, Role.MASH_PRACTITIONER, Role.MASH_MANAGER],
        follow_up_weeks=8,
    )
    second = services.briefing_send(by=officer, briefing=second, expected_version=second.version)
    sent_on = WorkingCalendar.for_partnership(ctx.partnership).add_working_days(today, -8)
    _back_date(ctx, second, sent_on=sent_on, read=0.5, answered=0)
