"""Applying the guidance rules to cases: a cohort run that stores findings, and one case's page.

A case is judged by the rules in force on its reference date: the day the incident was
reported (Europe/London). The editions of the libraries that apply to a partnership cut time
into windows in which the same rules are in force (``rules_in_force`` of the first day of the
window holds for all of it). For each window, each automatic rule's check runs once, as one
statement, over the involvements whose incident was reported in that window and whose role
is among the rule's roles; its rows go straight into ``RuleFinding`` with
``INSERT ... SELECT``. A judgement rule gets a ``needs_judgement`` finding for the same
involvements, also in one statement. A cohort is processed in batches of incidents (by primary
key range), one transaction each, and the run's ``incidents_done`` moves on after each batch, so
a page or the command line can show progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import connection, transaction
from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from cairn.guidance.checks import no_jit, run_check
from cairn.guidance.models import (
    AuditRun,
    GuidanceEdition,
    GuidanceLibrary,
    GuidanceRule,
    Result,
    RuleFinding,
    RuleMode,
    RunStatus,
)
from cairn.guidance.selectors import rules_in_force
from cairn.incidents.models import Incident, Involvement
from cairn.incidents.selectors import involvements_of

MIN_BATCH = 1_000
PROGRESS_STEPS = 20
JUDGEMENT_EVIDENCE = "For an auditor to judge from the case record"


def reference_date(incident: Incident) -> date:
    """The date that decides which guidance a case is judged by: the day it was reported."""
    return timezone.localtime(incident.reported_at).date()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Window:
    """Days [start, end) in which the same rules are in force (end None: open-ended)."""

    start: date
    end: date | None
    rules: tuple[GuidanceRule, ...]

    def incidents_q(self) -> dict:
        lookups = {"incident__reported_at__gte": _start_of(self.start)}
        if self.end is not None:
            lookups["incident__reported_at__lt"] = _start_of(self.end)
        return lookups


def guidance_windows(*, partnership) -> list[Window]:
    """The windows in which one set of rules was in force for ``partnership``, in date order."""
    libraries = GuidanceLibrary.objects.filter(partnership__isnull=True) | (
        GuidanceLibrary.objects.filter(partnership=partnership)
    )
    bounds: set[date] = set()
    for in_force in GuidanceEdition.objects.filter(document__library__in=libraries).values_list(
        "in_force", flat=True
    ):
        if in_force.lower:
            bounds.add(in_force.lower)
        if in_force.upper:
            bounds.add(in_force.upper)
    edges = sorted(bounds)
    windows = []
    for i, start in enumerate(edges):
        end = edges[i + 1] if i + 1 < len(edges) else None
        rules = tuple(rules_in_force(start, partnership=partnership))
        if rules:
            windows.append(Window(start=start, end=end, rules=rules))
    return windows


def _for_rule(involvements: QuerySet[Involvement], rule: GuidanceRule):
    return involvements.filter(role__in=rule.roles) if rule.roles else involvements


def _insert_findings(*, run: AuditRun, rule: GuidanceRule, involvements) -> None:
    table = RuleFinding._meta.db_table
    columns = "(run_id, rule_id, incident_id, involvement_id, result, evidence)"
    if rule.mode == RuleMode.JUDGEMENT:
        select, params = (
            involvements.order_by().values_list("incident_id", "id").query.sql_with_params()
        )
        sql = (
            f"INSERT INTO {table} {columns} SELECT %s, %s, j.incident_id, j.id, %s, %s"
            f" FROM ({select}) j"
        )
        params = (run.pk, rule.pk, Result.NEEDS_JUDGEMENT, JUDGEMENT_EVIDENCE, *params)
    else:
        findings = run_check(rule.check_name, involvements, params=rule.params, rule=rule)
        select, params = findings.sql()
        sql = (
            f"INSERT INTO {table} {columns} SELECT %s, %s, c.incident_id, c.involvement_id,"
            f" c.result, c.evidence FROM ({select}) c"
        )
        params = (run.pk, rule.pk, *params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def audit_run_start(
    *, partnership, incidents: QuerySet[Incident], title: str, criteria: dict, by, batch=None
) -> AuditRun:
    """Run every rule over ``incidents`` (those of ``partnership``) and store the findings.

    Returns the finished run. Progress (``incidents_done``) is committed after each batch.
    """
    run = AuditRun.objects.create(
        partnership=partnership,
        title=title,
        criteria=criteria,
        started_by=by,
        status=RunStatus.RUNNING,
    )
    return audit_run_execute(run=run, incidents=incidents, batch=batch)


def audit_run_execute(*, run: AuditRun, incidents: QuerySet[Incident], batch=None) -> AuditRun:
    """Evaluate every rule over ``incidents`` (those of the run's partnership) for ``run``.

    Incidents are taken in primary-key ranges (about twenty steps, at least ``MIN_BATCH``
    incidents each, unless ``batch`` is given); each range is one transaction, after which
    ``incidents_done`` is committed so that a page or the command line can show progress.
    """
    incidents = incidents.filter(partnership=run.partnership_id).order_by()
    run.incidents_total = incidents.count()
    run.incidents_done = 0
    run.save(update_fields=["incidents_total", "incidents_done"])
    windows = guidance_windows(partnership=run.partnership)
    span = incidents.aggregate(lo=Min("pk"), hi=Max("pk"))
    if span["lo"] is not None:
        batch = batch or max(MIN_BATCH, (span["hi"] - span["lo"]) // PROGRESS_STEPS + 1)
        for lo in range(span["lo"], span["hi"] + 1, batch):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    no_jit(cursor)
                chunk = incidents.filter(pk__gte=lo, pk__lt=lo + batch)
                involvements = Involvement.objects.filter(incident__in=chunk.values("pk"))
                for window in windows:
                    in_window = involvements.filter(**window.incidents_q())
                    for rule in window.rules:
                        _insert_findings(
                            run=run, rule=rule, involvements=_for_rule(in_window, rule)
                        )
                done = chunk.count()
                AuditRun.objects.filter(pk=run.pk).update(incidents_done=run.incidents_done + done)
                run.incidents_done += done
    run.finished_at = timezone.now()
    run.status = RunStatus.FINISHED
    run.save(update_fields=["finished_at", "status"])
    return run


@dataclass
class CaseFinding:
    rule: GuidanceRule
    result: str
    evidence: str

    @property
    def result_label(self) -> str:
        return Result(self.result).label


@dataclass
class ChildAudit:
    involvement: Involvement
    findings: list[CaseFinding] = field(default_factory=list)
    not_applicable: list[CaseFinding] = field(default_factory=list)


def audit_incident(*, incident: Incident, viewer) -> list[ChildAudit]:
    """Every rule in force on the incident's reference date, evaluated for each child the
    viewer may see, with the same set-based checks as a cohort run (nothing is stored)."""
    children = list(involvements_of(incident=incident, viewer=viewer))
    rows = {inv.pk: ChildAudit(involvement=inv) for inv in children}
    if not children:
        return []
    visible = Involvement.objects.filter(pk__in=list(rows))
    for rule in rules_in_force(reference_date(incident), partnership=incident.partnership):
        if rule.mode == RuleMode.JUDGEMENT:
            results = [
                (inv.pk, incident.pk, Result.NEEDS_JUDGEMENT.value, JUDGEMENT_EVIDENCE)
                for inv in children
                if not rule.roles or inv.role in rule.roles
            ]
        else:
            scope = _for_rule(visible, rule)
            results = run_check(rule.check_name, scope, params=rule.params, rule=rule)
        for involvement_id, _incident_id, result, evidence in results:
            finding = CaseFinding(rule=rule, result=result, evidence=evidence)
            target = rows[involvement_id]
            if result == Result.NOT_APPLICABLE:
                target.not_applicable.append(finding)
            else:
                target.findings.append(finding)
    return list(rows.values())


def stored_case_findings(*, run: AuditRun, incident: Incident, viewer) -> list[ChildAudit]:
    """What ``run`` found for each child of ``incident`` the viewer may see (as stored)."""
    children = list(involvements_of(incident=incident, viewer=viewer))
    rows = {inv.pk: ChildAudit(involvement=inv) for inv in children}
    findings = (
        RuleFinding.objects.filter(run=run, involvement_id__in=list(rows))
        .select_related("rule__edition")
        .order_by("rule__title")
    )
    for found in findings:
        finding = CaseFinding(rule=found.rule, result=found.result, evidence=found.evidence)
        target = rows[found.involvement_id]
        if found.result == Result.NOT_APPLICABLE:
            target.not_applicable.append(finding)
        else:
            target.findings.append(finding)
    return list(rows.values())


__all__ = [
    "audit_incident",
    "audit_run_execute",
    "audit_run_start",
    "guidance_windows",
    "reference_date",
    "stored_case_findings",
]
