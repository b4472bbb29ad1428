"""Reading the guidance catalogue: which edition was in force on a date, which rules applied.

The national library (no partnership) is shared by every partnership; a partnership's own
libraries add to it. Where a partnership's library has a document or rule with the same key as
the national one, the partnership's wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from cairn.guidance.models import GuidanceEdition, GuidanceLibrary, GuidanceRule


def _libraries_for(partnership) -> Q:
    """The libraries that apply to ``partnership`` (or only the national ones)."""
    national = Q(partnership__isnull=True)
    return national | Q(partnership=partnership) if partnership is not None else national


def _local_first(prefix: str):
    """Order key: a partnership's own library (0) before the national one (1)."""
    return Case(
        When(**{f"{prefix}partnership__isnull": False}, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def edition_in_force(document_key: str, on_date: date, *, partnership=None):
    """The edition of document ``document_key`` in force on ``on_date``, or None."""
    libraries = GuidanceLibrary.objects.filter(_libraries_for(partnership))
    return (
        GuidanceEdition.objects.filter(
            document__library__in=libraries,
            document__key=document_key,
            in_force__contains=on_date,
        )
        .select_related("document")
        .order_by(_local_first("document__library__"))
        .first()
    )


def rules_in_force(on_date: date, *, partnership=None) -> list[GuidanceRule]:
    """For each rule key, the rule of the edition in force on ``on_date`` (ordered by key)."""
    libraries = GuidanceLibrary.objects.filter(_libraries_for(partnership))
    rules = (
        GuidanceRule.objects.filter(
            edition__document__library__in=libraries, edition__in_force__contains=on_date
        )
        .select_related("edition__document__library")
        .annotate(local_first=_local_first("edition__document__library__"))
        .order_by("key", "local_first")
        .distinct("key")
    )
    return list(rules)


def rules_visible_to(viewer) -> QuerySet[GuidanceRule]:
    """The rules a user may read: the national library's and their partnership's."""
    libraries = GuidanceLibrary.objects.filter(_libraries_for(viewer.partnership_id))
    return GuidanceRule.objects.filter(edition__document__library__in=libraries).select_related(
        "edition__document__library"
    )


@dataclass
class CatalogueEdition:
    edition: GuidanceEdition
    rules: list[GuidanceRule]


def catalogue_for(
    *, viewer, document: str = "", edition: str = "", mode: str = "", on_date: date | None = None
) -> list[CatalogueEdition]:
    """The rules ``viewer`` may read, grouped by document and edition, filtered."""
    rules = rules_visible_to(viewer)
    if document:
        rules = rules.filter(edition__document__key=document)
    if edition:
        rules = rules.filter(edition__key=edition)
    if mode:
        rules = rules.filter(mode=mode)
    if on_date:
        rules = rules.filter(edition__in_force__contains=on_date)
    rules = rules.order_by(
        "edition__document__library__key",
        "edition__document__title",
        "edition__in_force",
        "key",
    )
    groups: list[CatalogueEdition] = []
    for rule in rules:
        if not groups or groups[-1].edition.pk != rule.edition_id:
            groups.append(CatalogueEdition(edition=rule.edition, rules=[]))
        groups[-1].rules.append(rule)
    return groups


def catalogue_filters_for(*, viewer) -> dict:
    """The documents and editions to choose from in the catalogue's filters."""
    libraries = GuidanceLibrary.objects.filter(_libraries_for(viewer.partnership_id))
    editions = list(
        GuidanceEdition.objects.filter(document__library__in=libraries)
        .select_related("document")
        .order_by("document__title", "in_force")
    )
    documents = {e.document.key: e.document.title for e in editions}
    return {"documents": documents, "editions": [(e.key, e.title) for e in editions]}


@dataclass
class RulePage:
    rule: GuidanceRule
    versions: list[GuidanceRule]
    params: list[tuple[str, str]]


def rule_page_for(*, viewer, pk: int) -> RulePage | None:
    """One rule and the same rule (same key, same document) in every edition that has it."""
    rule = rules_visible_to(viewer).filter(pk=pk).first()
    if rule is None:
        return None
    versions = list(
        GuidanceRule.objects.filter(key=rule.key, edition__document=rule.edition.document_id)
        .select_related("edition")
        .order_by("edition__in_force")
    )
    params = [(name, _plain(value)) for name, value in rule.params.items()]
    return RulePage(rule=rule, versions=versions, params=params)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
