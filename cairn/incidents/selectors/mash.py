"""The MASH front door: each child's referral against their decision clock."""

from dataclasses import dataclass

from cairn.clocks.selectors import TimeLeft, clock_book
from cairn.incidents.choices import MashStage
from cairn.incidents.models import Decision, Involvement
from cairn.incidents.selectors.incidents import involvements_visible_to

OPEN_STAGES = (MashStage.CONTACT, MashStage.SCREENING, MashStage.DECISION)


@dataclass
class QueueRow:
    involvement: Involvement
    clock: TimeLeft


def mash_queue(viewer, *, today=None) -> list[QueueRow]:
    """Children awaiting a MASH decision, most urgent first (overdue, then due soonest)."""
    involvements = (
        involvements_visible_to(viewer)
        .filter(mash_stage__in=OPEN_STAGES, mash_received_at__isnull=False)
        .select_related("person", "incident", "incident__reporting_agency")
        .order_by("mash_received_at")
    )
    book = clock_book(partnership=viewer.partnership)
    rows = [
        QueueRow(
            inv, book.time_left(clock="referral_decision", start=inv.mash_received_at, today=today)
        )
        for inv in involvements
    ]
    return sorted(rows, key=lambda r: (r.clock.working_days_left, r.involvement.mash_received_at))


def decisions_awaiting_sign_off(viewer):
    visible = involvements_visible_to(viewer).values("pk")
    return (
        Decision.objects.filter(involvement__in=visible, signed_off_at__isnull=True)
        .exclude(decided_by=viewer)
        .select_related("involvement__person", "involvement__incident", "decided_by")
        .order_by("decided_at")
    )
