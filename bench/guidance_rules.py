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
reviews and HSB assessments. Two editions of a guidance library (Working Together 2015 and
2018) hold one rule per check, so the run crosses a change of edition.

Then it prints:

- the floor: ``SELECT count(*)`` of every table the checks read, by sequential scan (index and
  bitmap scans off), summed;
- the checks alone: each rule's check statement over its edition window, counted (no writing);
- the full cohort run, ``audit_run_start``, which also writes every finding (unless
  ``--no-write``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BENCH_DATABASE = "cairn_bench_guidance"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

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


def server_urls() -> tuple[str, str]:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if conninfo_to_dict(url).get("dbname") == BENCH_DATABASE:
        sys.exit(f"DATABASE_URL already names {BENCH_DATABASE}: point it at your own server")
    return make_conninfo(url, dbname="postgres"), make_conninfo(url, dbname=BENCH_DATABASE)


def recreate(maintenance_url: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')


# --- generation -------------------------------------------------------------------------------

# Every statement is one INSERT ... SELECT. Incident g (1..N) has involvements 2g-1 (harmed)
# and 2g (allegedly harmed others), for persons with the same ids. hash(g) gives repeatable
# pseudo-random numbers: ((g * prime) % m).
GENERATE = [
    # people: two children per incident
    """INSERT INTO people_person (id, version, created_at, updated_at, given_name, family_name,
        sex, ethnicity, has_send, is_synthetic, partnership_id)
       SELECT g, 1, now(), now(), 'Child', 'Number ' || g, CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F'
       END, '', false, true, %(p)s FROM generate_series(1::bigint, 2 * %(n)s) g""",
    # incidents, reported 2015-06-01 .. 2019-12-31, a fifth with sexual violence
    """INSERT INTO incidents_incident (id, version, created_at, updated_at, reported_at, forms,
        sexual_violence_kinds, online_element, narrative, reporter_role, referral_source,
        referred_to_police, partnership_id, reporting_agency_id)
       SELECT g, 1, now(), now(),
         timestamptz '2015-06-01 09:00+00' + ((g * 7919) %% 1674) * interval '1 day'
           + ((g * 31) %% 9) * interval '1 hour',
         CASE WHEN g %% 5 = 0 THEN ARRAY['sexual_violence'] ELSE ARRAY['sexual_harassment'] END,
         CASE WHEN g %% 5 = 0 THEN ARRAY[(ARRAY['rape', 'assault_by_penetration',
           'sexual_assault'])[1 + (g / 5) %% 3]]::varchar[] ELSE ARRAY[]::varchar[] END,
         g %% 3 = 0, 'Synthetic incident ' || g, '', '2A', g %% 10 = 0, %(p)s, %(school)s
       FROM generate_series(1::bigint, %(n)s) g""",
    # involvements: referral received a few hours after the report for 9 in 10 children
    """INSERT INTO incidents_involvement (id, version, created_at, updated_at, role,
        views_and_wishes, carer_views, vulnerabilities, outcome, restricted, mash_stage, rag,
        incident_id, person_id, report_outcome, mash_received_at)
       SELECT i.id * 2 - k, 1, now(), now(),
         CASE WHEN k = 1 THEN 'harmed' ELSE 'harmed_others' END,
         CASE WHEN (i.id + k) %% 10 < 7 THEN 'Synthetic views.' ELSE '' END, '', '',
         CASE WHEN (i.id + k) %% 4 = 0 THEN 'Synthetic outcome.' ELSE '' END, false, 'decided',
         '', i.id, i.id * 2 - k,
         CASE WHEN (i.id + k) %% 2 = 0 THEN 'substantiated' ELSE '' END,
         CASE WHEN (i.id * 13 + k) %% 10 = 0 THEN NULL ELSE i.reported_at + interval '2 hours' END
       FROM incidents_incident i CROSS JOIN (VALUES (0), (1)) AS ks(k)""",
    # decisions: 0-3 days after the referral for 17 in 20 referred children
    """INSERT INTO incidents_decision (version, created_at, updated_at, outcome, reasons,
        decided_at, decided_by_id, involvement_id)
       SELECT 1, now(), now(),
         (ARRAY['nfa', 'universal', 'early_help', 'assessment', 'strategy', 'police',
                'school_support'])[1 + (v.id * 37) %% 7],
         'Synthetic.', v.mash_received_at + ((v.id * 17) %% 4) * interval '1 day'
           + interval '3 hours', %(user)s, v.id
       FROM incidents_involvement v
       WHERE v.mash_received_at IS NOT NULL AND (v.id * 7) %% 20 <> 0""",
    # strategy discussions for children with a strategy decision (one per child)
    """INSERT INTO incidents_strategydiscussion (id, version, created_at, updated_at, held_on,
        outcome, outcome_notes, chaired_by_id, incident_id, recorded_by_id)
       SELECT d.involvement_id, 1, now(), now(), (d.decided_at + interval '1 day')::date, 's47',
         '', %(user)s, v.incident_id, %(user)s
       FROM incidents_decision d JOIN incidents_involvement v ON v.id = d.involvement_id
       WHERE d.outcome = 'strategy'""",
    """INSERT INTO incidents_strategydiscussion_involvements (strategydiscussion_id,
        involvement_id) SELECT id, id FROM incidents_strategydiscussion""",
    # attendees: social care always, police in 4 of 5, the school in 3 of 5
    """INSERT INTO incidents_strategyattendee (discussion_id, agency_id, name, role)
       SELECT s.id, a.agency, 'Attendee', '' FROM incidents_strategydiscussion s
       CROSS JOIN (VALUES (%(la)s, 5), (%(police)s, 4), (%(school)s, 3)) AS a(agency, upto)
       WHERE (s.id * 11) %% 5 < a.upto""",
    # section 47 enquiries with assessment and ICPC dates, some late, some missing
    """INSERT INTO incidents_section47enquiry (version, created_at, updated_at, started_on,
        category_of_abuse, involvement_id, strategy_discussion_id, assessment_started_on,
        assessment_completed_on, icpc_held_on, cp_plan)
       SELECT 1, now(), now(), s.held_on, '', s.id, s.id, s.held_on,
         CASE WHEN s.id %% 5 <> 0 THEN s.held_on + ((s.id * 3) %% 70)::int END,
         CASE WHEN s.id %% 3 <> 0 THEN s.held_on + ((s.id * 7) %% 28)::int END,
         CASE WHEN s.id %% 3 <> 0 THEN true END
       FROM incidents_strategydiscussion s""",
    # police investigations for one child in ten
    """INSERT INTO incidents_policeinvestigation (version, created_at, updated_at,
        crime_reference, offence_code, outcome, sgii_category, police_role, bail_conditions,
        involvement_id)
       SELECT 1, now(), now(), 'CR/' || v.id, '', 'ongoing', 'n/a',
         CASE WHEN v.role = 'harmed' THEN 'victim' ELSE 'suspect' END, '', v.id
       FROM incidents_involvement v WHERE (v.id * 3) %% 10 = 0""",
    # plans: a safety plan for two children in five, a risk assessment for one in three
    """INSERT INTO incidents_plan (version, created_at, updated_at, kind, victim_support,
        alleged_perpetrator, other_children, time_and_place, summary, agreed_on, status,
        involvement_id, owner_agency_id, owner_user_id, recorded_by_id, next_review_on)
       SELECT 1, now(), now(), k.kind, '', '', '', '', 'Synthetic plan.',
         v.mash_received_at::date + 2, 'active', v.id, %(school)s, %(user)s, %(user)s,
         v.mash_received_at::date + 30
       FROM incidents_involvement v
       JOIN (VALUES ('safety_plan', 5, 2), ('risk_and_needs_assessment', 3, 1)) AS k(kind, m, r)
         ON (v.id * 7) %% k.m < k.r
       WHERE v.mash_received_at IS NOT NULL""",
    """INSERT INTO incidents_planreview (plan_id, reviewed_on, by_id, notes, closed_plan,
        created_at) SELECT p.id, p.next_review_on, %(user)s, 'Reviewed.', false, now()
       FROM incidents_plan p WHERE p.id %% 2 = 0""",
    # HSB assessments for half of the children who allegedly harmed others
    """INSERT INTO incidents_hsbassessment (version, created_at, updated_at, tool, assessed_on,
        assessor_id, hackett_category, traffic_light, tlt_age_band, aim3_assessor_name,
        aim3_domains_summary, aim3_formulation, aim3_supervision_level, notes, involvement_id)
       SELECT 1, now(), now(), 'hackett', i.reported_at::date + 10, %(user)s, 'problematic',
         '', '', '', '', '', '', '', i.id * 2 FROM incidents_incident i WHERE i.id %% 2 = 0""",
]


def generate(n: int) -> None:
    from datetime import date

    from django.db import connection
    from django.db.backends.postgresql.psycopg_any import DateRange

    from cairn.accounts.choices import AgencyKind, Role
    from cairn.accounts.models import Agency, Partnership, User
    from cairn.guidance.checks import CHECKS
    from cairn.guidance.models import (
        GuidanceDocument,
        GuidanceEdition,
        GuidanceLibrary,
        GuidanceRule,
    )

    p = Partnership.objects.create(name="Benchshire Partnership", short_name="Benchshire")
    agencies = {
        kind: Agency.objects.create(partnership=p, name=f"Bench {kind}", kind=kind)
        for kind in (AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.SCHOOL)
    }
    user = User.objects.create(
        username="bench@example.test",
        email="bench@example.test",
        agency=agencies[AgencyKind.LOCAL_AUTHORITY],
        roles=[Role.AUDITOR],
    )
    values = {
        "p": p.pk,
        "n": n,
        "la": agencies[AgencyKind.LOCAL_AUTHORITY].pk,
        "police": agencies[AgencyKind.POLICE].pk,
        "school": agencies[AgencyKind.SCHOOL].pk,
        "user": user.pk,
    }
    with connection.cursor() as cursor:
        for sql in GENERATE:
            started = time.perf_counter()
            cursor.execute(sql, values)
            table = sql.split()[2]
            print(
                f"  {table:45} {cursor.rowcount:>11,} rows  {time.perf_counter() - started:6.1f} s"
            )
        for table in (
            "people_person",
            "incidents_incident",
            "incidents_involvement",
            "incidents_strategydiscussion",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept scratch database")
    parser.add_argument("--no-write", action="store_true", help="skip the full audit run")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    maintenance_url, bench_url = server_urls()
    if not args.reuse:
        recreate(maintenance_url)
    os.environ["DATABASE_URL"] = bench_url  # before Django reads its settings
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from cairn.accounts.models import Partnership, User
    from cairn.guidance.evaluate import audit_run_start
    from cairn.incidents.models import Incident

    try:
        if not args.reuse:
            call_command("migrate", verbosity=0)
            print(f"Generating {args.incidents:,} incidents in {BENCH_DATABASE}:")
            started = time.perf_counter()
            generate(args.incidents)
            print(f"  generated in {time.perf_counter() - started:.1f} s")
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
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate(maintenance_url, drop_only=True)


if __name__ == "__main__":
    main()
