"""Reads for the action plans dashboard: recommendations by response and source; actions by
rating, by lead agency and overdue; the time from a recommendation to the first evidence of
its impact. A handful of set-based queries, whatever the number of plans; ratings come from
``selectors.rag_for``, the one place a rating is made.

Charts are plain SVG bars drawn on the server (no JavaScript, no inline style: colours and
sizes are SVG presentation attributes, which the Content-Security-Policy allows). Each chart
sits beside a table holding the same figures, for screen readers and for print.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from django.db.models import Count, Min, Q
from django.utils import timezone

from cairn.actionplans.models import EvidenceKind, PlanAction
from cairn.actionplans.selectors import RAGS, RED, Rag, rag_for
from cairn.reviews.models import Recommendation, RecommendationResponse, RecommendationSource

# GOV.UK colour palette, matching the tags beside them.
RAG_FILL = {
    "red": "#d4351c",
    "amber": "#ffdd00",
    "green": "#00703c",
    "complete": "#1d70b8",
    "withdrawn": "#b1b4b6",
}
BAR_FILL = "#1d70b8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    fill: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = 220
    bar_area: int = 320
    row: int = 32

    @property
    def value_x(self) -> int:
        return self.label_width + 8

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 60


def bar_chart(title: str, items: list[tuple[str, int, str]], *, row: int = 32) -> Chart:
    """Horizontal bars, one per (label, value, fill), scaled to the largest value."""
    top = max((v for _, v, _ in items), default=0) or 1
    bars = [
        Bar(label, value, fill, y=i * row, width=round(320 * value / top))
        for i, (label, value, fill) in enumerate(items)
    ]
    return Chart(title, bars, height=max(row, len(bars) * row), row=row)


@dataclass(frozen=True)
class OverdueRow:
    pk: int
    plan_id: int
    plan_title: str
    number: str
    description: str
    lead_name: str
    lead_agency: str
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class ImpactRow:
    recommendation: Recommendation
    first_impact_on: date | None
    days: int | None


@dataclass
class Dashboard:
    responses: list  # the response columns
    sources: list[tuple[str, list[int], int]]  # source label, counts per response, total
    response_totals: list[int]
    rag_counts: list[tuple[Rag, int]]
    by_agency: list[tuple[str, list[int], int]]
    overdue: list[OverdueRow]
    impact: list[ImpactRow]
    median_days_to_impact: float | None
    charts: dict[str, Chart] = field(default_factory=dict)


def _recommendations(partnership_id: int):
    counts = {
        (row["source"], row["response"]): row["n"]
        for row in Recommendation.objects.filter(partnership_id=partnership_id)
        .values("source", "response")
        .annotate(n=Count("pk"))
    }
    responses = list(RecommendationResponse)
    sources = []
    for source in RecommendationSource:
        row = [counts.get((source.value, r.value), 0) for r in responses]
        sources.append((source.label, row, sum(row)))
    totals = [
        sum(counts.get((s.value, r.value), 0) for s in RecommendationSource) for r in responses
    ]
    return responses, sources, totals


def _actions(partnership_id: int, today: date):
    rows = PlanAction.objects.filter(plan__partnership_id=partnership_id).values_list(
        "pk",
        "plan_id",
        "plan__title",
        "number",
        "description",
        "lead_name",
        "lead_agency__name",
        "status",
        "starts_on",
        "due_on",
        "percent_complete",
    )
    ratings: Counter = Counter()
    agency: dict[str, Counter] = defaultdict(Counter)
    overdue = []
    for pk, plan_id, title, number, text, lead, agency_name, status, start, due, pct in rows:
        rag = rag_for(status=status, starts_on=start, due_on=due, percent_complete=pct, today=today)
        ratings[rag.key] += 1
        agency[agency_name][rag.key] += 1
        if rag == RED:
            overdue.append(
                OverdueRow(
                    pk, plan_id, title, number, text, lead, agency_name, due, (today - due).days
                )
            )
    rag_counts = [(rag, ratings.get(rag.key, 0)) for rag in RAGS]
    by_agency = []
    for name in sorted(agency):
        counts = [agency[name].get(rag.key, 0) for rag in RAGS]
        by_agency.append((name, counts, sum(counts)))
    overdue.sort(key=lambda r: (-r.days_overdue, r.plan_title, r.number))
    return rag_counts, by_agency, overdue


def _impact(partnership_id: int):
    """Each accepted recommendation with the first evidence of impact on an action answering
    it, and the days from the recommendation to that evidence."""
    recs = (
        Recommendation.objects.filter(partnership_id=partnership_id)
        .exclude(response=RecommendationResponse.NOT_ACCEPTED)
        .annotate(
            first_impact_on=Min(
                "actions__evidence__received_on",
                filter=Q(actions__evidence__kind=EvidenceKind.IMPACT),
            )
        )
        .order_by("made_on", "reference")
    )
    rows = [
        ImpactRow(
            r,
            r.first_impact_on,
            (r.first_impact_on - r.made_on).days if r.first_impact_on else None,
        )
        for r in recs
    ]
    days = [r.days for r in rows if r.days is not None]
    return rows, (median(days) if days else None)


def dashboard_for(*, viewer, today: date | None = None) -> Dashboard:
    """The viewer's partnership's dashboard (four queries)."""
    today = today or timezone.localdate()
    pid = viewer.partnership_id
    responses, sources, totals = _recommendations(pid)
    rag_counts, by_agency, overdue = _actions(pid, today)
    impact, median_days = _impact(pid)
    board = Dashboard(
        responses, sources, totals, rag_counts, by_agency, overdue, impact, median_days
    )
    board.charts = {
        "rag": bar_chart(
            "Actions by rating", [(r.label, n, RAG_FILL[r.key]) for r, n in rag_counts]
        ),
        "responses": bar_chart(
            "Recommendations by response",
            [(r.label, n, BAR_FILL) for r, n in zip(responses, totals, strict=True)],
        ),
        "agency": bar_chart(
            "Open actions overdue, by lead agency",
            [(name, counts[0], RAG_FILL["red"]) for name, counts, _ in by_agency if counts[0]],
        ),
    }
    return board
