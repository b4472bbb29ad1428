"""Writes for actions: set one on a child or an incident, move it on, finish it.

An action is owned by an agency in the partnership and a named person who works there. Its
due date is chosen, or counted by ``cairn.clocks`` from a timescale and the day it started.
Done needs a completion note (what was done, the evidence); cancelled needs a reason.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.clocks.selectors import clock_book
from cairn.clocks.timescales import UnknownClock
from cairn.core.services import update_versioned
from cairn.incidents.models import Action, Incident, Involvement
from cairn.incidents.models.actions import ActionStatus

# Registers the object rules used by ``ensure`` below.
from cairn.incidents.selectors import actions as _rules  # noqa: F401


def _owner_errors(*, partnership_id, involvement, owner_agency, owner_user) -> dict[str, str]:
    if owner_agency is None or owner_agency.partnership_id != partnership_id:
        return {"owner_agency": "Choose the agency that owns the action, from this partnership"}
    if not owner_agency.is_active:
        return {"owner_agency": f"{owner_agency} is no longer active: choose another agency"}
    if owner_user is None:
        return {"owner_user": "Choose the named person who owns the action"}
    if owner_user.agency_id != owner_agency.pk:
        return {
            "owner_user": f"{owner_user} does not work for {owner_agency}: choose someone "
            f"from {owner_agency}, or change the agency"
        }
    if not owner_user.is_active:
        return {"owner_user": f"{owner_user} no longer has a Cairn account: choose someone else"}
    if (
        involvement is not None
        and involvement.restricted
        and involvement.excluded_users.filter(pk=owner_user.pk).exists()
    ):
        return {"owner_user": f"{owner_user} is excluded from this child's record"}
    return {}


def _due(*, partnership, due_on, due_clock, due_from) -> tuple[date | None, dict[str, str]]:
    """The due date, chosen or from a clock; or the errors that say how to give one."""
    if due_clock and due_on:
        return None, {"due_on": "Choose a due date or a timescale, not both"}
    if due_clock:
        if due_from is None:
            return None, {"due_from": "Enter the date the timescale starts from"}
        try:
            return clock_book(partnership=partnership).due_date(clock=due_clock, start=due_from), {}
        except UnknownClock:
            return None, {"due_clock": "Choose a timescale from the list"}
    if due_on is None:
        return None, {"due_on": "Enter a due date, or choose a timescale to count it from"}
    if due_on < timezone.localdate():
        return None, {"due_on": "The due date must be today or in the future"}
    return due_on, {}


def action_create(
    *,
    by,
    description: str,
    owner_agency: Agency,
    owner_user,
    involvement: Involvement | None = None,
    incident: Incident | None = None,
    due_on: date | None = None,
    due_clock: str = "",
    due_from: date | None = None,
) -> Action:
    """Set an action about one child (``involvement``) or a whole incident."""
    if involvement is None and incident is None:
        raise ValidationError("Say which child or incident the action is about")
    if involvement is not None and incident is not None and involvement.incident_id != incident.pk:
        raise ValidationError("The child is not part of this incident")
    ensure(by, "incidents.manage_actions", involvement or incident)
    incident = involvement.incident if involvement is not None else incident
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Describe what needs to be done"
    errors |= _owner_errors(
        partnership_id=incident.partnership_id,
        involvement=involvement,
        owner_agency=owner_agency,
        owner_user=owner_user,
    )
    due, due_errors = _due(
        partnership=incident.partnership, due_on=due_on, due_clock=due_clock, due_from=due_from
    )
    errors |= due_errors
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return Action.objects.create(
            partnership_id=incident.partnership_id,
            incident=incident,
            involvement=involvement,
            description=description.strip(),
            owner_agency=owner_agency,
            owner_user=owner_user,
            due_on=due,
            due_clock=due_clock,
            due_from=due_from if due_clock else None,
            recorded_by=by,
        )


def action_update_status(
    *, by, action: Action, expected_version: int, status: str, completion_note: str = ""
) -> Action:
    """Move an action on. Refuses an edit made against an old version of it."""
    ensure(by, "incidents.manage_actions", action)
    note = completion_note.strip()
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose the status of the action"})
    if status == ActionStatus.DONE and not note:
        raise ValidationError(
            {"completion_note": "Enter a completion note: what was done, and the evidence"}
        )
    if status == ActionStatus.CANCELLED and not note:
        raise ValidationError({"completion_note": "Say why the action was cancelled"})
    finished = status in (ActionStatus.DONE, ActionStatus.CANCELLED)
    changes = {
        "status": status,
        "completion_note": note,
        "completed_at": timezone.now() if finished else None,
        "completed_by": by if finished else None,
    }
    if finished and action.status == status:  # only the note changes: keep when and by whom
        del changes["completed_at"], changes["completed_by"]
    return update_versioned(obj=action, expected_version=expected_version, changes=changes, by=by)
