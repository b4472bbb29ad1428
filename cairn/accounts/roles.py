"""Role definitions loaded from ``cairn/data/roles.yaml`` (data, not code)."""

from functools import cache
from pathlib import Path

import yaml

from cairn.accounts.choices import Role

ROLES_FILE = Path(__file__).resolve().parent.parent / "data" / "roles.yaml"


@cache
def role_table() -> dict[str, dict]:
    data = yaml.safe_load(ROLES_FILE.read_text())["roles"]
    unknown = set(data) - set(Role.values)
    missing = set(Role.values) - set(data)
    if unknown or missing:
        raise ValueError(f"roles.yaml does not match Role: unknown={unknown} missing={missing}")
    return data


def capabilities_of(roles: list[str]) -> frozenset[str]:
    table = role_table()
    return frozenset(c for r in roles if r in table for c in table[r]["capabilities"])


def needs_two_factor(roles: list[str]) -> bool:
    table = role_table()
    return any(table[r]["two_factor"] for r in roles if r in table)
