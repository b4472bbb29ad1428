"""Writes for governance: bodies, seats, meetings, agendas and decisions.

Every write checks ``governance.manage_governance`` on the body it touches, runs in one
transaction with the user as the audit actor, and refuses bad input with a ValidationError
naming the field. Edits go through ``update_versioned``: an edit made against an older
version is refused, never silently applied.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cairn.accounts.models import Agency, User
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.core.services import update_versioned
from cairn.governance import selectors as _rules  # noqa: F401  (registers the object rules)
from cairn.governance.models import (
    AgendaItem,
    AgendaItemKind,
    BodyDecision,
    BodyKind,
    BodyMember,
    GovernanceBody,
    Meeting,
    MeetingStatus,
    MemberRole,
)

MANAGE = "governance.manage_governance"


def _future(day: date | None) -> bool:
    return day is not None and day > timezone.localdate()


def _body_errors(*, partnership_id, name: str, kind: str, exclude_pk=None) -> dict[str, str]:
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the name of the body"
    elif (
        GovernanceBody.objects.filter(partnership_id=partnership_id, name__iexact=name.strip())
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["name"] = f"There is already a body called {name.strip()}"
    if kind not in BodyKind.values:
        errors["kind"] = "Choose what kind of body it is"
    return errors


def body_create(
    *,
    by,
    partnership,
    name: str,
    kind: str,
    purpose: str = "",
    chair_name: str = "",
    chair_is_independent: bool = False,
    meets_every_months: int = 1,
    is_active: bool = True,
) -> GovernanceBody:
    ensure(by, MANAGE, partnership)
    errors = _body_errors(partnership_id=partnership.pk, name=name, kind=kind)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return GovernanceBody.objects.create(
            partnership=partnership,
            name=name.strip(),
            kind=kind,
            purpose=purpose.strip(),
            chair_name=chair_name.strip(),
            chair_is_independent=chair_is_independent,
            meets_every_months=meets_every_months,
            is_active=is_active,
        )


def body_update(*, by, body: GovernanceBody, expected_version: int, **changes) -> GovernanceBody:
    ensure(by, MANAGE, body)
    errors = _body_errors(
        partnership_id=body.partnership_id,
        name=changes.get("name", body.name),
        kind=changes.get("kind", body.kind),
        exclude_pk=body.pk,
    )
    if errors:
        raise ValidationError(errors)
    changes["name"] = changes.get("name", body.name).strip()
    return update_versioned(obj=body, expected_version=expected_version, changes=changes, by=by)


def _member_errors(
    *, body, user, name, agency, role, joined_on, left_on, exclude_pk=None
) -> dict[str, str]:
    errors = {}
    if user is not None and user.partnership_id != body.partnership_id:
        errors["user"] = "Choose someone from this partnership"
    if user is None and not name.strip():
        errors["name"] = "Enter the member's name, or choose them from Cairn's users"
    if agency is not None and agency.partnership_id != body.partnership_id:
        errors["agency"] = "Choose an agency from this partnership"
    if role not in MemberRole.values:
        errors["role"] = "Choose the member's role on the body"
    if joined_on and left_on and left_on < joined_on:
        errors["left_on"] = "The date they left must be the same as or after the date they joined"
    if user is not None and (
        BodyMember.objects.filter(body=body, user=user, left_on__isnull=True)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["user"] = f"{user} is already a member of {body}"
    return errors


def member_add(
    *,
    by,
    body: GovernanceBody,
    role: str = MemberRole.MEMBER,
    user: User | None = None,
    name: str = "",
    email: str = "",
    agency: Agency | None = None,
    joined_on: date | None = None,
) -> BodyMember:
    """Seat a Cairn user (their name, e-mail and agency by default) or a named outsider."""
    ensure(by, MANAGE, body)
    errors = _member_errors(
        body=body, user=user, name=name, agency=agency, role=role, joined_on=joined_on, left_on=None
    )
    if errors:
        raise ValidationError(errors)
    if user is not None:
        name = name.strip() or user.get_full_name() or user.email
        email = email.strip() or user.email
        agency = agency or user.agency
    with transaction.atomic(), acting_as(by):
        return BodyMember.objects.create(
            body=body,
            user=user,
            name=name.strip(),
            email=email.strip(),
            agency=agency,
            role=role,
            joined_on=joined_on,
        )


def member_update(*, by, member: BodyMember, expected_version: int, **changes) -> BodyMember:
    """Change a seat, or record that the member left (``left_on``)."""
    ensure(by, MANAGE, member)
    merged = {
        f: changes.get(f, getattr(member, f))
        for f in ("user", "name", "agency", "role", "joined_on", "left_on")
    }
    errors = _member_errors(body=member.body, exclude_pk=member.pk, **merged)
    if errors:
        raise ValidationError(errors)
    if merged["user"] is not None and not merged["name"].strip():
        changes["name"] = merged["user"].get_full_name() or merged["user"].email
    return update_versioned(obj=member, expected_version=expected_version, changes=changes, by=by)


def meeting_plan(*, by, body: GovernanceBody, held_on: date, location: str = "") -> Meeting:
    ensure(by, MANAGE, body)
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date of the meeting"})
    if not body.is_active:
        raise ValidationError(f"{body} is no longer active: it cannot meet")
    with transaction.atomic(), acting_as(by):
        return Meeting.objects.create(
            partnership_id=body.partnership_id,
            body=body,
            held_on=held_on,
            location=location.strip(),
        )


def meeting_update(*, by, meeting: Meeting, expected_version: int, **changes) -> Meeting:
    """Move a meeting, record that it was held (with minutes) or that it was cancelled."""
    ensure(by, MANAGE, meeting)
    held_on = changes.get("held_on", meeting.held_on)
    status = changes.get("status", meeting.status)
    minutes = changes.get("minutes", meeting.minutes)
    approved = changes.get("minutes_approved_on", meeting.minutes_approved_on)
    errors = {}
    if status == MeetingStatus.HELD and _future(held_on):
        errors["status"] = "A meeting cannot be recorded as held before its date"
    if status != MeetingStatus.HELD and minutes.strip():
        errors["minutes"] = "Only a meeting that was held has minutes: record it as held"
    if approved is not None:
        if status != MeetingStatus.HELD:
            errors["minutes_approved_on"] = "Minutes can only be approved for a meeting held"
        elif approved < held_on:
            errors["minutes_approved_on"] = (
                "The minutes must be approved on or after the day of the meeting"
            )
        elif _future(approved):
            errors["minutes_approved_on"] = (
                "The date the minutes were approved cannot be in the future"
            )
        elif not minutes.strip():
            errors["minutes"] = "Enter the minutes before recording that they were approved"
    if status == MeetingStatus.CANCELLED and meeting.decisions.exists():
        errors["status"] = "Decisions are recorded against this meeting: it cannot be cancelled"
    if errors:
        raise ValidationError(errors)
    if "minutes" in changes:
        changes["minutes"] = minutes.strip()
    return update_versioned(obj=meeting, expected_version=expected_version, changes=changes, by=by)


def agenda_item_add(
    *,
    by,
    meeting: Meeting,
    title: str,
    kind: str = AgendaItemKind.OTHER,
    presenter: str = "",
    subject=None,
) -> AgendaItem:
    """Add an item at the end of the agenda; ``subject`` is what it is about, if anything."""
    ensure(by, MANAGE, meeting)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the title of the agenda item"
    if kind not in AgendaItemKind.values:
        errors["kind"] = "Choose what kind of item it is"
    if meeting.status == MeetingStatus.CANCELLED:
        errors["title"] = "The meeting was cancelled: its agenda cannot change"
    if subject is not None and getattr(subject, "partnership_id", None) != meeting.partnership_id:
        errors["title"] = "The item must be about something in this partnership"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
        return AgendaItem.objects.create(
            meeting=meeting,
            order=last + 1,
            title=title.strip(),
            kind=kind,
            presenter=presenter.strip(),
            subject=subject,
        )


def agenda_item_move(*, by, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap an item with the one before (``up``) or after it; the ends stay where they are."""
    ensure(by, MANAGE, item)
    with transaction.atomic(), acting_as(by):
        items = list(
            AgendaItem.objects.select_for_update()
            .filter(meeting_id=item.meeting_id)
            .order_by("order", "pk")
        )
        index = next(i for i, it in enumerate(items) if it.pk == item.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for number, it in enumerate(items, start=1):
            if it.order != number:
                it.order = number
                it.save(update_fields=["order", "updated_at"])
    item.refresh_from_db()
    return item


def agenda_item_remove(*, by, item: AgendaItem) -> Meeting:
    """Take an item off the agenda. Decisions taken on it stay, tied to the meeting only."""
    ensure(by, MANAGE, item)
    meeting = item.meeting
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError("The meeting has been held: its agenda is part of the record")
    with transaction.atomic(), acting_as(by):
        item.delete()
        for number, it in enumerate(meeting.agenda_items.order_by("order", "pk"), start=1):
            if it.order != number:
                it.order = number
                it.save(update_fields=["order", "updated_at"])
    return meeting


def _decision_errors(
    *, body, decided_on, reference, summary, meeting, agenda_item, exclude_pk=None
) -> dict[str, str]:
    errors = {}
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    elif _future(decided_on):
        errors["decided_on"] = "The date of the decision must be today or in the past"
    if not summary.strip():
        errors["summary"] = "Say what was decided"
    if meeting is not None:
        if meeting.body_id != body.pk:
            errors["meeting"] = f"Choose a meeting of {body}"
        elif meeting.status == MeetingStatus.CANCELLED:
            errors["meeting"] = "That meeting was cancelled: choose another, or none"
        elif decided_on is not None and decided_on != meeting.held_on:
            errors["decided_on"] = (
                f"A decision taken at the meeting is dated the day of the meeting "
                f"({meeting.held_on:%-d %B %Y})"
            )
    if agenda_item is not None and (meeting is None or agenda_item.meeting_id != meeting.pk):
        errors["agenda_item"] = "Choose an item on the agenda of the meeting"
    if (
        reference.strip()
        and BodyDecision.objects.filter(body=body, reference__iexact=reference.strip())
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["reference"] = f"{body} already has a decision {reference.strip()}"
    return errors


def decision_record(
    *,
    by,
    body: GovernanceBody,
    decided_on: date,
    summary: str,
    reference: str = "",
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
) -> BodyDecision:
    """Record what ``body`` decided: the governance route other records point at."""
    ensure(by, MANAGE, body)
    errors = _decision_errors(
        body=body,
        decided_on=decided_on,
        reference=reference,
        summary=summary,
        meeting=meeting,
        agenda_item=agenda_item,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return BodyDecision.objects.create(
            partnership_id=body.partnership_id,
            body=body,
            meeting=meeting,
            agenda_item=agenda_item,
            decided_on=decided_on,
            reference=reference.strip(),
            summary=summary.strip(),
            recorded_by=by,
        )


def decision_update(
    *, by, decision: BodyDecision, expected_version: int, **changes
) -> BodyDecision:
    ensure(by, MANAGE, decision)
    merged = {
        f: changes.get(f, getattr(decision, f))
        for f in ("decided_on", "reference", "summary", "meeting", "agenda_item")
    }
    errors = _decision_errors(body=decision.body, exclude_pk=decision.pk, **merged)
    if errors:
        raise ValidationError(errors)
    for f in ("reference", "summary"):
        if f in changes:
            changes[f] = changes[f].strip()
    return update_versioned(obj=decision, expected_version=expected_version, changes=changes, by=by)
