"""Reads for learning: a recipient's briefings, the briefings a partnership officer manages,
reach and acknowledgement by agency (through disclosure control), and the practice library.

Anyone with ``learning.read_briefings`` may read a *sent* briefing of their own partnership
(learning is meant to travel); only its recipients acknowledge it and answer its follow-up.
Drafts are seen only by those who manage briefings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import may, object_rule
from cairn.insights.disclosure import Cell, control_rate, control_table, disclosure_rules
from cairn.learning.choices import BriefingStatus, Theme, Topic
from cairn.learning.models import Briefing, Correction, Receipt, Resource

READ = "learning.read_briefings"
MANAGE = "learning.manage_briefings"
VIEW_LIBRARY = "learning.view_practice_library"
MANAGE_LIBRARY = "learning.manage_practice_library"


@object_rule(READ)
def _may_read(user, obj) -> bool:
    if isinstance(obj, Receipt):
        return obj.recipient_id == user.pk
    if isinstance(obj, Briefing):
        return obj.status == BriefingStatus.SENT or may(user, MANAGE, obj)
    return False


@object_rule(MANAGE)
def _may_manage(user, obj) -> bool:
    """Draft or sent: the service refuses changes to a sent briefing itself."""
    return True


@object_rule(MANAGE_LIBRARY)
def _may_manage_resource(user, obj) -> bool:
    """A partnership's own resources; national ones belong to the data file (and the layer
    already refuses them: they have no partnership)."""
    return True


# A recipient's briefings -------------------------------------------------------------------


def my_briefings(*, viewer) -> QuerySet[Receipt]:
    """The viewer's receipts: unread first, then newest first."""
    if not may(viewer, READ):
        return Receipt.objects.none()
    return (
        Receipt.objects.filter(recipient=viewer, briefing__status=BriefingStatus.SENT)
        .select_related("briefing")
        .order_by(F("read_at").asc(nulls_first=True), "-briefing__sent_at", "-pk")
    )


def briefing_to_read(*, viewer, pk) -> Briefing | None:
    """A sent briefing of the viewer's partnership (or a draft, for those who manage them)."""
    if not may(viewer, READ):
        return None
    briefing = (
        Briefing.objects.filter(partnership_id=viewer.partnership_id, pk=pk)
        .select_related("review", "audit_run")
        .prefetch_related(Prefetch("corrections", Correction.objects.order_by("issued_at")))
        .first()
    )
    return briefing if briefing is not None and may(viewer, READ, briefing) else None


def receipt_of(*, viewer, briefing: Briefing) -> Receipt | None:
    return Receipt.objects.filter(briefing=briefing, recipient=viewer).first()


def follow_up_open(receipt: Receipt, *, today: date | None = None) -> bool:
    """The follow-up question can be answered: read, not yet answered, and its day has come."""
    today = today or timezone.localdate()
    b = receipt.briefing
    return (
        receipt.read_at is not None
        and receipt.answered_at is None
        and b.follow_up_on is not None
        and b.follow_up_on <= today
    )


# Managing briefings ----------------------------------------------------------------------


def briefings_managed_by(viewer) -> QuerySet[Briefing]:
    if not may(viewer, MANAGE):
        return Briefing.objects.none()
    return Briefing.objects.filter(partnership_id=viewer.partnership_id)


def briefing_list_for(*, viewer) -> QuerySet[Briefing]:
    return (
        briefings_managed_by(viewer)
        .select_related("review", "audit_run")
        .annotate(
            sent_count=Count("receipts", distinct=True),
            read_count=Count("receipts", filter=Q(receipts__read_at__isnull=False), distinct=True),
        )
        .order_by(F("sent_at").desc(nulls_first=True), "-created_at")
    )


def briefing_to_manage(*, viewer, pk) -> Briefing | None:
    return (
        briefings_managed_by(viewer)
        .filter(pk=pk)
        .select_related("review", "audit_run", "created_by", "sent_by")
        .prefetch_related("agencies", "corrections")
        .first()
    )


def audience_of(briefing: Briefing):
    """The active users who would receive ``briefing`` if it were sent now."""
    from cairn.accounts.models import User

    return User.objects.filter(
        is_active=True,
        agency__partnership_id=briefing.partnership_id,
        agency__in=briefing.agencies.all(),
        roles__overlap=list(briefing.roles),
    ).select_related("agency")


# Reach and acknowledgement -----------------------------------------------------------------

REACH_COLUMNS = ("Not yet read", "Read, follow-up not answered", "Read and followed up")


@dataclass(frozen=True)
class ReachRow:
    agency: str
    not_read: Cell
    read_only: Cell
    followed_up: Cell
    sent: Cell
    read: Cell
    read_percent: str
    followed_up_percent: str


@dataclass(frozen=True)
class Reach:
    rows: list[ReachRow]
    total: ReachRow | None
    symbol: str

    def csv_rows(self) -> list[list[str]]:
        head = [
            "Agency",
            "Sent",
            "Read",
            "Read (%)",
            "Followed up",
            "Followed up (%)",
            "Not yet read",
        ]
        lines = [head]
        for r in [*self.rows, *([self.total] if self.total else [])]:
            lines.append(
                [
                    r.agency,
                    r.sent.shown,
                    r.read.shown,
                    r.read_percent,
                    r.followed_up.shown,
                    r.followed_up_percent,
                    r.not_read.shown,
                ]
            )
        return lines


def reach_counts(*, briefing: Briefing) -> list[tuple[str, int, int, int]]:
    """Per agency of the recipients at send: (agency, not read, read only, followed up).
    True counts: for disclosure-controlled output use ``reach_for``."""
    rows = (
        Receipt.objects.filter(briefing=briefing)
        .values("agency_id")
        .annotate(
            not_read=Count("pk", filter=Q(read_at__isnull=True)),
            read_only=Count("pk", filter=Q(read_at__isnull=False, answered_at__isnull=True)),
            followed_up=Count("pk", filter=Q(answered_at__isnull=False)),
        )
    )
    names = dict(
        Agency.objects.filter(pk__in=[r["agency_id"] for r in rows]).values_list("pk", "name")
    )
    return sorted(
        (names[r["agency_id"]], r["not_read"], r["read_only"], r["followed_up"]) for r in rows
    )


def _sum(a: Cell, b: Cell, symbol: str) -> Cell:
    """Two published cells may be added; if either is hidden, so is their sum (else the hidden
    one could be worked out from it)."""
    value = (a.value or 0) + (b.value or 0)
    if a.suppressed or b.suppressed:
        return Cell(value=value, shown=symbol, suppressed=True, reason="secondary")
    return Cell(value=value, shown=str(value))


def reach_for(*, briefing: Briefing) -> Reach:
    """Reach and acknowledgement by agency, as it may be shown outside case-level roles: the
    three states partition the recipients, so the table goes through ``control_table`` with
    exact totals (decision 0019)."""
    counts = reach_counts(briefing=briefing)
    symbol = disclosure_rules().symbol
    if not counts:
        return Reach(rows=[], total=None, symbol=symbol)
    table = control_table([list(c[1:]) for c in counts], round_totals=False)

    def row(label, cells, total):
        not_read, read_only, followed_up = cells
        read = _sum(read_only, followed_up, symbol)
        return ReachRow(
            agency=label,
            not_read=not_read,
            read_only=read_only,
            followed_up=followed_up,
            sent=total,
            read=read,
            read_percent=control_rate(read, total),
            followed_up_percent=control_rate(followed_up, total),
        )

    rows = [
        row(name, cells, total)
        for (name, *_), cells, total in zip(counts, table.cells, table.row_totals, strict=True)
    ]
    return Reach(
        rows=rows,
        total=row("All agencies", table.column_totals, table.grand_total),
        symbol=symbol,
    )


def follow_up_answers(*, briefing: Briefing) -> list[Receipt]:
    """What recipients said changed in their practice: the words, with the agency but no name."""
    return list(
        Receipt.objects.filter(briefing=briefing, answered_at__isnull=False)
        .select_related("agency")
        .order_by("answered_at", "pk")
    )


# The practice guidance library -------------------------------------------------------------


def resources_visible_to(viewer) -> QuerySet[Resource]:
    """The national library and the viewer's partnership's own resources, in use."""
    if not may(viewer, VIEW_LIBRARY):
        return Resource.objects.none()
    return Resource.objects.filter(
        Q(partnership__isnull=True) | Q(partnership_id=viewer.partnership_id), is_active=True
    )


def library_for(*, viewer, theme: str = "") -> QuerySet[Resource]:
    resources = resources_visible_to(viewer)
    if theme in Theme.values:
        resources = resources.filter(themes__contains=[theme])
    return resources.order_by("title", "pk")


def practice_links(*, viewer, topic: str) -> list[Resource]:
    """The resources that help on the page about ``topic`` (a ``Topic`` value)."""
    if topic not in Topic.values:
        raise ValueError(f"Unknown practice library topic {topic!r}: one of {Topic.values}")
    return list(resources_visible_to(viewer).filter(topics__contains=[topic]).order_by("title"))


def local_resource_for(*, viewer, pk) -> Resource | None:
    """One of the partnership's own resources, for editing."""
    if not may(viewer, MANAGE_LIBRARY):
        return None
    return Resource.objects.filter(partnership_id=viewer.partnership_id, pk=pk).first()
