"""Load the national practice guidance library (``cairn/data/practice_library.yaml``).

The file is read the way guidance libraries are (``cairn.guidance.library``): every mapping
keeps its line, the whole file is validated before the database is touched, and a bad file is
refused with every problem as ``LibraryError(file, line, reason)`` (``LibraryInvalid``).
A good file is loaded in one transaction: resources are matched by ``key``, added or brought
up to date, and those no longer in the file are taken out of use (never deleted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from cairn.audit.context import acting_as
from cairn.guidance.library import (
    LibraryError,
    LibraryInvalid,
    _parse_yaml,
    _Validator,
    _what,
)
from cairn.learning.choices import Theme, Topic
from cairn.learning.models import Resource

PRACTICE_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "practice_library.yaml"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FILE_FIELDS = {"resources": (True, list, None)}
_RESOURCE_FIELDS = {
    "key": (True, str, 80),
    "title": (True, str, 200),
    "publisher": (True, str, 200),
    "url": (False, str, 500),
    "summary": (True, str, None),
    "themes": (True, list, None),
    "topics": (False, list, None),
}

__all__ = ["PRACTICE_LIBRARY", "LibraryError", "LibraryInvalid", "practice_library_load"]


@dataclass(frozen=True)
class ResourceSpec:
    key: str
    title: str
    publisher: str
    url: str
    summary: str
    themes: list[str]
    topics: list[str]


def _vocabulary(v: _Validator, entry, name: str, allowed: list[str], what: str) -> list[str]:
    values = entry.get(name) or []
    line = entry.key_lines.get(name)
    unknown = [x for x in values if x not in allowed]
    if unknown:
        v.error(line, f"unknown {name[:-1]} {unknown[0]!r} in {what}: one of {', '.join(allowed)}")
    return [x for x in values if x in allowed]


def validate_practice_library(data, *, file: str) -> tuple[list[ResourceSpec], list[LibraryError]]:
    v = _Validator(file)
    if not v.fields(data, _FILE_FIELDS, "the practice library"):
        return [], v.errors
    specs, seen = [], {}
    for index, entry in enumerate(data["resources"]):
        what = _what("resource", entry, index)
        if not v.fields(entry, _RESOURCE_FIELDS, what):
            continue
        key, url = entry["key"], (entry.get("url") or "").strip()
        if not _SLUG.match(key):
            v.error(
                entry.key_lines["key"], f"the key of {what} must be lower-case letters, digits or -"
            )
        if key in seen:
            v.error(entry.key_lines["key"], f"{what} is already in the file (line {seen[key]})")
        seen.setdefault(key, entry.line)
        if url and not url.startswith("https://"):
            v.error(entry.key_lines["url"], f"the url of {what} must start with https://")
        themes = _vocabulary(v, entry, "themes", Theme.values, what)
        if not entry["themes"]:
            v.error(entry.key_lines["themes"], f"{what} needs at least one theme")
        topics = _vocabulary(v, entry, "topics", Topic.values, what)
        specs.append(
            ResourceSpec(
                key=key,
                title=entry["title"].strip(),
                publisher=entry["publisher"].strip(),
                url=url,
                summary=" ".join(entry["summary"].split()),
                themes=themes,
                topics=topics,
            )
        )
    return specs, v.errors


def practice_library_read(*, path: Path | str) -> list[ResourceSpec]:
    """The validated resources in ``path``, or ``LibraryInvalid`` naming every problem."""
    path = Path(path)
    file = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryInvalid([LibraryError(file, None, f"cannot be read: {exc}")]) from exc
    data, errors = _parse_yaml(text, file)
    specs: list[ResourceSpec] = []
    if data is None and not errors:
        errors = [LibraryError(file, None, "the file is empty")]
    if data is not None:
        specs, more = validate_practice_library(data, file=file)
        errors += more
    if errors:
        raise LibraryInvalid(sorted(errors, key=lambda e: (e.line or 0, e.reason)))
    return specs


def practice_library_load(*, path: Path | str = PRACTICE_LIBRARY, by=None) -> dict[str, int]:
    """Load the national library file: returns how many resources were added, changed and
    taken out of use. Loading the same file again changes nothing."""
    specs = practice_library_read(path=path)
    counts = {"added": 0, "changed": 0, "retired": 0}
    with acting_as(by), transaction.atomic():
        existing = {
            r.key: r for r in Resource.objects.select_for_update().filter(partnership__isnull=True)
        }
        for spec in specs:
            values = vars(spec) | {"is_active": True}
            resource = existing.pop(spec.key, None)
            if resource is None:
                Resource.objects.create(partnership=None, **values)
                counts["added"] += 1
            elif any(getattr(resource, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(resource, k, v)
                resource.version += 1
                resource.save()
                counts["changed"] += 1
        for resource in existing.values():
            if resource.is_active:
                resource.is_active = False
                resource.save(update_fields=["is_active", "updated_at"])
                counts["retired"] += 1
    return counts
