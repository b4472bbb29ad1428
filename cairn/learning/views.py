"""Learning pages: a recipient's briefings (read, acknowledge, follow up), the partnership
officer's briefings (write, check and send, correct, reach by agency and its CSV) and the
practice guidance library. Thin: parse, call a service or selector, render."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from cairn.accounts.choices import Role
from cairn.accounts.permissions import may, permission
from cairn.core.web import save_or_refuse
from cairn.learning import selectors, services
from cairn.learning.choices import Theme
from cairn.learning.forms import (
    BriefingForm,
    CorrectionForm,
    FollowUpForm,
    LibraryFilterForm,
    ResourceForm,
    SendForm,
)

READ = "learning.read_briefings"
MANAGE = "learning.manage_briefings"
VIEW_LIBRARY = "learning.view_practice_library"
MANAGE_LIBRARY = "learning.manage_practice_library"
BRIEFING_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "review",
    "audit_run",
    "agencies",
    "roles",
    "remind_after_days",
    "follow_up_weeks",
    "follow_up_question",
)


def _found(obj):
    if obj is None:
        raise Http404
    return obj


# A recipient's briefings -------------------------------------------------------------------


@permission(READ)
def my_briefings(request):
    receipts = list(selectors.my_briefings(viewer=request.user))
    for r in receipts:
        r.follow_up_open = selectors.follow_up_open(r)
    return render(
        request,
        "learning/my_briefings.html",
        {
            "receipts": receipts,
            "unread": sum(r.read_at is None for r in receipts),
            "may_manage": may(request.user, MANAGE),
        },
    )


def _reading(request, pk):
    briefing = _found(selectors.briefing_to_read(viewer=request.user, pk=pk))
    receipt = selectors.receipt_of(viewer=request.user, briefing=briefing)
    return briefing, receipt


def _render_briefing(request, briefing, receipt, *, follow_up_form=None):
    open_ = receipt is not None and selectors.follow_up_open(receipt)
    return render(
        request,
        "learning/briefing.html",
        {
            "briefing": briefing,
            "receipt": receipt,
            "follow_up_open": open_,
            "follow_up_form": follow_up_form or (FollowUpForm() if open_ else None),
            "may_manage": may(request.user, MANAGE, briefing),
        },
    )


@permission(READ)
def briefing_read(request, pk):
    briefing, receipt = _reading(request, pk)
    if receipt is not None:
        services.receipt_open(by=request.user, receipt=receipt)
    return _render_briefing(request, briefing, receipt)


@require_POST
@permission(READ)
def briefing_acknowledge(request, pk):
    briefing, receipt = _reading(request, pk)
    if receipt is None:
        messages.error(request, "This briefing was not sent to you, so there is nothing to confirm")
        return redirect("learning:briefing", pk)
    try:
        services.receipt_acknowledge(by=request.user, receipt=receipt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you: you have confirmed you have read this briefing")
    return redirect("learning:briefing", pk)


@require_POST
@permission(READ)
def briefing_follow_up(request, pk):
    briefing, receipt = _reading(request, pk)
    if receipt is None:
        messages.error(request, "This briefing was not sent to you, so there is no question")
        return redirect("learning:briefing", pk)
    form = FollowUpForm(request.POST)
    response = save_or_refuse(
        request,
        form,
        lambda: services.receipt_answer_follow_up(
            by=request.user, receipt=receipt, answer=form.cleaned_data["answer"]
        ),
        success="Thank you: your answer has been sent to the partnership",
        then=lambda r: ("learning:briefing", pk),
    )
    return response or _render_briefing(request, briefing, receipt, follow_up_form=form)


# Managing briefings ------------------------------------------------------------------------


def _managed(request, pk):
    return _found(selectors.briefing_to_manage(viewer=request.user, pk=pk))


@permission(MANAGE)
def briefing_list(request):
    return render(
        request,
        "learning/briefing_list.html",
        {"briefings": selectors.briefing_list_for(viewer=request.user)},
    )


def _briefing_changes(form) -> dict:
    return {k: form.cleaned_data[k] for k in BRIEFING_FIELDS}


@permission(MANAGE)
def briefing_new(request):
    form = BriefingForm(request.POST or None, viewer=request.user)
    response = save_or_refuse(
        request,
        form,
        lambda: services.briefing_create(
            by=request.user, partnership=request.user.partnership, **_briefing_changes(form)
        ),
        success="Briefing saved as a draft",
        then=lambda b: ("learning:briefing_detail", b.pk),
    )
    return response or render(
        request, "learning/briefing_form.html", {"form": form, "briefing": None}
    )


@permission(MANAGE)
def briefing_edit(request, pk):
    briefing = _managed(request, pk)
    if briefing.is_sent:
        messages.error(request, services.SENT_IS_FINAL)
        return redirect("learning:briefing_detail", pk)
    initial = {k: getattr(briefing, k) for k in BRIEFING_FIELDS if k != "agencies"}
    initial |= {
        "review": briefing.review_id,
        "audit_run": briefing.audit_run_id,
        "agencies": [a.pk for a in briefing.agencies.all()],
        "version": briefing.version,
    }
    form = BriefingForm(request.POST or None, initial=initial, viewer=request.user)
    response = save_or_refuse(
        request,
        form,
        lambda: services.briefing_update(
            by=request.user,
            briefing=briefing,
            expected_version=form.cleaned_data["version"],
            **_briefing_changes(form),
        ),
        success="Briefing saved",
        then=lambda b: ("learning:briefing_detail", b.pk),
    )
    return response or render(
        request, "learning/briefing_form.html", {"form": form, "briefing": briefing}
    )


@permission(MANAGE)
def briefing_detail(request, pk):
    briefing = _managed(request, pk)
    context = {"briefing": briefing, "roles": [Role(r).label for r in briefing.roles]}
    if briefing.is_sent:
        context |= {
            "reach": selectors.reach_for(briefing=briefing),
            "answers": selectors.follow_up_answers(briefing=briefing),
        }
    return render(request, "learning/briefing_detail.html", context)


@permission(MANAGE)
def briefing_send(request, pk):
    """Check your answers, then send."""
    briefing = _managed(request, pk)
    if briefing.is_sent:
        messages.error(request, "This briefing has already been sent")
        return redirect("learning:briefing_detail", pk)
    form = SendForm(request.POST or None, initial={"version": briefing.version})
    response = save_or_refuse(
        request,
        form,
        lambda: services.briefing_send(
            by=request.user, briefing=briefing, expected_version=form.cleaned_data["version"]
        ),
        success="Briefing sent",
        then=lambda b: ("learning:briefing_detail", b.pk),
    )
    recipients = list(selectors.audience_of(briefing).order_by("agency__name", "last_name"))
    return response or render(
        request,
        "learning/briefing_send.html",
        {
            "form": form,
            "briefing": briefing,
            "recipients": recipients,
            "roles": [Role(r).label for r in briefing.roles],
        },
    )


@permission(MANAGE)
def briefing_correct(request, pk):
    briefing = _managed(request, pk)
    form = CorrectionForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.briefing_correct(
            by=request.user, briefing=briefing, text=form.cleaned_data["text"]
        ),
        success="Correction added",
        then=lambda c: ("learning:briefing_detail", pk),
    )
    return response or render(
        request, "learning/correction_form.html", {"form": form, "briefing": briefing}
    )


@permission(MANAGE)
def briefing_reach_csv(request, pk):
    briefing = _managed(request, pk)
    if not briefing.is_sent:
        raise Http404
    reach = selectors.reach_for(briefing=briefing)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(briefing.title)[:60] or "briefing"
    response["Content-Disposition"] = f'attachment; filename="reach-{name}.csv"'
    writer = csv.writer(response)
    writer.writerows(reach.csv_rows())
    writer.writerow([])
    writer.writerow(
        [f"Counts from 1 to 5 are shown as {reach.symbol}, and so are others that would give "
         "them away."]
    )  # fmt: skip
    return response


# The practice guidance library -------------------------------------------------------------


@permission(VIEW_LIBRARY)
def library(request):
    filters = LibraryFilterForm(request.GET or None)
    theme = filters.cleaned_data.get("theme", "") if filters.is_valid() else ""
    return render(
        request,
        "learning/library.html",
        {
            "filters": filters,
            "theme": Theme(theme).label if theme else "",
            "resources": list(selectors.library_for(viewer=request.user, theme=theme)),
            "may_manage": may(request.user, MANAGE_LIBRARY),
        },
    )


RESOURCE_FIELDS = ("title", "publisher", "url", "summary", "themes", "topics")


@permission(MANAGE_LIBRARY)
def resource_new(request):
    form = ResourceForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.resource_add(
            by=request.user,
            partnership=request.user.partnership,
            **{k: form.cleaned_data[k] for k in RESOURCE_FIELDS},
        ),
        success="Resource added to the library",
        then=lambda r: ("learning:library",),
    )
    return response or render(request, "learning/resource_form.html", {"form": form})


@permission(MANAGE_LIBRARY)
def resource_edit(request, pk):
    resource = _found(selectors.local_resource_for(viewer=request.user, pk=pk))
    initial = {k: getattr(resource, k) for k in RESOURCE_FIELDS} | {"version": resource.version}
    form = ResourceForm(request.POST or None, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.resource_update(
            by=request.user,
            resource=resource,
            expected_version=form.cleaned_data["version"],
            **{k: form.cleaned_data[k] for k in RESOURCE_FIELDS},
        ),
        success="Resource saved",
        then=lambda r: ("learning:library",),
    )
    return response or render(
        request, "learning/resource_form.html", {"form": form, "resource": resource}
    )
