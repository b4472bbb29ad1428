"""Load a guidance library (a YAML file of documents, editions and rules) into the database.

``library_load`` reads the file keeping the line of every mapping and key, validates all of it
before touching the database, and either refuses it with every problem found (``LibraryInvalid``,
each problem a ``LibraryError(file, line, reason)``) or loads it in one transaction, replacing
the previous version of the same library. The format is described at the top of
``cairn/data/guidance/national.yaml``; why rules are data: docs/decisions/0013.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateRange
from django.utils import timezone

from cairn.guidance.models import (
    GuidanceDocument,
    GuidanceEdition,
    GuidanceLibrary,
    GuidanceRule,
    RuleMode,
    Severity,
)

NATIONAL_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "guidance" / "national.yaml"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class LibraryError:
    file: str
    line: int | None
    reason: str

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


class LibraryInvalid(Exception):
    """The file was refused; nothing was loaded. ``errors`` says where and why."""

    def __init__(self, errors: list[LibraryError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# ---- reading YAML with line numbers -------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps lines, reports duplicate keys, and leaves dates as text (so a
    bad date is reported with its line rather than crashing the parser)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def construct_marked_map(self, node):
        data = _Mapping()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) or key is None:
                self.duplicates.append((line, f"a key must be a word, not {key!r}"))
                continue
            if key in data:
                first = data.key_lines[key]
                self.duplicates.append((line, f"duplicate key '{key}' (first on line {first})"))
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = line


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_marked_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _parse_yaml(text: str, file: str) -> tuple[object, list[LibraryError]]:
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = f"not valid YAML: {exc.problem or exc.context}"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            reason += f" ({exc.context} on line {exc.context_mark.line + 1})"
        return None, [LibraryError(file, line, reason)]
    except yaml.YAMLError as exc:
        return None, [LibraryError(file, None, f"not valid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, [LibraryError(file, line, reason) for line, reason in loader.duplicates]


# ---- the validated library ----------------------------------------------------------------


@dataclass
class EditionSpec:
    key: str
    title: str
    starts: date
    ends: date | None
    status: str
    source: str
    note: str
    line: int


@dataclass
class DocumentSpec:
    key: str
    title: str
    editions: list[EditionSpec]
    line: int


@dataclass
class RuleSpec:
    key: str
    edition: str
    title: str
    paragraph: str
    checks: str
    severity: str
    mode: str
    check_name: str
    params: dict
    roles: list[str]
    line: int


@dataclass
class LibrarySpec:
    key: str
    title: str
    documents: list[DocumentSpec] = field(default_factory=list)
    rules: list[RuleSpec] = field(default_factory=list)


# field name -> (required, type, max length)
_LIBRARY_FIELDS = {
    "key": (True, str, 80),
    "title": (True, str, 200),
    "description": (False, str, None),
    "documents": (True, list, None),
    "rules": (True, list, None),
}
_DOCUMENT_FIELDS = {
    "key": (True, str, 40),
    "title": (True, str, 200),
    "editions": (True, list, None),
}
_EDITION_FIELDS = {
    "key": (True, str, 40),
    "title": (True, str, 200),
    "from": (True, str, None),
    "to": (False, str, None),
    "status": (True, str, None),
    "source": (False, str, 300),
    "note": (False, str, None),
}
_RULE_FIELDS = {
    "key": (True, str, 80),
    "editions": (True, list, None),
    "title": (True, str, 200),
    "paragraph": (True, str, 120),
    "checks": (True, str, None),
    "severity": (True, str, None),
    "mode": (True, str, None),
    "check": (False, str, 60),
    "params": (False, dict, None),
    "roles": (False, list, None),
}
_EDITION_STATUSES = ("confirmed", "unconfirmed")


class _Validator:
    def __init__(self, file: str):
        self.file = file
        self.errors: list[LibraryError] = []

    def error(self, line, reason):
        self.errors.append(LibraryError(self.file, line, reason))

    def fields(self, mapping, spec, what) -> bool:
        """Check ``mapping`` against ``spec`` (unknown, missing, wrong type, too long)."""
        if not isinstance(mapping, dict):
            self.error(getattr(mapping, "line", None), f"{what} must be a mapping of fields")
            return False
        ok = True
        for name in mapping:
            if name not in spec:
                self.error(mapping.key_lines.get(name), f"unknown field '{name}' in {what}")
                ok = False
        for name, (required, kind, max_length) in spec.items():
            if name not in mapping or mapping[name] is None:
                if required:
                    self.error(mapping.line, f"missing field '{name}' in {what}")
                    ok = False
                continue
            value = mapping[name]
            line = mapping.key_lines.get(name)
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                self.error(line, f"'{name}' in {what} must be {_KIND_WORDS[kind]}")
                ok = False
            elif max_length and len(value) > max_length:
                self.error(line, f"'{name}' in {what} is longer than {max_length} characters")
                ok = False
        return ok

    def date_of(self, mapping, name, what) -> date | None:
        text = mapping.get(name)
        if text is None:
            return None
        try:
            return date.fromisoformat(str(text))
        except ValueError:
            self.error(mapping.key_lines.get(name), f"'{name}' in {what} is not a date: {text!r}")
            return None


_KIND_WORDS = {str: "text", list: "a list", dict: "a mapping", bool: "true or false"}


def _what(kind, mapping, index):
    key = mapping.get("key") if isinstance(mapping, dict) else None
    return f"{kind} '{key}'" if isinstance(key, str) else f"{kind} {index + 1}"


def validate_library(data, *, file: str) -> tuple[LibrarySpec | None, list[LibraryError]]:
    """Every problem in the parsed file, or the library it describes."""
    v = _Validator(file)
    v.fields(data, _LIBRARY_FIELDS, "the library")
    if not isinstance(data, dict):
        return None, v.errors
    spec = LibrarySpec(key=str(data.get("key", "")), title=str(data.get("title", "")))
    if isinstance(data.get("key"), str) and not _SLUG.match(data["key"]):
        v.error(data.key_lines["key"], "the library key must be lower-case letters, digits, - or _")
    editions = _documents(v, data.get("documents"), spec)
    _rules(v, data.get("rules"), spec, editions)
    return (None if v.errors else spec), v.errors


def _documents(v: _Validator, documents, spec: LibrarySpec) -> dict[str, tuple[str, int]]:
    """Validate documents and editions; return edition key -> (document key, line)."""
    editions: dict[str, tuple[str, int]] = {}
    document_lines: dict[str, int] = {}
    for i, doc in enumerate(documents if isinstance(documents, list) else []):
        what = _what("document", doc, i)
        if not v.fields(doc, _DOCUMENT_FIELDS, what):
            continue
        if doc["key"] in document_lines:
            v.error(doc.line, f"{what} is given twice (first on line {document_lines[doc['key']]})")
            continue
        document_lines[doc["key"]] = doc.line
        document = DocumentSpec(key=doc["key"], title=doc["title"], editions=[], line=doc.line)
        for j, ed in enumerate(doc["editions"]):
            edition = _edition(v, ed, j, what, editions)
            if edition:
                editions[edition.key] = (document.key, edition.line)
                document.editions.append(edition)
        _no_overlaps(v, document, what)
        spec.documents.append(document)
    return editions


def _edition(v: _Validator, ed, index, document_what, editions) -> EditionSpec | None:
    what = f"{_what('edition', ed, index)} of {document_what}"
    if not v.fields(ed, _EDITION_FIELDS, what):
        return None
    if ed["key"] in editions:
        first = editions[ed["key"]][1]
        v.error(ed.line, f"{what}: the key is already used on line {first}")
        return None
    if ed["status"] not in _EDITION_STATUSES:
        v.error(ed.key_lines["status"], f"'status' in {what} must be confirmed or unconfirmed")
    starts, ends = v.date_of(ed, "from", what), v.date_of(ed, "to", what)
    if starts is None or ("to" in ed and ends is None):
        return None
    if ends is not None and ends <= starts:
        v.error(ed.key_lines["to"], f"{what} ends ({ends}) on or before it starts ({starts})")
        return None
    return EditionSpec(
        key=ed["key"],
        title=ed["title"],
        starts=starts,
        ends=ends,
        status=ed["status"],
        source=ed.get("source") or "",
        note=(ed.get("note") or "").strip(),
        line=ed.line,
    )


def _no_overlaps(v: _Validator, document: DocumentSpec, what: str) -> None:
    ordered = sorted(document.editions, key=lambda e: e.starts)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.ends is None or before.ends > after.starts:
            v.error(
                after.line,
                f"edition '{after.key}' of {what} overlaps edition '{before.key}' "
                f"(line {before.line}): '{before.key}' is in force until "
                f"{before.ends or 'now'}, '{after.key}' from {after.starts}",
            )


def _rules(v: _Validator, rules, spec: LibrarySpec, editions) -> None:
    seen: dict[tuple[str, str], int] = {}
    document_of_key: dict[str, str] = {}
    for i, rule in enumerate(rules if isinstance(rules, list) else []):
        what = _what("rule", rule, i)
        if not v.fields(rule, _RULE_FIELDS, what):
            continue
        line = rule.line
        if not _SLUG.match(rule["key"]):
            v.error(rule.key_lines["key"], f"{what}: a key is lower-case letters, digits, - or _")
        if rule["severity"] not in Severity.values:
            v.error(rule.key_lines["severity"], f"'severity' in {what} must be high, medium or low")
        _check_and_params(v, rule, what)
        roles = rule.get("roles") or []
        _known_roles(v, rule, roles, what)
        if not rule["editions"]:
            v.error(rule.key_lines["editions"], f"{what} names no edition")
        for edition_key in rule["editions"]:
            if edition_key not in editions:
                v.error(
                    rule.key_lines["editions"], f"{what} names an unknown edition '{edition_key}'"
                )
                continue
            document = editions[edition_key][0]
            if document_of_key.setdefault(rule["key"], document) != document:
                v.error(line, f"{what} is used in two documents; a rule key belongs to one")
            if (rule["key"], edition_key) in seen:
                first = seen[(rule["key"], edition_key)]
                v.error(line, f"{what} is given twice for edition '{edition_key}' (line {first})")
                continue
            seen[(rule["key"], edition_key)] = line
            spec.rules.append(
                RuleSpec(
                    key=rule["key"],
                    edition=edition_key,
                    title=rule["title"],
                    paragraph=rule["paragraph"],
                    checks=" ".join(rule["checks"].split()),
                    severity=rule["severity"],
                    mode=rule["mode"],
                    check_name=rule.get("check") or "",
                    params=dict(rule.get("params") or {}),
                    roles=list(roles),
                    line=line,
                )
            )


def _known_roles(v: _Validator, rule, roles, what) -> None:
    from cairn.incidents.choices import InvolvementRole

    for role in roles:
        if role not in InvolvementRole.values:
            known = ", ".join(InvolvementRole.values)
            v.error(rule.key_lines["roles"], f"unknown role '{role}' in {what} (known: {known})")


def _check_and_params(v: _Validator, rule, what) -> None:
    mode, name, params = rule["mode"], rule.get("check"), rule.get("params")
    if mode == RuleMode.JUDGEMENT:
        for extra in ("check", "params"):
            if rule.get(extra):
                v.error(rule.key_lines[extra], f"{what} needs judgement: it takes no '{extra}'")
        return
    if mode != RuleMode.AUTOMATIC:
        v.error(rule.key_lines["mode"], f"'mode' in {what} must be automatic or judgement")
        return
    if not name:
        v.error(rule.line, f"missing field 'check' in {what} (an automatic rule names its check)")
        return
    checks = _checks_module()
    if checks is None:  # the checks engine is not installed: names cannot be verified
        return
    if name not in checks.CHECKS:
        known = ", ".join(sorted(checks.CHECKS))
        v.error(rule.key_lines["check"], f"unknown check '{name}' in {what} (known: {known})")
        return
    params_line = rule.key_lines.get("params", rule.line)
    for problem in checks.validate_params(name, params or {}):
        v.error(params_line, f"{what}: {problem}")


def _checks_module():
    """``cairn.guidance.checks`` (its ``CHECKS`` registry and ``validate_params``), imported
    here so that the loader and the engine do not import each other at import time."""
    try:
        from cairn.guidance import checks
    except ModuleNotFoundError as exc:
        if exc.name != "cairn.guidance.checks":
            raise
        return None
    return checks


def library_read(*, path: Path | str) -> tuple[LibrarySpec, str]:
    """The validated library in ``path`` and the sha256 of its bytes, or ``LibraryInvalid``."""
    path = Path(path)
    file = path.name
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryInvalid([LibraryError(file, None, f"cannot be read: {exc}")]) from exc
    data, errors = _parse_yaml(text, file)
    if data is None and not errors:
        errors = [LibraryError(file, None, "the file is empty")]
    if data is not None:
        spec, more = validate_library(data, file=file)
        errors += more
    if errors:
        raise LibraryInvalid(sorted(errors, key=lambda e: (e.line or 0, e.reason)))
    return spec, hashlib.sha256(raw).hexdigest()


# ---- loading ------------------------------------------------------------------------------


def library_load(*, path: Path | str, partnership=None, by=None) -> GuidanceLibrary:
    """Validate the library file at ``path`` and load it, replacing the previous version of
    the same library (same key, same partnership) in one transaction. Loading the same bytes
    again changes nothing. Refused files raise ``LibraryInvalid`` and leave the database as it
    was."""
    from cairn.audit.context import acting_as

    path = Path(path)
    spec, sha = library_read(path=path)
    with acting_as(by), transaction.atomic():
        library = (
            GuidanceLibrary.objects.select_for_update()
            .filter(partnership=partnership, key=spec.key)
            .first()
        )
        if library is not None and library.sha256 == sha:
            return library
        return _store(spec, sha=sha, path=path, library=library, partnership=partnership, by=by)


def library_load_national(*, by=None) -> GuidanceLibrary:
    """Load (or bring up to date) the national library every partnership shares."""
    return library_load(path=NATIONAL_LIBRARY, by=by)


def _store(spec: LibrarySpec, *, sha, path, library, partnership, by) -> GuidanceLibrary:
    if library is None:
        library = GuidanceLibrary(partnership=partnership, key=spec.key, version=0)
    library.title = spec.title
    library.version += 1
    library.sha256 = sha
    library.source_file = str(path)[-300:]
    library.loaded_by = by
    library.loaded_at = timezone.now()
    library.save()
    _refuse_removing_audited_rules(spec, library, path.name)
    documents = _store_documents(spec, library)
    editions = _store_editions(spec, library, documents)
    _store_rules(spec, library, editions)
    return library


def _refuse_removing_audited_rules(spec: LibrarySpec, library, file: str) -> None:
    """A rule that audit findings point at cannot disappear: the findings would lose their
    meaning. The library must keep it (its wording may change)."""
    wanted = {(r.edition, r.key) for r in spec.rules}
    used = (
        GuidanceRule.objects.filter(edition__document__library=library, findings__isnull=False)
        .values_list("edition__key", "key")
        .distinct()
    )
    errors = [
        LibraryError(
            file, None, f"rule '{key}' of edition '{ed}' has audit findings and cannot be removed"
        )
        for ed, key in used
        if (ed, key) not in wanted
    ]
    if errors:
        raise LibraryInvalid(errors)


def _store_documents(spec, library) -> dict[str, GuidanceDocument]:
    wanted = {d.key: d for d in spec.documents}
    library.documents.exclude(key__in=wanted).delete()
    existing = {d.key: d for d in library.documents.all()}
    documents = {}
    for key, d in wanted.items():
        document = existing.get(key) or GuidanceDocument(library=library, key=key)
        if document.title != d.title or document.pk is None:
            document.title = d.title
            document.save()
        documents[key] = document
    return documents


def _store_editions(spec, library, documents) -> dict[str, GuidanceEdition]:
    wanted = {(d.key, e.key): e for d in spec.documents for e in d.editions}
    existing = {
        (e.document.key, e.key): e
        for e in GuidanceEdition.objects.filter(document__library=library).select_related(
            "document"
        )
    }
    for pair, edition in existing.items():
        if pair not in wanted:
            edition.delete()
    # Editions may move relative to each other (an end date corrected): empty the ranges
    # first so the no-overlap constraint only sees the final dates.
    GuidanceEdition.objects.filter(document__library=library).update(in_force=DateRange(empty=True))
    editions = {}
    for (document_key, key), e in wanted.items():
        edition = existing.get((document_key, key)) or GuidanceEdition(
            document=documents[document_key], key=key
        )
        edition.title, edition.status = e.title, e.status
        edition.source, edition.note = e.source, e.note
        edition.in_force = DateRange(e.starts, e.ends, "[)")
        edition.save()
        editions[key] = edition
    return editions


def _store_rules(spec, library, editions) -> None:
    wanted = {(r.edition, r.key): r for r in spec.rules}
    existing = {
        (r.edition.key, r.key): r
        for r in GuidanceRule.objects.filter(edition__document__library=library).select_related(
            "edition"
        )
    }
    for pair, rule in existing.items():
        if pair not in wanted:
            rule.delete()
    for (edition_key, key), r in wanted.items():
        rule = existing.get((edition_key, key)) or GuidanceRule(
            edition=editions[edition_key], key=key
        )
        values = {
            "title": r.title,
            "paragraph": r.paragraph,
            "checks": r.checks,
            "severity": r.severity,
            "mode": r.mode,
            "check_name": r.check_name,
            "params": r.params,
            "roles": r.roles,
            "source_line": r.line,
        }
        if rule.pk is None or any(getattr(rule, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(rule, f, v)
            rule.save()
