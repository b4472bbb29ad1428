"""Proposing a meeting's agenda from what is due for its body on the meeting date.

A body's business is found, not typed: the plans it monitors whose next monitoring falls due
(``last_monitored_on`` plus ``monitor_every_months``, or agreed and never monitored), the
actions proposed for closure on those plans, the recommendations awaiting a decision that are
for this kind of body, and (for a review group) the reviews still in progress. Proposing twice
adds nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max, Q

from cairn.accounts.permissions import ensure
from cairn.actionplans.models import ActionPlan, ActionStatus, PlanStatus
from cairn.audit.context import acting_as
from cairn.clocks.calendar import add_months
from cairn.governance.models import AgendaItem, AgendaItemKind, BodyKind, Meeting
from cairn.reviews.models import (
    Recommendation,
    RecommendationResponse,
    RecommendationSource,
    Review,
    ReviewKind,
    ReviewStatus,
)

# Which recommendations each kind of body decides: a review's go to the review group.
RECOMMENDATIONS_FOR = {
    BodyKind.REVIEW_GROUP: RecommendationSource.REVIEW,
    BodyKind.SCRUTINY_COMMITTEE: RecommendationSource.SCRUTINY_COMMITTEE,
    BodyKind.CABINET: RecommendationSource.CABINET,
    BodyKind.IMPROVEMENT_BOARD: RecommendationSource.IMPROVEMENT_BOARD,
}
# Reviews whose progress a review group follows (scrutiny reviews belong to their committee).
REVIEW_GROUP_REVIEWS = (
    ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
    ReviewKind.RAPID_REVIEW,
    ReviewKind.LOCAL_CSPR,
    ReviewKind.THEMATIC,
)
LIVE_PLANS = (PlanStatus.AGREED, PlanStatus.MONITORED)


def next_monitoring_on(plan: ActionPlan) -> date | None:
    """When ``plan`` is next due at its body; None while it is a draft or closed."""
    if plan.status not in LIVE_PLANS:
        return None
    if plan.last_monitored_on is None:
        return plan.starts_on or date.min
    return add_months(plan.last_monitored_on, plan.monitor_every_months)


def plans_due(*, body, on: date) -> list[ActionPlan]:
    """The live plans ``body`` monitors that are due for monitoring on ``on``."""
    plans = ActionPlan.objects.filter(monitoring_body=body, status__in=LIVE_PLANS).order_by(
        "title", "pk"
    )
    return [p for p in plans if next_monitoring_on(p) <= on]


def plans_with_closure_proposals(*, body) -> list[ActionPlan]:
    return list(
        ActionPlan.objects.filter(monitoring_body=body, status__in=LIVE_PLANS)
        .annotate(
            proposed=Count(
                "actions",
                filter=Q(actions__proposed_for_closure=True)
                & ~Q(actions__status=ActionStatus.WITHDRAWN),
            )
        )
        .filter(proposed__gt=0)
        .order_by("title", "pk")
    )


def recommendations_awaiting(*, body, on: date) -> list[Recommendation]:
    source = RECOMMENDATIONS_FOR.get(body.kind)
    if source is None:
        return []
    return list(
        Recommendation.objects.filter(
            partnership_id=body.partnership_id,
            source=source,
            response=RecommendationResponse.AWAITING,
            made_on__lte=on,
        ).order_by("made_on", "reference")
    )


def reviews_in_progress(*, body) -> list[Review]:
    if body.kind != BodyKind.REVIEW_GROUP:
        return []
    return list(
        Review.objects.filter(
            partnership_id=body.partnership_id,
            status=ReviewStatus.OPEN,
            kind__in=REVIEW_GROUP_REVIEWS,
        ).order_by("created_at", "pk")
    )


def proposed_items(*, meeting: Meeting) -> list[tuple[str, str, object]]:
    """What is due for ``meeting``: (kind, title, subject), in agenda order."""
    body, on = meeting.body, meeting.held_on
    items = [
        (AgendaItemKind.REVIEW_UPDATE, f"{r.title}: progress of the review", r)
        for r in reviews_in_progress(body=body)
    ]
    items += [
        (
            AgendaItemKind.RECOMMENDATION_DECISION,
            f"Recommendation {rec.reference}: the partnership's response",
            rec,
        )
        for rec in recommendations_awaiting(body=body, on=on)
    ]
    items += [
        (AgendaItemKind.PLAN_MONITORING, f"{plan.title}: progress and RAG", plan)
        for plan in plans_due(body=body, on=on)
    ]
    items += [
        (
            AgendaItemKind.CLOSURE_PROPOSAL,
            f"{plan.title}: {plan.proposed} action{'s' if plan.proposed != 1 else ''} "
            "proposed for closure",
            plan,
        )
        for plan in plans_with_closure_proposals(body=body)
    ]
    return items


def agenda_propose(*, meeting: Meeting, by) -> list[AgendaItem]:
    """Add to ``meeting``'s agenda what is due for its body; returns the items added.

    Items already on the agenda (same kind and subject) are left alone, so proposing again
    only adds what has become due since.
    """
    ensure(by, "governance.manage_governance", meeting)
    with transaction.atomic(), acting_as(by):
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        existing = set(meeting.agenda_items.values_list("kind", "subject_type_id", "subject_id"))
        order = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
        added = []
        for kind, title, subject in proposed_items(meeting=meeting):
            subject_type = ContentType.objects.get_for_model(subject)
            if (kind, subject_type.pk, subject.pk) in existing:
                continue
            order += 1
            added.append(
                AgendaItem.objects.create(
                    meeting=meeting,
                    order=order,
                    kind=kind,
                    title=title[:300],
                    subject_type=subject_type,
                    subject_id=subject.pk,
                )
            )
        return added
