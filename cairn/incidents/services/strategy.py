"""Writes for strategy discussions, section 47 enquiries and police investigations.

One transaction each, audited, refusing bad dates with messages a practitioner can act on.
A joint strategy discussion about several children starts one section 47 enquiry per child,
each with its own clocks; a police record belongs to one child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure, may
from cairn.audit.choices import AuditAction
from cairn.audit.context import acting_as
from cairn.audit.services import record_event
from cairn.clocks.selectors import format_day, local_date
from cairn.core.services import EditConflict, update_versioned
from cairn.incidents.choices import AbuseForm
from cairn.incidents.models import (
    Incident,
    Involvement,
    PoliceInvestigation,
    Section47Enquiry,
    StrategyAttendee,
    StrategyDiscussion,
)
from cairn.incidents.models.strategy import (
    CategoryOfAbuse,
    PoliceOutcome,
    PoliceRole,
    SgiiCategory,
    StrategyOutcome,
)

# Registers the object rules used by ``ensure`` below.
from cairn.incidents.selectors import strategy as _rules  # noqa: F401


@dataclass(frozen=True)
class Attendee:
    """One person who took part in a strategy discussion."""

    agency: Agency
    name: str
    role: str = ""


def _not_future(errors: dict, field: str, value: date | None, label: str) -> None:
    if value and value > timezone.localdate():
        errors.setdefault(field, f"{label} must be today or in the past")


def strategy_discussion_record(
    *,
    by,
    incident: Incident,
    held_on: date,
    involvements: list[Involvement],
    attendees: list[Attendee],
    outcome: str,
    outcome_notes: str = "",
    chaired_by=None,
) -> StrategyDiscussion:
    """Record a strategy discussion about one or more children in ``incident``.

    When it decides on a section 47 enquiry, each child without one gets their own, started
    on ``held_on``: the ICPC clock of each runs from this discussion. A child whose enquiry
    was started by an earlier discussion keeps it (and its clock).
    """
    ensure(by, "incidents.record_strategy", incident)
    chaired_by = chaired_by or by
    errors: dict[str, str] = {}
    _not_future(errors, "held_on", held_on, "The date of the strategy discussion")
    reported_on = local_date(incident.reported_at)
    if held_on < reported_on:
        errors.setdefault(
            "held_on",
            "The strategy discussion cannot be before the incident was reported on "
            f"{format_day(reported_on)}",
        )
    if not involvements:
        errors["involvements"] = "Choose at least one child the strategy discussion was about"
    elif any(
        i.incident_id != incident.pk or not may(by, "incidents.record_strategy", i)
        for i in involvements
    ):
        errors["involvements"] = "Choose only children in this incident"
    if outcome not in StrategyOutcome.values:
        errors["outcome"] = "Choose the outcome of the strategy discussion"
    if not attendees:
        errors["attendees"] = "Add at least one person who took part"
    elif any(a.agency.partnership_id != incident.partnership_id for a in attendees):
        errors["attendees"] = "Choose an agency in this partnership for each person"
    elif any(not a.name.strip() for a in attendees):
        errors["attendees"] = "Enter the name of each person who took part"
    if chaired_by.partnership_id != incident.partnership_id:
        errors["chaired_by"] = "Choose who chaired the discussion from this partnership"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        discussion = StrategyDiscussion.objects.create(
            incident=incident,
            held_on=held_on,
            outcome=outcome,
            outcome_notes=outcome_notes,
            chaired_by=chaired_by,
            recorded_by=by,
        )
        discussion.involvements.set(involvements)
        record_event(
            action=AuditAction.UPDATE,
            obj=discussion,
            changes={"involvements": [[], sorted(i.pk for i in involvements)]},
        )
        for a in attendees:
            StrategyAttendee.objects.create(
                discussion=discussion, agency=a.agency, name=a.name.strip(), role=a.role.strip()
            )
        if outcome == StrategyOutcome.SECTION_47:
            for involvement in involvements:
                Section47Enquiry.objects.get_or_create(
                    involvement=involvement,
                    defaults={"strategy_discussion": discussion, "started_on": held_on},
                )
    return discussion


def section47_update(
    *,
    by,
    enquiry: Section47Enquiry,
    expected_version: int,
    assessment_started_on: date | None = None,
    assessment_completed_on: date | None = None,
    icpc_held_on: date | None = None,
    cp_plan: bool | None = None,
    category_of_abuse: str = "",
    first_review_held_on: date | None = None,
) -> Section47Enquiry:
    """Record the assessment and conference dates and the ICPC outcome for one child.

    Refuses a stale edit (EditConflict) rather than overwrite someone else's.
    """
    ensure(by, "incidents.record_strategy", enquiry)
    errors: dict[str, str] = {}
    _not_future(errors, "assessment_started_on", assessment_started_on, "The assessment start date")
    _not_future(
        errors, "assessment_completed_on", assessment_completed_on, "The assessment completion date"
    )
    _not_future(errors, "icpc_held_on", icpc_held_on, "The date of the conference")
    _not_future(
        errors, "first_review_held_on", first_review_held_on, "The date of the review conference"
    )
    if assessment_completed_on and not assessment_started_on:
        errors.setdefault("assessment_started_on", "Enter the date the assessment started")
    if (
        assessment_completed_on
        and assessment_started_on
        and assessment_completed_on < assessment_started_on
    ):
        errors.setdefault(
            "assessment_completed_on", "The assessment cannot be completed before it started"
        )
    if icpc_held_on and icpc_held_on < enquiry.started_on:
        errors.setdefault(
            "icpc_held_on",
            "The initial child protection conference cannot be before the strategy discussion "
            f"on {format_day(enquiry.started_on)}",
        )
    if cp_plan is not None and not icpc_held_on:
        errors.setdefault("icpc_held_on", "Enter the date of the conference to record its outcome")
    if cp_plan and category_of_abuse not in CategoryOfAbuse.values:
        errors["category_of_abuse"] = "Choose the category of abuse for the child protection plan"
    if not cp_plan and category_of_abuse:
        errors["category_of_abuse"] = (
            "A category of abuse is only recorded with a child protection plan"
        )
    if first_review_held_on:
        if not cp_plan:
            errors.setdefault(
                "first_review_held_on",
                "A review conference is only held for a child with a child protection plan",
            )
        elif icpc_held_on and first_review_held_on < icpc_held_on:
            errors.setdefault(
                "first_review_held_on",
                "The review conference cannot be before the initial conference",
            )
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        obj=enquiry,
        expected_version=expected_version,
        changes={
            "assessment_started_on": assessment_started_on,
            "assessment_completed_on": assessment_completed_on,
            "icpc_held_on": icpc_held_on,
            "cp_plan": cp_plan,
            "category_of_abuse": category_of_abuse if cp_plan else "",
            "first_review_held_on": first_review_held_on,
        },
        by=by,
    )


def _police_errors(
    *, incident: Incident, outcome, outcome_on, sgii_category, police_role
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if police_role not in PoliceRole.values:
        errors["police_role"] = "Choose how the police recorded this child"
    if outcome not in PoliceOutcome.values:
        errors["outcome"] = "Choose the outcome of the investigation for this child"
    if sgii_category not in SgiiCategory.values:
        errors["sgii_category"] = "Choose the self-generated indecent imagery category"
    elif (
        sgii_category != SgiiCategory.NOT_APPLICABLE
        and AbuseForm.IMAGE_SHARING not in incident.forms
    ):
        errors["sgii_category"] = (
            "A self-generated indecent imagery category only applies to an incident of sharing "
            "nude or semi-nude images: choose not applicable"
        )
    _not_future(errors, "outcome_on", outcome_on, "The date of the outcome")
    if outcome == PoliceOutcome.ONGOING and outcome_on:
        errors.setdefault(
            "outcome_on", "An ongoing investigation has no outcome date: choose the outcome"
        )
    elif outcome in PoliceOutcome.values and outcome != PoliceOutcome.ONGOING and not outcome_on:
        errors.setdefault("outcome_on", "Enter the date of the outcome")
    if outcome_on and incident.occurred_on and outcome_on < incident.occurred_on:
        errors.setdefault(
            "outcome_on",
            f"The outcome cannot be before the incident happened on {format_day(incident.occurred_on)}",
        )
    return errors


def police_investigation_save(
    *,
    by,
    involvement: Involvement,
    expected_version: int | None,
    police_role: str,
    outcome: str = PoliceOutcome.ONGOING,
    outcome_on: date | None = None,
    crime_reference: str = "",
    offence_code: str = "",
    sgii_category: str = SgiiCategory.NOT_APPLICABLE,
    bail_conditions: str = "",
) -> PoliceInvestigation:
    """Record or update the police investigation for one child (their role, their outcome).

    ``expected_version`` is None when the page showed no record yet; if someone recorded one
    in the meantime, or changed it, the edit is refused (EditConflict). Recording a police
    investigation marks the incident as referred to the police.
    """
    ensure(by, "incidents.record_police", involvement)
    incident = involvement.incident
    errors = _police_errors(
        incident=incident,
        outcome=outcome,
        outcome_on=outcome_on,
        sgii_category=sgii_category,
        police_role=police_role,
    )
    if errors:
        raise ValidationError(errors)
    values = {
        "police_role": police_role,
        "outcome": outcome,
        "outcome_on": outcome_on,
        "crime_reference": crime_reference.strip(),
        "offence_code": offence_code.strip(),
        "sgii_category": sgii_category,
        "bail_conditions": bail_conditions.strip(),
    }
    with transaction.atomic(), acting_as(by):
        existing = (
            PoliceInvestigation.objects.select_for_update().filter(involvement=involvement).first()
        )
        if existing is None:
            investigation = PoliceInvestigation.objects.create(involvement=involvement, **values)
        elif expected_version is None:
            raise EditConflict(existing)
        else:
            investigation = update_versioned(
                obj=existing, expected_version=expected_version, changes=values, by=by
            )
        if not incident.referred_to_police:
            Incident.objects.filter(pk=incident.pk).update(
                referred_to_police=True, version=F("version") + 1
            )
            record_event(
                action=AuditAction.UPDATE,
                obj=incident,
                changes={"referred_to_police": [False, True]},
            )
    return investigation
