"""Benchmark the guidance audit: every automatic rule over N generated incidents, next to the
floor of one full sequential scan of the same tables.

Run by hand:  .venv/bin/python bench/guidance_rules.py [--incidents 1000000] [--keep] [--reuse]
              [--no-write]

It works in a scratch database, ``cairn_bench_guidance``, on the server of ``DATABASE_URL``
(default postgresql://postgres@127.0.0.1:5432/...; never the developer's own database): drops
and creates it, migrates it, and generates the cases with set-based ``INSERT ... SELECT
generate_series`` statements (no ORM loops): per incident two children (harmed; allegedly
harmed others), MASH referral and decision dates spread over 2015-2019 (some late, some over
bank holidays), sexual violence in a fifth of incidents, police investigations, strategy
discussions with attendees, section 47 enquiries with assessment and ICPC dates, plans, plan
reviews and HSB assessments (the statements are in ``bench/_generate.py``, which
``bench/dashboards.py`` shares). Two editions of a guidance library (Working Together 2015 and
2018) hold one rule per check, so the run crosses a change of edition.

Then it prints:

- the floor: ``SELECT count(*)`` of every table the checks read, by sequential scan (index and
  bitmap scans off), summed;
- the checks alone: each rule's check statement over its edition window, counted (no writing);
- the full cohort run, ``audit_run_start``, which also writes every finding (unless
  ``--no-write``).
"""

from __future__ import annotations

import time

from _generate import (  # bench/ is sys.path[0] when this runs as a script
    DECISIONS,
    HSB_ASSESSMENTS,
    INCIDENTS,
    INVOLVEMENTS,
    PEOPLE,
    PLAN_REVIEWS,
    PLANS,
    POLICE_INVESTIGATIONS,
    SECTION47_ENQUIRIES,
    STRATEGY_ATTENDEES,
    STRATEGY_CHILDREN,
    STRATEGY_DISCUSSIONS,
    bench_arguments,
    bench_partnership,
    execute,
    reset_sequences,
    scratch_database,
)

BENCH_DATABASE = "cairn_bench_guidance"

SCANNED_TABLES = [
    "incidents_incident",
    "incidents_involvement",
    "incidents_decision",
    "incidents_strategydiscussion",
    "incidents_strategydiscussion_involvements",
    "incidents_strategyattendee",
    "incidents_section47enquiry",
    "incidents_policeinvestigation",
    "incidents_plan",
    "incidents_planreview",
    "incidents_hsbassessment",
]


# --- generation -------------------------------------------------------------------------------

GENERATE = [
    PEOPLE,
    INCIDENTS,
    INVOLVEMENTS,
    DECISIONS,
    STRATEGY_DISCUSSIONS,
    STRATEGY_CHILDREN,
    STRATEGY_ATTENDEES,
    SECTION47_ENQUIRIES,
    POLICE_INVESTIGATIONS,
    PLANS,
    PLAN_REVIEWS,
    HSB_ASSESSMENTS,
]


def generate(n: int) -> None:
    from datetime import date

    from django.db import connection
    from django.db.backends.postgresql.psycopg_any import DateRange

    from cairn.guidance.checks import CHECKS
    from cairn.guidance.models import (
        GuidanceDocument,
        GuidanceEdition,
        GuidanceLibrary,
        GuidanceRule,
    )

    execute(GENERATE, {"n": n, **bench_partnership()})
    reset_sequences(
        [
            "people_person",
            "incidents_incident",
            "incidents_involvement",
            "incidents_strategydiscussion",
        ]
    )
    library = GuidanceLibrary.objects.create(
        key="bench", title="Bench library", version=1, source_file="bench", sha256="0" * 64
    )
    document = GuidanceDocument.objects.create(library=library, key="wt", title="Working Together")
    params = {
        "decision_within": {"clock": "referral_decision"},
        "strategy_discussion_held": {"agencies": ["local_authority", "police", "school"]},
        "police_informed": {"forms": ["rape", "assault_by_penetration", "sexual_assault"]},
        "plan_in_place": {"kinds": ["risk_and_needs_assessment", "safety_plan"], "reviewed": True},
        "hsb_assessed": {"tools": ["hackett", "brook_traffic_light", "aim3"]},
        "assessment_within": {"clock": "child_and_family_assessment"},
        "icpc_within": {"clock": "icpc"},
    }
    line = 0
    for key, start, end in (
        ("wt2015", date(2015, 3, 26), date(2018, 7, 4)),
        ("wt2018", date(2018, 7, 4), date(2023, 12, 15)),
    ):
        edition = GuidanceEdition.objects.create(
            document=document, key=key, title=key, in_force=DateRange(start, end)
        )
        for name in sorted(CHECKS):
            line += 1
            GuidanceRule.objects.create(
                edition=edition,
                key=name.replace("_", "-"),
                title=name,
                paragraph="bench",
                checks="bench",
                severity="high",
                mode="automatic",
                check_name=name,
                params=params.get(name, {}),
                source_line=line,
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- measuring --------------------------------------------------------------------------------


def floor() -> float:
    """Seconds for one sequential scan of each table the checks read."""
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SET enable_indexscan = off; SET enable_bitmapscan = off;"
            " SET enable_indexonlyscan = off"
        )
        for table in SCANNED_TABLES:
            started = time.perf_counter()
            cursor.execute(f"SELECT count(*) FROM {table}")
            rows = cursor.fetchone()[0]
            took = time.perf_counter() - started
            total += took
            print(f"  seq scan {table:45} {rows:>11,} rows  {took:6.2f} s")
        cursor.execute(
            "RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan"
        )
    return total


def checks_only(partnership) -> tuple[float, int]:
    """Seconds to evaluate every rule over its edition window (counting the rows, not
    writing them), and the number of findings."""
    from django.db import connection, transaction

    from cairn.guidance.checks import no_jit, run_check
    from cairn.guidance.evaluate import _for_rule, guidance_windows
    from cairn.incidents.models import Involvement

    involvements = Involvement.objects.filter(incident__partnership=partnership)
    total, rows = 0.0, 0
    by_check: dict[str, float] = {}
    for window in guidance_windows(partnership=partnership):
        scope = involvements.filter(**window.incidents_q())
        for rule in window.rules:
            started = time.perf_counter()
            sql, params = run_check(
                rule.check_name, _for_rule(scope, rule), params=rule.params, rule=rule
            ).sql()
            with transaction.atomic(), connection.cursor() as cursor:
                no_jit(cursor)
                # every column is used, or PostgreSQL would skip computing the unused ones
                cursor.execute(
                    f"SELECT count(*), sum(length(c.result) + length(c.evidence)) FROM ({sql}) c",
                    params,
                )
                rows += cursor.fetchone()[0]
            took = time.perf_counter() - started
            by_check[rule.check_name] = by_check.get(rule.check_name, 0.0) + took
            total += took
    for name, took in sorted(by_check.items(), key=lambda kv: -kv[1]):
        print(f"  check {name:30} {took:7.2f} s")
    return total, rows


def main() -> None:
    parser = bench_arguments(__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="skip the full audit run")
    args = parser.parse_args()
    with scratch_database(BENCH_DATABASE, args, generate):
        from cairn.accounts.models import Partnership, User
        from cairn.guidance.evaluate import audit_run_start
        from cairn.incidents.models import Incident

        partnership = Partnership.objects.get(short_name="Benchshire")
        n = Incident.objects.filter(partnership=partnership).count()
        print(f"\nFloor: one sequential scan of every table the checks read ({n:,} incidents)")
        scan = floor()
        print(f"  floor total {scan:.2f} s")
        print("\nChecks alone (every rule over its edition window, rows counted, not written)")
        checks, rows = checks_only(partnership)
        print(f"  checks total {checks:.2f} s for {rows:,} findings ({checks / scan:.1f} x floor)")
        if not args.no_write:
            print("\nFull run: audit_run_start, writing every finding")
            started = time.perf_counter()
            run = audit_run_start(
                partnership=partnership,
                incidents=Incident.objects.filter(partnership=partnership),
                title="Benchmark",
                criteria={},
                by=User.objects.get(username="bench@example.test"),
            )
            took = time.perf_counter() - started
            print(
                f"  audit_run_start {took:.2f} s for {run.findings.count():,} findings"
                f" ({took / scan:.1f} x floor)"
            )
        print(
            f"\nSummary: {n:,} incidents; floor {scan:.2f} s; checks {checks:.2f} s"
            + ("" if args.no_write else f"; full run with writes {took:.2f} s")
        )


if __name__ == "__main__":
    main()
