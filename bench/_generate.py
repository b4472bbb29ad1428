"""What the benchmarks that generate incidents share: the scratch database, a partnership with
its agencies and a user, and the set-based statements of the guidance cohort.

Each bench imports this module by name (``from _generate import ...``): run as a script,
``bench/`` is the first entry of ``sys.path``.

The statements are ``INSERT ... SELECT`` (no ORM loops), run with the parameters ``execute``
is given: ``n`` (incidents), ``p`` (the partnership), ``la``, ``police``, ``school`` (agencies)
and ``user``, on top of ``DEFAULTS``. Incident g (1..N) has involvements 2g-1 (harmed) and 2g
(allegedly harmed others), for persons with the same ids. hash(g) gives repeatable
pseudo-random numbers: ((g * prime) % m).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def server_urls(database: str) -> tuple[str, str]:
    """(maintenance URL, scratch database URL) on the server of ``DATABASE_URL``."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if conninfo_to_dict(url).get("dbname") == database:
        sys.exit(f"DATABASE_URL already names {database}: point it at your own server")
    return make_conninfo(url, dbname="postgres"), make_conninfo(url, dbname=database)


def recreate(maintenance_url: str, database: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{database}"')


def bench_arguments(description: str) -> argparse.ArgumentParser:
    """The options every generating bench takes: --incidents, --keep, --reuse."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept scratch database")
    return parser


@contextmanager
def scratch_database(
    database: str, args: argparse.Namespace, generate: Callable[[int], None]
) -> Iterator[None]:
    """Django on a scratch database of the ``DATABASE_URL`` server: made afresh, migrated and
    filled by ``generate(args.incidents)`` (unless ``args.reuse``), dropped when the bench
    ends (unless ``args.keep``)."""
    sys.path.insert(0, str(ROOT))
    maintenance_url, bench_url = server_urls(database)
    if not args.reuse:
        recreate(maintenance_url, database)
    os.environ["DATABASE_URL"] = bench_url  # before Django reads its settings
    os.environ.setdefault("CAIRN_DEBUG", "0")  # as in production: no query log kept
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    import django
    from django.core.management import call_command

    django.setup()
    try:
        if not args.reuse:
            call_command("migrate", verbosity=0)
            print(f"Generating {args.incidents:,} incidents in {database}:")
            started = time.perf_counter()
            generate(args.incidents)
            print(f"  generated in {time.perf_counter() - started:.1f} s")
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate(maintenance_url, database, drop_only=True)


# --- the guidance cohort ----------------------------------------------------------------------

# Array parameters with a default here pick a value per row, ``(array)[1 + hash % length]``:
# a bench passes a longer list (repeats weigh a value) to vary the column.
DEFAULTS = {
    # with (i.id + k) % 2: substantiated for one child in two, nothing recorded for the other
    "report_outcomes": ["substantiated", ""],
    "plan_statuses": ["active"],
}

# people: two children per incident
PEOPLE = """INSERT INTO people_person (id, version, created_at, updated_at, given_name, family_name,
    sex, ethnicity, has_send, is_synthetic, partnership_id)
   SELECT g, 1, now(), now(), 'Child', 'Number ' || g, CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F'
   END, '', false, true, %(p)s FROM generate_series(1::bigint, 2 * %(n)s) g"""

# incidents, reported 2015-06-01 .. 2019-12-31, a fifth with sexual violence
INCIDENTS = """INSERT INTO incidents_incident (id, version, created_at, updated_at, reported_at, forms,
    sexual_violence_kinds, online_element, narrative, reporter_role, referral_source,
    referred_to_police, partnership_id, reporting_agency_id)
   SELECT g, 1, now(), now(),
     timestamptz '2015-06-01 09:00+00' + ((g * 7919) %% 1674) * interval '1 day'
       + ((g * 31) %% 9) * interval '1 hour',
     CASE WHEN g %% 5 = 0 THEN ARRAY['sexual_violence'] ELSE ARRAY['sexual_harassment'] END,
     CASE WHEN g %% 5 = 0 THEN ARRAY[(ARRAY['rape', 'assault_by_penetration',
       'sexual_assault'])[1 + (g / 5) %% 3]]::varchar[] ELSE ARRAY[]::varchar[] END,
     g %% 3 = 0, 'Synthetic incident ' || g, '', '2A', g %% 10 = 0, %(p)s, %(school)s
   FROM generate_series(1::bigint, %(n)s) g"""

# involvements: referral received a few hours after the report for 9 in 10 children
INVOLVEMENTS = """INSERT INTO incidents_involvement (id, version, created_at, updated_at, role,
    views_and_wishes, carer_views, vulnerabilities, outcome, restricted, mash_stage, rag,
    incident_id, person_id, report_outcome, mash_received_at)
   SELECT i.id * 2 - k, 1, now(), now(),
     CASE WHEN k = 1 THEN 'harmed' ELSE 'harmed_others' END,
     CASE WHEN (i.id + k) %% 10 < 7 THEN 'Synthetic views.' ELSE '' END, '', '',
     CASE WHEN (i.id + k) %% 4 = 0 THEN 'Synthetic outcome.' ELSE '' END, false, 'decided',
     '', i.id, i.id * 2 - k,
     (%(report_outcomes)s::varchar[])[1 + (i.id + k) %% cardinality(%(report_outcomes)s::varchar[])],
     CASE WHEN (i.id * 13 + k) %% 10 = 0 THEN NULL ELSE i.reported_at + interval '2 hours' END
   FROM incidents_incident i CROSS JOIN (VALUES (0), (1)) AS ks(k)"""

# decisions: 0-3 days after the referral for 17 in 20 referred children
DECISIONS = """INSERT INTO incidents_decision (version, created_at, updated_at, outcome, reasons,
    decided_at, decided_by_id, involvement_id)
   SELECT 1, now(), now(),
     (ARRAY['nfa', 'universal', 'early_help', 'assessment', 'strategy', 'police',
            'school_support'])[1 + (v.id * 37) %% 7],
     'Synthetic.', v.mash_received_at + ((v.id * 17) %% 4) * interval '1 day'
       + interval '3 hours', %(user)s, v.id
   FROM incidents_involvement v
   WHERE v.mash_received_at IS NOT NULL AND (v.id * 7) %% 20 <> 0"""

# strategy discussions for children with a strategy decision (one per child)
STRATEGY_DISCUSSIONS = """INSERT INTO incidents_strategydiscussion (id, version, created_at,
    updated_at, held_on, outcome, outcome_notes, chaired_by_id, incident_id, recorded_by_id)
   SELECT d.involvement_id, 1, now(), now(), (d.decided_at + interval '1 day')::date, 's47',
     '', %(user)s, v.incident_id, %(user)s
   FROM incidents_decision d JOIN incidents_involvement v ON v.id = d.involvement_id
   WHERE d.outcome = 'strategy'"""

STRATEGY_CHILDREN = """INSERT INTO incidents_strategydiscussion_involvements (strategydiscussion_id,
    involvement_id) SELECT id, id FROM incidents_strategydiscussion"""

# attendees: social care always, police in 4 of 5, the school in 3 of 5
STRATEGY_ATTENDEES = """INSERT INTO incidents_strategyattendee (discussion_id, agency_id, name, role)
   SELECT s.id, a.agency, 'Attendee', '' FROM incidents_strategydiscussion s
   CROSS JOIN (VALUES (%(la)s, 5), (%(police)s, 4), (%(school)s, 3)) AS a(agency, upto)
   WHERE (s.id * 11) %% 5 < a.upto"""

# section 47 enquiries with assessment and ICPC dates, some late, some missing
SECTION47_ENQUIRIES = """INSERT INTO incidents_section47enquiry (version, created_at, updated_at,
    started_on, category_of_abuse, involvement_id, strategy_discussion_id, assessment_started_on,
    assessment_completed_on, icpc_held_on, cp_plan)
   SELECT 1, now(), now(), s.held_on, '', s.id, s.id, s.held_on,
     CASE WHEN s.id %% 5 <> 0 THEN s.held_on + ((s.id * 3) %% 70)::int END,
     CASE WHEN s.id %% 3 <> 0 THEN s.held_on + ((s.id * 7) %% 28)::int END,
     CASE WHEN s.id %% 3 <> 0 THEN true END
   FROM incidents_strategydiscussion s"""

# police investigations for one child in ten
POLICE_INVESTIGATIONS = """INSERT INTO incidents_policeinvestigation (version, created_at,
    updated_at, crime_reference, offence_code, outcome, sgii_category, police_role,
    bail_conditions, involvement_id)
   SELECT 1, now(), now(), 'CR/' || v.id, '', 'ongoing', 'n/a',
     CASE WHEN v.role = 'harmed' THEN 'victim' ELSE 'suspect' END, '', v.id
   FROM incidents_involvement v WHERE (v.id * 3) %% 10 = 0"""

# plans: a safety plan for two children in five, a risk assessment for one in three
PLANS = """INSERT INTO incidents_plan (version, created_at, updated_at, kind, victim_support,
    alleged_perpetrator, other_children, time_and_place, summary, agreed_on, status,
    involvement_id, owner_agency_id, owner_user_id, recorded_by_id, next_review_on)
   SELECT 1, now(), now(), k.kind, '', '', '', '', 'Synthetic plan.',
     v.mash_received_at::date + 2,
     (%(plan_statuses)s::varchar[])[1 + (v.id * 11) %% cardinality(%(plan_statuses)s::varchar[])],
     v.id, %(school)s, %(user)s, %(user)s, v.mash_received_at::date + 30
   FROM incidents_involvement v
   JOIN (VALUES ('safety_plan', 5, 2), ('risk_and_needs_assessment', 3, 1)) AS k(kind, m, r)
     ON (v.id * 7) %% k.m < k.r
   WHERE v.mash_received_at IS NOT NULL"""

PLAN_REVIEWS = """INSERT INTO incidents_planreview (plan_id, reviewed_on, by_id, notes, closed_plan,
    created_at) SELECT p.id, p.next_review_on, %(user)s, 'Reviewed.', false, now()
   FROM incidents_plan p WHERE p.id %% 2 = 0"""

# HSB assessments for half of the children who allegedly harmed others
HSB_ASSESSMENTS = """INSERT INTO incidents_hsbassessment (version, created_at, updated_at, tool,
    assessed_on, assessor_id, hackett_category, traffic_light, tlt_age_band, aim3_assessor_name,
    aim3_domains_summary, aim3_formulation, aim3_supervision_level, notes, involvement_id)
   SELECT 1, now(), now(), 'hackett', i.reported_at::date + 10, %(user)s, 'problematic',
     '', '', '', '', '', '', '', i.id * 2 FROM incidents_incident i WHERE i.id %% 2 = 0"""


def bench_partnership() -> dict:
    """The Benchshire partnership, its council, police force and a school, and an auditor:
    the parameters every statement may use (all but ``n``)."""
    from cairn.accounts.choices import AgencyKind, Role
    from cairn.accounts.models import Agency, Partnership, User

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
    return {
        "p": p.pk,
        "la": agencies[AgencyKind.LOCAL_AUTHORITY].pk,
        "police": agencies[AgencyKind.POLICE].pk,
        "school": agencies[AgencyKind.SCHOOL].pk,
        "user": user.pk,
    }


def execute(statements: list[str], values: dict) -> None:
    """Run each statement with ``DEFAULTS`` and ``values``, printing its table, rows and time."""
    from django.db import connection

    values = DEFAULTS | values
    with connection.cursor() as cursor:
        for sql in statements:
            started = time.perf_counter()
            cursor.execute(sql, values)
            words = sql.split()
            table = words[2] if words[0] == "INSERT" else words[1]
            print(
                f"  {table:45} {cursor.rowcount:>11,} rows  {time.perf_counter() - started:6.1f} s"
            )


def reset_sequences(tables: list[str]) -> None:
    """After rows inserted with explicit ids: the next id of each table follows the largest."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
