"""Benchmark the insight dashboards: each dashboard, the context map and the peer network over N
generated incidents, p50 and p95 per dashboard and filter.

Run by hand:  .venv/bin/python bench/dashboards.py [--incidents 1000000] [--repeats 20] [--keep]
              [--reuse]

It works in a scratch database, ``cairn_bench_dashboards``, on the server of ``DATABASE_URL``
(default postgresql://postgres@127.0.0.1:5432/...; never the developer's own database): drops
and creates it, migrates it, and generates the cases with set-based ``INSERT ... SELECT
generate_series`` statements (no ORM loops; the guidance bench's statements from
``bench/_generate.py`` for involvements, MASH decisions, strategy discussions, section 47
enquiries and plans). Incidents are reported over the seven years up to yesterday, so that the
dashboards' default period (the last twelve whole months) holds a seventh of them, with one to
two of the nine forms of abuse; two children per incident, a third in three incidents in ten
and a fourth in one in sixteen: a child from an incident a few weeks or months earlier, so that
some children are in several incidents, in varied roles. Children have a sex, an ethnicity, a
date of birth, SEND, a school (60 schools) and a current address in one of 12 towns (some a
previous one too); incidents are linked to contexts (the school, neighbourhood places, online
spaces on 16 platforms, peer groups); actions and plans in every state.

Then, one warm-up and ``--repeats`` timed runs of each:

- every dashboard of ``DASHBOARDS`` (``dashboard_for``) for a case-level viewer (a MASH manager:
  exact figures) and an analyst (disclosure-controlled), over the default period, and for the
  analyst over last calendar year in the largest town;
- the CSV download (``views.dashboard_csv``, the analyst, default period), which also lists the
  towns (``areas_of``) as every dashboard page does;
- the context map and the peer network (``cairn.insights.networks``, case-level only).
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, date, datetime, timedelta

from _generate import (  # bench/ is sys.path[0] when this runs as a script
    DECISIONS,
    INVOLVEMENTS,
    PLANS,
    SECTION47_ENQUIRIES,
    STRATEGY_CHILDREN,
    STRATEGY_DISCUSSIONS,
    bench_arguments,
    bench_partnership,
    execute,
    reset_sequences,
    scratch_database,
)

BENCH_DATABASE = "cairn_bench_dashboards"
YEARS = 7  # incidents are reported over the seven years up to yesterday


# --- vocabularies, weighted (a value repeated n times is n times as likely) ---------------------


def weighted(pairs: list[tuple[object, int]]) -> list:
    return [value for value, weight in pairs for _ in range(weight)]


TOWNS = [
    ("Benchbury", 24), ("Ashcombe", 14), ("Kingsford", 12), ("Millbrook", 10), ("Harlow Vale", 8),
    ("Eastwick", 7), ("Stonebridge", 6), ("Fairhaven", 5), ("Oakley", 5), ("Redmarsh", 4),
    ("Westford", 3), ("Little Thorpe", 2),
]  # fmt: skip
FORMS = [
    ("sexual_harassment", 25), ("bullying", 20), ("physical", 18), ("image_sharing", 12),
    ("sexual_violence", 10), ("relationship", 5), ("causing_sexual_activity", 4),
    ("initiation", 3), ("upskirting", 3),
]  # fmt: skip
REFERRAL_SOURCES = [("2A", 45), ("6", 15), ("1A", 15), ("5A", 8), ("3C", 5), ("1C", 4), ("8", 8)]
ETHNICITIES = [
    ("White: British", 62), ("White: any other White background", 6), ("White: Irish", 1),
    ("Gypsy, Roma or Traveller of Irish heritage", 1), ("Mixed: White and Black Caribbean", 2),
    ("Mixed: White and Asian", 2), ("Mixed: any other mixed background", 2),
    ("Asian or Asian British: Indian", 3), ("Asian or Asian British: Pakistani", 5),
    ("Asian or Asian British: Bangladeshi", 2), ("Asian or Asian British: any other", 1),
    ("Black or Black British: African", 4), ("Black or Black British: Caribbean", 1),
    ("Black or Black British: any other", 1), ("Chinese", 1), ("Any other ethnic group", 1),
    ("", 5),
]  # fmt: skip
AGES = [(8, 2), (9, 3), (10, 5), (11, 8), (12, 12), (13, 16), (14, 18), (15, 17), (16, 12), (17, 7)]
# for involvements: the extra children (the two first are harmed and allegedly harmed others)
ROLES = [
    ("harmed", 30),
    ("both", 25),
    ("harmed_others", 20),
    ("witness", 18),
    ("other_affected", 7),
]
REPORT_OUTCOMES = [
    ("substantiated", 40), ("unsubstantiated", 15), ("unfounded", 5), ("false", 2),
    ("malicious", 1), ("", 37),
]  # fmt: skip
PLAN_STATUSES = [("active", 7), ("closed", 13)]
# actions due more than 60 days ago, and the others
OLD_ACTIONS = [("done", 85), ("cancelled", 8), ("open", 4), ("in_progress", 3)]
NEW_ACTIONS = [("done", 35), ("open", 35), ("in_progress", 25), ("cancelled", 5)]
PLATFORMS = [
    ("Snapchat", 25), ("Instagram", 15), ("TikTok", 14), ("WhatsApp", 14), ("Discord", 6),
    ("Roblox", 5), ("YouTube", 4), ("Fortnite", 3), ("Facebook", 3), ("X", 2), ("Telegram", 2),
    ("Yubo", 2), ("Wizz", 2), ("Twitch", 1), ("Minecraft", 1), ("Omegle-like video chat", 1),
]  # fmt: skip
ONLINE_SPACES = ["year group chat", "friendship group chat", "anonymous account", "local group"]
PLACES = [
    "bus station", "skate park", "shopping centre", "recreation ground", "leisure centre",
    "fast-food restaurant", "railway station", "library", "high street", "canal towpath",
    "woods", "youth club", "cinema", "car park", "playing fields", "underpass",
]  # fmt: skip
SCHOOL_KINDS = ["Academy", "High School", "Primary School", "College", "Community School"]
SCHOOLS = 60
PEER_GROUPS = 120


# --- SQL pieces -------------------------------------------------------------------------------


def _h(key: str, seed: int) -> str:
    """SQL: a repeatable pseudo-random number from 0 to 999,999 for ``key``; each seed gives an
    independent one (so that two columns drawn for the same row are not correlated)."""
    return f"((hashint8extended(({key})::bigint, {seed}) & 2147483647) %% 1000000)::int"


def _chance(key: str, seed: int, percent: float) -> str:
    return f"{_h(key, seed)} < {round(percent * 10_000)}"


def _pick(param: str, key: str, seed: int, kind: str = "varchar") -> str:
    """SQL: an item of the array parameter ``param``, drawn by hash."""
    values = f"%({param})s::{kind}[]"
    return f"({values})[1 + {_h(key, seed)} %% cardinality({values})]"


def _skewed(param: str, key: str, seed: int, power: float = 2.0, kind: str = "bigint") -> str:
    """SQL: an item of ``param``, the first ones far more often (a few big schools, hotspots)."""
    values = f"%({param})s::{kind}[]"
    return (
        f"({values})[1 + floor(cardinality({values})"
        f" * power({_h(key, seed)} / 1000000.0, {power}))::int]"
    )


INCIDENTS = f"""INSERT INTO incidents_incident (id, version, created_at, updated_at, occurred_on,
    reported_at, forms, sexual_violence_kinds, online_element, narrative, reporter_role,
    referral_source, referred_to_police, partnership_id, reporting_agency_id)
   SELECT g, 1, now(), now(), (r.at - {_h("g", 1)} %% 4 * interval '1 day')::date, r.at, f.forms,
     CASE WHEN 'sexual_violence' = ANY(f.forms) THEN ARRAY[(ARRAY['rape',
       'assault_by_penetration', 'sexual_assault'])[1 + {_h("g", 2)} %% 3]]::varchar[]
       ELSE ARRAY[]::varchar[] END,
     'image_sharing' = ANY(f.forms) OR {_chance("g", 3, 25)},
     'Synthetic incident ' || g, '', s.source,
     CASE WHEN 'sexual_violence' = ANY(f.forms) THEN {_chance("g", 4, 80)}
       ELSE {_chance("g", 4, 10)} END,
     %(p)s, CASE s.source WHEN '2A' THEN {_skewed("schools", "g", 5, 1.5)}
       WHEN '6' THEN %(police)s ELSE %(la)s END
   FROM generate_series(1::bigint, %(n)s) g
   CROSS JOIN LATERAL (SELECT %(first_day)s::timestamptz
     + ((g * 7919) %% %(days)s) * interval '1 day' + {_h("g", 6)} %% 10 * interval '1 hour'
     AS at) r
   CROSS JOIN LATERAL (SELECT {_pick("forms", "g", 7)} AS first,
     {_pick("forms", "g", 8)} AS second) ff
   CROSS JOIN LATERAL (SELECT CASE WHEN ff.second <> ff.first AND {_chance("g", 9, 30)}
     THEN ARRAY[ff.first, ff.second] ELSE ARRAY[ff.first] END AS forms) f
   CROSS JOIN LATERAL (SELECT {_pick("referral_sources", "g", 10)} AS source) s"""

# two children per incident, 2g-1 harmed (most often a girl) and 2g allegedly harmed others
# (most often a boy), aged 8 to 17 when it was reported; the harmed child of an incident a
# school reported goes to that school (mostly)
PEOPLE = f"""INSERT INTO people_person (id, version, created_at, updated_at, given_name,
    family_name, date_of_birth, sex, ethnicity, has_send, school_id, is_synthetic,
    partnership_id)
   SELECT c.id, 1, now(), now(), 'Child', 'Number ' || c.id,
     CASE WHEN NOT {_chance("c.id", 11, 4)} THEN i.reported_at::date
       - ({_pick("ages", "c.id", 12, "int")} * 365 + {_h("c.id", 13)} %% 365) END,
     CASE WHEN {_chance("c.id", 14, 2)} THEN 'U'
       WHEN {_chance("c.id", 15, 66)} AND k = 1 THEN 'F'
       WHEN {_chance("c.id", 15, 20)} AND k = 0 THEN 'F' ELSE 'M' END,
     {_pick("ethnicities", "c.id", 17)},
     CASE WHEN k = 1 THEN {_chance("c.id", 18, 16)} ELSE {_chance("c.id", 18, 28)} END,
     CASE WHEN k = 1 AND i.referral_source = '2A' AND {_chance("c.id", 19, 85)}
       THEN i.reporting_agency_id
       WHEN {_chance("c.id", 20, 92)} THEN {_skewed("schools", "c.id", 21, 1.5)} END,
     true, %(p)s
   FROM incidents_incident i CROSS JOIN (VALUES (0), (1)) AS ks(k)
   CROSS JOIN LATERAL (SELECT i.id * 2 - k AS id) c"""

# a third child in three incidents in ten, a fourth in one in sixteen: a child of an incident
# reported 1 to 120 (the fourth: 121 to 485) days before, found through the day's arithmetic:
# incident g is reported on day (g * 7919) mod days, so g - (delta * inverse mod days) is
# reported delta days before (when that id exists)
REPEAT_CHILDREN = f"""INSERT INTO incidents_involvement (id, version, created_at, updated_at,
    role, views_and_wishes, carer_views, vulnerabilities, outcome, restricted, mash_stage, rag,
    incident_id, person_id, report_outcome, mash_received_at)
   SELECT v.id, 1, now(), now(), v.role,
     CASE WHEN {_chance("v.id", 31, 60)} THEN 'Synthetic views.' ELSE '' END, '', '', '',
     {_chance("v.id", 32, 2)}, 'decided', '', i.id, e.earlier * 2 - {_h("v.id", 33)} %% 2,
     {_pick("report_outcomes", "v.id", 34)},
     CASE WHEN v.role IN ('witness', 'other_affected') AND {_chance("v.id", 35, 60)} THEN NULL
       ELSE i.reported_at + interval '3 hours' END
   FROM incidents_incident i
   CROSS JOIN LATERAL (VALUES
     (2, CASE WHEN {_chance("i.id", 36, 30)}
       THEN i.id - ((1 + {_h("i.id", 37)} %% 120) * %(inverse)s) %% %(days)s END),
     (3, CASE WHEN {_chance("i.id", 38, 6.25)}
       THEN i.id - ((121 + {_h("i.id", 39)} %% 365) * %(inverse)s) %% %(days)s END)
   ) AS e(k, earlier)
   CROSS JOIN LATERAL (SELECT e.k * %(n)s + i.id AS id,
     {_pick("roles", "e.k * %(n)s + i.id", 40)} AS role) v
   WHERE e.earlier >= 1"""

# a current address for 19 children in 20, in their school's town three times in four; a
# previous address (ended) for one in four
ADDRESSES = f"""INSERT INTO people_address (person_id, line1, line2, town, postcode,
    start_date, end_date)
   SELECT p.id, (1 + {_h("p.id", 41)} %% 180) || ' Synthetic Road', '',
     CASE WHEN s.town IS NOT NULL AND {_chance("p.id", 42, 75)} THEN s.town
       ELSE {_pick("towns", "p.id", 43)} END,
     'BX' || (1 + {_h("p.id", 44)} %% 30) || ' 1AA', p.date_of_birth, NULL
   FROM people_person p
   LEFT JOIN unnest(%(schools)s::bigint[], %(school_towns)s::varchar[]) AS s(id, town)
     ON s.id = p.school_id
   WHERE p.partnership_id = %(p)s AND {_chance("p.id", 45, 95)}
   UNION ALL
   SELECT p.id, (1 + {_h("p.id", 46)} %% 180) || ' Old Road', '', {_pick("towns", "p.id", 47)},
     'BX' || (1 + {_h("p.id", 48)} %% 30) || ' 2AA', NULL,
     current_date - 30 - {_h("p.id", 49)} %% 1500
   FROM people_person p WHERE p.partnership_id = %(p)s AND {_chance("p.id", 50, 25)}"""

# the harmed child's school for a little over half of the incidents, an online space for
# every incident with an online element, a neighbourhood place for a fifth, a peer group for
# one in twelve; popular ones far more often than others
INCIDENT_CONTEXTS = f"""INSERT INTO incidents_incident_contexts (incident_id, context_id)
   SELECT i.id, c.id FROM incidents_incident i
   JOIN people_person p ON p.id = i.id * 2 - 1
   CROSS JOIN LATERAL (VALUES
     (CASE WHEN {_chance("i.id", 51, 60)}
       THEN (%(school_contexts)s::bigint[])[array_position(%(schools)s::bigint[], p.school_id)]
       END),
     (CASE WHEN i.online_element THEN {_skewed("online_contexts", "i.id", 52, 2.5)} END),
     (CASE WHEN {_chance("i.id", 53, 20)} THEN {_skewed("places", "i.id", 54, 2.0)} END),
     (CASE WHEN {_chance("i.id", 55, 8)} THEN {_skewed("peer_groups", "i.id", 56, 1.5)} END)
   ) AS c(id)
   WHERE c.id IS NOT NULL"""

# actions for three in five referred children and for one incident in five, due 5 to 90 days
# on; most of the old ones done, the recent ones in every state
ACTIONS = f"""INSERT INTO incidents_action (version, created_at, updated_at, partnership_id,
    incident_id, involvement_id, description, owner_agency_id, owner_user_id, due_on, due_clock,
    status, completion_note, completed_at, completed_by_id, recorded_by_id)
   SELECT 1, now(), now(), %(p)s, a.incident_id, a.involvement_id, 'Synthetic action.',
     {_pick("action_agencies", "a.key", 61, "bigint")}, %(user)s, a.due_on, '', s.status,
     CASE WHEN s.status = 'done' THEN 'Done.' ELSE '' END,
     CASE WHEN s.status = 'done' THEN least(a.due_on - {_h("a.key", 62)} %% 10, current_date)
       + time '14:00' END,
     CASE WHEN s.status = 'done' THEN %(user)s END, %(user)s
   FROM (
     SELECT NULL::bigint AS incident_id, v.id AS involvement_id, v.id * 2 AS key,
       v.mash_received_at::date + 5 + {_h("v.id", 63)} %% 55 AS due_on
     FROM incidents_involvement v
     WHERE v.mash_received_at IS NOT NULL AND {_chance("v.id", 64, 60)}
     UNION ALL
     SELECT i.id, NULL, i.id * 2 + 1, i.reported_at::date + 10 + {_h("i.id", 65)} %% 80
     FROM incidents_incident i WHERE {_chance("i.id", 66, 20)}
   ) a
   CROSS JOIN LATERAL (SELECT CASE WHEN a.due_on < current_date - 60
     THEN {_pick("old_actions", "a.key", 67)} ELSE {_pick("new_actions", "a.key", 67)} END
     AS status) s"""

GENERATE = [
    INCIDENTS,
    PEOPLE,
    INVOLVEMENTS,
    REPEAT_CHILDREN,
    DECISIONS,
    STRATEGY_DISCUSSIONS,
    STRATEGY_CHILDREN,
    SECTION47_ENQUIRIES,
    PLANS,
    ADDRESSES,
    INCIDENT_CONTEXTS,
    ACTIONS,
]


# --- generation -------------------------------------------------------------------------------


def reference_data(values: dict) -> dict:
    """Schools, contexts and the two viewers, through the ORM (a few hundred rows); the
    parameters the statements draw them from."""
    from cairn.accounts.choices import AgencyKind, Role
    from cairn.accounts.models import Agency, User
    from cairn.incidents.models import Context

    p, la = values["p"], values["la"]
    towns = weighted(TOWNS)
    school_towns = [towns[(i * 37) % len(towns)] for i in range(SCHOOLS)]
    schools = [Agency.objects.get(pk=values["school"])] + Agency.objects.bulk_create(
        Agency(
            partnership_id=p,
            kind=AgencyKind.SCHOOL,
            name=f"{town} {SCHOOL_KINDS[i % len(SCHOOL_KINDS)]} {i}",
            urn=str(100000 + i),
        )
        for i, town in enumerate(school_towns[1:], start=1)
    )
    school_contexts = Context.objects.bulk_create(
        Context(partnership_id=p, kind="school", name=s.name, school=s, area=town)
        for s, town in zip(schools, school_towns, strict=True)
    )
    names = [name for name, _ in TOWNS]
    places = Context.objects.bulk_create(
        Context(partnership_id=p, kind="neighbourhood", name=f"{town} {place}", area=town)
        for place in PLACES
        for town in names
    )
    spaces = []  # (platform, space, area): a third of them local to a town
    for platform, weight in PLATFORMS:  # the most used first
        for space in ONLINE_SPACES[: max(1, weight // 4)]:
            local = len(spaces) % 3 == 1
            spaces.append((platform, space, names[len(spaces) % len(names)] if local else ""))
    online = Context.objects.bulk_create(
        Context(
            partnership_id=p,
            kind="online",
            name=f"{platform}: {space}" + (f", {area}" if area else ""),
            platform=platform,
            area=area,
        )
        for platform, space, area in spaces
    )
    peer_groups = Context.objects.bulk_create(
        Context(
            partnership_id=p,
            kind="peer_group",
            name=f"Peer group {i}, {towns[(i * 53) % len(towns)]}",
            area=towns[(i * 53) % len(towns)],
        )
        for i in range(1, PEER_GROUPS + 1)
    )
    for username, role in (("manager", Role.MASH_MANAGER), ("analyst", Role.ANALYST)):
        User.objects.create(
            username=f"{username}@example.test",
            email=f"{username}@example.test",
            agency_id=la,
            roles=[role],
        )
    return {
        "schools": [s.pk for s in schools],
        "school_towns": school_towns,
        "school_contexts": [c.pk for c in school_contexts],
        "places": [c.pk for c in places],
        "online_contexts": [c.pk for c in online],
        "peer_groups": [c.pk for c in peer_groups],
        "action_agencies": weighted(
            [(la, 5), (values["police"], 1), (values["school"], 2), (schools[1].pk, 2)]
        ),
    }


def generate(n: int) -> None:
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    first_day = date(today.year - YEARS, today.month, 1)
    days = (today - first_day).days  # reported from first_day to yesterday
    values = {"n": n, **bench_partnership()}
    values |= reference_data(values)
    values |= {
        "first_day": datetime.combine(first_day, datetime.min.time(), UTC) + timedelta(hours=8),
        "days": days,
        "inverse": pow(7919, -1, days),
        "towns": weighted(TOWNS),
        "forms": weighted(FORMS),
        "referral_sources": weighted(REFERRAL_SOURCES),
        "ethnicities": weighted(ETHNICITIES),
        "ages": weighted(AGES),
        "roles": weighted(ROLES),
        "report_outcomes": weighted(REPORT_OUTCOMES),
        "plan_statuses": weighted(PLAN_STATUSES),
        "old_actions": weighted(OLD_ACTIONS),
        "new_actions": weighted(NEW_ACTIONS),
    }
    execute(GENERATE, values)
    reset_sequences(
        [
            "people_person",
            "incidents_incident",
            "incidents_involvement",
            "incidents_strategydiscussion",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- measuring --------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn, repeats: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``repeats`` runs of ``fn``, after one warm-up run."""
    fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 95)


def csv_view(slug: str, viewer):
    from django.test import RequestFactory

    from cairn.insights.views import dashboard_csv

    def run():
        request = RequestFactory().get(f"/insights/{slug}/figures.csv")
        request.user = viewer
        return dashboard_csv(request, slug).content

    return run


def measure(repeats: int) -> list[tuple[str, str, float, float]]:
    from django.utils import timezone

    from cairn.accounts.models import Partnership, User
    from cairn.insights.dashboards import (
        DASHBOARDS,
        Filters,
        areas_of,
        dashboard_for,
        incidents_in,
    )
    from cairn.insights.networks import context_map, peer_network

    manager = User.objects.get(username="manager@example.test")
    analyst = User.objects.get(username="analyst@example.test")
    partnership = Partnership.objects.get(short_name="Benchshire")
    default = Filters.default()
    year, town = timezone.localdate().year - 1, TOWNS[0][0]
    in_town = Filters(date(year, 1, 1), date(year, 12, 31), area=town)
    periods = [
        (f"{default.reported_from:%-d %b %Y} to {default.reported_to:%-d %b %Y}", default),
        (f"{year} in {town}", in_town),
    ]
    print("\nIncidents in scope:")
    for label, filters in periods:
        n = incidents_in(partnership=partnership, filters=filters).count()
        print(f"  {label}: {n:,}")

    (last_12, default), (year_in_town, in_town) = periods
    cases = [
        (f"case-level, {last_12}", manager, default),
        (f"controlled, {last_12}", analyst, default),
        (f"controlled, {year_in_town}", analyst, in_town),
    ]
    rows = []

    def row(name: str, label: str, fn) -> None:
        p50, p95 = timed(fn, repeats)
        rows.append((name, label, p50, p95))
        print(f"  {name:12} {label:48} {p50:9.0f} {p95:9.0f}", flush=True)

    print(f"\n{repeats} timed runs of each, after one warm-up (ms)")
    print(f"  {'dashboard':12} {'viewer and filter':48} {'p50':>9} {'p95':>9}")
    for slug in DASHBOARDS:
        for label, viewer, filters in cases:
            row(
                slug,
                label,
                lambda s=slug, v=viewer, f=filters: dashboard_for(slug=s, viewer=v, filters=f),
            )
        row(slug, f"CSV view, controlled, {last_12}", csv_view(slug, analyst))
    row(
        "areas_of",
        "the towns to filter by (on every page)",
        lambda: areas_of(partnership=partnership),
    )
    for name, fn in (("context map", context_map), ("peer network", peer_network)):
        for label, filters in ((last_12, default), (year_in_town, in_town)):
            row(
                name, f"case-level, {label}", lambda fn=fn, f=filters: fn(viewer=manager, filters=f)
            )
    return rows


def main() -> None:
    parser = bench_arguments(__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed runs of each, after one")
    args = parser.parse_args()
    with scratch_database(BENCH_DATABASE, args, generate):
        from cairn.incidents.models import Incident

        n = Incident.objects.count()
        rows = measure(args.repeats)
        print(f"\nSummary: {n:,} incidents")
        print("| dashboard | viewer and filter | p50 ms | p95 ms |\n|---|---|---:|---:|")
        for name, label, p50, p95 in rows:
            print(f"| {name} | {label} | {p50:,.0f} | {p95:,.0f} |")


if __name__ == "__main__":
    main()
