"""Media enquiries: the log (overdue first, with filters), logging one, changing it, and
recording the response. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.permissions import may, permission
from cairn.core.web import save_or_refuse
from cairn.publishing import selectors, services
from cairn.publishing.forms import EnquiryFilterForm, EnquiryForm, ResponseForm
from cairn.publishing.models import Publication

VIEW_MEDIA = "publishing.view_media"
MANAGE_MEDIA = "publishing.manage_media"


def _enquiry(request, pk):
    enquiry = selectors.enquiry_for(viewer=request.user, pk=pk)
    if enquiry is None:
        raise Http404
    return enquiry


def _choices(partnership):
    owners = [
        u
        for u in User.objects.filter(agency__partnership=partnership, is_active=True)
        if may(u, MANAGE_MEDIA)
    ]
    return {
        "publications": Publication.objects.filter(partnership=partnership).order_by("title"),
        "owners": owners,
    }


@permission(VIEW_MEDIA)
def enquiry_list(request):
    filters = EnquiryFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    enquiries = selectors.enquiry_list_for(
        viewer=request.user, status=chosen.get("status", ""), mine=chosen.get("mine", False)
    )
    return render(
        request,
        "publishing/media/list.html",
        {
            "filters": filters,
            "enquiries": list(enquiries),
            "may_manage": may(request.user, MANAGE_MEDIA),
        },
    )


@permission(MANAGE_MEDIA)
def enquiry_new(request):
    partnership = request.user.partnership
    now = timezone.localtime()
    form = EnquiryForm(
        request.POST or None,
        initial={"received_on": now.date(), "received_time": f"{now:%H:%M}"},
        **_choices(partnership),
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.media_enquiry_log(
            by=request.user, partnership=partnership, **form.changes()
        ),
        success="Media enquiry logged",
        then=lambda e: ("publishing:enquiry_detail", e.pk),
    )
    return response or render(request, "publishing/media/form.html", {"form": form})


@permission(VIEW_MEDIA)
def enquiry_detail(request, pk):
    enquiry = _enquiry(request, pk)
    return render(
        request,
        "publishing/media/detail.html",
        {
            "enquiry": enquiry,
            "is_overdue": enquiry.status == "open" and enquiry.deadline < timezone.now(),
            "may_manage": may(request.user, MANAGE_MEDIA, enquiry),
        },
    )


@permission(MANAGE_MEDIA)
def enquiry_edit(request, pk):
    enquiry = _enquiry(request, pk)
    received, deadline = (
        timezone.localtime(enquiry.received_at),
        timezone.localtime(enquiry.deadline),
    )
    form = EnquiryForm(
        request.POST or None,
        initial={
            "outlet": enquiry.outlet,
            "journalist": enquiry.journalist,
            "contact": enquiry.contact,
            "received_on": received.date(),
            "received_time": f"{received:%H:%M}",
            "deadline_on": deadline.date(),
            "deadline_time": f"{deadline:%H:%M}",
            "topic": enquiry.topic,
            "publication": enquiry.publication_id or "",
            "owner": enquiry.owner_id or "",
            "version": enquiry.version,
        },
        **_choices(enquiry.partnership),
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.media_enquiry_update(
            by=request.user,
            enquiry=enquiry,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Media enquiry updated",
        then=lambda e: ("publishing:enquiry_detail", e.pk),
    )
    return response or render(
        request, "publishing/media/form.html", {"form": form, "enquiry": enquiry}
    )


@permission(MANAGE_MEDIA)
def enquiry_respond(request, pk):
    enquiry = _enquiry(request, pk)
    now = timezone.localtime()
    form = ResponseForm(
        request.POST or None,
        initial={
            "response": enquiry.response,
            "responded_on": now.date(),
            "responded_time": f"{now:%H:%M}",
            "version": enquiry.version,
        },
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.media_enquiry_respond(
            by=request.user,
            enquiry=enquiry,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Response recorded",
        then=lambda e: ("publishing:enquiry_detail", e.pk),
    )
    return response or render(
        request, "publishing/media/respond.html", {"form": form, "enquiry": enquiry}
    )
