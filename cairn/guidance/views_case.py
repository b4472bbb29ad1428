"""One incident audited against the guidance in force on its date: per child the viewer may
see, every applicable rule with its result and evidence. Thin: a selector, then render."""

from django.http import Http404
from django.shortcuts import render

from cairn.accounts.permissions import permission
from cairn.audit.services import record_view
from cairn.guidance.evaluate import audit_incident, reference_date
from cairn.incidents.selectors import incident_for

AUDIT = "guidance.audit_cases"

RESULT_TAGS = {
    "met": "govuk-tag--green",
    "not_met": "govuk-tag--red",
    "needs_judgement": "govuk-tag--yellow",
    "not_applicable": "govuk-tag--grey",
}


@permission(AUDIT)
def incident_audit(request, pk):
    incident = incident_for(viewer=request.user, pk=pk)
    if incident is None:
        raise Http404
    record_view(viewer=request.user, obj=incident)
    children = audit_incident(incident=incident, viewer=request.user)
    for row in children:
        for finding in row.findings + row.not_applicable:
            finding.tag_class = RESULT_TAGS[finding.result]
    return render(
        request,
        "guidance/incident_audit.html",
        {
            "incident": incident,
            "reference_date": reference_date(incident),
            "children": children,
        },
    )
