"""The automatic checks guidance rules name: each one a set-based query over involvements.

How a check works
-----------------
A rule in a guidance library names a check (``check: decision_within``) and its parameters
(``params: {clock: referral_decision}``); ``CHECKS`` is the registry the library loader
validates them against (``validate_params``). A check's function takes the involvements to
judge (a QuerySet: one incident's children, or a cohort of a million) and returns ``Findings``:
one row per involvement, ``(involvement_id, incident_id, result, evidence)``, computed by the
database in one statement, never by a Python loop over objects.

The statement has three layers, each a subquery of the next:

1. *facts* — an ORM ``values()`` queryset over the involvements: the dates and flags the rule
   needs, each from one ``Subquery``/``Exists``/join (first decision date, section 47 dates,
   whether a strategy discussion with every agency exists, ...).
2. *derive* (optional) — working-day arithmetic on those facts, against the calendar table of
   ``cairn.guidance.workdays`` (built from ``cairn.clocks``: weekends, England and Wales bank
   holidays and the partnership's closure days). A due date is the working day whose index is
   ``index(start) + amount``; lateness is ``index(done) - index(due)``. The clock's amount comes
   from ``cairn.clocks`` too (national timescale, or the partnership's local one).
3. *outcome* — two SQL ``CASE`` expressions: the result (met, not_met, not_applicable,
   needs_judgement) and the evidence sentence, naming the records and dates
   ("Decision recorded 3 April 2019, due 2 April 2019 (1 working day from referral 1 April
   2019): 1 working day late").

Each layer ends in ``OFFSET 0`` so that PostgreSQL keeps it as a subquery instead of pulling
it up, which would copy every correlated subquery into each place the outer layers use its
column (evaluating it several times per row). JIT compilation is turned off for these
statements (``no_jit``): it costs more than it saves on per-row index lookups. ``Findings.sql()`` gives the statement and its
parameters, so ``cairn.guidance.evaluate`` inserts findings with ``INSERT ... SELECT``; iterating
a ``Findings`` runs it and yields the rows.

The SQL written here by hand holds only column names, vocabulary labels from ``choices``
(quoted by ``_literal``) and integers; values from a rule's parameters reach the database as
query parameters through the ORM, after ``validate_params`` has checked them against the
vocabularies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models import Value as V
from django.db.models.functions import TruncDate
from django.utils import timezone

from cairn.accounts.choices import AgencyKind
from cairn.accounts.models import Agency
from cairn.clocks.choices import Unit
from cairn.clocks.models import LocalTimescale
from cairn.clocks.timescales import national_timescales
from cairn.guidance import workdays
from cairn.incidents.choices import (
    DecisionOutcome,
    InvolvementRole,
    ReportOutcome,
    SexualViolenceKind,
)
from cairn.incidents.models import (
    Decision,
    HsbAssessment,
    Involvement,
    Plan,
    PoliceInvestigation,
    Section47Enquiry,
    StrategyAttendee,
    StrategyDiscussion,
)
from cairn.incidents.models.plans import HsbTool, PlanKind, PlanReview

MET, NOT_MET, NOT_APPLICABLE, NEEDS_JUDGEMENT = (
    "met",
    "not_met",
    "not_applicable",
    "needs_judgement",
)


# --- the registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    name: str
    params: frozenset[str]
    required: frozenset[str]
    describe: str
    fn: Callable[..., Findings]
    values: Mapping[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    """For list parameters: the values each item may take (a controlled vocabulary)."""


CHECKS: dict[str, Check] = {}

# Parameter kinds, for validation: a clock key, a list of vocabulary values, or a yes/no.
CLOCK_PARAM = "clock"
BOOL_PARAMS = {"reviewed"}


def check(
    name: str,
    *,
    params: Mapping[str, frozenset[str] | None] | None = None,
    required: set[str] | frozenset[str] = frozenset(),
):
    """Register the decorated function as the check ``name``.

    ``params`` maps each parameter to the vocabulary its list items come from (or None for a
    clock or a yes/no). The first line of the docstring describes the check in the catalogue.
    """
    params = dict(params or {})

    def register(fn):
        CHECKS[name] = Check(
            name=name,
            params=frozenset(params),
            required=frozenset(required),
            describe=(fn.__doc__ or "").strip().splitlines()[0],
            fn=fn,
            values={k: v for k, v in params.items() if v is not None},
        )
        return fn

    return register


def validate_params(name: str, params: Mapping) -> list[str]:
    """What is wrong with using check ``name`` with ``params`` (empty when nothing is)."""
    found = CHECKS.get(name)
    if found is None:
        return [f"unknown check {name!r}; known checks: {', '.join(sorted(CHECKS))}"]
    if not isinstance(params, Mapping):
        return ["params must be a mapping"]
    errors = [
        f"unknown parameter {p!r} for check {name!r}"
        for p in sorted(params)
        if p not in found.params
    ]
    errors += [
        f"check {name!r} needs the parameter {p!r}" for p in sorted(found.required - set(params))
    ]
    for key, value in params.items():
        if key == CLOCK_PARAM:
            clocks = national_timescales()
            if value not in clocks:
                errors.append(f"unknown clock {value!r}")
            elif clocks[value].unit != Unit.WORKING_DAYS:
                errors.append(f"clock {value!r} is not counted in working days")
        elif key in BOOL_PARAMS:
            if not isinstance(value, bool):
                errors.append(f"{key!r} must be true or false")
        elif key in found.values:
            if not isinstance(value, list) or not value:
                errors.append(f"{key!r} must be a non-empty list")
                continue
            allowed = found.values[key]
            errors += [
                f"{key!r}: unknown value {item!r}; allowed: {', '.join(sorted(allowed))}"
                for item in value
                if item not in allowed
            ]
    return errors


def run_check(name: str, involvements: QuerySet[Involvement], *, params: dict, rule=None):
    """The findings of check ``name`` over ``involvements`` (validating ``params`` first)."""
    errors = validate_params(name, params)
    if errors:
        raise ValueError("; ".join(errors))
    return CHECKS[name].fn(involvements, params=params, rule=rule)


# --- the statement ----------------------------------------------------------------------------


@dataclass
class Findings:
    """One statement that yields ``(involvement_id, incident_id, result, evidence)`` rows."""

    facts: QuerySet
    result: str
    evidence: str
    derive: dict[str, str] = field(default_factory=dict)

    def sql(self) -> tuple[str, tuple]:
        inner, params = self.facts.query.sql_with_params()
        source = f"({inner} OFFSET 0) f"
        if self.derive:
            extra = ", ".join(f"{expr} AS {name}" for name, expr in self.derive.items())
            source = f"(SELECT f.*, {extra} FROM {source} OFFSET 0) f"
        return (
            "SELECT f.id AS involvement_id, f.incident_id AS incident_id,"
            f" {self.result} AS result, {self.evidence} AS evidence FROM {source}",
            tuple(params),
        )

    def __iter__(self) -> Iterator[tuple[int, int, str, str]]:
        sql, params = self.sql()
        with transaction.atomic(), connection.cursor() as cursor:
            no_jit(cursor)
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        yield from rows


def no_jit(cursor) -> None:
    """Inside a transaction: no JIT compilation for its statements. The planner's costs for
    per-row subqueries look huge, so it would compile every check (a second or more of
    LLVM time), for queries that are index lookups per row and gain nothing from it."""
    cursor.execute("SET LOCAL jit = off")


def _base(involvements: QuerySet[Involvement]) -> QuerySet[Involvement]:
    return involvements.order_by().annotate(pship=F("incident__partnership_id"))


# --- SQL helpers ------------------------------------------------------------------------------


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _day(column: str) -> str:
    """GOV.UK date: 3 April 2019."""
    return f"to_char({column}, 'FMDD FMMonth YYYY')"


def _days(expr: str) -> str:
    """'1 working day', '3 working days'."""
    return (
        f"(({expr})::text || CASE WHEN ({expr}) = 1 THEN ' working day' ELSE ' working days' END)"
    )


def _label(column: str, choices) -> str:
    whens = " ".join(f"WHEN {_literal(v)} THEN {_literal(lab)}" for v, lab in choices.choices)
    return f"(CASE {column} {whens} ELSE {column} END)"


def _join(parts: list[str], sep: str = "; ") -> str:
    """SQL: the non-NULL parts joined with ``sep``."""
    return f"concat_ws({_literal(sep)}, {', '.join(parts)})"


def _today() -> str:
    return f"DATE {_literal(timezone.localdate().isoformat())}"


def _first_decision(field_name: str = "decided_on", **filters):
    qs = Decision.objects.filter(involvement=OuterRef("pk"), **filters).order_by("decided_at")
    if field_name == "decided_on":
        return Subquery(qs.values(d=TruncDate("decided_at"))[:1])
    return Subquery(qs.values(field_name)[:1])


def _only_if(condition, expression):
    """``expression`` where ``condition`` holds, else NULL: PostgreSQL then runs the (per-row)
    subquery only for the rows the rule applies to."""
    return Case(When(condition, then=expression), default=None)


def _clock_amount(clock: str):
    """The clock's amount, per partnership: its local timescale or the national one."""
    national = national_timescales()[clock]
    whens = []
    for pid, amount, unit in LocalTimescale.objects.filter(key=clock).values_list(
        "partnership_id", "amount", "unit"
    ):
        if unit != Unit.WORKING_DAYS:
            raise ValueError(f"local timescale {clock!r} is not counted in working days")
        whens.append(When(incident__partnership_id=pid, then=V(amount)))
    return Case(*whens, default=V(national.amount)) if whens else V(national.amount)


def _clock_derive(start: str, done: str | None = None) -> dict[str, str]:
    """Due date (``due``) and, with ``done``, working days late (``late``), from ``f.amount``."""
    start_idx = workdays.idx_sql("f.pship", f"f.{start}")
    derive = {"due": workdays.day_sql("f.pship", f"{start_idx} + f.amount")}
    if done:
        derive["late"] = f"{workdays.idx_sql('f.pship', f'f.{done}')} - ({start_idx} + f.amount)"
    return derive


def _due_phrase(start_words: str, start: str) -> str:
    """'due 2 April 2019 (1 working day from referral 1 April 2019)'."""
    return (
        f"'due ' || {_day('f.due')} || ' (' || {_days('f.amount')} || "
        f"{_literal(f' from {start_words} ')} || {_day(f'f.{start}')} || ')'"
    )


OUTSIDE_CALENDAR = f"{_literal('The dates fall outside the working-day calendar (2000 onwards)')}"


# --- the checks -------------------------------------------------------------------------------


@check("decision_within", params={"clock": None}, required={"clock"})
def decision_within(involvements, *, params, rule=None) -> Findings:
    """A MASH decision is recorded for the child within the clock from the referral."""
    workdays.ensure_working_days()
    facts = _base(involvements).values(
        "id",
        "incident_id",
        "pship",
        referral=TruncDate("mash_received_at"),
        decided=_first_decision(),
        amount=_clock_amount(params["clock"]),
    )
    due = _due_phrase("referral", "referral")
    return Findings(
        facts=facts,
        derive=_clock_derive("referral", "decided"),
        result=f"""CASE
            WHEN f.referral IS NULL THEN '{NOT_APPLICABLE}'
            WHEN f.due IS NULL THEN '{NEEDS_JUDGEMENT}'
            WHEN f.decided IS NULL AND f.due >= {_today()} THEN '{NOT_APPLICABLE}'
            WHEN f.decided IS NULL THEN '{NOT_MET}'
            WHEN f.late IS NULL THEN '{NEEDS_JUDGEMENT}'
            WHEN f.decided <= f.due THEN '{MET}'
            ELSE '{NOT_MET}' END""",
        evidence=f"""CASE
            WHEN f.referral IS NULL THEN 'No referral to the MASH is recorded for this child'
            WHEN f.due IS NULL OR (f.decided IS NOT NULL AND f.late IS NULL)
                THEN {OUTSIDE_CALENDAR}
            WHEN f.decided IS NULL AND f.due >= {_today()}
                THEN 'No decision yet; not yet ' || {due}
            WHEN f.decided IS NULL THEN 'No MASH decision is recorded; it was ' || {due}
            WHEN f.decided <= f.due THEN 'Decision recorded ' || {_day("f.decided")} || ', ' || {due}
            ELSE 'Decision recorded ' || {_day("f.decided")} || ', ' || {due} || ': '
                || {_days("f.late")} || ' late' END""",
    )


@check("every_child_considered")
def every_child_considered(involvements, *, params, rule=None) -> Findings:
    """Every child in the incident has their own decision or recorded outcome."""
    facts = _base(involvements).values(
        "id",
        "incident_id",
        "role",
        "report_outcome",
        has_outcome=Case(When(~Q(outcome=""), then=V(True)), default=V(False)),
        decided=_first_decision(),
        decision=_first_decision("outcome"),
    )
    return Findings(
        facts=facts,
        result=f"""CASE WHEN f.decided IS NOT NULL OR f.report_outcome <> '' OR f.has_outcome
            THEN '{MET}' ELSE '{NOT_MET}' END""",
        evidence=f"""CASE
            WHEN f.decided IS NOT NULL THEN 'MASH decision for this child: '
                || {_label("f.decision", DecisionOutcome)} || ', ' || {_day("f.decided")}
            WHEN f.report_outcome <> '' THEN 'Outcome of the report recorded: '
                || {_label("f.report_outcome", ReportOutcome)}
            WHEN f.has_outcome THEN 'An outcome is recorded for this child'
            ELSE 'No MASH decision or outcome is recorded for this child ('
                || lower({_label("f.role", InvolvementRole)}) || ')' END""",
    )


def _kind_label(kind: str) -> str:
    return AgencyKind(kind).label


@check(
    "strategy_discussion_held",
    params={"agencies": frozenset(AgencyKind.values)},
    required={"agencies"},
)
def strategy_discussion_held(involvements, *, params, rule=None) -> Findings:
    """A strategy discussion was held for the child, with every named agency present."""
    kinds = list(dict.fromkeys(params["agencies"]))
    discussions = StrategyDiscussion.objects.filter(involvements=OuterRef("pk")).order_by(
        "-held_on", "-pk"
    )
    with_all = discussions
    for kind in kinds:
        with_all = with_all.filter(
            Exists(StrategyAttendee.objects.filter(discussion=OuterRef("pk"), agency__kind=kind))
        )
    needed = Exists(
        Decision.objects.filter(involvement=OuterRef("pk"), outcome=DecisionOutcome.STRATEGY)
    ) | Exists(Section47Enquiry.objects.filter(involvement=OuterRef("pk")))
    facts = _base(involvements).values(
        "id",
        "incident_id",
        needed=needed,
        held_ok=_only_if(needed, Subquery(with_all.values("held_on")[:1])),
        latest=_only_if(needed, Subquery(discussions.values("pk")[:1])),
        latest_on=_only_if(needed, Subquery(discussions.values("held_on")[:1])),
    )
    attendee, agency = StrategyAttendee._meta.db_table, Agency._meta.db_table
    missing = [
        f"CASE WHEN NOT EXISTS (SELECT 1 FROM {attendee} a JOIN {agency} g ON g.id = a.agency_id"
        f" WHERE a.discussion_id = f.latest AND g.kind = {_literal(k)})"
        f" THEN {_literal(_kind_label(k))} END"
        for k in kinds
    ]
    present = ", ".join(_kind_label(k) for k in kinds)
    return Findings(
        facts=facts,
        result=f"""CASE WHEN NOT f.needed THEN '{NOT_APPLICABLE}'
            WHEN f.held_ok IS NOT NULL THEN '{MET}' ELSE '{NOT_MET}' END""",
        evidence=f"""CASE
            WHEN NOT f.needed
                THEN 'No strategy discussion or section 47 decision for this child'
            WHEN f.held_ok IS NOT NULL THEN 'Strategy discussion ' || {_day("f.held_ok")}
                || ' with ' || {_literal(present)} || ' present'
            WHEN f.latest IS NOT NULL THEN 'Strategy discussion ' || {_day("f.latest_on")}
                || ' without: ' || {_join(missing, ", ")}
            ELSE 'A strategy discussion or section 47 enquiry was decided, but no strategy '
                || 'discussion is recorded for this child' END""",
    )


@check(
    "police_informed",
    params={"forms": frozenset(SexualViolenceKind.values)},
    required={"forms"},
)
def police_informed(involvements, *, params, rule=None) -> Findings:
    """Police were informed of an alleged rape, assault by penetration or sexual assault."""
    forms = list(dict.fromkeys(params["forms"]))
    alleged = {
        f"sv{i}": Case(
            When(incident__sexual_violence_kinds__contains=[form], then=V(True)), default=V(False)
        )
        for i, form in enumerate(forms)
    }
    police = PoliceInvestigation.objects.filter(
        involvement__incident_id=OuterRef("incident_id")
    ).order_by("pk")
    any_form = Q(incident__sexual_violence_kinds__overlap=forms)
    facts = _base(involvements).values(
        "id",
        "incident_id",
        referred=F("incident__referred_to_police"),
        crime_ref=_only_if(any_form, Subquery(police.values("crime_reference")[:1])),
        investigated=_only_if(any_form, Exists(police)),
        police_decided=_only_if(any_form, _first_decision(outcome=DecisionOutcome.POLICE)),
        **alleged,
    )
    any_alleged = " OR ".join(f"f.sv{i}" for i in range(len(forms)))
    alleged_text = _join(
        [
            f"CASE WHEN f.sv{i} THEN {_literal(SexualViolenceKind(form).label.lower())} END"
            for i, form in enumerate(forms)
        ],
        ", ",
    )
    return Findings(
        facts=facts,
        result=f"""CASE WHEN NOT ({any_alleged}) THEN '{NOT_APPLICABLE}'
            WHEN f.investigated OR f.referred OR f.police_decided IS NOT NULL THEN '{MET}'
            ELSE '{NOT_MET}' END""",
        evidence=f"""CASE
            WHEN NOT ({any_alleged}) THEN 'The incident alleges none of: '
                || {_literal(", ".join(SexualViolenceKind(f).label.lower() for f in forms))}
            WHEN f.investigated THEN 'Alleged ' || {alleged_text}
                || ': police investigation recorded'
                || CASE WHEN f.crime_ref <> '' THEN ', crime reference ' || f.crime_ref ELSE '' END
            WHEN f.referred THEN 'Alleged ' || {alleged_text}
                || ': the incident is recorded as referred to police'
            WHEN f.police_decided IS NOT NULL THEN 'Alleged ' || {alleged_text}
                || ': MASH decision for police investigation ' || {_day("f.police_decided")}
            ELSE 'Alleged ' || {alleged_text} || ': no record that police were informed' END""",
    )


@check(
    "plan_in_place",
    params={"kinds": frozenset(PlanKind.values), "reviewed": None},
    required={"kinds"},
)
def plan_in_place(involvements, *, params, rule=None) -> Findings:
    """The child has each named plan, and (when asked) each has been reviewed when due."""
    kinds = list(dict.fromkeys(params["kinds"]))
    reviewed = bool(params.get("reviewed", False))
    columns = {}
    for i, kind in enumerate(kinds):
        plans = Plan.objects.filter(involvement=OuterRef("pk"), kind=kind).order_by(
            "-agreed_on", "-pk"
        )
        columns[f"p{i}"] = Subquery(plans.values("agreed_on")[:1])
        columns[f"r{i}"] = Subquery(
            PlanReview.objects.filter(plan__involvement=OuterRef("pk"), plan__kind=kind)
            .order_by("-reviewed_on")
            .values("reviewed_on")[:1]
        )
        columns[f"n{i}"] = Subquery(plans.values("next_review_on")[:1])
    facts = _base(involvements).values("id", "incident_id", **columns)
    today = _today()
    ok, parts = [], []
    for i, kind in enumerate(kinds):
        label = _literal(PlanKind(kind).label)
        review_ok = f"(f.r{i} IS NOT NULL OR f.n{i} IS NULL OR f.n{i} >= {today})"
        ok.append(f"(f.p{i} IS NOT NULL" + (f" AND {review_ok})" if reviewed else ")"))
        parts.append(
            f"CASE WHEN f.p{i} IS NULL THEN 'No ' || lower({label}) ELSE {label} || ' agreed ' "
            f"|| {_day(f'f.p{i}')} || CASE WHEN f.r{i} IS NOT NULL THEN ', reviewed ' "
            f"|| {_day(f'f.r{i}')} WHEN f.n{i} IS NULL THEN ', closed' "
            f"WHEN f.n{i} >= {today} THEN ', first review due ' || {_day(f'f.n{i}')} "
            f"ELSE ', not reviewed (review was due ' || {_day(f'f.n{i}')} || ')' END END"
        )
    return Findings(
        facts=facts,
        result=f"CASE WHEN {' AND '.join(ok)} THEN '{MET}' ELSE '{NOT_MET}' END",
        evidence=_join(parts),
    )


HARMED_OTHERS = (InvolvementRole.HARMED_OTHERS, InvolvementRole.BOTH)


@check("hsb_assessed", params={"tools": frozenset(HsbTool.values)}, required={"tools"})
def hsb_assessed(involvements, *, params, rule=None) -> Findings:
    """A child who allegedly harmed others had a harmful sexual behaviour assessment with a
    recognised tool."""
    tools = list(dict.fromkeys(params["tools"]))
    assessments = HsbAssessment.objects.filter(involvement=OuterRef("pk"), tool__in=tools).order_by(
        "-assessed_on", "-pk"
    )
    facts = _base(involvements).values(
        "id",
        "incident_id",
        applies=Case(When(role__in=HARMED_OTHERS, then=V(True)), default=V(False)),
        assessed_on=Subquery(assessments.values("assessed_on")[:1]),
        tool=Subquery(assessments.values("tool")[:1], output_field=CharField()),
    )
    names = ", ".join(HsbTool(t).label for t in tools)
    return Findings(
        facts=facts,
        result=f"""CASE WHEN NOT f.applies THEN '{NOT_APPLICABLE}'
            WHEN f.assessed_on IS NOT NULL THEN '{MET}' ELSE '{NOT_MET}' END""",
        evidence=f"""CASE
            WHEN NOT f.applies THEN 'The child is not recorded as having harmed others'
            WHEN f.assessed_on IS NOT NULL THEN {_label("f.tool", HsbTool)} || ' assessment '
                || {_day("f.assessed_on")}
            ELSE 'No harmful sexual behaviour assessment recorded with: ' || {_literal(names)}
            END""",
    )


@check("views_recorded")
def views_recorded(involvements, *, params, rule=None) -> Findings:
    """The child's views and wishes are recorded."""
    facts = _base(involvements).values(
        "id",
        "incident_id",
        has_views=Case(When(~Q(views_and_wishes=""), then=V(True)), default=V(False)),
    )
    return Findings(
        facts=facts,
        result=f"CASE WHEN f.has_views THEN '{MET}' ELSE '{NOT_MET}' END",
        evidence="""CASE WHEN f.has_views THEN 'The child''s views and wishes are recorded'
            ELSE 'No views and wishes are recorded for this child' END""",
    )


@check("outcome_recorded")
def outcome_recorded(involvements, *, params, rule=None) -> Findings:
    """The outcome of the report is recorded for the child."""
    facts = _base(involvements).values(
        "id",
        "incident_id",
        "report_outcome",
        has_outcome=Case(When(~Q(outcome=""), then=V(True)), default=V(False)),
    )
    return Findings(
        facts=facts,
        result=f"""CASE WHEN f.report_outcome <> '' OR f.has_outcome THEN '{MET}'
            ELSE '{NOT_MET}' END""",
        evidence=f"""CASE
            WHEN f.report_outcome <> '' THEN 'Outcome of the report: '
                || {_label("f.report_outcome", ReportOutcome)}
                || CASE WHEN f.has_outcome THEN ', with a note of the outcome' ELSE '' END
            WHEN f.has_outcome THEN 'A note of the outcome is recorded (no outcome category)'
            ELSE 'No outcome is recorded for this child' END""",
    )


NO_ASSESSMENT_DATE = "no assessment completion date is recorded in Cairn"


@check("assessment_within", params={"clock": None}, required={"clock"})
def assessment_within(involvements, *, params, rule=None) -> Findings:
    """The child and family assessment was completed within the clock from the referral.

    Cairn records an assessment's dates on the child's section 47 enquiry; a child and family
    assessment decided without a section 47 enquiry has no completion date in Cairn, so that
    case needs a person's judgement.
    """
    workdays.ensure_working_days()
    facts = _base(involvements).values(
        "id",
        "incident_id",
        "pship",
        referral=TruncDate("mash_received_at"),
        decided=_first_decision(outcome__in=[DecisionOutcome.ASSESSMENT, DecisionOutcome.STRATEGY]),
        s47=F("section47__id"),
        started=F("section47__assessment_started_on"),
        completed=F("section47__assessment_completed_on"),
        amount=_clock_amount(params["clock"]),
    )
    due = _due_phrase("referral", "referral")
    return Findings(
        facts=facts,
        derive=_clock_derive("referral", "completed"),
        result=f"""CASE
            WHEN f.decided IS NULL AND f.s47 IS NULL THEN '{NOT_APPLICABLE}'
            WHEN f.referral IS NULL THEN '{NEEDS_JUDGEMENT}'
            WHEN f.due IS NULL THEN '{NEEDS_JUDGEMENT}'
            WHEN f.completed IS NOT NULL AND f.late IS NULL THEN '{NEEDS_JUDGEMENT}'
            WHEN f.completed IS NOT NULL AND f.completed <= f.due THEN '{MET}'
            WHEN f.completed IS NOT NULL THEN '{NOT_MET}'
            WHEN f.s47 IS NOT NULL AND f.due < {_today()} THEN '{NOT_MET}'
            WHEN f.s47 IS NOT NULL THEN '{NOT_APPLICABLE}'
            ELSE '{NEEDS_JUDGEMENT}' END""",
        evidence=f"""CASE
            WHEN f.decided IS NULL AND f.s47 IS NULL
                THEN 'No child and family assessment or section 47 enquiry for this child'
            WHEN f.referral IS NULL THEN 'No referral date is recorded to start the clock'
            WHEN f.due IS NULL OR (f.completed IS NOT NULL AND f.late IS NULL)
                THEN {OUTSIDE_CALENDAR}
            WHEN f.completed IS NOT NULL AND f.completed <= f.due
                THEN 'Assessment (section 47 enquiry) completed ' || {_day("f.completed")}
                || ', ' || {due}
            WHEN f.completed IS NOT NULL
                THEN 'Assessment (section 47 enquiry) completed ' || {_day("f.completed")}
                || ', ' || {due} || ': ' || {_days("f.late")} || ' late'
            WHEN f.s47 IS NOT NULL AND f.due < {_today()}
                THEN 'Section 47 enquiry: no assessment completion date recorded; it was '
                || {due}
            WHEN f.s47 IS NOT NULL THEN 'Assessment not completed yet; ' || {due}
            ELSE {_literal(NO_ASSESSMENT_DATE[0].upper() + NO_ASSESSMENT_DATE[1:])}
                || ' (decided ' || {_day("f.decided")} || '; it was ' || {due} || ')' END""",
    )


@check("icpc_within", params={"clock": None}, required={"clock"})
def icpc_within(involvements, *, params, rule=None) -> Findings:
    """The initial child protection conference was held within the clock from the strategy
    discussion that started the section 47 enquiry."""
    workdays.ensure_working_days()
    facts = _base(involvements).values(
        "id",
        "incident_id",
        "pship",
        s47=F("section47__id"),
        strategy_on=F("section47__strategy_discussion__held_on"),
        icpc=F("section47__icpc_held_on"),
        cp_plan=F("section47__cp_plan"),
        amount=_clock_amount(params["clock"]),
    )
    due = _due_phrase("the strategy discussion of", "strategy_on")
    return Findings(
        facts=facts,
        derive=_clock_derive("strategy_on", "icpc"),
        result=f"""CASE
            WHEN f.s47 IS NULL THEN '{NOT_APPLICABLE}'
            WHEN f.due IS NULL OR (f.icpc IS NOT NULL AND f.late IS NULL)
                THEN '{NEEDS_JUDGEMENT}'
            WHEN f.icpc IS NOT NULL AND f.icpc <= f.due THEN '{MET}'
            WHEN f.icpc IS NOT NULL THEN '{NOT_MET}'
            WHEN f.cp_plan THEN '{NOT_MET}'
            WHEN f.cp_plan = false THEN '{NOT_APPLICABLE}'
            WHEN f.due >= {_today()} THEN '{NOT_APPLICABLE}'
            ELSE '{NEEDS_JUDGEMENT}' END""",
        evidence=f"""CASE
            WHEN f.s47 IS NULL THEN 'No section 47 enquiry for this child'
            WHEN f.due IS NULL OR (f.icpc IS NOT NULL AND f.late IS NULL)
                THEN {OUTSIDE_CALENDAR}
            WHEN f.icpc IS NOT NULL AND f.icpc <= f.due
                THEN 'Initial child protection conference held ' || {_day("f.icpc")} || ', '
                || {due}
            WHEN f.icpc IS NOT NULL
                THEN 'Initial child protection conference held ' || {_day("f.icpc")} || ', '
                || {due} || ': ' || {_days("f.late")} || ' late'
            WHEN f.cp_plan
                THEN 'Child protection plan recorded but no conference date; it was ' || {due}
            WHEN f.cp_plan = false
                THEN 'Section 47 enquiry concluded without a child protection conference'
            WHEN f.due >= {_today()} THEN 'No conference yet; not yet ' || {due}
            ELSE 'Section 47 enquiry with no conference recorded: whether one was needed is '
                || 'for the auditor; it would have been ' || {due} END""",
    )


def describe_all() -> list[Check]:
    """The registry, for the catalogue page."""
    return sorted(CHECKS.values(), key=lambda c: c.name)


__all__ = [
    "CHECKS",
    "Check",
    "Findings",
    "check",
    "describe_all",
    "run_check",
    "validate_params",
]
