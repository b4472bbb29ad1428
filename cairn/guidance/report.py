"""The thematic report of an audit run: findings by rule, year, agency and child's role; the
auditors' grades; learning themes; suggested recommendations.

Every figure counts *children*: each rule is applied to each child in each incident of the
cohort, and a child for whom a rule does not apply is left out of that rule's figures.

Two readings of the same figures (decision 0016):

- *case level* (``controlled=False``), for users who may audit cases: exact counts, each
  linked to the cases behind it;
- *controlled* (``controlled=True``), for everyone else and for every download (PDF, CSV):
  every table goes through ``cairn.insights.disclosure`` (small counts shown as ``c``,
  secondary suppression, rounded totals), and no figure links to a case.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from cairn.core.charts import Bar, bar_chart
from cairn.guidance.models import AuditRun, CohortCase, Grade, GuidanceRule, Result, RuleFinding
from cairn.incidents.choices import InvolvementRole
from cairn.insights.disclosure import control_rate, control_series, control_table
from cairn.reviews.models import LearningTheme

COLUMNS = [Result.MET, Result.NOT_MET, Result.NEEDS_JUDGEMENT]
# A rule is suggested for a recommendation when it was met for fewer than this share of the
# children it applied to, over at least ``SUGGEST_MIN_CHILDREN`` children.
SUGGEST_BELOW = 0.8
SUGGEST_MIN_CHILDREN = 6
# A learning theme is suggested when auditors tagged at least this many cases with it.
SUGGEST_THEME_CASES = 3
RATE_COLOURS = ((0.9, "#00703c"), (0.7, "#f47738"), (0.0, "#d4351c"))


@dataclass
class Row:
    key: str
    label: str
    cells: list[str]
    total: str
    rate: str
    rate_value: float | None
    links: list[str] = field(default_factory=list)

    @property
    def figures(self) -> list[tuple[str, str, str]]:
        """(figure, query string of the cases behind it or "", what it counts)."""
        links = self.links or [""] * len(self.cells)
        return list(zip(self.cells, links, [c.label for c in COLUMNS], strict=True))


@dataclass
class Table:
    name: str
    title: str
    row_heading: str
    columns: list[str]
    rows: list[Row]
    totals: list[str]
    grand_total: str
    chart: str = ""


@dataclass(frozen=True)
class Suggestion:
    key: str
    text: str
    reason: str


@dataclass
class ThematicReport:
    run: AuditRun
    controlled: bool
    cases: str
    graded: str
    moderated: str
    grades: list[tuple[str, str]]
    tables: list[Table]
    themes: list[tuple[str, str]]
    suggestions: list[Suggestion]


def _rate_colour(rate: float) -> str:
    return next(colour for floor, colour in RATE_COLOURS if rate >= floor)


def _table(
    *, name, title, row_heading, keyed: dict, labels: dict, order: list, controlled: bool
) -> Table:
    """A table of results (met, not met, needs judgement) per row, with % met."""
    keys = [k for k in order if k in keyed]
    counts = [[keyed[k].get(c, 0) for c in COLUMNS] for k in keys]
    rows = []
    if controlled:
        table = control_table(counts) if counts else None
        for i, k in enumerate(keys):
            cells = table.cells[i]
            met, not_met = cells[0], cells[1]
            rate = (
                "c"
                if met.suppressed or not_met.suppressed
                else control_rate(met.value, met.value + not_met.value)
            )
            rows.append(
                Row(
                    key=str(k),
                    label=labels[k],
                    cells=[c.shown for c in cells],
                    total=table.row_totals[i].shown,
                    rate=rate,
                    rate_value=_rate_value(rate),
                )
            )
        totals = [c.shown for c in table.column_totals] if table else ["0"] * len(COLUMNS)
        grand = table.grand_total.shown if table else "0"
    else:
        for k, row in zip(keys, counts, strict=True):
            met, not_met = row[0], row[1]
            rate = _percent(met, met + not_met)
            rows.append(
                Row(
                    key=str(k),
                    label=labels[k],
                    cells=[str(n) for n in row],
                    total=str(sum(row)),
                    rate=rate,
                    rate_value=_rate_value(rate),
                    links=[
                        f"{name}={k}&result={c.value}" if n else ""
                        for c, n in zip(COLUMNS, row, strict=True)
                    ],
                )
            )
        totals = [str(sum(r[i] for r in counts)) for i in range(len(COLUMNS))]
        grand = str(sum(map(sum, counts)))
    result = Table(
        name=name,
        title=title,
        row_heading=row_heading,
        columns=[c.label for c in COLUMNS],
        rows=rows,
        totals=totals,
        grand_total=grand,
    )
    result.chart = bar_chart(
        [
            Bar(
                label=r.label,
                value=r.rate_value,
                shown=f"{r.rate}%" if r.rate_value is not None else r.rate,
                colour=_rate_colour(r.rate_value / 100) if r.rate_value is not None else "",
            )
            for r in rows
        ],
        title=f"{title}: percentage of children for whom the rule was met",
        top=100,
    )
    return result


def _percent(part: int, whole: int) -> str:
    """An exact percentage to one decimal place; ``z`` (not applicable) of nothing."""
    return f"{100 * part / whole:.1f}" if whole else "z"


def _rate_value(rate: str) -> float | None:
    try:
        return float(rate)
    except ValueError:
        return None


def _grouped(findings, by: str) -> dict:
    out: dict = defaultdict(dict)
    for row in findings.values(by, "result").annotate(n=Count("id")).order_by():
        out[row[by]][row["result"]] = row["n"]
    return out


def rule_titles(run: AuditRun) -> tuple[dict[str, str], list[str]]:
    """Each rule key of the run with its title (from its latest edition), in catalogue order."""
    rules = (
        GuidanceRule.objects.filter(findings__run=run)
        .distinct()
        .order_by("key", "-edition__in_force")
        .values_list("key", "title")
    )
    titles: dict[str, str] = {}
    for key, title in rules:
        titles.setdefault(key, title)
    return titles, sorted(titles, key=lambda k: titles[k])


def thematic_report(*, run: AuditRun, controlled: bool) -> ThematicReport:
    """The report's figures, exact or disclosure-controlled."""
    findings = RuleFinding.objects.filter(run=run).exclude(result=Result.NOT_APPLICABLE)
    titles, rule_order = rule_titles(run)
    by_year = _grouped(findings.annotate(year=ExtractYear("incident__reported_at")), "year")
    by_agency = _grouped(findings, "incident__reporting_agency_id")
    agencies = dict(
        findings.values_list("incident__reporting_agency_id", "incident__reporting_agency__name")
        .distinct()
        .order_by()
    )
    roles = dict(InvolvementRole.choices)
    by_rule = {
        "name": "rule",
        "title": "Findings by rule",
        "row_heading": "Rule",
        "keyed": _grouped(findings, "rule__key"),
        "labels": titles,
        "order": rule_order,
    }
    exact_rules = _table(**by_rule, controlled=False)
    tables = [
        _table(**by_rule, controlled=True) if controlled else exact_rules,
        _table(
            name="year",
            title="Findings by year reported",
            row_heading="Year",
            keyed=by_year,
            labels={y: str(y) for y in by_year},
            order=sorted(by_year),
            controlled=controlled,
        ),
        _table(
            name="agency",
            title="Findings by agency that reported the incident",
            row_heading="Agency",
            keyed=by_agency,
            labels=agencies,
            order=sorted(agencies, key=agencies.get),
            controlled=controlled,
        ),
        _table(
            name="role",
            title="Findings by the child's role",
            row_heading="Child's role",
            keyed=_grouped(findings, "involvement__role"),
            labels=roles,
            order=list(roles),
            controlled=controlled,
        ),
    ]
    cases = CohortCase.objects.filter(run=run)
    stats = cases.aggregate(
        all=Count("id"),
        graded=Count("id", filter=~Q(grade="")),
        moderated=Count("id", filter=~Q(moderation="")),
    )
    grade_counts = {g.value: 0 for g in Grade}
    for case in cases.exclude(grade="").only("grade", "moderated_grade"):
        grade_counts[case.final_grade] += 1
    theme_counts = dict(
        LearningTheme.objects.filter(audited_cases__run=run)
        .values_list("name")
        .annotate(n=Count("audited_cases"))
        .order_by("-n", "name")
    )
    if controlled:
        shown = control_series(grade_counts)
        grades = [(Grade(g).label, shown[g].shown) for g in grade_counts]
        shown_themes = control_series(theme_counts) if theme_counts else {}
        themes = [(name, shown_themes[name].shown) for name in theme_counts]
        figures = {k: control_series({k: v})[k].shown for k, v in stats.items()}
    else:
        grades = [(Grade(g).label, str(n)) for g, n in grade_counts.items()]
        themes = [(name, str(n)) for name, n in theme_counts.items()]
        figures = {k: str(v) for k, v in stats.items()}
    return ThematicReport(
        run=run,
        controlled=controlled,
        cases=figures["all"],
        graded=figures["graded"],
        moderated=figures["moderated"],
        grades=grades,
        tables=tables,
        themes=themes,
        suggestions=suggestions_for(
            run=run,
            exact=exact_rules,
            shown=tables[0],
            theme_counts=theme_counts,
            themes_shown=dict(themes),
        ),
    )


def suggestions_for(
    *, run: AuditRun, exact: Table, shown: Table, theme_counts: dict, themes_shown: dict
) -> list[Suggestion]:
    """Draft recommendations the figures point to: rules met too rarely (judged on the exact
    figures), and themes auditors found again and again. Each reason quotes the figure as the
    reader may see it (``shown``, controlled or not). A person decides which become drafts."""
    rules = {
        r.key: r
        for r in GuidanceRule.objects.filter(findings__run=run)
        .select_related("edition")
        .order_by("key", "-edition__in_force")
        .distinct("key")
    }
    rates = {row.key: row.rate for row in shown.rows}
    suggestions = []
    for row in exact.rows:
        met, not_met = int(row.cells[0]), int(row.cells[1])
        if met + not_met < SUGGEST_MIN_CHILDREN or met / (met + not_met) >= SUGGEST_BELOW:
            continue
        rule = rules[row.key]
        rate = rates[row.key]
        suggestions.append(
            Suggestion(
                key=f"rule:{row.key}",
                text=(
                    "Partner agencies should show the partnership, through a re-audit within "
                    "twelve months, that practice now meets this requirement: "
                    f"{rule.title[0].lower()}{rule.title[1:]} "
                    f"({rule.edition.title}, {rule.paragraph})."
                ),
                reason=(
                    f"{row.label}: met for {rate}% of the children it applied to"
                    if _rate_value(rate) is not None
                    else f"{row.label}: met for fewer than {SUGGEST_BELOW:.0%} of the children "
                    "it applied to"
                ),
            )
        )
    for name, n in theme_counts.items():
        if n >= SUGGEST_THEME_CASES:
            suggestions.append(
                Suggestion(
                    key=f"theme:{name}",
                    text=(
                        f"The partnership should share multi-agency learning on '{name}' with "
                        "every agency, and check that practice has changed."
                    ),
                    reason=f"Auditors recorded this learning theme in {themes_shown[name]} cases",
                )
            )
    return suggestions


def cases_behind(*, run: AuditRun, filters: dict[str, str]):
    """The cohort cases behind one figure of the case-level report (rule, year, agency or
    role, and a result), each with how many of its children the figure counts."""
    findings = RuleFinding.objects.filter(run=run).exclude(result=Result.NOT_APPLICABLE)
    if filters.get("rule"):
        findings = findings.filter(rule__key=filters["rule"])
    if filters.get("year", "").isdigit():
        findings = findings.filter(incident__reported_at__year=int(filters["year"]))
    if filters.get("agency", "").isdigit():
        findings = findings.filter(incident__reporting_agency_id=int(filters["agency"]))
    if filters.get("role"):
        findings = findings.filter(involvement__role=filters["role"])
    if filters.get("result"):
        findings = findings.filter(result=filters["result"])
    counted = dict(
        findings.values_list("incident_id").annotate(n=Count("id")).order_by("incident_id")
    )
    cases = (
        CohortCase.objects.filter(run=run, incident_id__in=list(counted))
        .select_related("incident", "incident__reporting_agency")
        .order_by("incident__reported_at")
    )
    return [(case, counted[case.incident_id]) for case in cases]
