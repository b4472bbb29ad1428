"""Reads for governance: bodies, their members, meetings and decisions.

Anyone with ``governance.view_governance`` sees every body of their own partnership (the
membership and decisions of a partnership's bodies are not about any child). Managing them
needs ``governance.manage_governance``; both are refused for another partnership's records
by the permission layer itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from cairn.accounts.permissions import may, object_rule
from cairn.governance.models import (
    AgendaItem,
    BodyDecision,
    BodyMember,
    GovernanceBody,
    Meeting,
    MeetingStatus,
)


@object_rule("governance.view_governance")
def _may_view(user, obj) -> bool:
    """A partnership's bodies are open to all its governance viewers (the layer has already
    refused another partnership's)."""
    return True


@object_rule("governance.manage_governance")
def _may_manage(user, obj) -> bool:
    return True


def bodies_visible_to(user) -> QuerySet[GovernanceBody]:
    if not may(user, "governance.view_governance"):
        return GovernanceBody.objects.none()
    return GovernanceBody.objects.filter(partnership_id=user.partnership_id)


def body_list_for(*, viewer, today: date | None = None) -> QuerySet[GovernanceBody]:
    """Bodies with their current member count and next planned meeting, active first."""
    today = today or timezone.localdate()
    return (
        bodies_visible_to(viewer)
        .annotate(
            member_count=Count(
                "members",
                filter=Q(members__left_on__isnull=True) | Q(members__left_on__gt=today),
                distinct=True,
            ),
            next_meeting_on=Min(
                "meetings__held_on",
                filter=Q(meetings__status=MeetingStatus.PLANNED, meetings__held_on__gte=today),
            ),
        )
        .order_by("-is_active", "name")
    )


def body_for(*, viewer, pk) -> GovernanceBody | None:
    return bodies_visible_to(viewer).filter(pk=pk).first()


@dataclass
class BodyPage:
    body: GovernanceBody
    members: list[BodyMember]
    former_members: list[BodyMember]
    meetings: list[Meeting]
    decisions: list[BodyDecision]


def body_page_for(*, viewer, pk, today: date | None = None) -> BodyPage | None:
    body = body_for(viewer=viewer, pk=pk)
    if body is None:
        return None
    today = today or timezone.localdate()
    seats = list(body.members.select_related("user", "agency"))
    current = [m for m in seats if m.left_on is None or m.left_on > today]
    return BodyPage(
        body=body,
        members=current,
        former_members=[m for m in seats if m not in current],
        meetings=list(body.meetings.annotate(item_count=Count("agenda_items"))),
        decisions=list(body.decisions.select_related("meeting")),
    )


def member_for(*, viewer, pk) -> BodyMember | None:
    return (
        BodyMember.objects.filter(body__in=bodies_visible_to(viewer), pk=pk)
        .select_related("body", "user", "agency")
        .first()
    )


def meetings_visible_to(user) -> QuerySet[Meeting]:
    if not may(user, "governance.view_governance"):
        return Meeting.objects.none()
    return Meeting.objects.filter(partnership_id=user.partnership_id)


def meeting_for(*, viewer, pk) -> Meeting | None:
    return (
        meetings_visible_to(viewer)
        .filter(pk=pk)
        .select_related("body")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")),
            Prefetch("decisions", queryset=BodyDecision.objects.select_related("agenda_item")),
        )
        .first()
    )


def agenda_item_for(*, viewer, pk) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(meeting__in=meetings_visible_to(viewer), pk=pk)
        .select_related("meeting__body")
        .first()
    )


def decisions_visible_to(user) -> QuerySet[BodyDecision]:
    if not may(user, "governance.view_governance") and not may(user, "reviews.view_reviews"):
        return BodyDecision.objects.none()
    return BodyDecision.objects.filter(partnership_id=user.partnership_id)


def decision_for(*, viewer, pk) -> BodyDecision | None:
    return (
        BodyDecision.objects.filter(
            partnership_id=viewer.partnership_id,
            pk=pk,
        )
        .select_related("body", "meeting", "agenda_item")
        .first()
        if may(viewer, "governance.view_governance")
        else None
    )


def decision_choices(*, partnership) -> QuerySet[BodyDecision]:
    """Decisions a record may point at as its governance route, newest first."""
    return BodyDecision.objects.filter(partnership=partnership).select_related("body")


def active_bodies(*, partnership, kind: str = "") -> QuerySet[GovernanceBody]:
    bodies = GovernanceBody.objects.filter(partnership=partnership, is_active=True)
    return bodies.filter(kind=kind) if kind else bodies
