"""Thematic audits: choose a cohort, watch the run, grade and moderate its cases, read the
report (on screen, PDF, CSV) and send its suggestions to a review. Thin: parse, call a service
or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cairn.accounts.permissions import may, permission
from cairn.audit.services import record_view
from cairn.core.web import add_service_errors, save_or_refuse
from cairn.guidance import thematic
from cairn.guidance.evaluate import reference_date, stored_case_findings
from cairn.guidance.forms import CohortForm, DraftsForm, GradeForm, ModerationForm
from cairn.guidance.models import AuditRun, CohortCase, Grade, RunStatus
from cairn.guidance.report import cases_behind, thematic_report
from cairn.guidance.report_files import report_csv, report_filename, report_pdf
from cairn.guidance.views_case import RESULT_TAGS
from cairn.incidents.selectors import incident_for, incidents_visible_to
from cairn.reviews.models import Review

VIEW = "guidance.view_thematic_reports"
RUN = thematic.RUN
AUDIT = thematic.GRADE
MANAGE_REVIEWS = "reviews.manage_reviews"


def _run(request, pk) -> AuditRun:
    return get_object_or_404(
        AuditRun.objects.select_related("review", "started_by"),
        pk=pk,
        partnership_id=request.user.partnership_id,
        is_thematic=True,
    )


@permission(VIEW)
def audit_list(request):
    runs = AuditRun.objects.filter(
        partnership_id=request.user.partnership_id, is_thematic=True
    ).select_related("review", "started_by")
    return render(
        request,
        "guidance/thematic/list.html",
        {"runs": runs, "may_run": may(request.user, RUN)},
    )


@permission(RUN)
def audit_new(request):
    partnership = request.user.partnership
    choices = thematic.cohort_choices(partnership=partnership)
    form = CohortForm(request.POST or None, partnership=partnership, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        errors = thematic.cohort_errors(
            partnership=partnership,
            cohort_from=data["reported_from"],
            cohort_to=data["reported_to"],
            forms=data["abuse_forms"],
            agencies=data["agencies"],
            contexts=data["contexts"],
        )
        try:
            if errors:
                raise ValidationError(errors)
            run = thematic.thematic_audit_start(
                by=request.user,
                partnership=partnership,
                title=data["title"],
                review=data["review"],
                cohort=thematic.Cohort(
                    reported_from=data["reported_from"],
                    reported_to=data["reported_to"],
                    forms=tuple(data["abuse_forms"]),
                    agency_ids=tuple(a.pk for a in data["agencies"]),
                    context_ids=tuple(c.pk for c in data["contexts"]),
                    mash_only=data["mash_only"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Audit started: {run.incidents_total} incidents")
            return redirect("guidance:audit_detail", run.pk)
    return render(request, "guidance/thematic/new.html", {"form": form})


@permission(VIEW)
def audit_detail(request, pk):
    run = _run(request, pk)
    may_grade = may(request.user, AUDIT, run)
    cases = []
    if may_grade and run.status == RunStatus.FINISHED:
        cases = list(
            CohortCase.objects.filter(run=run, incident__in=incidents_visible_to(request.user))
            .select_related("incident", "incident__reporting_agency", "graded_by", "moderated_by")
            .order_by("incident__reported_at")
        )
    progress = thematic.progress_of(run)
    return render(
        request,
        "guidance/thematic/detail.html",
        {
            "run": run,
            "cases": cases,
            "may_grade": may_grade,
            "progress": progress,
            "criteria": thematic.criteria_summary(run),
            "refresh": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
        },
    )


@permission(VIEW)
def audit_progress(request, pk):
    """The run's progress as JSON, for the page to update itself (``cairn/progress.js``)."""
    progress = thematic.progress_of(_run(request, pk))
    return JsonResponse({k: progress[k] for k in ("percent", "text", "done")})


@permission(AUDIT)
def case_detail(request, pk, case_pk):
    run = _run(request, pk)
    case = get_object_or_404(
        CohortCase.objects.select_related("graded_by", "moderated_by"), pk=case_pk, run=run
    )
    incident = incident_for(viewer=request.user, pk=case.incident_id)
    if incident is None:
        raise Http404
    record_view(viewer=request.user, obj=incident)
    themes = thematic.themes_for_grading(partnership=run.partnership)
    grade_form = moderation_form = None
    may_moderate = bool(case.grade) and case.graded_by_id != request.user.pk
    may_grade_it = not case.moderation and case.graded_by_id in (None, request.user.pk)
    if may_grade_it:
        grade_form = GradeForm(
            request.POST if request.POST.get("form") == "grade" else None,
            themes=themes,
            initial={
                "grade": case.grade,
                "reasons": case.reasons,
                "learning_points": case.learning_points,
                "themes": list(case.themes.all()),
                "version": case.version,
            },
        )
        saved = save_or_refuse(
            request,
            grade_form,
            lambda: thematic.case_grade(
                by=request.user,
                case=case,
                expected_version=grade_form.cleaned_data["version"],
                **grade_form.changes(),
            ),
            success="Grade saved",
            then=lambda c: ("guidance:audit_detail", run.pk),
        )
        if saved:
            return saved
    if may_moderate:
        moderation_form = ModerationForm(
            request.POST if request.POST.get("form") == "moderate" else None,
            initial={
                "moderation": case.moderation,
                "moderated_grade": case.moderated_grade,
                "note": case.moderation_note,
                "version": case.version,
            },
        )
        saved = save_or_refuse(
            request,
            moderation_form,
            lambda: thematic.case_moderate(
                by=request.user,
                case=case,
                expected_version=moderation_form.cleaned_data["version"],
                **moderation_form.changes(),
            ),
            success="Moderation saved",
            then=lambda c: ("guidance:audit_detail", run.pk),
        )
        if saved:
            return saved
    children = stored_case_findings(run=run, incident=incident, viewer=request.user)
    for row in children:
        for finding in row.findings + row.not_applicable:
            finding.tag_class = RESULT_TAGS[finding.result]
    return render(
        request,
        "guidance/thematic/case.html",
        {
            "run": run,
            "case": case,
            "incident": incident,
            "reference_date": reference_date(incident),
            "children": children,
            "grade_form": grade_form,
            "moderation_form": moderation_form,
            "grade_label": Grade(case.grade).label if case.grade else "",
            "moderated_label": Grade(case.moderated_grade).label if case.moderated_grade else "",
        },
    )


def _finished(request, pk) -> AuditRun:
    run = _run(request, pk)
    if run.status != RunStatus.FINISHED:
        raise Http404
    return run


@permission(VIEW)
def report(request, pk):
    run = _finished(request, pk)
    case_level = may(request.user, AUDIT, run)
    figures = thematic_report(run=run, controlled=not case_level)
    drafts_form = _drafts_form(request, run, figures.suggestions)
    return render(
        request,
        "guidance/thematic/report.html",
        {"run": run, "report": figures, "case_level": case_level, "drafts_form": drafts_form},
    )


def _drafts_form(request, run, suggestions, data=None):
    if not suggestions or not may(request.user, MANAGE_REVIEWS):
        return None
    reviews = Review.objects.filter(partnership_id=run.partnership_id).order_by("title")
    initial = {"review": run.review_id} if run.review_id else {}
    return DraftsForm(data, suggestions=suggestions, reviews=reviews, initial=initial)


@permission(MANAGE_REVIEWS)
def report_drafts(request, pk):
    run = _finished(request, pk)
    case_level = may(request.user, AUDIT, run)
    figures = thematic_report(run=run, controlled=not case_level)
    form = _drafts_form(request, run, figures.suggestions, data=request.POST or None)
    if form is None or request.method != "POST":
        return redirect("guidance:report", run.pk)
    if form.is_valid():
        chosen = set(form.cleaned_data["suggestions"])
        try:
            created = thematic.suggestions_to_drafts(
                by=request.user,
                run=run,
                review=form.cleaned_data["review"],
                suggestions=[s for s in figures.suggestions if s.key in chosen],
                made_on=timezone.localdate(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{len(created)} draft recommendation{'s' if len(created) != 1 else ''} added",
            )
            return redirect("reviews:detail", form.cleaned_data["review"].pk)
    return render(
        request,
        "guidance/thematic/report.html",
        {"run": run, "report": figures, "case_level": case_level, "drafts_form": form},
    )


@permission(VIEW)
def report_download_pdf(request, pk):
    run = _finished(request, pk)
    response = HttpResponse(report_pdf(run=run), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(run, "pdf")}"'
    return response


@permission(VIEW)
def report_download_csv(request, pk):
    run = _finished(request, pk)
    response = HttpResponse(report_csv(run=run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(run, "csv")}"'
    return response


@permission(AUDIT)
def report_cases(request, pk):
    run = _finished(request, pk)
    filters = {k: request.GET.get(k, "") for k in ("rule", "year", "agency", "role", "result")}
    rows = cases_behind(run=run, filters=filters)
    return render(
        request,
        "guidance/thematic/cases_behind.html",
        {"run": run, "rows": rows, "filters": {k: v for k, v in filters.items() if v}},
    )
