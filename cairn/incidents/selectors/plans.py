"""Reads for each child's plans and harmful sexual behaviour assessments.

A plan is part of one child's record: the viewer sees it only when they may see that child's
involvement (a DSL sees the plans of children on their school's roll and of incidents their
school reported; the MASH sees them all). Changing or reviewing a plan is for the agency that
owns it, and for the MASH.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.permissions import may, object_rule
from cairn.clocks.calendar import WorkingCalendar
from cairn.clocks.selectors import due_date, format_day
from cairn.incidents.models import Action, HsbAssessment, Involvement, Plan, PlanReview
from cairn.incidents.models.plans import PlanStatus
from cairn.incidents.selectors.actions import (
    ActionRow,
    DueState,
    action_rows,
    actions_for_involvement,
    due_state,
)
from cairn.incidents.selectors.chronology import ChronologyEntry, at_start_of, chronology_provider
from cairn.incidents.selectors.incidents import involvements_visible_to

REVIEW_CLOCK = "school_risk_assessment_review"
COORDINATOR_ROLES = (Role.MASH_PRACTITIONER, Role.MASH_MANAGER)


def next_review_due(*, start: date, partnership) -> date:
    """When a plan agreed or reviewed on ``start`` is next due for review (the partnership's
    ``school_risk_assessment_review`` clock, 20 working days unless it changed it)."""
    return due_date(clock=REVIEW_CLOCK, start=start, partnership=partnership)


def plans_visible_to(user) -> QuerySet[Plan]:
    if not may(user, "incidents.view_plans"):
        return Plan.objects.none()
    return Plan.objects.filter(involvement__in=involvements_visible_to(user).values("pk"))


def hsb_assessments_visible_to(user) -> QuerySet[HsbAssessment]:
    if not may(user, "incidents.view_plans"):
        return HsbAssessment.objects.none()
    return HsbAssessment.objects.filter(involvement__in=involvements_visible_to(user).values("pk"))


def involvement_for(*, viewer, pk) -> Involvement | None:
    """The child's involvement, when the viewer may see it."""
    return (
        involvements_visible_to(viewer)
        .select_related("person", "person__school", "incident", "incident__partnership")
        .filter(pk=pk)
        .first()
    )


def plan_for(*, viewer, pk) -> Plan | None:
    return (
        plans_visible_to(viewer)
        .select_related(
            "involvement__person",
            "involvement__incident__partnership",
            "owner_agency",
            "owner_user",
            "recorded_by",
        )
        .prefetch_related("reviews__by")
        .filter(pk=pk)
        .first()
    )


def hsb_assessment_for(*, viewer, pk) -> HsbAssessment | None:
    return (
        hsb_assessments_visible_to(viewer)
        .select_related("involvement__person", "involvement__incident", "assessor")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    review: DueState | None
    """Where the next review stands; None once the plan is closed."""


def plan_rows(plans, *, today: date, calendar: WorkingCalendar) -> list[PlanRow]:
    return [
        PlanRow(
            p,
            due_state(p.next_review_on, today=today, calendar=calendar)
            if p.status == PlanStatus.ACTIVE and p.next_review_on
            else None,
        )
        for p in plans
    ]


@dataclass
class ChildPlans:
    """One child's plans, HSB assessments and actions, as far as the viewer may see them."""

    involvement: Involvement
    plans: list[PlanRow]
    hsb_assessments: list[HsbAssessment]
    actions: list[ActionRow]
    may_manage_plans: bool
    may_manage_actions: bool


def plans_for(*, involvement, viewer, today: date | None = None) -> ChildPlans | None:
    """Everything planned for this child that ``viewer`` may see; None if they may not see
    the child at all. For the incident page and the child's plans page."""
    if not may(viewer, "incidents.view_plans", involvement):
        return None
    today = today or timezone.localdate()
    partnership = involvement.incident.partnership
    calendar = WorkingCalendar.for_partnership(partnership)
    plans = involvement.plans.select_related("owner_agency", "owner_user").order_by(
        "status", "-agreed_on", "-pk"
    )
    actions = (
        actions_for_involvement(involvement=involvement, viewer=viewer)
        if may(viewer, "incidents.view_actions")
        else Action.objects.none()
    )
    return ChildPlans(
        involvement=involvement,
        plans=plan_rows(plans, today=today, calendar=calendar),
        hsb_assessments=list(involvement.hsb_assessments.select_related("assessor")),
        actions=action_rows(actions, today=today, partnership=partnership),
        may_manage_plans=may(viewer, "incidents.manage_plans", involvement),
        may_manage_actions=may(viewer, "incidents.manage_actions", involvement),
    )


def plan_reviews_due(user, *, today: date | None = None) -> QuerySet[Plan]:
    """Active plans owned by the user's agency whose review date has come."""
    today = today or timezone.localdate()
    if not user.agency_id:
        return Plan.objects.none()
    return plans_visible_to(user).filter(
        owner_agency_id=user.agency_id, status=PlanStatus.ACTIVE, next_review_on__lte=today
    )


def _involvement_id(obj) -> int | None:
    if isinstance(obj, Involvement):
        return obj.pk
    if isinstance(obj, Plan | HsbAssessment):
        return obj.involvement_id
    if isinstance(obj, PlanReview):
        return obj.plan.involvement_id
    return None


def _sees(user, involvement_id) -> bool:
    return (
        involvement_id is not None
        and involvements_visible_to(user).filter(pk=involvement_id).exists()
    )


@object_rule("incidents.view_plans")
def _may_view_plans(user, obj) -> bool:
    return _sees(user, _involvement_id(obj))


@object_rule("incidents.manage_plans")
def _may_manage_plans(user, obj) -> bool:
    """Record a plan or an assessment for a child the user may see; change or review a plan
    owned by the user's agency (or, for the MASH, any plan they may see)."""
    if not _sees(user, _involvement_id(obj)):
        return False
    if isinstance(obj, Plan):
        return bool(
            (user.agency_id and obj.owner_agency_id == user.agency_id)
            or user.has_role(*COORDINATOR_ROLES)
        )
    return True


@chronology_provider
def _plans(involvements):
    plans = Plan.objects.filter(involvement__in=involvements).select_related("owner_agency")
    reviews = PlanReview.objects.filter(plan__in=plans).select_related("plan__owner_agency")
    for p in plans:
        yield ChronologyEntry(
            at_start_of(p.agreed_on),
            f"{p.get_kind_display()} agreed",
            p.summary,
            str(p.owner_agency),
            reverse("incidents:plan_detail", args=[p.pk]),
        )
    for r in reviews:
        what = f"{r.plan.get_kind_display()} reviewed" + (" and closed" if r.closed_plan else "")
        detail = r.notes + (
            f" Next review {format_day(r.next_review_on)}." if r.next_review_on else ""
        )
        yield ChronologyEntry(
            at_start_of(r.reviewed_on),
            what,
            detail,
            str(r.plan.owner_agency),
            reverse("incidents:plan_detail", args=[r.plan_id]),
        )


@chronology_provider
def _hsb_assessments(involvements):
    assessments = HsbAssessment.objects.filter(involvement__in=involvements).select_related(
        "assessor__agency"
    )
    for a in assessments:
        yield ChronologyEntry(
            at_start_of(a.assessed_on),
            f"Harmful sexual behaviour assessment: {a.get_tool_display()}",
            a.result,
            str(a.assessor.agency or ""),
            reverse("incidents:hsb_detail", args=[a.pk]),
        )
