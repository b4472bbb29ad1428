"""A child's plans and harmful sexual behaviour assessments: the child's plans page, a plan,
recording, changing and reviewing one, and recording an assessment. Thin: parse, call a
service or selector, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.accounts.permissions import may, permission
from cairn.audit.services import record_view
from cairn.core.web import save_or_refuse
from cairn.incidents import selectors, services
from cairn.incidents.forms_plans import HsbAssessmentForm, PlanForm, PlanReviewForm
from cairn.incidents.selectors.plans import involvement_for


def _child(request, pk):
    involvement = involvement_for(viewer=request.user, pk=pk)
    if involvement is None:
        raise Http404
    return involvement


def _plan(request, pk):
    plan = selectors.plan_for(viewer=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _refused(request, plan):
    messages.error(
        request, f"Only {plan.owner_agency}, which owns this plan, or the MASH can change it"
    )
    return redirect("incidents:plan_detail", pk=plan.pk)


@permission("incidents.view_plans")
def child_plans(request, pk):
    involvement = _child(request, pk)
    record_view(viewer=request.user, obj=involvement)
    page = selectors.plans_for(involvement=involvement, viewer=request.user)
    return render(request, "incidents/plans/child.html", {"page": page, "inv": involvement})


@permission("incidents.manage_plans")
def plan_new(request, pk):
    involvement = _child(request, pk)
    initial = {
        "owner_agency": request.user.agency_id,
        "owner_user": request.user.pk,
        "agreed_on": timezone.localdate(),
    }
    form = PlanForm(
        request.POST or None,
        user=request.user,
        partnership=involvement.incident.partnership,
        initial=initial,
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.plan_record(by=request.user, involvement=involvement, **form.changes()),
        success=f"Plan recorded for {involvement.person}",
        then=lambda plan: ("incidents:plan_detail", plan.pk),
    )
    return response or render(
        request, "incidents/plans/form.html", {"form": form, "inv": involvement}
    )


@permission("incidents.view_plans")
def plan_detail(request, pk):
    plan = _plan(request, pk)
    record_view(viewer=request.user, obj=plan)
    return render(
        request,
        "incidents/plans/detail.html",
        {
            "plan": plan,
            "inv": plan.involvement,
            "may_manage": may(request.user, "incidents.manage_plans", plan),
        },
    )


@permission("incidents.manage_plans")
def plan_edit(request, pk):
    plan = _plan(request, pk)
    if not may(request.user, "incidents.manage_plans", plan):
        return _refused(request, plan)
    form = PlanForm(
        request.POST or None,
        user=request.user,
        partnership=plan.involvement.incident.partnership,
        initial=PlanForm.initial_for(plan),
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.plan_update(
            by=request.user,
            plan=plan,
            expected_version=form.cleaned_data["version"] or 0,
            **form.changes(),
        ),
        success="Plan saved",
        then=lambda p: ("incidents:plan_detail", p.pk),
    )
    return response or render(
        request, "incidents/plans/form.html", {"form": form, "inv": plan.involvement, "plan": plan}
    )


@permission("incidents.manage_plans")
def plan_review(request, pk):
    plan = _plan(request, pk)
    if not may(request.user, "incidents.manage_plans", plan):
        return _refused(request, plan)
    partnership = plan.involvement.incident.partnership
    form = PlanReviewForm(
        request.POST or None,
        partnership=partnership,
        initial={"version": plan.version, "reviewed_on": timezone.localdate()},
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.plan_review(by=request.user, plan=plan, **form.changes()),
        success="Review recorded",
        then=lambda review: ("incidents:plan_detail", plan.pk),
    )
    return response or render(
        request,
        "incidents/plans/review_form.html",
        {"form": form, "plan": plan, "inv": plan.involvement},
    )


@permission("incidents.manage_plans")
def hsb_new(request, pk):
    involvement = _child(request, pk)
    form = HsbAssessmentForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.hsb_assessment_record(
            by=request.user, involvement=involvement, **form.cleaned_data
        ),
        success=f"Assessment recorded for {involvement.person}",
        then=lambda a: ("incidents:hsb_detail", a.pk),
    )
    return response or render(
        request, "incidents/plans/hsb_form.html", {"form": form, "inv": involvement}
    )


@permission("incidents.view_plans")
def hsb_detail(request, pk):
    assessment = selectors.hsb_assessment_for(viewer=request.user, pk=pk)
    if assessment is None:
        raise Http404
    record_view(viewer=request.user, obj=assessment)
    return render(
        request,
        "incidents/plans/hsb_detail.html",
        {"assessment": assessment, "inv": assessment.involvement},
    )
