"""Strategy discussions, each child's section 47 enquiry and police investigation.

Thin: parse a form, call a service or selector, render. A user whose role allows an action
but who may not do it to this child (a non-police agency practitioner and police information)
is sent back to the child's page with the reason, rather than shown a form they cannot use.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cairn.accounts.permissions import may, permission
from cairn.audit.services import record_view
from cairn.clocks.selectors import clock_book
from cairn.core.services import EditConflict
from cairn.core.web import add_service_errors
from cairn.incidents import selectors, services
from cairn.incidents.forms_strategy import (
    PoliceInvestigationForm,
    Section47Form,
    StrategyDiscussionForm,
    attendee_formset,
    error_items,
)
from cairn.incidents.models import PoliceInvestigation
from cairn.incidents.selectors.strategy import children_for_strategy, involvement_for


@permission("incidents.record_strategy")
def discussion_new(request, pk):
    incident = selectors.incident_for(viewer=request.user, pk=pk)
    if incident is None:
        raise Http404
    children = children_for_strategy(viewer=request.user, incident=incident)
    form = StrategyDiscussionForm(
        request.POST or None,
        user=request.user,
        children=children,
        initial={"chaired_by": request.user.pk},
    )
    attendees = attendee_formset(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() & attendees.is_valid():
        data = form.cleaned_data
        try:
            discussion = services.strategy_discussion_record(
                by=request.user,
                incident=incident,
                held_on=data["held_on"],
                involvements=list(data["involvements"]),
                attendees=[services.Attendee(**a) for a in attendees.attendees()],
                outcome=data["outcome"],
                outcome_notes=data["outcome_notes"],
                chaired_by=data["chaired_by"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{discussion} recorded")
            return redirect("incidents:strategy_detail", pk=discussion.pk)
    return render(
        request,
        "incidents/strategy/discussion_form.html",
        {
            "incident": incident,
            "form": form,
            "attendees": attendees,
            "errors": error_items(form, attendees) if request.method == "POST" else [],
        },
    )


@permission("incidents.view_incident")
def discussion_detail(request, pk):
    view = selectors.discussion_for(viewer=request.user, pk=pk)
    if view is None:
        raise Http404
    record_view(viewer=request.user, obj=view.discussion)
    return render(request, "incidents/strategy/discussion_detail.html", {"view": view})


@permission("incidents.view_incident")
def child_protection(request, pk):
    page = selectors.child_protection_for(viewer=request.user, pk=pk)
    if page is None:
        raise Http404
    record_view(viewer=request.user, obj=page.involvement)
    return render(request, "incidents/strategy/child.html", {"page": page})


@permission("incidents.record_strategy")
def section47_edit(request, pk):
    enquiry = selectors.section47_for(viewer=request.user, pk=pk)
    if enquiry is None:
        raise Http404
    form = Section47Form(request.POST or None, initial=Section47Form.initial_for(enquiry))
    if request.method == "POST" and form.is_valid():
        try:
            services.section47_update(
                by=request.user,
                enquiry=enquiry,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"Section 47 enquiry saved for {enquiry.involvement.person}")
            return redirect("incidents:child_protection", pk=enquiry.involvement_id)
    book = clock_book(partnership=enquiry.involvement.incident.partnership)
    return render(
        request,
        "incidents/strategy/section47_form.html",
        {
            "form": form,
            "enquiry": enquiry,
            "clocks": selectors.section47_clocks(enquiry, book=book),
        },
    )


@permission("incidents.record_police")
def police_edit(request, pk):
    involvement = involvement_for(viewer=request.user, pk=pk)
    if involvement is None:
        raise Http404
    if not may(request.user, "incidents.record_police", involvement):
        messages.error(
            request,
            "Only the MASH and police officers working on this incident can record police "
            "information",
        )
        return redirect("incidents:child_protection", pk=involvement.pk)
    investigation = PoliceInvestigation.objects.filter(involvement=involvement).first()
    form = PoliceInvestigationForm(
        request.POST or None, initial=PoliceInvestigationForm.initial_for(investigation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.police_investigation_save(
                by=request.user,
                involvement=involvement,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"Police investigation saved for {involvement.person}")
            return redirect("incidents:child_protection", pk=involvement.pk)
    return render(
        request,
        "incidents/strategy/police_form.html",
        {"form": form, "involvement": involvement, "investigation": investigation},
    )
