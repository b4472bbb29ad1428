"""Administrators read the audit trail for a record or for a user."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from cairn.accounts.models import User
from cairn.accounts.permissions import permission
from cairn.audit import selectors
from cairn.audit.choices import AuditAction


def _page(request, events):
    return Paginator(events, 50).get_page(request.GET.get("page"))


@permission("audit.view_trail")
def search(request):
    events = selectors.trail_visible_to(request.user)
    action = request.GET.get("action", "")
    if action in AuditAction.values:
        events = events.filter(action=action)
    return render(
        request,
        "audit/trail.html",
        {
            "page": _page(request, events),
            "heading": "Audit trail",
            "actions": AuditAction.choices,
            "action": action,
        },
    )


@permission("audit.view_trail")
def record(request, object_type, object_id):
    events = selectors.trail_for_record(
        viewer=request.user, object_type=object_type, object_id=object_id
    )
    if not events.exists():
        raise Http404
    return render(
        request,
        "audit/trail.html",
        {"page": _page(request, events), "heading": f"History of {object_type} {object_id}"},
    )


@permission("audit.view_trail")
def user(request, pk):
    subject = User.objects.filter(pk=pk, agency__partnership_id=request.user.partnership_id).first()
    if subject is None:
        raise Http404
    events = selectors.trail_for_user(viewer=request.user, user=subject)
    return render(
        request,
        "audit/trail.html",
        {"page": _page(request, events), "heading": f"What {subject} did and saw"},
    )
