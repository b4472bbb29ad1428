"""Insight dashboards: parse the filter, call the dashboard selector, render or write CSV."""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render

from cairn.accounts.permissions import may, permission
from cairn.audit.choices import AuditAction
from cairn.audit.services import record_event
from cairn.insights.dashboards import DASHBOARDS, Filters, areas_of, dashboard_for
from cairn.insights.forms import DashboardFilterForm
from cairn.insights.networks import context_map, peer_network

VIEW = "insights.view_dashboards"
NETWORKS = "insights.view_networks"


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


PATTERN_BREAKDOWNS = {"platforms", "contexts", "forms"}


def prevention_query(breakdown, filters: Filters) -> str:
    """The query string that starts a prevention plan from the largest figure of a breakdown
    (a platform, a context, a form of abuse), as the reader saw it."""
    if breakdown.key not in PATTERN_BREAKDOWNS or not breakdown.rows:
        return ""
    label, shown = max(breakdown.rows, key=lambda r: int(r[1]) if r[1].isdigit() else -1)
    if not shown.isdigit() or shown == "0":
        return ""
    pattern = (
        f"{breakdown.title}: {label}, {shown} {breakdown.unit} reported from "
        f"{filters.reported_from:%-d %B %Y} to {filters.reported_to:%-d %B %Y}"
        f"{', in ' + filters.area if filters.area else ''}."
    )
    return urlencode({"kind": "prevention", "pattern": pattern, "title": f"Prevention: {label}"})


@permission(VIEW)
def dashboard(request, slug="incidents"):
    form, filters = _dashboard(request, slug)
    shown = dashboard_for(slug=slug, viewer=request.user, filters=filters)
    if may(request.user, "actionplans.manage_plans"):
        for b in shown.breakdowns:
            b.prevention_query = prevention_query(b, filters)
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


@permission(NETWORKS)
def networks(request):
    """The context map and the peer network: children's names, so case-level roles only, and
    each look is logged."""
    form, filters = _filters(request, areas_of(partnership=request.user.partnership))
    bands, map_svg = context_map(viewer=request.user, filters=filters)
    groups, network_svg, too_large = peer_network(viewer=request.user, filters=filters)
    record_event(
        action=AuditAction.VIEW,
        actor=request.user,
        object_type="insights.peer_network",
        object_label=f"Peer network {filters.reported_from} to {filters.reported_to}"
        f"{' in ' + filters.area if filters.area else ''}",
        changes={"children": sorted(n.key for g in groups for n in g.children)},
    )
    return render(
        request,
        "insights/networks.html",
        {
            "form": form,
            "filters": filters,
            "bands": bands,
            "map_svg": map_svg,
            "groups": groups,
            "too_large": too_large,
            "network_svg": network_svg,
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
