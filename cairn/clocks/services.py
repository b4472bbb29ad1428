"""Writes: a partnership sets, changes or removes its own timescales. Audited."""

from __future__ import annotations

from django.db import transaction

from cairn.accounts.models import Partnership
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.clocks.choices import NonWorkingDue
from cairn.clocks.models import LocalTimescale


def local_timescale_set(
    *,
    by,
    partnership: Partnership,
    key: str,
    amount: int,
    unit: str,
    label: str = "",
    starts_from: str = "",
    if_not_a_working_day: str = NonWorkingDue.PREVIOUS_WORKING_DAY,
    reason: str = "",
) -> LocalTimescale:
    """Create or replace ``partnership``'s timescale for ``key``.

    Raises ValidationError when the timescale would lengthen a confirmed national one, change
    the direction of a clock, or add a local clock without a label and a start event.
    """
    ensure(by, "accounts.manage_partnership", partnership)
    with transaction.atomic(), acting_as(by):
        local = (
            LocalTimescale.objects.select_for_update()
            .filter(partnership=partnership, key=key)
            .first()
        ) or LocalTimescale(partnership=partnership, key=key)
        local.amount = amount
        local.unit = unit
        local.label = label
        local.starts_from = starts_from
        local.if_not_a_working_day = if_not_a_working_day
        local.reason = reason
        local.full_clean()
        local.save()
        return local


def local_timescale_remove(*, by, partnership: Partnership, key: str) -> None:
    """Return ``key`` to the national timescale (or drop the local clock)."""
    ensure(by, "accounts.manage_partnership", partnership)
    with transaction.atomic(), acting_as(by):
        for local in LocalTimescale.objects.filter(partnership=partnership, key=key):
            local.delete()
