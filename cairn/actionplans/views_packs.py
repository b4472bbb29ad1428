"""Meeting packs and agenda proposals. Thin: find the meeting, call the service, respond."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from cairn.accounts.permissions import permission
from cairn.actionplans.agenda import agenda_propose
from cairn.actionplans.packs import meeting_pack_filename, meeting_pack_pdf, meetings_visible_to


def _meeting(request, pk):
    meeting = meetings_visible_to(request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


@permission("governance.view_governance")
@require_GET
def meeting_pack(request, pk):
    meeting = _meeting(request, pk)
    pdf = meeting_pack_pdf(meeting=meeting, viewer=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{meeting_pack_filename(meeting)}"'
    return response


@permission("governance.manage_governance")
@require_POST
def agenda_propose_view(request, pk):
    meeting = _meeting(request, pk)
    added = agenda_propose(meeting=meeting, by=request.user)
    if added:
        n = len(added)
        messages.success(request, f"{n} item{'s' if n != 1 else ''} added to the agenda")
    else:
        messages.info(request, "Nothing new is due for this meeting: the agenda is unchanged")
    return redirect("governance:meeting_detail", pk=meeting.pk)
