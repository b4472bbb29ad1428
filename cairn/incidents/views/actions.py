"""Actions: the lists of work (yours, your team's, overdue), setting an action on a child or
an incident, an action's page and moving it on. Thin: parse, call a service or selector,
render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from cairn.accounts.permissions import may, permission
from cairn.incidents import selectors, services
from cairn.incidents.forms_actions import ActionForm, ActionStatusForm
from cairn.incidents.selectors.actions import action_rows, may_update
from cairn.incidents.selectors.plans import involvement_for
from cairn.incidents.views.plans import save_or_refuse


@permission("incidents.view_actions")
def action_list(request):
    lists = selectors.action_lists_for(viewer=request.user)
    return render(request, "incidents/actions/list.html", {"lists": lists})


def _new(request, *, involvement=None, incident):
    form = ActionForm(
        request.POST or None,
        user=request.user,
        partnership=incident.partnership,
        initial={"owner_agency": request.user.agency_id, "owner_user": request.user.pk},
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.action_create(
            by=request.user, involvement=involvement, incident=incident, **form.changes()
        ),
        success="Action set",
        then=lambda action: ("incidents:action_detail", action.pk),
    )
    return response or render(
        request,
        "incidents/actions/form.html",
        {"form": form, "inv": involvement, "incident": incident},
    )


@permission("incidents.manage_actions")
def action_new(request, pk):
    """An action about one child."""
    involvement = involvement_for(viewer=request.user, pk=pk)
    if involvement is None:
        raise Http404
    return _new(request, involvement=involvement, incident=involvement.incident)


@permission("incidents.manage_actions")
def incident_action_new(request, pk):
    """An action about the incident as a whole (for example, making a place safer)."""
    incident = selectors.incident_for(viewer=request.user, pk=pk)
    if incident is None:
        raise Http404
    return _new(request, incident=incident)


def _action(request, pk):
    action = selectors.action_for(viewer=request.user, pk=pk)
    if action is None:
        raise Http404
    return action


@permission("incidents.view_actions")
def action_detail(request, pk):
    action = _action(request, pk)
    [row] = action_rows([action], partnership=action.partnership)
    sees_child = action.involvement is not None and may(
        request.user, "incidents.view_plans", action.involvement
    )
    return render(
        request,
        "incidents/actions/detail.html",
        {
            "action": action,
            "row": row,
            "may_update": may_update(request.user, action),
            "sees_child": sees_child,
        },
    )


@permission("incidents.manage_actions")
def action_update(request, pk):
    action = _action(request, pk)
    if not may_update(request.user, action):
        messages.error(
            request,
            f"Only {action.owner_agency}, which owns this action, or the MASH can update it",
        )
        return redirect("incidents:action_detail", pk=action.pk)
    initial = {
        "version": action.version,
        "status": action.status,
        "completion_note": action.completion_note,
    }
    form = ActionStatusForm(request.POST or None, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.action_update_status(
            by=request.user,
            action=action,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            completion_note=form.cleaned_data["completion_note"],
        ),
        success="Action updated",
        then=lambda a: ("incidents:action_detail", a.pk),
    )
    return response or render(
        request, "incidents/actions/update.html", {"form": form, "action": action}
    )
