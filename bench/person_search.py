"""Benchmark person matching: how fast ``find_candidates`` answers, and whether it finds them.

Run by hand:  .venv/bin/python bench/person_search.py [--scale 10] [--searches 200] [--keep]

It builds the synthetic demo partnership's people (scale 1.0 = 2,000 children) in a throwaway
database, ``cairn_bench``, on the same PostgreSQL server as ``DATABASE_URL`` (or on Cairn's
embedded server when it is unset): never the developer's own database. Then it runs searches for
people picked at random, typed the way people mistype them (letters swapped, dropped, doubled
or changed, sound-alike spellings, nicknames, names the wrong way round, day and month swapped),
as a MASH practitioner, and prints the time each took (median and 95th percentile) and how
often the person searched for came first and came in the top ten. The database is dropped at
the end unless ``--keep`` is given; ``--reuse`` runs again on a kept one.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BENCH_DATABASE = "cairn_bench"
ROOT = Path(__file__).resolve().parent.parent

SOUND_ALIKES = [
    ("ph", "f"),
    ("f", "ph"),
    ("ck", "k"),
    ("c", "k"),
    ("k", "c"),
    ("y", "i"),
    ("i", "y"),
    ("ee", "ea"),
    ("ou", "ow"),
    ("th", "t"),
    ("s", "z"),
    ("ie", "y"),
    ("ey", "y"),
    ("mm", "m"),
    ("ll", "l"),
    ("nn", "n"),
    ("son", "sen"),
    ("ai", "ay"),
    ("er", "a"),
]


def server_urls() -> tuple[str, str]:
    """(maintenance URL, benchmark database URL) on the developer's server."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    url = os.environ.get("DATABASE_URL")
    if not url:
        from cairn.database import embedded_url

        url = embedded_url("postgres")
    params = conninfo_to_dict(url)
    if params.get("dbname") == BENCH_DATABASE:
        sys.exit(f"DATABASE_URL already names {BENCH_DATABASE}: point it at your own database")
    return make_conninfo(url, dbname="postgres"), make_conninfo(url, dbname=BENCH_DATABASE)


def recreate(maintenance_url: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')


def build_people(scale: float, seed: int):
    """The demo partnership's accounts and people (not the later demo steps: not needed)."""
    from faker import Faker

    from cairn.demo import DemoContext
    from cairn.demo import accounts as accounts_step
    from cairn.demo import people as people_step

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    ctx = DemoContext(seed=seed, scale=scale, rng=random.Random(seed), fake=fake)
    accounts_step.build(ctx)
    people_step.build(ctx)
    return ctx


# Mistakes ------------------------------------------------------------------------------------


def misspell(rng: random.Random, name: str) -> str:
    """One typing or spelling mistake of the kinds people make with names."""
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(["swap", "drop", "double", "vowel", "sound", "sound"])
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "vowel":
        vowels = [j for j, c in enumerate(name) if c in "aeiou" and j > 0]
        if vowels:
            j = rng.choice(vowels)
            return name[:j] + rng.choice([v for v in "aeiou" if v != name[j]]) + name[j + 1 :]
    options = [(a, b) for a, b in SOUND_ALIKES if a in name.lower()[1:]]
    if options:
        a, b = rng.choice(options)
        k = name.lower().index(a, 1)
        return name[:k] + b + name[k + len(a) :]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def nickname(rng: random.Random, given: str) -> str:
    from cairn.people.matching import other_forms

    forms = sorted(other_forms(given))
    return rng.choice(forms).title() if forms else given


def swapped_day_and_month(dob: date) -> date:
    return date(dob.year, dob.day, dob.month) if dob.day <= 12 else dob


def searches(rng: random.Random, people: list, count: int) -> list[tuple[str, object, dict]]:
    """(what was done to the name, the person, the search) for ``count`` people at random."""
    plans = [
        ("family name misspelt, date of birth", 30),
        ("nickname, no date of birth", 15),
        ("both names misspelt, day and month swapped", 15),
        ("names swapped, date of birth", 10),
        ("exact name, no date of birth", 10),
        ("first name misspelt, date of birth 2 days out", 10),
        ("family name misspelt, school", 10),
    ]
    kinds = [k for k, weight in plans for _ in range(weight)]
    result = []
    for person in rng.sample(people, count):
        kind = rng.choice(kinds)
        g, f, dob = person.given_name, person.family_name, person.date_of_birth
        search = {"given_name": g, "family_name": f}
        if kind.startswith("family name misspelt"):
            search["family_name"] = misspell(rng, f)
        if kind.startswith("nickname"):
            search["given_name"] = nickname(rng, g)
        if kind.startswith("both"):
            search |= {"given_name": misspell(rng, g), "family_name": misspell(rng, f)}
        if kind.startswith("names swapped"):
            search = {"given_name": f, "family_name": g}
        if kind.startswith("first name misspelt"):
            search["given_name"] = misspell(rng, g)
        if "date of birth" in kind and "no date" not in kind:
            search["date_of_birth"] = dob
        if "day and month" in kind:
            search["date_of_birth"] = swapped_day_and_month(dob)
        if "2 days out" in kind:
            search["date_of_birth"] = dob + timedelta(days=2)
        if "school" in kind:
            search["school"] = person.school
        result.append((kind, person, search))
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(args) -> None:
    from django.db import connection

    from cairn.accounts.choices import Role
    from cairn.accounts.models import Partnership, User
    from cairn.people.matching import find_candidates
    from cairn.people.models import Person

    started = time.perf_counter()
    partnership = Partnership.objects.filter(is_demo=True).order_by("pk").first()
    if partnership is None:
        partnership = build_people(args.scale, args.seed).partnership
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    people = list(Person.objects.filter(partnership=partnership).select_related("school"))
    print(f"{len(people):,} people ready in {time.perf_counter() - started:.1f} s")

    viewer = User.objects.filter(
        agency__partnership=partnership, roles__contains=[Role.MASH_PRACTITIONER]
    ).first()
    rng = random.Random(args.seed)
    plan = searches(rng, people, args.searches)
    for _, _, search in plan[:10]:  # warm up the connection and caches
        find_candidates(viewer=viewer, **search)
    # The 100,000 people held here to pick searches from are not in a web process's memory:
    # keep the garbage collector from walking them during the timed searches.
    gc.collect()
    gc.freeze()

    timings, first, top10, by_kind = [], 0, 0, {}
    for kind, person, search in plan:
        t0 = time.perf_counter()
        candidates = find_candidates(viewer=viewer, **search)
        timings.append((time.perf_counter() - t0) * 1000)
        ranked = [c.person.pk for c in candidates]
        first += bool(ranked) and ranked[0] == person.pk
        if args.verbose and (not ranked or ranked[0] != person.pk):
            where = ranked.index(person.pk) + 1 if person.pk in ranked else "not found"
            print(f"  {kind}: {person} {person.date_of_birth} searched as {search}: {where}")
            for c in candidates[:3]:
                print(f"      {c.score:>3} {c.person} {c.person.date_of_birth} {c.reasons}")
        top10 += person.pk in ranked
        hits = by_kind.setdefault(kind, [0, 0])
        hits[0] += person.pk in ranked
        hits[1] += 1

    print(f"{len(timings)} searches as a MASH practitioner over {len(people):,} people")
    print(
        f"  p50 {statistics.median(timings):.1f} ms   p95 {percentile(timings, 95):.1f} ms   "
        f"max {max(timings):.1f} ms"
    )
    print(f"  person searched for ranked first: {100 * first / len(plan):.0f}%")
    print(f"  person searched for in the top 10: {100 * top10 / len(plan):.0f}%")
    for kind, (hit, total) in sorted(by_kind.items()):
        print(f"    {kind:<48} {hit:>3}/{total:<3} found")
    if args.explain:
        _, _, search = plan[0]
        print_plan(viewer, search)


def print_plan(viewer, search) -> None:
    """EXPLAIN ANALYZE of the matching query for one search (to check the indexes are used)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cairn.people.matching import find_candidates

    connection.queries_log.clear()  # a full log (DEBUG) would leave nothing to capture
    with CaptureQueriesContext(connection) as queries:
        find_candidates(viewer=viewer, **search)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + queries.captured_queries[-1]["sql"])
        print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=10.0, help="1.0 = 2,000 children")
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the cairn_bench database")
    parser.add_argument("--explain", action="store_true", help="print one query plan")
    parser.add_argument("--verbose", action="store_true", help="show searches not ranked first")
    parser.add_argument(
        "--reuse", action="store_true", help="use the cairn_bench kept by --keep (implies it)"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    maintenance_url, bench_url = server_urls()
    args.keep = args.keep or args.reuse
    if not args.reuse:
        recreate(maintenance_url)
    os.environ["DATABASE_URL"] = bench_url  # before Django reads its settings
    os.environ.setdefault("CAIRN_DEBUG", "0")  # as in production: no query log kept
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    try:
        call_command("migrate", verbosity=0)
        run(args)
    finally:
        connections.close_all()
        if not args.keep:
            recreate(maintenance_url, drop_only=True)


if __name__ == "__main__":
    main()
