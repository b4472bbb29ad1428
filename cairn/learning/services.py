"""Writes for learning briefings: write a draft, send it (freezing who receives it), correct it
after sending, and — for each recipient — open, acknowledge and answer the follow-up.

Every write checks the permission layer and runs in one transaction with the user as the audit
actor; edits of a draft go through ``update_versioned``. A sent briefing is never edited: a
correction note is added instead, so what each recipient read stays on the record.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.audit.services import record_bulk_create
from cairn.clocks.calendar import WorkingCalendar
from cairn.clocks.selectors import local_date
from cairn.core.services import update_versioned
from cairn.learning import selectors as _rules  # noqa: F401  (registers the object rules)
from cairn.learning.choices import BriefingKind, BriefingStatus, NoticeKind
from cairn.learning.models import Briefing, Correction, Notice, Receipt
from cairn.learning.selectors import audience_of

MANAGE = "learning.manage_briefings"
READ = "learning.read_briefings"
MAX_FOLLOW_UP_WEEKS = 52
MAX_REMIND_AFTER_DAYS = 60
SENT_IS_FINAL = "This briefing has been sent and cannot be changed: add a correction note instead"


def _refuse(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _errors(partnership, fields: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "kind" in fields and fields["kind"] not in BriefingKind.values:
        errors["kind"] = "Choose what kind of briefing it is"
    for name, message in (
        ("title", "Enter a title"),
        ("summary", "Enter a short summary"),
        ("body", "Enter the briefing"),
    ):
        if name in fields and not str(fields[name]).strip():
            errors[name] = message
    review, run = fields.get("review"), fields.get("audit_run")
    if review is not None and review.partnership_id != partnership.pk:
        errors["review"] = "Choose a review of this partnership"
    if run is not None and (run.partnership_id != partnership.pk or not run.is_thematic):
        errors["audit_run"] = "Choose a thematic audit of this partnership"
    agencies = fields.get("agencies")
    if agencies is not None and any(a.partnership_id != partnership.pk for a in agencies):
        errors["agencies"] = "Choose agencies of this partnership"
    roles = fields.get("roles")
    if roles is not None and any(r not in Role.values for r in roles):
        errors["roles"] = "Choose roles from the list"
    weeks = fields.get("follow_up_weeks")
    if weeks is not None and not 1 <= weeks <= MAX_FOLLOW_UP_WEEKS:
        errors["follow_up_weeks"] = (
            f"The follow-up must be between 1 and {MAX_FOLLOW_UP_WEEKS} weeks after sending"
        )
    days = fields.get("remind_after_days")
    if days is not None and not 1 <= days <= MAX_REMIND_AFTER_DAYS:
        errors["remind_after_days"] = (
            f"The reminder must be between 1 and {MAX_REMIND_AFTER_DAYS} working days after sending"
        )
    if "follow_up_question" in fields and not str(fields["follow_up_question"]).strip():
        errors["follow_up_question"] = "Enter the follow-up question"
    return errors


def _clean(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


# Writing and sending -----------------------------------------------------------------------


def briefing_create(
    *, by, partnership, title: str, summary: str, body: str, agencies=(), roles=(), **fields
) -> Briefing:
    """A draft briefing: nothing goes to anyone until it is sent."""
    ensure(by, MANAGE, partnership)
    fields = _clean(
        {"title": title, "summary": summary, "body": body, "agencies": list(agencies)} | fields
    )
    fields["roles"] = list(roles)
    _refuse(_errors(partnership, fields))
    agencies = fields.pop("agencies")
    with transaction.atomic(), acting_as(by):
        briefing = Briefing.objects.create(partnership=partnership, created_by=by, **fields)
        briefing.agencies.set(agencies)
    return briefing


def briefing_update(*, by, briefing: Briefing, expected_version: int, **changes) -> Briefing:
    """Change a draft: its words, links, audience and timings."""
    ensure(by, MANAGE, briefing)
    if briefing.is_sent:
        raise ValidationError(SENT_IS_FINAL)
    changes = _clean(changes)
    if "roles" in changes:
        changes["roles"] = list(changes["roles"])
    _refuse(_errors(briefing.partnership, changes))
    agencies = changes.pop("agencies", None)
    with transaction.atomic(), acting_as(by):
        briefing = update_versioned(
            obj=briefing, expected_version=expected_version, changes=changes, by=by
        )
        if agencies is not None:
            briefing.agencies.set(agencies)
    return briefing


def briefing_send(*, by, briefing: Briefing, expected_version: int) -> Briefing:
    """Send a draft: one receipt for each active user of the chosen agencies with a chosen
    role, frozen now, and a "new briefing" e-mail for each in the outbox. The reminder day
    (in working days) and the follow-up day are fixed now too."""
    ensure(by, MANAGE, briefing)
    with transaction.atomic(), acting_as(by):
        current = Briefing.objects.select_for_update().get(pk=briefing.pk)
        if current.is_sent:
            raise ValidationError("This briefing has already been sent")
        if current.version != expected_version:
            raise ValidationError(
                "This briefing was changed by someone else while you were checking it: "
                "check it again before sending"
            )
        if not current.agencies.exists() or not current.roles:
            raise ValidationError("Choose at least one agency and one role to send it to")
        recipients = list(audience_of(current))
        if not recipients:
            raise ValidationError(
                "No one would receive this briefing: no active user of the chosen agencies "
                "has one of the chosen roles"
            )
        now = timezone.now()
        sent_on = local_date(now)
        calendar = WorkingCalendar.for_partnership(current.partnership)
        follow_up_on = sent_on + timedelta(weeks=current.follow_up_weeks)
        if not calendar.is_working_day(follow_up_on):
            follow_up_on = calendar.next_working_day(follow_up_on)
        current.status = BriefingStatus.SENT
        current.sent_at, current.sent_by = now, by
        current.remind_on = calendar.add_working_days(sent_on, current.remind_after_days)
        current.follow_up_on = follow_up_on
        current.version += 1
        current.save()
        receipts = Receipt.objects.bulk_create(
            [Receipt(briefing=current, recipient=u, agency=u.agency) for u in recipients]
        )
        record_bulk_create(
            model=Receipt,
            count=len(receipts),
            note=f"Recipients of the briefing {current}",
            partnership_id=current.partnership_id,
        )
        notices = Notice.objects.bulk_create(
            [
                Notice(receipt=r, kind=NoticeKind.NEW, recipient=r.recipient.email)
                for r in receipts
                if r.recipient.email
            ]
        )
        record_bulk_create(
            model=Notice,
            count=len(notices),
            note=f"E-mails for {current}",
            partnership_id=current.partnership_id,
        )
    return current


def briefing_correct(*, by, briefing: Briefing, text: str) -> Correction:
    """Add a correction note to a sent briefing (a draft is simply edited)."""
    ensure(by, MANAGE, briefing)
    if not briefing.is_sent:
        raise ValidationError("This briefing has not been sent yet: change the draft instead")
    if not text.strip():
        raise ValidationError({"text": "Enter the correction"})
    with transaction.atomic(), acting_as(by):
        return Correction.objects.create(briefing=briefing, text=text.strip(), issued_by=by)


# Reading, acknowledging, following up ------------------------------------------------------


def receipt_open(*, by, receipt: Receipt) -> Receipt:
    """Note when the recipient first opened the briefing. Opening is not acknowledging."""
    ensure(by, READ, receipt)
    if receipt.first_opened_at is None:
        with transaction.atomic(), acting_as(by):
            receipt.first_opened_at = timezone.now()
            receipt.save(update_fields=["first_opened_at"])
    return receipt


def receipt_acknowledge(*, by, receipt: Receipt) -> Receipt:
    """The recipient says they have read the briefing."""
    ensure(by, READ, receipt)
    if receipt.read_at is not None:
        raise ValidationError("You have already said you have read this briefing")
    with transaction.atomic(), acting_as(by):
        now = timezone.now()
        receipt.read_at = now
        receipt.first_opened_at = receipt.first_opened_at or now
        receipt.save(update_fields=["read_at", "first_opened_at"])
    return receipt


def receipt_answer_follow_up(*, by, receipt: Receipt, answer: str) -> Receipt:
    """The recipient's answer to the follow-up question, once it is due. Given once."""
    ensure(by, READ, receipt)
    briefing = receipt.briefing
    if receipt.read_at is None:
        raise ValidationError(
            "Confirm you have read the briefing before answering the follow-up question"
        )
    if receipt.answered_at is not None:
        raise ValidationError("You have already answered the follow-up question")
    today = timezone.localdate()
    if briefing.follow_up_on is None or briefing.follow_up_on > today:
        day = briefing.follow_up_on
        raise ValidationError(
            f"The follow-up question opens on {day.day} {day:%B %Y}"
            if day
            else "This briefing has not been sent"
        )
    if not answer.strip():
        raise ValidationError({"answer": "Enter what has changed in your practice"})
    with transaction.atomic(), acting_as(by):
        receipt.follow_up_answer = answer.strip()
        receipt.answered_at = timezone.now()
        receipt.save(update_fields=["follow_up_answer", "answered_at"])
    return receipt


# The practice guidance library ------------------------------------------------------------

MANAGE_LIBRARY = "learning.manage_practice_library"


def _resource_errors(fields: dict) -> dict[str, str]:
    from cairn.learning.choices import Theme, Topic

    errors: dict[str, str] = {}
    for name, message in (
        ("title", "Enter the title"),
        ("publisher", "Enter who publishes it"),
        ("summary", "Enter a summary"),
    ):
        if name in fields and not fields[name]:
            errors[name] = message
    url = fields.get("url") or ""
    if url and not url.startswith("https://"):
        errors["url"] = "Enter a web address starting https://"
    if "themes" in fields and (
        not fields["themes"] or any(t not in Theme.values for t in fields["themes"])
    ):
        errors["themes"] = "Choose at least one theme"
    if any(t not in Topic.values for t in fields.get("topics") or []):
        errors["topics"] = "Choose pages from the list"
    return errors


def resource_add(
    *, by, partnership, title: str, publisher: str, summary: str, themes, url: str = "", topics=()
):
    """A partnership's own resource in the practice library."""
    from django.utils.text import slugify

    from cairn.learning.models import Resource

    ensure(by, MANAGE_LIBRARY, partnership)
    fields = _clean(
        {"title": title, "publisher": publisher, "summary": summary, "url": url or ""}
    ) | {"themes": list(themes), "topics": list(topics)}
    _refuse(_resource_errors(fields))
    stem = slugify(title)[:70] or "resource"
    key, n = stem, 1
    while Resource.objects.filter(partnership=partnership, key=key).exists():
        n += 1
        key = f"{stem}-{n}"
    with transaction.atomic(), acting_as(by):
        return Resource.objects.create(partnership=partnership, key=key, **fields)


def resource_update(*, by, resource, expected_version: int, **changes):
    """Change one of the partnership's own resources (national ones change in the data file)."""
    ensure(by, MANAGE_LIBRARY, resource)
    changes = _clean(changes)
    for name in ("themes", "topics"):
        if name in changes:
            changes[name] = list(changes[name])
    _refuse(_resource_errors(changes))
    return update_versioned(obj=resource, expected_version=expected_version, changes=changes, by=by)
