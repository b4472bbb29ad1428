"""Insight dashboards: what Cairn records, counted, for managers and analysts.

Each dashboard is a list of *breakdowns* (a title, what is counted, and a count per category),
computed with a handful of ``GROUP BY`` statements over the incidents reported in a period and,
optionally, an area (a town: the town of a child's current address or of a context).

Figures reach the page in one of two readings (decision 0020): exact, for users who may see
children's records (``incidents.view_incident``); disclosure-controlled through
``insights.disclosure`` for everyone else, and in every CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cairn.accounts.permissions import may
from cairn.core.charts import Bar, bar_chart, column_chart
from cairn.incidents.choices import (
    AbuseForm,
    ContextKind,
    DecisionOutcome,
    InvolvementRole,
    ReportOutcome,
)
from cairn.incidents.models import Action, Context, Decision, Incident, Involvement
from cairn.incidents.models.actions import ActionStatus
from cairn.insights.disclosure import control_series, control_table
from cairn.people.choices import Sex
from cairn.people.models import Address, Person

CASE_LEVEL = "incidents.view_incident"
TOP = 12  # longest list of named categories (schools, contexts, platforms)
HARMERS = (InvolvementRole.HARMED_OTHERS, InvolvementRole.BOTH)
HARMED = (InvolvementRole.HARMED, InvolvementRole.BOTH)


@dataclass(frozen=True)
class Filters:
    reported_from: date
    reported_to: date
    area: str = ""

    @classmethod
    def default(cls, today: date | None = None) -> Filters:
        """The last twelve whole months."""
        today = today or timezone.localdate()
        first = today.replace(day=1)
        return cls(
            reported_from=first - relativedelta(months=12),
            reported_to=first - relativedelta(days=1),
        )


@dataclass
class Breakdown:
    key: str
    title: str
    counts: dict[str, int]
    unit: str = "incidents"
    kind: str = "bars"  # or "columns" (a time series)
    note: str = ""


@dataclass
class ShownBreakdown:
    key: str
    title: str
    unit: str
    rows: list[tuple[str, str]]
    total: str
    chart: str
    note: str = ""


@dataclass
class Table:
    """A two-way figure (e.g. each clock: on time, late) with a rate per row."""

    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[str], str]]
    chart: str = ""
    note: str = ""


@dataclass
class Dashboard:
    slug: str
    title: str
    filters: Filters
    controlled: bool
    breakdowns: list[ShownBreakdown] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


# --- scope ------------------------------------------------------------------------------------


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def incidents_in(*, partnership, filters: Filters) -> QuerySet[Incident]:
    incidents = Incident.objects.filter(
        partnership=partnership,
        reported_at__gte=_start(filters.reported_from),
        reported_at__lt=_start(filters.reported_to + relativedelta(days=1)),
    )
    if filters.area:
        in_area = Address.objects.filter(
            person__involvements__incident=OuterRef("pk"),
            end_date__isnull=True,
            town__iexact=filters.area,
        )
        context_in_area = Incident.contexts.through.objects.filter(
            incident=OuterRef("pk"), context__area__iexact=filters.area
        )
        # two EXISTS, not a join: a join to the contexts needs DISTINCT, which every
        # breakdown over the scope would then pay for (see bench/README.md)
        incidents = incidents.filter(Exists(in_area) | Exists(context_in_area))
    return incidents


def areas_of(*, partnership) -> list[str]:
    """The towns a dashboard can be filtered by: of children's addresses and of contexts."""
    towns = set(
        Address.objects.filter(person__partnership=partnership, end_date__isnull=True)
        .exclude(town="")
        .values_list("town", flat=True)
        .distinct()
    )
    towns |= set(
        Context.objects.filter(partnership=partnership)
        .exclude(area="")
        .values_list("area", flat=True)
        .distinct()
    )
    return sorted(towns)


def is_case_level(viewer) -> bool:
    return may(viewer, CASE_LEVEL)


# --- breakdowns -------------------------------------------------------------------------------


def _labelled(rows, choices) -> dict[str, int]:
    labels = dict(choices)
    found = {labels.get(k, k or "Not recorded"): n for k, n in rows}
    return {label: found.get(label, 0) for label in labels.values()} | {
        k: v for k, v in found.items() if k not in labels.values()
    }


def _top(rows, *, other: str) -> dict[str, int]:
    rows = sorted(rows, key=lambda r: (-r[1], r[0] or ""))
    counts = {(name or "Not recorded"): n for name, n in rows[:TOP]}
    rest = sum(n for _, n in rows[TOP:])
    if rest:
        counts[other] = rest
    return counts


def by_month(incidents, filters: Filters) -> list[Breakdown]:
    months = []
    day = filters.reported_from.replace(day=1)
    while day <= filters.reported_to:
        months.append(day)
        day += relativedelta(months=1)
    per_incident = dict(
        incidents.order_by()
        .annotate(month=TruncMonth("reported_at"))
        .values_list("month")
        .annotate(n=Count("id", distinct=True))
    )
    per_child = dict(
        Involvement.objects.filter(incident__in=incidents.values("pk"))
        .order_by()
        .annotate(month=TruncMonth("incident__reported_at"))
        .values_list("month")
        .annotate(n=Count("person_id", distinct=True))
    )

    def series(found):
        by_day = {timezone.localtime(k).date(): v for k, v in found.items()}
        return {f"{m:%b %Y}": by_day.get(m, 0) for m in months}

    return [
        Breakdown("incidents_by_month", "Incidents reported, by month", series(per_incident), kind="columns"),
        Breakdown(
            "children_by_month", "Children involved, by month", series(per_child),
            unit="children", kind="columns",
            note="A child in incidents in several months is counted in each month.",
        ),
    ]  # fmt: skip


def by_form(incidents) -> Breakdown:
    inner, params = incidents.order_by().values("pk", "forms").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT f, count(*) FROM ({inner}) i(id, forms), unnest(i.forms) f GROUP BY f", params
        )
        rows = cursor.fetchall()
    return Breakdown(
        "forms", "Incidents by form of abuse", _labelled(rows, AbuseForm.choices),
        note="An incident can involve more than one form of abuse.",
    )  # fmt: skip


def _children(incidents) -> QuerySet[Person]:
    involved = Involvement.objects.filter(incident__in=incidents.values("pk")).values("person_id")
    return Person.objects.filter(pk__in=involved)


AGE_BANDS = [("Under 10", 0, 9), ("10 to 12", 10, 12), ("13 to 15", 13, 15), ("16 to 17", 16, 17)]


def by_child(incidents, filters: Filters) -> list[Breakdown]:
    children = _children(incidents).order_by()
    on = filters.reported_to
    ages = {label: 0 for label, _, _ in AGE_BANDS} | {"18 or over": 0, "Not recorded": 0}
    for born, n in children.values_list("date_of_birth").annotate(n=Count("id")):
        if born is None:
            ages["Not recorded"] += n
            continue
        age = relativedelta(on, born).years
        band = next((label for label, lo, hi in AGE_BANDS if lo <= age <= hi), "18 or over")
        ages[band] += n
    sexes = _labelled(children.values_list("sex").annotate(n=Count("id")), Sex.choices)
    ethnicity = _top(
        list(children.values_list("ethnicity").annotate(n=Count("id"))), other="Other groups"
    )
    send = dict(children.values_list("has_send").annotate(n=Count("id")))
    schools = _top(
        list(children.values_list("school__name").annotate(n=Count("id"))), other="Other schools"
    )
    unit = "children"
    return [
        Breakdown("age", f"Children by age on {on:%-d %B %Y}", ages, unit=unit),
        Breakdown("sex", "Children by sex", sexes, unit=unit),
        Breakdown("ethnicity", "Children by ethnicity", ethnicity, unit=unit),
        Breakdown(
            "send", "Children with special educational needs or a disability",
            {"SEND recorded": send.get(True, 0), "No SEND recorded": send.get(False, 0)}, unit=unit,
        ),
        Breakdown("school", "Children by school", schools, unit=unit),
    ]  # fmt: skip


def by_context(incidents) -> list[Breakdown]:
    through = Incident.contexts.through.objects.filter(incident_id__in=incidents.values("pk"))
    kinds = _labelled(
        through.values_list("context__kind").annotate(n=Count("incident_id", distinct=True)),
        ContextKind.choices,
    )
    named = _top(
        list(through.values_list("context__name").annotate(n=Count("incident_id", distinct=True))),
        other="Other contexts",
    )
    platforms = _top(
        list(
            through.filter(context__kind=ContextKind.ONLINE)
            .values_list("context__platform")
            .annotate(n=Count("incident_id", distinct=True))
        ),
        other="Other platforms",
    )
    return [
        Breakdown("context_kind", "Incidents by kind of context", kinds),
        Breakdown("contexts", "Incidents by context", named),
        Breakdown("platforms", "Incidents with an online element, by platform", platforms),
    ]


def repeat_involvement(incidents) -> list[Breakdown]:
    """Children in more than one incident of the period, and in which roles."""
    per_child = (
        Involvement.objects.filter(incident__in=incidents.values("pk"))
        .order_by()
        .values("person_id")
        .annotate(
            n=Count("incident_id", distinct=True),
            harmed=Count("incident_id", filter=Q(role__in=HARMED), distinct=True),
            harming=Count("incident_id", filter=Q(role__in=HARMERS), distinct=True),
        )
    )
    times = {"In 1 incident": 0, "In 2 incidents": 0, "In 3 or more incidents": 0}
    roles = {
        "Harmed in more than one incident": 0,
        "Allegedly harmed others in more than one incident": 0,
        "Both harmed and allegedly harmed others, across incidents": 0,
    }
    for row in per_child:
        n = row["n"]
        times[
            "In 1 incident" if n == 1 else "In 2 incidents" if n == 2 else "In 3 or more incidents"
        ] += 1
        if row["harmed"] > 1:
            roles["Harmed in more than one incident"] += 1
        if row["harming"] > 1:
            roles["Allegedly harmed others in more than one incident"] += 1
        if row["harmed"] and row["harming"] and n > 1:
            roles["Both harmed and allegedly harmed others, across incidents"] += 1
    return [
        Breakdown("repeat", "Children by number of incidents", times, unit="children"),
        Breakdown(
            "repeat_roles", "Children involved more than once, by role", roles, unit="children",
            note="A child can be in more than one of these groups.",
        ),
    ]  # fmt: skip


def outcomes(incidents) -> list[Breakdown]:
    involvements = Involvement.objects.filter(incident__in=incidents.values("pk")).order_by()
    report = _labelled(
        involvements.values_list("report_outcome").annotate(n=Count("id")), ReportOutcome.choices
    )
    first = Decision.objects.filter(involvement=OuterRef("involvement_id")).order_by(
        "decided_at", "pk"
    )
    decisions = (
        Decision.objects.filter(involvement__in=involvements.values("pk"))
        .filter(pk=first.values("pk")[:1])
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("id"))
    )
    return [
        Breakdown(
            "report_outcome", "Outcome of the report, per child", report, unit="children",
            note="Each child's involvement in an incident counts once.",
        ),
        Breakdown(
            "decision_outcome", "First MASH decision, per child",
            _labelled(decisions, DecisionOutcome.choices), unit="children",
        ),
    ]  # fmt: skip


def actions_and_plans(incidents, filters: Filters) -> list[Breakdown]:
    from cairn.incidents.models import Plan

    today = timezone.localdate()
    actions = Action.objects.filter(
        Q(incident__in=incidents.values("pk")) | Q(involvement__incident__in=incidents.values("pk"))
    ).order_by()
    counted = actions.aggregate(
        done=Count("id", filter=Q(status=ActionStatus.DONE)),
        overdue=Count("id", filter=Q(status__in=["open", "in_progress"], due_on__lt=today)),
        open=Count("id", filter=Q(status__in=["open", "in_progress"], due_on__gte=today)),
        cancelled=Count("id", filter=Q(status=ActionStatus.CANCELLED)),
    )
    plans = Plan.objects.filter(involvement__incident__in=incidents.values("pk")).order_by()
    from cairn.incidents.models.plans import PlanStatus

    plan_counts = _labelled(plans.values_list("status").annotate(n=Count("id")), PlanStatus.choices)
    return [
        Breakdown(
            "actions", "Actions for these incidents",
            {"Done": counted["done"], "Open and overdue": counted["overdue"],
             "Open, not yet due": counted["open"], "Cancelled": counted["cancelled"]},
            unit="actions",
        ),
        Breakdown("plans", "Children's plans for these incidents", plan_counts, unit="plans"),
    ]  # fmt: skip


CLOCK_CHECKS = [
    ("MASH decision within 1 working day", "decision_within", {"clock": "referral_decision"}),
    (
        "Child and family assessment within 45 working days",
        "assessment_within",
        {"clock": "child_and_family_assessment"},
    ),
    (
        "Initial child protection conference within 15 working days",
        "icpc_within",
        {"clock": "icpc"},
    ),
]


def timeliness(incidents) -> list[tuple[str, int, int]]:
    """Per clock: children whose step was on time, and late (or not done when due)."""
    from cairn.guidance.checks import run_check

    involvements = Involvement.objects.filter(incident__in=incidents.values("pk"))
    rows = []
    for title, check, params in CLOCK_CHECKS:
        findings = run_check(check, involvements, params=params)
        select, sql_params = findings.sql()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT result, count(*) FROM ({select}) c GROUP BY result", sql_params)
            found = dict(cursor.fetchall())
        rows.append((title, found.get("met", 0), found.get("not_met", 0)))
    return rows


# --- presenting -------------------------------------------------------------------------------


def present(breakdown: Breakdown, *, controlled: bool) -> ShownBreakdown:
    if controlled:
        cells = control_series(breakdown.counts)
        rows = [(label, cells[label].shown) for label in breakdown.counts]
        total = cells.total.shown
    else:
        rows = [(label, str(n)) for label, n in breakdown.counts.items()]
        total = str(sum(breakdown.counts.values()))
    bars = [Bar(label=label, value=_number(shown), shown=shown) for label, shown in rows]
    title = f"{breakdown.title} (number of {breakdown.unit})"
    chart = (
        column_chart(bars, title=title)
        if breakdown.kind == "columns"
        else bar_chart(bars, title=title)
    )
    return ShownBreakdown(
        key=breakdown.key, title=breakdown.title, unit=breakdown.unit, rows=rows, total=total,
        chart=chart, note=breakdown.note,
    )  # fmt: skip


def _number(shown: str) -> float | None:
    return float(shown) if shown.replace(".", "", 1).isdigit() else None


def timeliness_table(rows, *, controlled: bool) -> Table:
    counts = [[on_time, late] for _, on_time, late in rows]
    if controlled:
        table = control_table(counts) if counts else None
        shown = [[c.shown for c in row] for row in table.cells] if table else []
    else:
        shown = [[str(n) for n in row] for row in counts]
    out, bars = [], []
    for (title, on_time, late), cells in zip(rows, shown, strict=True):
        if "c" in cells:
            rate = "c"
        else:
            rate = f"{100 * on_time / (on_time + late):.1f}" if on_time + late else "z"
        out.append((title, cells, rate))
        bars.append(
            Bar(
                label=title,
                value=_number(rate),
                shown=f"{rate}%" if _number(rate) is not None else rate,
            )
        )
    return Table(
        key="timeliness", title="Timeliness against each clock",
        columns=["On time", "Late or not done when due", "% on time"], rows=out,
        chart=bar_chart(bars, title="Percentage of children whose step was on time", top=100),
        note="Counted per child, against the working-day clocks of cairn.clocks; a step not yet due is not counted.",
    )  # fmt: skip


DASHBOARDS: dict[str, tuple[str, Callable]] = {}


def dashboard(slug: str, title: str):
    def register(fn):
        DASHBOARDS[slug] = (title, fn)
        return fn

    return register


@dashboard("incidents", "Incidents and children")
def _incidents(incidents, filters):
    return [*by_month(incidents, filters), by_form(incidents), *by_child(incidents, filters)], []


@dashboard("contexts", "Contexts and online platforms")
def _contexts(incidents, filters):
    return by_context(incidents), []


@dashboard("timeliness", "Timeliness of decisions")
def _timeliness(incidents, filters):
    return [], [timeliness(incidents)]


@dashboard("outcomes", "Repeat involvement and outcomes")
def _outcomes(incidents, filters):
    return [*repeat_involvement(incidents), *outcomes(incidents)], []


@dashboard("actions", "Actions and plans")
def _actions(incidents, filters):
    return actions_and_plans(incidents, filters), []


def dashboard_for(
    *, slug: str, viewer, filters: Filters, controlled: bool | None = None
) -> Dashboard:
    """One dashboard for ``viewer``'s partnership; controlled unless the viewer is case-level."""
    title, build = DASHBOARDS[slug]
    if controlled is None:
        controlled = not is_case_level(viewer)
    incidents = incidents_in(partnership=viewer.partnership, filters=filters)
    breakdowns, tables = build(incidents, filters)
    return Dashboard(
        slug=slug,
        title=title,
        filters=filters,
        controlled=controlled,
        breakdowns=[present(b, controlled=controlled) for b in breakdowns],
        tables=[timeliness_table(t, controlled=controlled) for t in tables],
    )
