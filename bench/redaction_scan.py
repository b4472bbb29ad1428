"""Benchmark: the redaction gate's scan of a long report against many people's details.

Run by hand (no database needed)::

    .venv/bin/python bench/redaction_scan.py [--chars 300000] [--people 50] [--repeat 5]

Prints the time to compile the details and the p50/max time to scan the text. The text is a
synthetic statement repeated in random order, with one planted full name and date of birth; the
scan must find exactly those two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django.setup()
    from cairn.publishing.redaction import Identifier, Scanner
    from cairn.publishing.tests.test_redaction import CLEAN_STATEMENT

    rng = random.Random(7)
    details = []
    for n in range(args.people):
        label = f"Child {n}"
        given, family = f"Zarek{chr(97 + n % 26)}nda", f"Quillby{n:02d}ton"
        details += [
            Identifier("name", f"{given} {family}", label, n),
            Identifier("name", given, label, n),
            Identifier("name", family, label, n),
            Identifier(
                "date_of_birth", dt.date(2010, 1 + n % 12, 1 + n % 28).isoformat(), label, n
            ),
            Identifier("address", f"{n + 1} Varrow{n} Close", label, n),
            Identifier("postcode", f"QQ{n % 10} {n % 10}ZZ", label, n),
            Identifier("school", f"Fenwold{n} Academy", label, n),
            Identifier("identifier", f"{9000000000 + n * 7919}", label, n),
        ]
    paragraphs = CLEAN_STATEMENT.split("\n\n")
    text = "\n\n".join(rng.choice(paragraphs) for _ in range(args.chars // 100))[: args.chars]
    text += "\nZarekanda Quillby00ton was born on 1 January 2010."

    started = time.perf_counter()
    scanner = Scanner(details)
    compiled = time.perf_counter() - started
    times, hits = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        hits = scanner.scan(text)
        times.append(time.perf_counter() - started)
    print(f"{len(text):,} characters, {args.people} people ({len(details)} details)")
    print(f"compile: {compiled * 1000:.1f} ms")
    print(f"scan: p50 {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(f"hits: {[h.kind for h in hits]}")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/cairn")
    main()
