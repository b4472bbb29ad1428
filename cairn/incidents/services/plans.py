"""Writes for each child's plans, plan reviews and harmful sexual behaviour assessments.

One transaction each, audited (``acting_as``); edits refuse a stale version. Every refusal is
a ``ValidationError`` naming the field and saying, in plain English, what to do.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.clocks.selectors import format_day
from cairn.core.services import update_versioned
from cairn.incidents.models import HsbAssessment, Involvement, Plan, PlanReview
from cairn.incidents.models.plans import HsbTool, PlanKind, PlanStatus, TltAgeBand
from cairn.incidents.selectors.plans import next_review_due

KCSIE_CONSIDERATIONS = {
    "victim_support": "protection and support for the victim",
    "alleged_perpetrator": "the alleged perpetrator or perpetrators",
    "other_children": "all other children",
    "time_and_place": "the time and place of the incident and how to make it safer",
}
AIM3_AGES = (12, 18)
"""AIM3 is for young people aged 12 to 18 (guidance.md 3.3): from the 12th birthday to the
day before the 18th."""
TLT_BANDS = {
    TltAgeBand.AGE_0_5: (0, 5),
    TltAgeBand.AGE_5_9: (5, 9),
    TltAgeBand.AGE_9_13: (9, 13),
    TltAgeBand.AGE_13_17: (13, 25),  # Brook: may guide work with vulnerable young people to 25
}


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day``."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def _date_errors(field: str, label: str, day: date | None, involvement: Involvement) -> dict:
    """A date about a child: not in the future, not before they were born."""
    if day is None:
        return {field: f"Enter {label}"}
    person = involvement.person
    if day > timezone.localdate():
        return {field: f"{label[0].upper()}{label[1:]} must be today or in the past"}
    if person.date_of_birth and day < person.date_of_birth:
        return {
            field: f"{label[0].upper()}{label[1:]} cannot be before {person}'s date of birth "
            f"({format_day(person.date_of_birth)})"
        }
    return {}


def _owner_errors(*, involvement: Involvement, owner_agency: Agency | None, owner_user) -> dict:
    partnership_id = involvement.incident.partnership_id
    if owner_agency is None or owner_agency.partnership_id != partnership_id:
        return {"owner_agency": "Choose the agency that owns the plan, from this partnership"}
    if owner_user is None:
        return {"owner_user": "Choose the named person who owns the plan"}
    if owner_user.agency_id != owner_agency.pk:
        return {
            "owner_user": f"{owner_user} does not work for {owner_agency}: choose someone "
            f"from {owner_agency}, or change the agency"
        }
    if not owner_user.is_active:
        return {"owner_user": f"{owner_user} no longer has a Cairn account: choose someone else"}
    if involvement.restricted and involvement.excluded_users.filter(pk=owner_user.pk).exists():
        return {"owner_user": f"{owner_user} is excluded from this child's record"}
    return {}


def _plan_errors(
    *, involvement, kind, summary, owner_agency, owner_user, agreed_on, next_review_on, texts
) -> dict:
    errors: dict[str, str] = {}
    if kind not in PlanKind.values:
        errors["kind"] = "Choose the kind of plan"
    if not summary.strip():
        errors["summary"] = "Enter a summary of the plan"
    if kind == PlanKind.RISK_AND_NEEDS:
        for field, what in KCSIE_CONSIDERATIONS.items():
            if not texts.get(field, "").strip():
                errors[field] = (
                    f"Say what the risk assessment considered about {what} "
                    "(if nothing applies, say so)"
                )
    errors |= _owner_errors(
        involvement=involvement, owner_agency=owner_agency, owner_user=owner_user
    )
    errors |= _date_errors("agreed_on", "the date the plan was agreed", agreed_on, involvement)
    incident = involvement.incident
    started = incident.occurred_on or timezone.localdate(incident.reported_at)
    if "agreed_on" not in errors and agreed_on < started:
        errors["agreed_on"] = (
            f"The date the plan was agreed cannot be before the incident ({format_day(started)})"
        )
    if next_review_on is not None and agreed_on and next_review_on <= agreed_on:
        errors["next_review_on"] = "The next review date must be after the date the plan was agreed"
    return errors


def plan_record(
    *,
    by,
    involvement: Involvement,
    kind: str,
    summary: str,
    owner_agency: Agency,
    owner_user,
    agreed_on: date | None = None,
    next_review_on: date | None = None,
    victim_support: str = "",
    alleged_perpetrator: str = "",
    other_children: str = "",
    time_and_place: str = "",
) -> Plan:
    """A new plan for one child. Without a next review date, it is due by the partnership's
    risk assessment review clock from the day it was agreed."""
    ensure(by, "incidents.manage_plans", involvement)
    agreed_on = agreed_on or timezone.localdate()
    texts = {
        "victim_support": victim_support,
        "alleged_perpetrator": alleged_perpetrator,
        "other_children": other_children,
        "time_and_place": time_and_place,
    }
    errors = _plan_errors(
        involvement=involvement,
        kind=kind,
        summary=summary,
        owner_agency=owner_agency,
        owner_user=owner_user,
        agreed_on=agreed_on,
        next_review_on=next_review_on,
        texts=texts,
    )
    if errors:
        raise ValidationError(errors)
    if next_review_on is None:
        next_review_on = next_review_due(
            start=agreed_on, partnership=involvement.incident.partnership
        )
    with transaction.atomic(), acting_as(by):
        return Plan.objects.create(
            involvement=involvement,
            kind=kind,
            summary=summary.strip(),
            owner_agency=owner_agency,
            owner_user=owner_user,
            agreed_on=agreed_on,
            next_review_on=next_review_on,
            recorded_by=by,
            **{field: text.strip() for field, text in texts.items()},
        )


def plan_update(
    *,
    by,
    plan: Plan,
    expected_version: int,
    kind: str,
    summary: str,
    owner_agency: Agency,
    owner_user,
    agreed_on: date,
    next_review_on: date | None = None,
    victim_support: str = "",
    alleged_perpetrator: str = "",
    other_children: str = "",
    time_and_place: str = "",
) -> Plan:
    """Change a plan's content, owner or dates. Refuses an edit made against an old version."""
    ensure(by, "incidents.manage_plans", plan)
    texts = {
        "victim_support": victim_support,
        "alleged_perpetrator": alleged_perpetrator,
        "other_children": other_children,
        "time_and_place": time_and_place,
    }
    if plan.status == PlanStatus.ACTIVE and next_review_on is None:
        raise ValidationError({"next_review_on": "Enter the next review date"})
    errors = _plan_errors(
        involvement=plan.involvement,
        kind=kind,
        summary=summary,
        owner_agency=owner_agency,
        owner_user=owner_user,
        agreed_on=agreed_on,
        next_review_on=next_review_on,
        texts=texts,
    )
    if errors:
        raise ValidationError(errors)
    changes = {
        "kind": kind,
        "summary": summary.strip(),
        "owner_agency": owner_agency,
        "owner_user": owner_user,
        "agreed_on": agreed_on,
        "next_review_on": next_review_on,
    } | {field: text.strip() for field, text in texts.items()}
    return update_versioned(obj=plan, expected_version=expected_version, changes=changes, by=by)


def plan_review(
    *,
    by,
    plan: Plan,
    expected_version: int,
    reviewed_on: date,
    notes: str,
    next_review_on: date | None = None,
    close: bool = False,
) -> PlanReview:
    """Record a review of a plan and move its next review date (by default, the review clock
    from the day of this review); or close the plan."""
    ensure(by, "incidents.manage_plans", plan)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: it cannot be reviewed")
    errors = _date_errors("reviewed_on", "the date of the review", reviewed_on, plan.involvement)
    if "reviewed_on" not in errors and reviewed_on < plan.agreed_on:
        errors["reviewed_on"] = (
            f"The date of the review cannot be before the plan was agreed "
            f"({format_day(plan.agreed_on)})"
        )
    if not notes.strip():
        errors["notes"] = "Enter what the review found and what changes"
    if close and next_review_on is not None:
        errors["next_review_on"] = "Leave the next review date empty when you close the plan"
    if not close and next_review_on is not None and reviewed_on and next_review_on <= reviewed_on:
        errors["next_review_on"] = "The next review date must be after the date of the review"
    if errors:
        raise ValidationError(errors)
    if not close and next_review_on is None:
        next_review_on = next_review_due(
            start=reviewed_on, partnership=plan.involvement.incident.partnership
        )
    with transaction.atomic(), acting_as(by):
        update_versioned(
            obj=plan,
            expected_version=expected_version,
            changes={
                "next_review_on": None if close else next_review_on,
                "status": PlanStatus.CLOSED if close else PlanStatus.ACTIVE,
            },
            by=by,
        )
        return PlanReview.objects.create(
            plan=plan,
            reviewed_on=reviewed_on,
            by=by,
            notes=notes.strip(),
            next_review_on=None if close else next_review_on,
            closed_plan=close,
        )


def _tool_errors(
    *,
    tool,
    involvement,
    assessed_on,
    hackett_category,
    traffic_light,
    tlt_age_band,
    aim3_assessor_name,
    aim3_trained,
    aim3_review_on,
) -> dict:
    errors: dict[str, str] = {}
    person = involvement.person
    age = age_on(person.date_of_birth, assessed_on) if person.date_of_birth else None
    if tool == HsbTool.HACKETT and not hackett_category:
        errors["hackett_category"] = "Choose where the behaviour sits on the Hackett continuum"
    if tool == HsbTool.BROOK:
        if not traffic_light:
            errors["traffic_light"] = "Choose the traffic light colour: green, amber or red"
        if not tlt_age_band:
            errors["tlt_age_band"] = "Choose the traffic light age band used"
        elif age is not None:
            low, high = TLT_BANDS[tlt_age_band]
            if not low <= age <= high:
                errors["tlt_age_band"] = (
                    f"{person} was {age} on {format_day(assessed_on)}: the "
                    f"{TltAgeBand(tlt_age_band).label} age band does not fit. Choose the band "
                    "for the child's age"
                )
    if tool == HsbTool.AIM3:
        if not aim3_assessor_name.strip():
            errors["aim3_assessor_name"] = "Enter the name of the AIM3 assessor"
        if aim3_trained is None:
            errors["aim3_trained"] = "Say whether the assessor is trained in AIM3"
        if age is not None and not AIM3_AGES[0] <= age < AIM3_AGES[1]:
            errors["tool"] = (
                f"AIM3 is for young people from 12 until their 18th birthday, and {person} "
                f"was {age} on "
                f"{format_day(assessed_on)}. For a younger child, record the AIM Under 12s "
                "assessment in the notes of a Hackett or Brook assessment"
            )
        if aim3_review_on is not None and aim3_review_on <= assessed_on:
            errors["aim3_review_on"] = "The AIM3 review date must be after the assessment"
    return errors


def hsb_assessment_record(
    *,
    by,
    involvement: Involvement,
    tool: str,
    assessed_on: date,
    hackett_category: str = "",
    traffic_light: str = "",
    tlt_age_band: str = "",
    aim3_assessor_name: str = "",
    aim3_trained: bool | None = None,
    aim3_domains_summary: str = "",
    aim3_formulation: str = "",
    aim3_supervision_level: str = "",
    aim3_review_on: date | None = None,
    notes: str = "",
) -> HsbAssessment:
    """Record a harmful sexual behaviour assessment of one child with one tool. Only the
    tool's own fields are kept."""
    ensure(by, "incidents.manage_plans", involvement)
    if tool not in HsbTool.values:
        raise ValidationError({"tool": "Choose the assessment tool used"})
    errors = _date_errors("assessed_on", "the date of the assessment", assessed_on, involvement)
    if not errors:
        errors = _tool_errors(
            tool=tool,
            involvement=involvement,
            assessed_on=assessed_on,
            hackett_category=hackett_category,
            traffic_light=traffic_light,
            tlt_age_band=tlt_age_band,
            aim3_assessor_name=aim3_assessor_name,
            aim3_trained=aim3_trained,
            aim3_review_on=aim3_review_on,
        )
    if errors:
        raise ValidationError(errors)
    fields = {"notes": notes.strip()}
    if tool == HsbTool.HACKETT:
        fields |= {"hackett_category": hackett_category}
    elif tool == HsbTool.BROOK:
        fields |= {"traffic_light": traffic_light, "tlt_age_band": tlt_age_band}
    else:
        fields |= {
            "aim3_assessor_name": aim3_assessor_name.strip(),
            "aim3_trained": aim3_trained,
            "aim3_domains_summary": aim3_domains_summary.strip(),
            "aim3_formulation": aim3_formulation.strip(),
            "aim3_supervision_level": aim3_supervision_level.strip(),
            "aim3_review_on": aim3_review_on,
        }
    with transaction.atomic(), acting_as(by):
        return HsbAssessment.objects.create(
            involvement=involvement, tool=tool, assessed_on=assessed_on, assessor=by, **fields
        )
