"""Insight dashboards: parse the filter, call the dashboard selector, render or write CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render

from cairn.accounts.permissions import permission
from cairn.insights.dashboards import DASHBOARDS, Filters, areas_of, dashboard_for
from cairn.insights.forms import DashboardFilterForm

VIEW = "insights.view_dashboards"


def _filters(request, areas) -> tuple[DashboardFilterForm, Filters]:
    default = Filters.default()
    if "reported_from_day" in request.GET:
        form = DashboardFilterForm(request.GET, areas=areas)
        if form.is_valid():
            data = form.cleaned_data
            return form, Filters(data["reported_from"], data["reported_to"], data["area"])
        return form, default
    initial = {"reported_from": default.reported_from, "reported_to": default.reported_to}
    return DashboardFilterForm(areas=areas, initial=initial), default


def _dashboard(request, slug):
    if slug not in DASHBOARDS:
        raise Http404
    form, filters = _filters(request, areas_of(partnership=request.user.partnership))
    return form, filters


@permission(VIEW)
def dashboard(request, slug="incidents"):
    form, filters = _dashboard(request, slug)
    shown = dashboard_for(slug=slug, viewer=request.user, filters=filters)
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "dashboard": shown,
            "dashboards": [(s, title) for s, (title, _) in DASHBOARDS.items()],
            "query": request.GET.urlencode(),
        },
    )


@permission(VIEW)
def dashboard_csv(request, slug):
    """The figures behind a dashboard, always disclosure-controlled (decision 0020)."""
    _, filters = _dashboard(request, slug)
    shown = dashboard_for(slug=slug, viewer=request.user, filters=filters, controlled=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cairn-{slug}-{filters.reported_from}-{filters.reported_to}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["figure", "category", "count", "period", "area"])
    period = f"{filters.reported_from} to {filters.reported_to}"
    area = filters.area or "Every area"
    for b in shown.breakdowns:
        for label, value in [*b.rows, ("Total", b.total)]:
            writer.writerow([f"{b.title} ({b.unit})", label, value, period, area])
    for t in shown.tables:
        for title, cells, rate in t.rows:
            for column, value in zip(t.columns, [*cells, rate], strict=True):
                writer.writerow([f"{t.title}: {title}", column, value, period, area])
    return response
