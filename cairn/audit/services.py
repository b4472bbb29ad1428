"""Writing to the audit trail. Every write in Cairn passes through ``record_event``."""

from __future__ import annotations

import json

from django.db import connection, models, transaction
from django.utils import timezone

from cairn.audit.chain import CHAIN_LOCK, GENESIS, canonical, event_hash
from cairn.audit.choices import AuditAction
from cairn.audit.context import current_actor, current_ip
from cairn.audit.models import AuditEvent

REDACTED = "[redacted]"
SECRET_FIELDS = {"password", "key", "token"}
SKIPPED_FIELDS = {"created_at", "updated_at", "version", "last_login"}


def object_type_of(obj) -> str:
    return obj._meta.label_lower


def partnership_id_of(obj) -> int | None:
    from cairn.accounts.models import Partnership

    if isinstance(obj, Partnership):
        return obj.pk
    pid = getattr(obj, "partnership_id", None)
    if pid is None and hasattr(obj, "user_id"):  # e.g. a user's two-factor device
        user = getattr(obj, "user", None)
        pid = getattr(user, "partnership_id", None)
    return pid


def snapshot(obj: models.Model) -> dict:
    """Field values of ``obj`` as plain JSON types (secrets redacted)."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        value = field.value_from_object(obj)
        values[field.attname] = REDACTED if field.name in SECRET_FIELDS and value else value
    return json.loads(canonical(values))


def diff(before: dict | None, after: dict | None) -> dict:
    """Field-level changes: {field: [before, after]}."""
    before, after = before or {}, after or {}
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def record_event(
    *,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    actor=None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    partnership_id: int | None = None,
) -> AuditEvent:
    """Append one event to the chain. Serialised by an advisory lock held to commit."""
    actor = actor if actor is not None else current_actor()
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
        partnership_id = partnership_id if partnership_id is not None else partnership_id_of(obj)
    if partnership_id is None and actor is not None:
        partnership_id = actor.partnership_id
    changes = json.loads(canonical(changes or {}))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
        fields = dict(
            seq=seq,
            at=timezone.now(),
            actor_id=actor.pk if actor else None,
            actor_label=(actor.email if actor else "system"),
            partnership_id=partnership_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label,
            changes=changes,
            ip=current_ip(),
            prev_hash=prev_hash,
        )
        return AuditEvent.objects.create(hash=event_hash(**fields), **fields)


def record_view(*, viewer, obj: models.Model) -> AuditEvent:
    """Log that ``viewer`` looked at ``obj``'s page (a person, an incident...)."""
    return record_event(action=AuditAction.VIEW, obj=obj, actor=viewer)


def record_bulk_create(*, model, count: int, note: str, partnership_id=None) -> AuditEvent:
    """One event for rows written in bulk (imports, demo seeding), with how many and why."""
    return record_event(
        action=AuditAction.BULK_CREATE,
        object_type=model._meta.label_lower,
        object_label=note,
        changes={"count": count},
        partnership_id=partnership_id,
    )
