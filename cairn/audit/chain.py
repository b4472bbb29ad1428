"""The hash chain: how an event's hash is made and how the whole trail is checked."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64
CHAIN_LOCK = 4_172_020_231  # pg_advisory_xact_lock key: one writer extends the chain at a time


class _Encoder(DjangoJSONEncoder):
    """Django's JSON types, and PostgreSQL ranges written as PostgreSQL writes them."""

    def default(self, o):
        from django.db.backends.postgresql.psycopg_any import RANGE_TYPES

        if isinstance(o, RANGE_TYPES):
            if o.isempty:
                return "empty"
            lower, upper = (
                "" if b is None else b.isoformat() if hasattr(b, "isoformat") else str(b)
                for b in (o.lower, o.upper)
            )
            return f"{o.bounds[0]}{lower},{upper}{o.bounds[1]}"
        return super().default(o)


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, cls=_Encoder, separators=(",", ":"))


def event_hash(
    *,
    seq,
    at,
    actor_id,
    actor_label,
    partnership_id,
    action,
    object_type,
    object_id,
    object_label,
    changes,
    ip,
    prev_hash,
) -> str:
    body = canonical(
        [
            seq,
            at.isoformat(),
            actor_id,
            actor_label,
            partnership_id,
            action,
            object_type,
            object_id,
            object_label,
            changes,
            ip,
            prev_hash,
        ]
    )
    return hashlib.sha256(body.encode()).hexdigest()


def hash_of(event) -> str:
    return event_hash(
        seq=event.seq,
        at=event.at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        partnership_id=event.partnership_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_label=event.object_label,
        changes=event.changes,
        ip=event.ip,
        prev_hash=event.prev_hash,
    )


@dataclass
class ChainReport:
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify_chain(events) -> ChainReport:
    """Walk ``events`` (ordered by seq) and report the first one that breaks the chain."""
    prev_hash, prev_seq, checked = GENESIS, 0, 0
    for event in events:
        if event.seq != prev_seq + 1:
            gap = (
                f"event {prev_seq + 1} is missing"
                if event.seq == prev_seq + 2
                else f"events {prev_seq + 1} to {event.seq - 1} are missing"
            )
            return ChainReport(checked, event.seq, event.id, gap)
        if event.prev_hash != prev_hash:
            return ChainReport(
                checked,
                event.seq,
                event.id,
                "does not follow the event before it (previous hash differs)",
            )
        if hash_of(event) != event.hash:
            return ChainReport(
                checked, event.seq, event.id, "was altered after it was written (hash differs)"
            )
        prev_hash, prev_seq, checked = event.hash, event.seq, checked + 1
    return ChainReport(checked)
