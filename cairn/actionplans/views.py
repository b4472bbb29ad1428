"""Action plan pages: the list and dashboard, a plan's page and its governance route, actions,
progress and evidence, and "your plan actions". Thin: parse, call a service or selector,
render.

Who reaches what: plan readers (``actionplans.view_plans``) see every plan of their
partnership; the partnership team (``actionplans.manage_plans``) keep them; an action's leads
(``actionplans.update_action``, by name or through their agency) record its progress and
evidence. A record of another partnership is "not found".
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.accounts.permissions import may, permission
from cairn.actionplans import dashboard as dashboards
from cairn.actionplans import selectors, services
from cairn.actionplans.filtersets import PlanFilterForm
from cairn.actionplans.forms import (
    ActionForm,
    CompleteForm,
    ConfirmForm,
    DecisionForm,
    EvidenceForm,
    MonitoringForm,
    PlanForm,
    ProgressForm,
    WithdrawForm,
    WorkstreamForm,
)
from cairn.actionplans.models import PlanAction
from cairn.core.web import save_or_refuse


def _plan(request, pk):
    plan = selectors.plan_for(viewer=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


# Lists -------------------------------------------------------------------------------------


@permission("actionplans.view_plans")
def plan_list(request):
    filters = PlanFilterForm(request.GET or None, partnership=request.user.partnership)
    plans = filters.filter(selectors.plans_visible_to(request.user))
    return render(
        request,
        "actionplans/list.html",
        {
            "filters": filters,
            "rows": selectors.plan_rows(plans),
            "rags": selectors.RAGS,
            "may_manage": may(request.user, "actionplans.manage_plans"),
        },
    )


@permission("actionplans.update_action")
def my_actions(request):
    groups = selectors.my_plan_actions(request.user)
    return render(
        request,
        "actionplans/my_actions.html",
        {"groups": groups, "total": sum(len(g.rows) for g in groups)},
    )


@permission("actionplans.view_dashboard")
def dashboard(request):
    board = dashboards.dashboard_for(viewer=request.user)
    return render(request, "actionplans/dashboard.html", {"board": board, "rags": selectors.RAGS})


# Plans -------------------------------------------------------------------------------------


@permission("actionplans.view_plans")
def plan_detail(request, pk):
    plan = _plan(request, pk)
    page = selectors.plan_page(plan=plan)
    return render(
        request,
        "actionplans/detail.html",
        {
            "plan": plan,
            "page": page,
            "may_manage": may(request.user, "actionplans.manage_plans", plan),
            "today": timezone.localdate(),
        },
    )


@permission("actionplans.manage_plans")
def plan_new(request):
    """A new plan; ``?kind=prevention&context=<id>&pattern=...`` starts a prevention plan from
    a context's page or a pattern seen on a dashboard."""
    initial = {
        k: request.GET[k] for k in ("kind", "context", "pattern", "title") if k in request.GET
    }
    form = PlanForm(request.POST or None, partnership=request.user.partnership, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.plan_create(by=request.user, **form.changes()),
        success="Plan created, in draft. Now add its actions",
        then=lambda plan: ("actionplans:detail", plan.pk),
    )
    return response or render(request, "actionplans/form.html", {"form": form, "plan": None})


@permission("actionplans.manage_plans")
def plan_edit(request, pk):
    plan = _plan(request, pk)
    fields = [f for f in PlanForm.base_fields if f != "version"]
    initial = {f: getattr(plan, f) for f in fields} | {"version": plan.version}
    form = PlanForm(request.POST or None, partnership=plan.partnership, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.plan_update(
            by=request.user,
            plan=plan,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Plan updated",
        then=lambda p: ("actionplans:detail", p.pk),
    )
    return response or render(request, "actionplans/form.html", {"form": form, "plan": plan})


def _decision_page(request, pk, *, closing: bool):
    plan = _plan(request, pk)
    form = DecisionForm(request.POST or None, plan=plan, initial={"version": plan.version})
    service = services.plan_close if closing else services.plan_agree
    response = save_or_refuse(
        request,
        form,
        lambda: service(
            by=request.user,
            plan=plan,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Plan closed" if closing else "Plan agreed",
        then=lambda p: ("actionplans:detail", p.pk),
    )
    blockers = selectors.plan_page(plan=plan).closure_blockers if closing else []
    return response or render(
        request,
        "actionplans/decision.html",
        {"form": form, "plan": plan, "closing": closing, "blockers": blockers},
    )


@permission("actionplans.manage_plans")
def plan_agree(request, pk):
    return _decision_page(request, pk, closing=False)


@permission("actionplans.manage_plans")
def plan_close(request, pk):
    return _decision_page(request, pk, closing=True)


@permission("actionplans.manage_plans")
def plan_monitoring(request, pk):
    plan = _plan(request, pk)
    form = MonitoringForm(request.POST or None, initial={"version": plan.version})
    response = save_or_refuse(
        request,
        form,
        lambda: services.plan_record_monitoring(
            by=request.user,
            plan=plan,
            expected_version=form.cleaned_data["version"],
            monitored_on=form.cleaned_data["monitored_on"],
        ),
        success="Monitoring recorded",
        then=lambda p: ("actionplans:detail", p.pk),
    )
    return response or render(request, "actionplans/monitoring.html", {"form": form, "plan": plan})


@permission("actionplans.manage_plans")
def workstream_new(request, pk):
    plan = _plan(request, pk)
    form = WorkstreamForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.workstream_add(by=request.user, plan=plan, **form.cleaned_data),
        success="Workstream added",
        then=lambda w: ("actionplans:detail", plan.pk),
    )
    return response or render(
        request, "actionplans/workstream_form.html", {"form": form, "plan": plan}
    )


# Actions -----------------------------------------------------------------------------------


@permission("actionplans.manage_plans")
def action_new(request, pk):
    plan = _plan(request, pk)
    form = ActionForm(request.POST or None, plan=plan)
    response = save_or_refuse(
        request,
        form,
        lambda: services.action_create(by=request.user, plan=plan, **form.changes()),
        success="Action added",
        then=lambda a: ("actionplans:detail", plan.pk),
    )
    return response or render(
        request, "actionplans/action_form.html", {"form": form, "plan": plan, "action": None}
    )


def _action(request, pk) -> PlanAction:
    """An action of the viewer's partnership (another partnership's is "not found")."""
    action = (
        PlanAction.objects.filter(plan__partnership_id=request.user.partnership_id, pk=pk)
        .select_related("plan__monitoring_body", "lead_agency", "lead_user", "workstream")
        .first()
    )
    if action is None:
        raise Http404
    return action


def _row(action):
    full = selectors.with_history(PlanAction.objects.filter(pk=action.pk)).get()
    return selectors.action_row(full, today=timezone.localdate())


@permission("actionplans.view_plans")
def action_detail(request, pk):
    action = selectors.action_for(viewer=request.user, pk=pk)
    if action is None:
        raise Http404
    return render(
        request,
        "actionplans/action_detail.html",
        {
            "action": action,
            "row": selectors.action_row(action, today=timezone.localdate()),
            "may_update": selectors.may_update_action(request.user, action),
            "may_manage": may(request.user, "actionplans.manage_plans", action.plan),
        },
    )


@permission("actionplans.manage_plans")
def action_edit(request, pk):
    action = _action(request, pk)
    plan = action.plan
    fields = [f for f in ActionForm.base_fields if f not in ("version", "recommendations")]
    initial = {f: getattr(action, f) for f in fields} | {
        "version": action.version,
        "recommendations": list(action.recommendations.values_list("pk", flat=True)),
    }
    form = ActionForm(request.POST or None, plan=plan, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.action_update(
            by=request.user,
            action=action,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Action updated",
        then=lambda a: ("actionplans:action_detail", a.pk),
    )
    return response or render(
        request, "actionplans/action_form.html", {"form": form, "plan": plan, "action": action}
    )


def _refused(request, action):
    messages.error(
        request,
        f"Only the lead of action {action.number} ({action.lead_name}, {action.lead_agency}) "
        "or the partnership team can update it",
    )
    return redirect("actionplans:my_actions")


def _lead_page(request, pk, *, form_class, template, save, success, initial=None):
    """A page where an action's lead records something about it."""
    action = _action(request, pk)
    if not selectors.may_update_action(request.user, action):
        return _refused(request, action)
    form = form_class(request.POST or None, initial={"version": action.version} | (initial or {}))
    response = save_or_refuse(
        request,
        form,
        lambda: save(action, form),
        success=success,
        then=lambda _: ("actionplans:action_progress", action.pk),
    )
    return response or render(
        request,
        template,
        {"form": form, "action": action, "row": _row(action)},
    )


@permission("actionplans.update_action")
def action_progress(request, pk):
    """The lead's page for an action: its history and evidence, and a progress update."""
    return _lead_page(
        request,
        pk,
        form_class=ProgressForm,
        template="actionplans/progress.html",
        save=lambda action, form: services.progress_add(
            by=request.user,
            action=action,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
            percent_complete=form.cleaned_data["percent_complete"],
        ),
        success="Progress recorded",
    )


@permission("actionplans.update_action")
def action_evidence(request, pk):
    return _lead_page(
        request,
        pk,
        form_class=EvidenceForm,
        template="actionplans/evidence.html",
        save=lambda action, form: services.evidence_add(
            by=request.user, action=action, **form.cleaned_data
        ),
        success="Evidence added",
    )


@permission("actionplans.update_action")
def action_complete(request, pk):
    return _lead_page(
        request,
        pk,
        form_class=CompleteForm,
        template="actionplans/complete.html",
        save=lambda action, form: services.action_complete(
            by=request.user,
            action=action,
            expected_version=form.cleaned_data["version"],
            completed_on=form.cleaned_data["completed_on"],
        ),
        success="Action marked complete",
    )


@permission("actionplans.update_action")
def action_propose(request, pk):
    return _lead_page(
        request,
        pk,
        form_class=ConfirmForm,
        template="actionplans/propose.html",
        save=lambda action, form: services.action_propose_closure(
            by=request.user, action=action, expected_version=form.cleaned_data["version"]
        ),
        success="Action proposed for closure to the monitoring body",
    )


@permission("actionplans.manage_plans")
def action_withdraw(request, pk):
    action = _action(request, pk)
    form = WithdrawForm(request.POST or None, initial={"version": action.version})
    response = save_or_refuse(
        request,
        form,
        lambda: services.action_withdraw(
            by=request.user,
            action=action,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        ),
        success="Action withdrawn",
        then=lambda a: ("actionplans:action_detail", a.pk),
    )
    return response or render(
        request, "actionplans/withdraw.html", {"form": form, "action": action}
    )
