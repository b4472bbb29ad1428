"""Writes for contexts and their own assessments and safety plans (Contextual Safeguarding).

Owners may be outside children's services: a school, the police neighbourhood team, a
platform's liaison. One transaction each, audited; edits refuse a stale version.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.choices import AgencyKind
from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure, may
from cairn.audit.context import acting_as
from cairn.core.services import update_versioned
from cairn.incidents.choices import ContextKind
from cairn.incidents.models import Context, ContextAssessment, ContextSafetyPlan
from cairn.incidents.models.strategy import ContextPlanStatus

# Registers the object rules used by ``ensure`` below.
from cairn.incidents.selectors import contexts as _rules  # noqa: F401


def _context_errors(
    *, partnership_id, kind, name, school, platform, exclude_pk=None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Enter the name of the context"
    if kind not in ContextKind.values:
        errors["kind"] = "Choose the kind of context"
    if kind == ContextKind.SCHOOL and school is None:
        errors["school"] = "Choose the school or college"
    if school is not None and (
        school.kind != AgencyKind.SCHOOL or school.partnership_id != partnership_id
    ):
        errors["school"] = "Choose a school or college in this partnership"
    if kind == ContextKind.ONLINE and not platform.strip():
        errors["platform"] = "Enter the app, site or game where this online space is"
    if name.strip() and kind in ContextKind.values:
        same = Context.objects.filter(
            partnership_id=partnership_id, kind=kind, name__iexact=name.strip()
        ).exclude(pk=exclude_pk)
        if same.exists():
            errors.setdefault(
                "name", f"There is already a {ContextKind(kind).label.lower()} called {name}"
            )
    return errors


def _ensure_may_manage(by, context: Context) -> None:
    if not may(by, "incidents.manage_contexts", context):
        raise PermissionDenied("incidents.manage_contexts")


def context_create(
    *, by, kind: str, name: str, school: Agency | None = None, platform: str = "", area: str = ""
) -> Context:
    """A new context. A DSL may only create contexts for their own school."""
    ensure(by, "incidents.manage_contexts")
    context = Context(
        partnership_id=by.partnership_id,
        kind=kind,
        name=name.strip(),
        school=school,
        platform=platform.strip(),
        area=area.strip(),
    )
    _ensure_may_manage(by, context)
    errors = _context_errors(
        partnership_id=by.partnership_id, kind=kind, name=name, school=school, platform=platform
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        context.save()
    return context


def context_update(
    *,
    by,
    context: Context,
    expected_version: int,
    kind: str,
    name: str,
    school: Agency | None = None,
    platform: str = "",
    area: str = "",
) -> Context:
    ensure(by, "incidents.manage_contexts", context)
    changed = Context(
        pk=context.pk, partnership_id=context.partnership_id, kind=kind, school=school
    )
    _ensure_may_manage(by, changed)  # a DSL cannot move a context to another school
    errors = _context_errors(
        partnership_id=context.partnership_id,
        kind=kind,
        name=name,
        school=school,
        platform=platform,
        exclude_pk=context.pk,
    )
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        obj=context,
        expected_version=expected_version,
        changes={
            "kind": kind,
            "name": name.strip(),
            "school": school,
            "platform": platform.strip(),
            "area": area.strip(),
        },
        by=by,
    )


def _owner_errors(*, context: Context, owner_agency: Agency | None, owner_user) -> dict[str, str]:
    errors: dict[str, str] = {}
    if owner_agency is None or owner_agency.partnership_id != context.partnership_id:
        errors["owner_agency"] = "Choose the agency that owns this, from this partnership"
    elif owner_user is not None and owner_user.agency_id != owner_agency.pk:
        errors["owner_user"] = f"The named owner must work for {owner_agency}"
    return errors


def _assessment_errors(*, context, assessed_on, summary, owner_agency, owner_user, review_on):
    errors = _owner_errors(context=context, owner_agency=owner_agency, owner_user=owner_user)
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = "The date of the assessment must be today or in the past"
    if not summary.strip():
        errors["summary"] = "Enter a summary of the assessment"
    if review_on <= assessed_on:
        errors["review_on"] = "The review date must be after the date of the assessment"
    return errors


def context_assessment_record(
    *,
    by,
    context: Context,
    assessed_on: date,
    summary: str,
    owner_agency: Agency,
    review_on: date,
    owner_user=None,
) -> ContextAssessment:
    ensure(by, "incidents.manage_contexts", context)
    errors = _assessment_errors(
        context=context,
        assessed_on=assessed_on,
        summary=summary,
        owner_agency=owner_agency,
        owner_user=owner_user,
        review_on=review_on,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return ContextAssessment.objects.create(
            context=context,
            assessed_on=assessed_on,
            summary=summary.strip(),
            owner_agency=owner_agency,
            owner_user=owner_user,
            review_on=review_on,
            recorded_by=by,
        )


def context_assessment_update(
    *,
    by,
    assessment: ContextAssessment,
    expected_version: int,
    assessed_on: date,
    summary: str,
    owner_agency: Agency,
    review_on: date,
    owner_user=None,
) -> ContextAssessment:
    ensure(by, "incidents.manage_contexts", assessment)
    errors = _assessment_errors(
        context=assessment.context,
        assessed_on=assessed_on,
        summary=summary,
        owner_agency=owner_agency,
        owner_user=owner_user,
        review_on=review_on,
    )
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        obj=assessment,
        expected_version=expected_version,
        changes={
            "assessed_on": assessed_on,
            "summary": summary.strip(),
            "owner_agency": owner_agency,
            "owner_user": owner_user,
            "review_on": review_on,
        },
        by=by,
    )


def _plan_errors(*, context, measures, owner_agency, owner_user, status):
    errors = _owner_errors(context=context, owner_agency=owner_agency, owner_user=owner_user)
    if not measures.strip():
        errors["measures"] = "Enter what will be done to make the context safer"
    if status not in ContextPlanStatus.values:
        errors["status"] = "Choose the status of the safety plan"
    return errors


def context_safety_plan_record(
    *,
    by,
    context: Context,
    measures: str,
    owner_agency: Agency,
    review_on: date,
    owner_user=None,
    status: str = ContextPlanStatus.ACTIVE,
) -> ContextSafetyPlan:
    ensure(by, "incidents.manage_contexts", context)
    errors = _plan_errors(
        context=context,
        measures=measures,
        owner_agency=owner_agency,
        owner_user=owner_user,
        status=status,
    )
    if review_on < timezone.localdate():
        errors["review_on"] = "The review date of a new safety plan must be today or later"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return ContextSafetyPlan.objects.create(
            context=context,
            measures=measures.strip(),
            owner_agency=owner_agency,
            owner_user=owner_user,
            review_on=review_on,
            status=status,
            recorded_by=by,
        )


def context_safety_plan_update(
    *,
    by,
    plan: ContextSafetyPlan,
    expected_version: int,
    measures: str,
    owner_agency: Agency,
    review_on: date,
    status: str,
    owner_user=None,
) -> ContextSafetyPlan:
    ensure(by, "incidents.manage_contexts", plan)
    errors = _plan_errors(
        context=plan.context,
        measures=measures,
        owner_agency=owner_agency,
        owner_user=owner_user,
        status=status,
    )
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        obj=plan,
        expected_version=expected_version,
        changes={
            "measures": measures.strip(),
            "owner_agency": owner_agency,
            "owner_user": owner_user,
            "review_on": review_on,
            "status": status,
        },
        by=by,
    )
