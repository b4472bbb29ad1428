"""Governance pages: bodies, their members, meetings (agenda, minutes) and decisions.
Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import may, permission
from cairn.core.web import save_or_refuse
from cairn.governance import selectors, services
from cairn.governance.forms import (
    AgendaItemForm,
    BodyForm,
    DecisionForm,
    MeetingForm,
    MeetingRecordForm,
    MemberForm,
)

VIEW = "governance.view_governance"
MANAGE = "governance.manage_governance"


def _found(obj):
    if obj is None:
        raise Http404
    return obj


@permission(VIEW)
def body_list(request):
    return render(
        request,
        "governance/body_list.html",
        {
            "bodies": selectors.body_list_for(viewer=request.user),
            "may_manage": may(request.user, MANAGE),
        },
    )


@permission(MANAGE)
def body_new(request):
    form = BodyForm(request.POST or None, initial={"meets_every_months": 1, "is_active": True})
    response = save_or_refuse(
        request,
        form,
        lambda: services.body_create(
            by=request.user, partnership=request.user.partnership, **form.changes()
        ),
        success="Body added",
        then=lambda body: ("governance:body_detail", body.pk),
    )
    return response or render(request, "governance/body_form.html", {"form": form})


@permission(VIEW)
def body_detail(request, pk):
    page = _found(selectors.body_page_for(viewer=request.user, pk=pk))
    return render(
        request,
        "governance/body_detail.html",
        {"page": page, "body": page.body, "may_manage": may(request.user, MANAGE, page.body)},
    )


@permission(MANAGE)
def body_edit(request, pk):
    body = _found(selectors.body_for(viewer=request.user, pk=pk))
    fields = BodyForm.base_fields
    initial = {f: getattr(body, f) for f in fields if f != "version"} | {"version": body.version}
    form = BodyForm(request.POST or None, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.body_update(
            by=request.user,
            body=body,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Body updated",
        then=lambda b: ("governance:body_detail", b.pk),
    )
    return response or render(request, "governance/body_form.html", {"form": form, "body": body})


@permission(MANAGE)
def member_new(request, pk):
    body = _found(selectors.body_for(viewer=request.user, pk=pk))
    form = MemberForm(request.POST or None, partnership=body.partnership)
    del form.fields["left_on"]
    response = save_or_refuse(
        request,
        form,
        lambda: services.member_add(by=request.user, body=body, **form.changes()),
        success="Member added",
        then=lambda m: ("governance:body_detail", body.pk),
    )
    return response or render(request, "governance/member_form.html", {"form": form, "body": body})


@permission(MANAGE)
def member_edit(request, pk):
    member = _found(selectors.member_for(viewer=request.user, pk=pk))
    initial = {
        f: getattr(member, f)
        for f in ("user", "name", "email", "agency", "role", "joined_on", "left_on")
    } | {"version": member.version}
    form = MemberForm(request.POST or None, partnership=member.body.partnership, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.member_update(
            by=request.user,
            member=member,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Member updated",
        then=lambda m: ("governance:body_detail", member.body_id),
    )
    return response or render(
        request,
        "governance/member_form.html",
        {"form": form, "body": member.body, "member": member},
    )


@permission(MANAGE)
def meeting_new(request, pk):
    body = _found(selectors.body_for(viewer=request.user, pk=pk))
    form = MeetingForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.meeting_plan(by=request.user, body=body, **form.changes()),
        success="Meeting planned",
        then=lambda m: ("governance:meeting_detail", m.pk),
    )
    return response or render(request, "governance/meeting_form.html", {"form": form, "body": body})


@permission(VIEW)
def meeting_detail(request, pk):
    meeting = _found(selectors.meeting_for(viewer=request.user, pk=pk))
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "items": list(meeting.agenda_items.all()),
            "decisions": list(meeting.decisions.all()),
            "may_manage": may(request.user, MANAGE, meeting),
        },
    )


@permission(MANAGE)
def meeting_edit(request, pk):
    meeting = _found(selectors.meeting_for(viewer=request.user, pk=pk))
    initial = {
        f: getattr(meeting, f)
        for f in ("held_on", "location", "status", "minutes", "minutes_approved_on")
    } | {"version": meeting.version}
    form = MeetingRecordForm(request.POST or None, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.meeting_update(
            by=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Meeting updated",
        then=lambda m: ("governance:meeting_detail", m.pk),
    )
    return response or render(
        request,
        "governance/meeting_form.html",
        {"form": form, "body": meeting.body, "meeting": meeting},
    )


@permission(MANAGE)
def agenda_item_new(request, pk):
    meeting = _found(selectors.meeting_for(viewer=request.user, pk=pk))
    form = AgendaItemForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.agenda_item_add(by=request.user, meeting=meeting, **form.cleaned_data),
        success="Item added to the agenda",
        then=lambda item: ("governance:meeting_detail", meeting.pk),
    )
    return response or render(
        request, "governance/agenda_item_form.html", {"form": form, "meeting": meeting}
    )


@permission(MANAGE)
@require_POST
def agenda_item_move(request, pk):
    item = _found(selectors.agenda_item_for(viewer=request.user, pk=pk))
    services.agenda_item_move(by=request.user, item=item, up=request.POST.get("direction") == "up")
    return redirect("governance:meeting_detail", pk=item.meeting_id)


@permission(MANAGE)
def agenda_item_remove(request, pk):
    item = _found(selectors.agenda_item_for(viewer=request.user, pk=pk))
    if request.method == "POST":
        try:
            services.agenda_item_remove(by=request.user, item=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{item.title}” taken off the agenda")
        return redirect("governance:meeting_detail", pk=item.meeting_id)
    return render(request, "governance/agenda_item_remove.html", {"item": item})


@permission(MANAGE)
def decision_new(request, pk):
    body = _found(selectors.body_for(viewer=request.user, pk=pk))
    initial = {}
    meeting = body.meetings.filter(pk=request.GET.get("meeting") or 0).first()
    if meeting is not None:
        initial = {"meeting": meeting.pk, "decided_on": meeting.held_on}
    form = DecisionForm(request.POST or None, body=body, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.decision_record(by=request.user, body=body, **form.changes()),
        success="Decision recorded",
        then=lambda d: (
            ("governance:meeting_detail", d.meeting_id)
            if d.meeting_id
            else ("governance:body_detail", body.pk)
        ),
    )
    return response or render(
        request, "governance/decision_form.html", {"form": form, "body": body}
    )


@permission(MANAGE)
def decision_edit(request, pk):
    decision = _found(selectors.decision_for(viewer=request.user, pk=pk))
    initial = {
        f: getattr(decision, f)
        for f in ("decided_on", "reference", "summary", "meeting", "agenda_item")
    } | {"version": decision.version}
    form = DecisionForm(request.POST or None, body=decision.body, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.decision_update(
            by=request.user,
            decision=decision,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Decision updated",
        then=lambda d: ("governance:body_detail", d.body_id),
    )
    return response or render(
        request,
        "governance/decision_form.html",
        {"form": form, "body": decision.body, "decision": decision},
    )
