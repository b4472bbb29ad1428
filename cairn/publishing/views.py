"""Publication pages for the partnership: the list, starting one, a publication and its
versions, drafting (typed or uploaded), the redaction check, sending for approval, approving,
amending and advance copies. Thin: parse, call a service or selector, render.

The redaction check's page shows the identifying details it found, so only those who manage
publications see it, and each viewing is written to the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import may, permission
from cairn.audit.services import record_view
from cairn.core.web import save_or_refuse
from cairn.publishing import selectors, services
from cairn.publishing.choices import PublicationKind, VersionStatus
from cairn.publishing.forms import (
    AdvanceCopyForm,
    ApproveForm,
    JustifyForm,
    PublicationForm,
    PublicationSettingsForm,
    ReturnForm,
    VersionForm,
)
from cairn.publishing.models import AdvanceCopy, GateHit

VIEW = "publishing.view_publications"
MANAGE = "publishing.manage_publications"
APPROVE = "publishing.approve_publications"


def _found(obj):
    if obj is None:
        raise Http404
    return obj


def _publication(request, pk):
    return _found(selectors.publication_for(viewer=request.user, pk=pk))


def _version(request, pk):
    return _found(selectors.version_for(viewer=request.user, pk=pk))


@permission(VIEW)
def publication_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in PublicationKind.values else ""
    return render(
        request,
        "publishing/list.html",
        {
            "publications": list(selectors.publication_list_for(viewer=request.user, kind=kind)),
            "waiting": list(selectors.versions_waiting_for_approval(viewer=request.user))
            if may(request.user, APPROVE)
            else [],
            "kinds": PublicationKind.choices,
            "kind": kind,
            "may_manage": may(request.user, MANAGE),
        },
    )


@permission(MANAGE)
def publication_new(request):
    partnership = request.user.partnership
    form = PublicationForm(request.POST or None, partnership=partnership)
    response = save_or_refuse(
        request,
        form,
        lambda: services.publication_create(
            by=request.user, partnership=partnership, **form.changes()
        ),
        success="Publication started: write or upload its first version",
        then=lambda p: ("publishing:version_edit", p.versions.get().pk),
    )
    return response or render(request, "publishing/publication_form.html", {"form": form})


@permission(VIEW)
def publication_detail(request, pk):
    publication = _publication(request, pk)
    versions = list(publication.versions.all())
    open_version = next((v for v in versions if v.is_open), None)
    return render(
        request,
        "publishing/detail.html",
        {
            "publication": publication,
            "versions": versions,
            "open_version": open_version,
            "gate_problems": services.gate_problems(open_version) if open_version else [],
            "published": [v for v in versions if v.status == VersionStatus.PUBLISHED],
            "people_checked": selectors.people_linked_to(publication).count(),
            "advance_copy": selectors.advance_copy_deadline(publication),
            "advance_copies": list(
                AdvanceCopy.objects.filter(version__publication=publication).select_related(
                    "version", "recorded_by"
                )
            ),
            "may_manage": may(request.user, MANAGE, publication),
            "may_approve": may(request.user, APPROVE, publication),
        },
    )


@permission(MANAGE)
def publication_settings(request, pk):
    publication = _publication(request, pk)
    form = PublicationSettingsForm(
        request.POST or None,
        partnership=publication.partnership,
        initial={
            "review": publication.review_id or "",
            "planned_on": publication.planned_on,
            "version": publication.version,
        },
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.publication_update(
            by=request.user,
            publication=publication,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Publication updated",
        then=lambda p: ("publishing:detail", p.pk),
    )
    return response or render(
        request, "publishing/settings_form.html", {"form": form, "publication": publication}
    )


@permission(VIEW)
def version_detail(request, pk):
    version = _version(request, pk)
    return render(
        request,
        "publishing/version_detail.html",
        {
            "version": version,
            "publication": version.publication,
            "gate_problems": services.gate_problems(version) if version.is_open else [],
            "may_manage": may(request.user, MANAGE, version),
            "may_approve": may(request.user, APPROVE, version),
        },
    )


@permission(MANAGE)
def version_edit(request, pk):
    version = _version(request, pk)
    if version.status != VersionStatus.DRAFT:
        messages.error(
            request,
            services.PUBLISHED_NEVER_CHANGES
            if version.status == VersionStatus.PUBLISHED
            else "This version is waiting for approval or publication: it cannot be changed",
        )
        return redirect("publishing:version_detail", version.pk)
    form = VersionForm(
        request.POST or None,
        request.FILES or None,
        amendment=version.number > 1,
        initial={
            "title": version.title,
            "summary": version.summary,
            "text": version.text,
            "amendment_note": version.amendment_note,
            "version": version.version,
        },
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.version_edit(
            by=request.user,
            version=version,
            expected_version=form.cleaned_data["version"],
            document=form.document_upload(),
            **form.changes(),
        ),
        success="Draft saved",
        then=lambda v: ("publishing:version_detail", v.pk),
    )
    return response or render(
        request,
        "publishing/version_form.html",
        {"form": form, "version": version, "publication": version.publication},
    )


@permission(MANAGE)
def version_submit(request, pk):
    """Check your answers: the text as it will be published, then send it for approval."""
    version = _version(request, pk)
    errors = []
    if request.method == "POST":
        try:
            services.version_submit(by=request.user, version=version)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, "Sent to the partnership lead for approval")
            return redirect("publishing:gate", version.pk)
    return render(
        request,
        "publishing/submit.html",
        {"version": version, "publication": version.publication, "errors": errors},
    )


@permission(MANAGE)
def gate(request, pk):
    """The redaction check's report: every identifying detail found, highlighted in context,
    with who justified it. Restricted, and each viewing is logged."""
    version = _version(request, pk)
    record_view(viewer=request.user, obj=version)
    scan, hits = selectors.gate_report(version)
    return render(
        request,
        "publishing/gate.html",
        {
            "version": version,
            "publication": version.publication,
            "scan": scan,
            "hits": hits,
            "left": sum(1 for h in hits if not h.is_justified),
            "problems": services.gate_problems(version) if version.is_open else [],
            "earlier": list(selectors.earlier_scans(version)),
        },
    )


@permission(MANAGE)
@require_POST
def gate_rescan(request, pk):
    version = _version(request, pk)
    try:
        scan = services.gate_scan(by=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Checked again: {scan.hit_count} identifying detail(s) found")
    return redirect("publishing:gate", version.pk)


@permission(MANAGE)
def hit_justify(request, pk):
    hit = _found(
        GateHit.objects.filter(
            pk=pk, scan__version__publication__partnership_id=request.user.partnership_id
        )
        .select_related("scan__version__publication")
        .first()
    )
    version = hit.scan.version
    record_view(viewer=request.user, obj=version)
    form = JustifyForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.hit_justify(by=request.user, hit=hit, reason=form.cleaned_data["reason"]),
        success="Justification recorded",
        then=lambda h: ("publishing:gate", version.pk),
    )
    return response or render(
        request,
        "publishing/justify.html",
        {"form": form, "hit": hit, "version": version, "publication": version.publication},
    )


@permission(APPROVE)
def version_approve(request, pk):
    version = _version(request, pk)
    form = ApproveForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.version_approve(
            by=request.user, version=version, publish_at=form.publish_at()
        ),
        success="Approved",
        then=lambda v: ("publishing:detail", v.publication_id),
    )
    if response is not None:
        version.refresh_from_db()
        if version.status == VersionStatus.PUBLISHED:
            messages.success(request, "Published: it is on the public site now")
        return response
    return render(
        request,
        "publishing/approve.html",
        {
            "form": form,
            "version": version,
            "publication": version.publication,
            "gate_problems": services.gate_problems(version),
        },
    )


@permission(APPROVE)
def version_return(request, pk):
    version = _version(request, pk)
    form = ReturnForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.version_return(
            by=request.user, version=version, reason=form.cleaned_data["reason"]
        ),
        success="Returned to the author",
        then=lambda v: ("publishing:detail", v.publication_id),
    )
    return response or render(
        request,
        "publishing/return.html",
        {"form": form, "version": version, "publication": version.publication},
    )


@permission(MANAGE)
@require_POST
def publication_amend(request, pk):
    publication = _publication(request, pk)
    try:
        version = services.publication_amend(by=request.user, publication=publication)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("publishing:detail", publication.pk)
    messages.success(request, f"Version {version.number} started: make the amendment")
    return redirect("publishing:version_edit", version.pk)


@permission(MANAGE)
def advance_copy_new(request, pk):
    version = _version(request, pk)
    form = AdvanceCopyForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.advance_copy_log(by=request.user, version=version, **form.cleaned_data),
        success="Advance copy recorded",
        then=lambda c: ("publishing:detail", version.publication_id),
    )
    return response or render(
        request,
        "publishing/advance_copy_form.html",
        {
            "form": form,
            "version": version,
            "publication": version.publication,
            "deadline": selectors.advance_copy_deadline(version.publication),
        },
    )
