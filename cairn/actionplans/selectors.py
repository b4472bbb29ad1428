"""Reads for action plans. The RAG rating of an action is derived here and nowhere else.

RAG (docs/decisions/0011-derived-rag.md), for an action on ``today``:

- **Complete** (blue): status complete.
- **Withdrawn** (grey): withdrawn by the monitoring body.
- **Red**: past its due date and not complete.
- **Amber**: not complete and either due within ``AT_RISK_DAYS`` days, or its progress lags
  the share of its time already used by more than ``BEHIND_BY`` percentage points.
- **Green**: otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from cairn.actionplans.models import ActionStatus, PlanAction

AT_RISK_DAYS = 28
BEHIND_BY = 25


@dataclass(frozen=True)
class Rag:
    key: str
    label: str
    colour: str  # GOV.UK tag colour modifier

    def __str__(self):
        return self.label


COMPLETE = Rag("complete", "Complete", "blue")
WITHDRAWN = Rag("withdrawn", "Withdrawn", "grey")
RED = Rag("red", "Overdue", "red")
AMBER = Rag("amber", "At risk", "yellow")
GREEN = Rag("green", "On track", "green")
RAGS = (RED, AMBER, GREEN, COMPLETE, WITHDRAWN)


def expected_percent(*, starts_on: date, due_on: date, today: date) -> int:
    """How far through its time an action is, as a percentage (0-100)."""
    if today <= starts_on:
        return 0
    if today >= due_on:
        return 100
    span = (due_on - starts_on).days
    return round(100 * (today - starts_on).days / span)


def rag_for(
    *, status: str, starts_on: date, due_on: date, percent_complete: int, today: date
) -> Rag:
    if status == ActionStatus.COMPLETE:
        return COMPLETE
    if status == ActionStatus.WITHDRAWN:
        return WITHDRAWN
    if today > due_on:
        return RED
    if (due_on - today).days <= AT_RISK_DAYS:
        return AMBER
    expected = expected_percent(starts_on=starts_on, due_on=due_on, today=today)
    if expected - percent_complete > BEHIND_BY:
        return AMBER
    return GREEN


def action_rag(action: PlanAction, *, today: date | None = None) -> Rag:
    """The RAG rating of ``action`` today (or on ``today``)."""
    return rag_for(
        status=action.status,
        starts_on=action.starts_on,
        due_on=action.due_on,
        percent_complete=action.percent_complete,
        today=today or timezone.localdate(),
    )


# Plans and actions as the viewer may see them -------------------------------------------------
# Who sees what (docs/decisions/0004-permissions.md): anyone with ``actionplans.view_plans`` sees
# every plan of their partnership (plans name agencies and staff, never a child). Practitioners,
# DSLs and others who only hold ``actionplans.update_action`` see the actions they lead: by name
# (``lead_user``) or through their agency (``lead_agency``). The partnership team who keep the
# plans (``actionplans.manage_plans``) may update any action, as the MASH may for case actions.

from collections import Counter, defaultdict  # noqa: E402

from django.db.models import Prefetch, Q, QuerySet  # noqa: E402
from django.urls import reverse  # noqa: E402

from cairn.accounts.permissions import may, object_rule  # noqa: E402
from cairn.actionplans.models import (  # noqa: E402
    ActionPlan,
    Evidence,
    EvidenceKind,
    PlanStatus,
    ProgressUpdate,
)

OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def plans_visible_to(user) -> QuerySet[ActionPlan]:
    if not may(user, "actionplans.view_plans"):
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(partnership_id=user.partnership_id)


def plan_for(*, viewer, pk) -> ActionPlan | None:
    return (
        plans_visible_to(viewer)
        .select_related(
            "review",
            "agency",
            "owner",
            "monitoring_body",
            "agreed_by__body",
            "closed_by__body",
        )
        .filter(pk=pk)
        .first()
    )


def _led_by(user) -> Q:
    led = Q(lead_user_id=user.pk)
    if user.agency_id:
        led |= Q(lead_agency_id=user.agency_id)
    return led


def plan_actions_visible_to(user) -> QuerySet[PlanAction]:
    """Every action of the partnership's plans for plan readers; the actions they lead for
    everyone else who may update actions; nothing otherwise."""
    in_partnership = PlanAction.objects.filter(plan__partnership_id=user.partnership_id)
    if may(user, "actionplans.view_plans"):
        return in_partnership
    if may(user, "actionplans.update_action"):
        return in_partnership.filter(_led_by(user))
    return PlanAction.objects.none()


def action_for(*, viewer, pk) -> PlanAction | None:
    return (
        plan_actions_visible_to(viewer)
        .select_related("plan__monitoring_body", "workstream", "lead_agency", "lead_user")
        .prefetch_related(
            "recommendations",
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("written_by")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("added_by")),
        )
        .filter(pk=pk)
        .first()
    )


def leads(user, action: PlanAction) -> bool:
    """The user leads the action by name, or their agency does."""
    return bool(
        action.lead_user_id == user.pk
        or (user.agency_id and action.lead_agency_id == user.agency_id)
    )


@object_rule("actionplans.update_action")
def _may_update_action(user, obj) -> bool:
    if isinstance(obj, ProgressUpdate | Evidence):
        obj = obj.action
    if not isinstance(obj, PlanAction):
        return False
    return leads(user, obj) or may(user, "actionplans.manage_plans", obj.plan)


def may_update_action(user, action: PlanAction) -> bool:
    return may(user, "actionplans.update_action", action)


# Dates the governance route runs on ---------------------------------------------------------


def next_monitoring_due(plan: ActionPlan, *, today: date | None = None) -> date | None:
    """When the monitoring body should next look at the plan (the agenda's rule, one
    definition: ``cairn.actionplans.agenda.next_monitoring_on``); none for a draft or a closed
    plan. A live plan never monitored and with no start date is due now."""
    from cairn.actionplans.agenda import next_monitoring_on

    due = next_monitoring_on(plan)
    return _today(today) if due == date.min else due


# Rows with their rating --------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    action: PlanAction
    rag: Rag
    latest: ProgressUpdate | None
    evidence: list
    days_overdue: int

    @property
    def has_completion_evidence(self) -> bool:
        return any(e.kind == EvidenceKind.COMPLETION for e in self.evidence)

    @property
    def has_impact_evidence(self) -> bool:
        return any(e.kind == EvidenceKind.IMPACT for e in self.evidence)


def action_row(action: PlanAction, *, today: date) -> ActionRow:
    """``action`` must come with ``updates`` and ``evidence`` prefetched."""
    updates = list(action.updates.all())
    return ActionRow(
        action=action,
        rag=action_rag(action, today=today),
        latest=updates[0] if updates else None,
        evidence=list(action.evidence.all()),
        days_overdue=max(0, (today - action.due_on).days) if action.status in OPEN_STATUSES else 0,
    )


def with_history(actions: QuerySet[PlanAction]) -> QuerySet[PlanAction]:
    return actions.select_related(
        "lead_agency", "lead_user", "workstream", "plan"
    ).prefetch_related(
        "recommendations",
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("written_by")),
        Prefetch("evidence", queryset=Evidence.objects.select_related("added_by")),
    )


def rag_counts(rows) -> list[tuple[Rag, int]]:
    counts = Counter(r.key for r in rows)
    return [(rag, counts.get(rag.key, 0)) for rag in RAGS]


@dataclass(frozen=True)
class WorkstreamGroup:
    workstream: object | None
    rows: list[ActionRow]


@dataclass(frozen=True)
class PlanPage:
    plan: ActionPlan
    groups: list[WorkstreamGroup]
    rag_counts: list[tuple[Rag, int]]
    recommendations: list
    next_monitoring_due: date | None
    closure_blockers: list[str]


def closure_blockers(rows: list[ActionRow]) -> list[str]:
    """Why the plan cannot close yet: one line per action that is not withdrawn and is not
    complete with evidence of completion and of impact (decision 0011)."""
    blockers = []
    for row in rows:
        a = row.action
        if a.status == ActionStatus.WITHDRAWN:
            continue
        missing = []
        if a.status != ActionStatus.COMPLETE:
            missing.append("not complete")
        if not row.has_completion_evidence:
            missing.append("no evidence of completion")
        if not row.has_impact_evidence:
            missing.append("no evidence of impact")
        if missing:
            blockers.append(f"Action {a.number}: {', '.join(missing)}")
    return blockers


def plan_page(*, plan: ActionPlan, today: date | None = None) -> PlanPage:
    """A plan's actions grouped by workstream, each with its rating on ``today``."""
    today = _today(today)
    actions = with_history(plan.actions.order_by("workstream__number", "number", "pk"))
    rows = [action_row(a, today=today) for a in actions]
    groups: dict = defaultdict(list)
    for row in rows:
        groups[row.action.workstream].append(row)
    workstreams = list(plan.workstreams.all())
    ordered = [WorkstreamGroup(w, groups.get(w, [])) for w in workstreams]
    if groups.get(None) or not workstreams:
        ordered.insert(0, WorkstreamGroup(None, groups.get(None, [])))
    answered = {rec for row in rows for rec in row.action.recommendations.all()}
    return PlanPage(
        plan=plan,
        groups=ordered,
        rag_counts=rag_counts(row.rag for row in rows),
        recommendations=sorted(answered, key=lambda r: (r.made_on, r.reference)),
        next_monitoring_due=next_monitoring_due(plan, today=today),
        closure_blockers=closure_blockers(rows),
    )


def plan_rows(plans: QuerySet[ActionPlan], *, today: date | None = None) -> list[tuple]:
    """Each plan with its RAG counts: two queries, whatever the number of plans."""
    today = _today(today)
    plans = list(plans.select_related("monitoring_body", "agency", "review"))
    ratings: dict[int, list[Rag]] = defaultdict(list)
    fields = ("plan_id", "status", "starts_on", "due_on", "percent_complete")
    for plan_id, status, starts_on, due_on, percent in PlanAction.objects.filter(
        plan__in=[p.pk for p in plans]
    ).values_list(*fields):
        ratings[plan_id].append(
            rag_for(
                status=status,
                starts_on=starts_on,
                due_on=due_on,
                percent_complete=percent,
                today=today,
            )
        )
    return [(p, rag_counts(ratings[p.pk]), next_monitoring_due(p, today=today)) for p in plans]


@dataclass(frozen=True)
class RagGroup:
    rag: Rag
    rows: list[ActionRow]


def my_plan_actions(user, *, today: date | None = None) -> list[RagGroup]:
    """Open and recently finished actions the user leads (by name or through their agency),
    grouped by rating, overdue first."""
    today = _today(today)
    if not may(user, "actionplans.update_action"):
        return []
    actions = with_history(
        PlanAction.objects.filter(plan__partnership_id=user.partnership_id)
        .filter(_led_by(user))
        .exclude(plan__status=PlanStatus.CLOSED)
        .order_by("due_on", "pk")
    )
    rows = [action_row(a, today=today) for a in actions]
    return [RagGroup(rag, [r for r in rows if r.rag == rag]) for rag in RAGS]


def action_plans_panel(user):
    """The home page's "Action plans" panel: your actions at risk and overdue."""
    from cairn.core.selectors import Panel

    if not any(
        may(user, f"actionplans.{c}") for c in ("update_action", "view_plans", "view_dashboard")
    ):
        return None
    links, figures = [], []
    if may(user, "actionplans.update_action"):
        groups = {g.rag.key: len(g.rows) for g in my_plan_actions(user)}
        links.append(("Your plan actions", reverse("actionplans:my_actions")))
        figures += [
            ("Your plan actions overdue", groups.get(RED.key, 0)),
            ("Your plan actions at risk", groups.get(AMBER.key, 0)),
        ]
    if may(user, "actionplans.view_plans"):
        links.append(("All action plans", reverse("actionplans:list")))
    if may(user, "actionplans.view_dashboard"):
        links.append(("Action plans dashboard", reverse("actionplans:dashboard")))
    return Panel(
        "Action plans",
        "Actions answering review recommendations, rated from their dates and progress.",
        links,
        figures,
    )


def recommendations_for(plan: ActionPlan):
    """The recommendations an action may answer: the plan's review's first, then any other
    recommendation of the partnership."""
    from django.db.models import Case, IntegerField, Value, When

    from cairn.reviews.models import Recommendation

    return (
        Recommendation.objects.filter(partnership_id=plan.partnership_id)
        .annotate(
            own=Case(
                When(review_id=plan.review_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("own", "made_on", "reference")
    )
