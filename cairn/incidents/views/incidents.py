"""An incident's page: only the children the viewer may see, each with their own record; and
one child's own part of it (views and wishes, vulnerabilities, outcome)."""

from django.http import Http404
from django.shortcuts import render

from cairn.accounts.permissions import may, permission
from cairn.audit.services import record_view
from cairn.clocks.selectors import clock_book
from cairn.core.web import save_or_refuse
from cairn.incidents import selectors, services
from cairn.incidents.forms import InvolvementForm
from cairn.incidents.selectors import involvements_visible_to


@permission("incidents.view_incident")
def detail(request, pk):
    incident = selectors.incident_for(viewer=request.user, pk=pk)
    if incident is None:
        raise Http404
    record_view(viewer=request.user, obj=incident)
    book = clock_book(partnership=incident.partnership)
    children = [
        (inv, selectors.decision_clock(inv, book=book))
        for inv in selectors.involvements_of(
            incident=incident, viewer=request.user
        ).prefetch_related("decisions")
    ]
    return render(
        request,
        "incidents/detail.html",
        {
            "incident": incident,
            "children": children,
            "may_record": may(request.user, "incidents.record_incident"),
            "may_audit": may(request.user, "guidance.audit_cases"),
        },
    )


@permission("incidents.record_incident")
def involvement_edit(request, pk):
    """Record one child's views and wishes, their parents' or carers' views, vulnerabilities
    and outcome. Two people saving at once: the second is told, and keeps what they typed."""
    involvement = (
        involvements_visible_to(request.user)
        .select_related("person", "incident")
        .filter(pk=pk)
        .first()
    )
    if involvement is None:
        raise Http404
    initial = {
        "version": involvement.version,
        "views_and_wishes": involvement.views_and_wishes,
        "carer_views": involvement.carer_views,
        "vulnerabilities": involvement.vulnerabilities,
        "outcome": involvement.outcome,
        "report_outcome": involvement.report_outcome,
    }
    form = InvolvementForm(request.POST or None, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.involvement_update(
            by=request.user,
            involvement=involvement,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success=f"{involvement.person}'s record in incident {involvement.incident_id} saved",
        then=lambda inv: ("incidents:detail", inv.incident_id),
    )
    if response:
        return response
    record_view(viewer=request.user, obj=involvement)
    return render(
        request, "incidents/involvement_form.html", {"form": form, "involvement": involvement}
    )
