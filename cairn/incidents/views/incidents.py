"""An incident's page: only the children the viewer may see, each with their own record."""

from django.http import Http404
from django.shortcuts import render

from cairn.accounts.permissions import permission
from cairn.audit.services import record_view
from cairn.clocks.selectors import clock_book
from cairn.incidents import selectors


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
    return render(request, "incidents/detail.html", {"incident": incident, "children": children})
