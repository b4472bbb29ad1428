"""Writes for action plans: plans through their life, actions, progress and evidence.

Each service checks permission, runs in one transaction with the actor named for the audit
trail (``acting_as``) and returns the object. Edits go through ``update_versioned`` and refuse
a stale version (``EditConflict``). Every refusal is a ``ValidationError`` naming the field
and saying, in plain English, what to do.

A plan's life (docs/decisions/0011-derived-rag-and-plan-closure.md): draft, agreed by a
decision of its monitoring body, monitored, and closed only by a decision of that body when
every action that is not withdrawn is complete with evidence of completion and of impact.
Reminders and escalations are in ``cairn.actionplans.reminders``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure
from cairn.actionplans import selectors
from cairn.actionplans.models import (
    ActionPlan,
    ActionStatus,
    Evidence,
    EvidenceKind,
    EvidenceSource,
    PlanAction,
    PlanKind,
    PlanStatus,
    ProgressUpdate,
    Workstream,
)
from cairn.audit.context import acting_as
from cairn.core.services import update_versioned
from cairn.governance.models import BodyDecision, GovernanceBody
from cairn.reviews.models import Review

MANAGE = "actionplans.manage_plans"
UPDATE = "actionplans.update_action"


def _day(d: date) -> str:
    return f"{d:%-d %B %Y}"


# Plans -------------------------------------------------------------------------------------


def _plan_errors(
    *,
    partnership_id: int,
    kind: str,
    title: str,
    review: Review | None,
    agency: Agency | None,
    monitoring_body: GovernanceBody | None,
    monitor_every_months: int | None,
    starts_on: date | None,
    ends_on: date | None,
    context=None,
    pattern: str = "",
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if context is not None and context.partnership_id != partnership_id:
        errors["context"] = "Choose a context from this partnership"
    if kind == PlanKind.PREVENTION and context is None and not pattern.strip():
        errors["context"] = (
            "Choose the context the prevention plan is about, or describe the pattern it answers"
        )
    if kind not in PlanKind.values:
        errors["kind"] = "Choose the kind of plan"
    if not title.strip():
        errors["title"] = "Enter a title for the plan"
    if review is not None and review.partnership_id != partnership_id:
        errors["review"] = "Choose a review from this partnership"
    if kind == PlanKind.MULTI_AGENCY and review is None:
        errors["review"] = "Choose the review this multi-agency plan answers"
    if agency is not None and agency.partnership_id != partnership_id:
        errors["agency"] = "Choose an agency from this partnership"
    if kind == PlanKind.SINGLE_AGENCY and agency is None:
        errors["agency"] = "Choose the agency whose plan this is"
    if monitoring_body is None or monitoring_body.partnership_id != partnership_id:
        errors["monitoring_body"] = "Choose the body that will monitor the plan"
    if not monitor_every_months or not 1 <= monitor_every_months <= 24:
        errors["monitor_every_months"] = "Enter how often it is monitored, from 1 to 24 months"
    if kind == PlanKind.IMPROVEMENT and (starts_on is None or ends_on is None):
        errors["ends_on"] = "Enter when the improvement plan starts and ends"
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = f"The end date must be on or after the start date ({_day(starts_on)})"
    return errors


def plan_create(
    *,
    by,
    kind: str,
    title: str,
    monitoring_body: GovernanceBody | None,
    monitor_every_months: int | None = 2,
    purpose: str = "",
    review: Review | None = None,
    agency: Agency | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    context=None,
    pattern: str = "",
) -> ActionPlan:
    """A new plan, in draft."""
    ensure(by, MANAGE)
    fields = {
        "context": context,
        "pattern": pattern,
        "kind": kind,
        "title": title,
        "review": review,
        "agency": agency,
        "monitoring_body": monitoring_body,
        "monitor_every_months": monitor_every_months,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    errors = _plan_errors(partnership_id=by.partnership_id, **fields)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return ActionPlan.objects.create(
            partnership_id=by.partnership_id,
            owner=by,
            purpose=purpose.strip(),
            **{**fields, "title": title.strip()},
        )


def plan_update(*, by, plan: ActionPlan, expected_version: int, **changes) -> ActionPlan:
    """Change a plan's details (not its status: that follows its governance route)."""
    ensure(by, MANAGE, plan)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: it can no longer be changed")
    allowed = {
        "kind",
        "title",
        "purpose",
        "review",
        "agency",
        "monitoring_body",
        "monitor_every_months",
        "starts_on",
        "ends_on",
        "context",
        "pattern",
    }
    if set(changes) - allowed:
        raise ValueError(f"Cannot change {sorted(set(changes) - allowed)} here")
    merged = {f: changes.get(f, getattr(plan, f)) for f in allowed - {"purpose"}}
    errors = _plan_errors(partnership_id=plan.partnership_id, **merged)
    if errors:
        raise ValidationError(errors)
    if "title" in changes:
        changes["title"] = changes["title"].strip()
    return update_versioned(obj=plan, expected_version=expected_version, changes=changes, by=by)


def _decision(
    *,
    by,
    plan: ActionPlan,
    decision: BodyDecision | None,
    decided_on: date | None,
    reference: str,
    summary: str,
) -> BodyDecision:
    """An existing decision of the plan's monitoring body, or a new one recorded now."""
    body = plan.monitoring_body
    if decision is not None:
        if decision.body_id != body.pk or decision.partnership_id != plan.partnership_id:
            raise ValidationError({"decision": f"Choose a decision of {body}, which monitors it"})
        return decision
    errors = {}
    if decided_on is None:
        errors["decided_on"] = f"Choose a decision of {body}, or enter the date it decided"
    elif decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    if not summary.strip():
        errors["summary"] = f"Enter what {body} decided"
    if errors:
        raise ValidationError(errors)
    return BodyDecision.objects.create(
        partnership_id=plan.partnership_id,
        body=body,
        decided_on=decided_on,
        reference=reference.strip(),
        summary=summary.strip(),
        recorded_by=by,
    )


def plan_agree(
    *,
    by,
    plan: ActionPlan,
    expected_version: int,
    decision: BodyDecision | None = None,
    decided_on: date | None = None,
    reference: str = "",
    summary: str = "",
) -> ActionPlan:
    """Record that the monitoring body agreed the plan: a decision of that body, chosen or
    recorded here with its date, reference and summary."""
    ensure(by, MANAGE, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(f"This plan is already {plan.get_status_display().lower()}")
    if not plan.actions.exists():
        raise ValidationError("Add the plan's actions before it is agreed")
    with transaction.atomic(), acting_as(by):
        agreed = _decision(
            by=by,
            plan=plan,
            decision=decision,
            decided_on=decided_on,
            reference=reference,
            summary=summary,
        )
        return update_versioned(
            obj=plan,
            expected_version=expected_version,
            changes={"status": PlanStatus.AGREED, "agreed_by": agreed},
            by=by,
        )


def plan_record_monitoring(
    *, by, plan: ActionPlan, expected_version: int, monitored_on: date
) -> ActionPlan:
    """The monitoring body looked at the plan: an agreed plan becomes monitored, and the next
    monitoring falls due ``monitor_every_months`` later."""
    ensure(by, MANAGE, plan)
    if plan.status not in (PlanStatus.AGREED, PlanStatus.MONITORED):
        raise ValidationError("Only an agreed plan can be monitored: record its agreement first")
    if monitored_on is None:
        raise ValidationError({"monitored_on": "Enter the date the plan was monitored"})
    if monitored_on > timezone.localdate():
        raise ValidationError({"monitored_on": "The date must be today or in the past"})
    if plan.agreed_by and monitored_on < plan.agreed_by.decided_on:
        raise ValidationError(
            {
                "monitored_on": "The plan cannot be monitored before it was agreed "
                f"({_day(plan.agreed_by.decided_on)})"
            }
        )
    return update_versioned(
        obj=plan,
        expected_version=expected_version,
        changes={"status": PlanStatus.MONITORED, "last_monitored_on": monitored_on},
        by=by,
    )


def plan_close(
    *,
    by,
    plan: ActionPlan,
    expected_version: int,
    decision: BodyDecision | None = None,
    decided_on: date | None = None,
    reference: str = "",
    summary: str = "",
) -> ActionPlan:
    """Close the plan by a decision of its monitoring body, only on evidence: every action
    that is not withdrawn is complete with evidence of completion and of impact."""
    ensure(by, MANAGE, plan)
    if plan.status not in (PlanStatus.AGREED, PlanStatus.MONITORED):
        raise ValidationError(
            "Only an agreed or monitored plan can be closed"
            if plan.status == PlanStatus.DRAFT
            else "This plan is already closed"
        )
    page = selectors.plan_page(plan=plan)
    if not any(g.rows for g in page.groups):
        raise ValidationError("A plan with no actions cannot be closed")
    if page.closure_blockers:
        raise ValidationError(
            "The plan cannot be closed until every action that is not withdrawn is complete, "
            "with evidence of completion and evidence of impact. "
            + "; ".join(page.closure_blockers)
            + "."
        )
    with transaction.atomic(), acting_as(by):
        closing = _decision(
            by=by,
            plan=plan,
            decision=decision,
            decided_on=decided_on,
            reference=reference,
            summary=summary,
        )
        if plan.agreed_by is not None and closing.decided_on < plan.agreed_by.decided_on:
            raise ValidationError(
                {
                    "decided_on": "The decision to close the plan must be on or after the day "
                    f"it was agreed ({plan.agreed_by.decided_on:%-d %B %Y})"
                }
            )
        return update_versioned(
            obj=plan,
            expected_version=expected_version,
            changes={"status": PlanStatus.CLOSED, "closed_by": closing},
            by=by,
        )


def workstream_add(*, by, plan: ActionPlan, title: str, lead_name: str = "") -> Workstream:
    ensure(by, MANAGE, plan)
    if not title.strip():
        raise ValidationError({"title": "Enter the workstream's title"})
    with transaction.atomic(), acting_as(by):
        last = plan.workstreams.order_by("-number").values_list("number", flat=True).first()
        return Workstream.objects.create(
            plan=plan, number=(last or 0) + 1, title=title.strip(), lead_name=lead_name.strip()
        )


# Actions -----------------------------------------------------------------------------------


def _action_errors(
    *,
    plan: ActionPlan,
    number: str,
    description: str,
    lead_agency: Agency | None,
    lead_user,
    lead_name: str,
    starts_on: date | None,
    due_on: date | None,
    workstream: Workstream | None,
    recommendations,
    action: PlanAction | None = None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not number.strip():
        errors["number"] = "Enter the action's number, for example 1.3"
    elif (
        plan.actions.filter(number=number.strip()).exclude(pk=getattr(action, "pk", None)).exists()
    ):
        errors["number"] = f"This plan already has an action {number.strip()}: choose another"
    if not description.strip():
        errors["description"] = "Describe what will be done"
    if lead_agency is None or lead_agency.partnership_id != plan.partnership_id:
        errors["lead_agency"] = "Choose the lead agency, from this partnership"
    elif lead_user is not None and lead_user.agency_id != lead_agency.pk:
        errors["lead_user"] = (
            f"{lead_user} does not work for {lead_agency}: choose someone from "
            f"{lead_agency}, or leave the Cairn user empty"
        )
    if not lead_name.strip() and lead_user is None:
        errors["lead_name"] = "Enter the named lead"
    if starts_on is None:
        errors["starts_on"] = "Enter the start date"
    if due_on is None:
        errors["due_on"] = "Enter the due date"
    if starts_on and due_on and due_on < starts_on:
        errors["due_on"] = f"The due date must be on or after the start date ({_day(starts_on)})"
    if workstream is not None and workstream.plan_id != plan.pk:
        errors["workstream"] = "Choose a workstream of this plan"
    if any(r.partnership_id != plan.partnership_id for r in recommendations):
        errors["recommendations"] = "Choose recommendations from this partnership"
    return errors


def _lead_name(lead_name: str, lead_user) -> str:
    return lead_name.strip() or (lead_user.get_full_name() or lead_user.email)


def action_create(
    *,
    by,
    plan: ActionPlan,
    number: str,
    description: str,
    lead_agency: Agency | None,
    starts_on: date | None,
    due_on: date | None,
    lead_name: str = "",
    lead_user=None,
    outcome_sought: str = "",
    workstream: Workstream | None = None,
    recommendations=(),
) -> PlanAction:
    ensure(by, MANAGE, plan)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: no actions can be added")
    recommendations = list(recommendations)
    errors = _action_errors(
        plan=plan,
        number=number,
        description=description,
        lead_agency=lead_agency,
        lead_user=lead_user,
        lead_name=lead_name,
        starts_on=starts_on,
        due_on=due_on,
        workstream=workstream,
        recommendations=recommendations,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        action = PlanAction.objects.create(
            plan=plan,
            workstream=workstream,
            number=number.strip(),
            description=description.strip(),
            outcome_sought=outcome_sought.strip(),
            lead_agency=lead_agency,
            lead_user=lead_user,
            lead_name=_lead_name(lead_name, lead_user),
            starts_on=starts_on,
            due_on=due_on,
        )
        action.recommendations.set(recommendations)
        return action


def action_update(
    *, by, action: PlanAction, expected_version: int, recommendations=None, **changes
) -> PlanAction:
    """Change what an action is: its number, words, lead, dates, recommendations answered."""
    ensure(by, MANAGE, action.plan)
    if action.plan.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: its actions can no longer be changed")
    fields = (
        "number",
        "description",
        "outcome_sought",
        "lead_agency",
        "lead_user",
        "lead_name",
        "starts_on",
        "due_on",
        "workstream",
    )
    if set(changes) - set(fields):
        raise ValueError(f"Cannot change {sorted(set(changes) - set(fields))} here")
    merged = {f: changes.get(f, getattr(action, f)) for f in fields if f != "outcome_sought"}
    recs = list(recommendations) if recommendations is not None else []
    errors = _action_errors(plan=action.plan, action=action, recommendations=recs, **merged)
    if errors:
        raise ValidationError(errors)
    for text in ("number", "description", "outcome_sought"):
        if text in changes:
            changes[text] = changes[text].strip()
    if "lead_name" in changes or "lead_user" in changes:
        changes["lead_name"] = _lead_name(merged["lead_name"], merged["lead_user"])
    with transaction.atomic(), acting_as(by):
        updated = update_versioned(
            obj=action, expected_version=expected_version, changes=changes, by=by
        )
        if recommendations is not None:
            updated.recommendations.set(recs)
        return updated


def _open_for_update(action: PlanAction, what: str) -> None:
    if action.status == ActionStatus.WITHDRAWN:
        raise ValidationError(f"This action was withdrawn: {what} can no longer be added")
    if action.plan.status == PlanStatus.CLOSED:
        raise ValidationError(f"This plan is closed: {what} can no longer be added")


def progress_add(
    *, by, action: PlanAction, expected_version: int, text: str, percent_complete: int | None
) -> ProgressUpdate:
    """A progress update, dated today; its percentage becomes the action's."""
    ensure(by, UPDATE, action)
    _open_for_update(action, "progress")
    if action.status == ActionStatus.COMPLETE:
        raise ValidationError("This action is complete: add evidence of impact instead")
    errors = {}
    if not text.strip():
        errors["text"] = "Describe the progress made"
    if percent_complete is None or not 0 <= percent_complete <= 100:
        errors["percent_complete"] = "Enter how complete the action is, from 0 to 100 per cent"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        update_versioned(
            obj=action,
            expected_version=expected_version,
            changes={"percent_complete": percent_complete, "status": ActionStatus.IN_PROGRESS},
            by=by,
        )
        return ProgressUpdate.objects.create(
            action=action,
            written_on=timezone.localdate(),
            text=text.strip(),
            percent_complete=percent_complete,
            written_by=by,
        )


def evidence_add(
    *,
    by,
    action: PlanAction,
    kind: str,
    source: str,
    description: str,
    received_on: date | None,
    location: str = "",
) -> Evidence:
    """Evidence of completion (what was done) or of impact (what changed), which may be what
    young people and families said."""
    ensure(by, UPDATE, action)
    _open_for_update(action, "evidence")
    errors = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = "Choose whether this is evidence of completion or of impact"
    if source not in EvidenceSource.values:
        errors["source"] = "Choose where the evidence comes from"
    if not description.strip():
        errors["description"] = "Describe what the evidence shows"
    if received_on is None:
        errors["received_on"] = "Enter the date of the evidence"
    elif received_on > timezone.localdate():
        errors["received_on"] = "The date of the evidence must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        return Evidence.objects.create(
            action=action,
            kind=kind,
            source=source,
            description=description.strip(),
            location=location.strip(),
            received_on=received_on,
            added_by=by,
        )


def action_complete(
    *, by, action: PlanAction, expected_version: int, completed_on: date | None
) -> PlanAction:
    """Mark an action complete: only with evidence of completion."""
    ensure(by, UPDATE, action)
    _open_for_update(action, "completion")
    if action.status == ActionStatus.COMPLETE:
        raise ValidationError("This action is already complete")
    if not action.evidence.filter(kind=EvidenceKind.COMPLETION).exists():
        raise ValidationError(
            f"Action {action.number} cannot be marked complete without evidence of completion: "
            "add the evidence first"
        )
    if completed_on is None:
        raise ValidationError({"completed_on": "Enter the date the action was completed"})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date must be today or in the past"})
    if completed_on < action.starts_on:
        raise ValidationError(
            {
                "completed_on": f"The action cannot be completed before it started "
                f"({_day(action.starts_on)})"
            }
        )
    return update_versioned(
        obj=action,
        expected_version=expected_version,
        changes={
            "status": ActionStatus.COMPLETE,
            "completed_on": completed_on,
            "percent_complete": 100,
        },
        by=by,
    )


def action_propose_closure(*, by, action: PlanAction, expected_version: int) -> PlanAction:
    """Put a complete action, with evidence of its impact, to the monitoring body to close."""
    ensure(by, UPDATE, action)
    if action.status != ActionStatus.COMPLETE:
        raise ValidationError(
            f"Action {action.number} must be complete before it is proposed for closure"
        )
    if not action.evidence.filter(kind=EvidenceKind.IMPACT).exists():
        raise ValidationError(
            f"Add evidence of impact to action {action.number} before proposing it for closure"
        )
    return update_versioned(
        obj=action,
        expected_version=expected_version,
        changes={"proposed_for_closure": True},
        by=by,
    )


def action_withdraw(*, by, action: PlanAction, expected_version: int, reason: str) -> PlanAction:
    """The monitoring body withdrew the action (superseded, or no longer needed)."""
    ensure(by, MANAGE, action.plan)
    if action.status == ActionStatus.WITHDRAWN:
        raise ValidationError("This action is already withdrawn")
    if action.plan.status == PlanStatus.CLOSED:
        raise ValidationError("This plan is closed: its actions can no longer be changed")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the action is withdrawn"})
    return update_versioned(
        obj=action,
        expected_version=expected_version,
        changes={
            "status": ActionStatus.WITHDRAWN,
            "withdrawn_reason": reason.strip(),
            "proposed_for_closure": False,
        },
        by=by,
    )
