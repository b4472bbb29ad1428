"""Timescales loaded from ``cairn/data/timescales.yaml`` (data, not code).

A ``Timescale`` says how long a clock runs and from what. National timescales come from the
YAML file; a partnership may shorten a confirmed one, change an unconfirmed or local one, or
add its own (``cairn.clocks.models.LocalTimescale``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from cairn.clocks.choices import NonWorkingDue, Status, Unit

TIMESCALES_FILE = Path(__file__).resolve().parent.parent / "data" / "timescales.yaml"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
REQUIRED_FIELDS = ("label", "amount", "unit", "starts_from", "source", "status")


class UnknownClock(LookupError):
    """No national or local timescale has this key."""

    def __init__(self, key: str, known: list[str]) -> None:
        super().__init__(f"No clock called {key!r}. Known clocks: {', '.join(sorted(known))}.")
        self.key = key


@dataclass(frozen=True)
class Timescale:
    """How long one clock runs. ``amount`` is negative for a deadline before the start event."""

    key: str
    label: str
    amount: int
    unit: str
    starts_from: str
    source: str
    status: str
    note: str = ""
    if_not_a_working_day: str = NonWorkingDue.PREVIOUS_WORKING_DAY
    is_local: bool = False

    @property
    def is_confirmed(self) -> bool:
        return self.status == Status.CONFIRMED

    @property
    def duration(self) -> str:
        """Plain English: "45 working days", "3 months", "7 working days before"."""
        size = abs(self.amount)
        unit = Unit(self.unit).label
        if size == 1:
            unit = unit.replace("days", "day").replace("months", "month")
        return f"{size} {unit}" + (" before" if self.amount < 0 else "")

    def with_local(self, **changes) -> Timescale:
        """This timescale as a partnership has changed it."""
        return replace(self, is_local=True, **changes)


def parse_timescales(data: dict) -> dict[str, Timescale]:
    """Check and convert the parsed YAML document; raise ValueError naming what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("timescales"), dict):
        raise ValueError("timescales.yaml must have a 'timescales' mapping")
    table = {}
    for key, entry in data["timescales"].items():
        problems = timescale_problems(key, entry)
        if problems:
            raise ValueError(f"timescales.yaml, {key!r}: {'; '.join(problems)}")
        table[key] = Timescale(
            key=key,
            label=entry["label"],
            amount=entry["amount"],
            unit=entry["unit"],
            starts_from=entry["starts_from"],
            source=entry["source"],
            status=entry["status"],
            note=entry.get("note", ""),
            if_not_a_working_day=entry.get(
                "if_not_a_working_day", NonWorkingDue.PREVIOUS_WORKING_DAY
            ),
        )
    return table


def timescale_problems(key, entry) -> list[str]:
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        return ["the key must be lower case letters, digits and underscores"]
    if not isinstance(entry, dict):
        return ["must be a mapping"]
    problems = [f"{name} is missing" for name in REQUIRED_FIELDS if name not in entry]
    amount = entry.get("amount")
    if "amount" in entry and (type(amount) is not int or amount == 0):
        problems.append("amount must be a whole number other than 0")
    if "unit" in entry and entry["unit"] not in Unit.values:
        problems.append(f"unit must be one of {', '.join(Unit.values)}")
    if "status" in entry and entry["status"] not in Status.values:
        problems.append(f"status must be one of {', '.join(Status.values)}")
    if entry.get("if_not_a_working_day", NonWorkingDue.KEEP) not in NonWorkingDue.values:
        problems.append(f"if_not_a_working_day must be one of {', '.join(NonWorkingDue.values)}")
    unknown = set(entry) - {*REQUIRED_FIELDS, "note", "if_not_a_working_day"}
    if unknown:
        problems.append(f"unknown fields {sorted(unknown)}")
    return problems


@cache
def national_timescales() -> dict[str, Timescale]:
    """Every timescale in ``timescales.yaml``, by key."""
    return parse_timescales(yaml.safe_load(TIMESCALES_FILE.read_text()))


def override_problem(national: Timescale, *, amount: int, unit: str) -> str | None:
    """Why a partnership may not set this timescale, or None if it may.

    A confirmed national timescale is a maximum: a partnership may set a stricter local target
    (a due date no later), in the same unit, but never a longer one. Unconfirmed and local
    timescales are the partnership's to set, but none may change which way its clock runs.
    """
    if (amount < 0) != (national.amount < 0):
        way = "before" if national.amount < 0 else "after"
        return f"{national.label} falls {way} its start: a local timescale must too"
    if not national.is_confirmed:
        return None
    if unit != national.unit:
        return f"{national.label} is a national timescale in {Unit(national.unit).label}"
    if amount > national.amount:
        return (
            f"{national.label} is a national timescale of {national.duration}: a local "
            "timescale may be shorter, never longer"
        )
    return None
