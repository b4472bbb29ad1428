"""Contexts: the list, a context's page (its incidents and the children linked through them,
as far as the viewer may see), and the forms for a context and its own assessment and safety
plan. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cairn.accounts.permissions import may, permission
from cairn.core.services import EditConflict
from cairn.incidents import selectors, services
from cairn.incidents.forms_contexts import (
    ContextAssessmentForm,
    ContextFilterForm,
    ContextForm,
    ContextSafetyPlanForm,
)
from cairn.incidents.selectors.contexts import context_assessment_for, context_safety_plan_for
from cairn.incidents.views.strategy import add_service_errors


@permission("incidents.view_context")
def context_list(request):
    filters = ContextFilterForm(request.GET or None)
    kind = filters.cleaned_data["kind"] if filters.is_valid() else ""
    return render(
        request,
        "incidents/contexts/list.html",
        {
            "filters": filters,
            "contexts": selectors.context_list_for(viewer=request.user, kind=kind),
            "may_create": may(request.user, "incidents.manage_contexts"),
            "may_see_networks": may(request.user, "insights.view_networks"),
        },
    )


@permission("incidents.view_context")
def context_detail(request, pk):
    page = selectors.context_page_for(viewer=request.user, pk=pk)
    if page is None:
        raise Http404
    return render(
        request,
        "incidents/contexts/detail.html",
        {
            "page": page,
            # prevention plans live in actionplans, above this app: only the capability is asked
            "may_view_plans": may(request.user, "actionplans.view_plans"),
            "may_start_plan": may(request.user, "actionplans.manage_plans"),
        },
    )


def _save(request, form, save, *, success: str, then):
    """Call ``save`` for a valid form; refusals and conflicts go back onto the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save()
    except ValidationError as error:
        add_service_errors(form, error)
    except EditConflict as conflict:
        form.add_error(None, str(conflict))
    else:
        messages.success(request, success)
        return redirect(*then(obj))
    return None


def _manageable_context(request, pk):
    context = selectors.context_for(viewer=request.user, pk=pk)
    if context is None:
        raise Http404
    return context


def _refused(request, context):
    messages.error(request, "You can change contexts of your own school only")
    return redirect("incidents:context_detail", pk=context.pk)


@permission("incidents.manage_contexts")
def context_new(request):
    form = ContextForm(request.POST or None, user=request.user)
    response = _save(
        request,
        form,
        lambda: services.context_create(by=request.user, **form.changes()),
        success="Context recorded",
        then=lambda c: ("incidents:context_detail", c.pk),
    )
    return response or render(request, "incidents/contexts/form.html", {"form": form})


@permission("incidents.manage_contexts")
def context_edit(request, pk):
    context = _manageable_context(request, pk)
    if not may(request.user, "incidents.manage_contexts", context):
        return _refused(request, context)
    form = ContextForm(
        request.POST or None, user=request.user, initial=ContextForm.initial_for(context)
    )
    response = _save(
        request,
        form,
        lambda: services.context_update(
            by=request.user,
            context=context,
            expected_version=form.cleaned_data["version"] or 0,
            **form.changes(),
        ),
        success="Context saved",
        then=lambda c: ("incidents:context_detail", c.pk),
    )
    return response or render(
        request, "incidents/contexts/form.html", {"form": form, "context": context}
    )


@permission("incidents.manage_contexts")
def assessment_new(request, pk):
    context = _manageable_context(request, pk)
    if not may(request.user, "incidents.manage_contexts", context):
        return _refused(request, context)
    form = ContextAssessmentForm(request.POST or None, user=request.user)
    response = _save(
        request,
        form,
        lambda: services.context_assessment_record(
            by=request.user, context=context, **form.changes()
        ),
        success="Context assessment recorded",
        then=lambda a: ("incidents:context_detail", context.pk),
    )
    return response or render(
        request, "incidents/contexts/assessment_form.html", {"form": form, "context": context}
    )


@permission("incidents.manage_contexts")
def assessment_edit(request, pk):
    assessment = context_assessment_for(viewer=request.user, pk=pk)
    if assessment is None:
        raise Http404
    context = assessment.context
    if not may(request.user, "incidents.manage_contexts", context):
        return _refused(request, context)
    form = ContextAssessmentForm(
        request.POST or None,
        user=request.user,
        initial=ContextAssessmentForm.initial_for(assessment),
    )
    response = _save(
        request,
        form,
        lambda: services.context_assessment_update(
            by=request.user,
            assessment=assessment,
            expected_version=form.cleaned_data["version"] or 0,
            **form.changes(),
        ),
        success="Context assessment saved",
        then=lambda a: ("incidents:context_detail", context.pk),
    )
    return response or render(
        request,
        "incidents/contexts/assessment_form.html",
        {"form": form, "context": context, "assessment": assessment},
    )


@permission("incidents.manage_contexts")
def plan_new(request, pk):
    context = _manageable_context(request, pk)
    if not may(request.user, "incidents.manage_contexts", context):
        return _refused(request, context)
    form = ContextSafetyPlanForm(request.POST or None, user=request.user)
    response = _save(
        request,
        form,
        lambda: services.context_safety_plan_record(
            by=request.user, context=context, **form.changes()
        ),
        success="Context safety plan recorded",
        then=lambda p: ("incidents:context_detail", context.pk),
    )
    return response or render(
        request, "incidents/contexts/plan_form.html", {"form": form, "context": context}
    )


@permission("incidents.manage_contexts")
def plan_edit(request, pk):
    plan = context_safety_plan_for(viewer=request.user, pk=pk)
    if plan is None:
        raise Http404
    context = plan.context
    if not may(request.user, "incidents.manage_contexts", context):
        return _refused(request, context)
    form = ContextSafetyPlanForm(
        request.POST or None, user=request.user, initial=ContextSafetyPlanForm.initial_for(plan)
    )
    response = _save(
        request,
        form,
        lambda: services.context_safety_plan_update(
            by=request.user,
            plan=plan,
            expected_version=form.cleaned_data["version"] or 0,
            **form.changes(),
        ),
        success="Context safety plan saved",
        then=lambda p: ("incidents:context_detail", context.pk),
    )
    return response or render(
        request,
        "incidents/contexts/plan_form.html",
        {"form": form, "context": context, "plan": plan},
    )
