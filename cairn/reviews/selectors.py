"""Reads for reviews: the lists, one review's statutory route with its clocks, what it is
linked to (only as far as the viewer may see), findings, themes and recommendations.

Anyone with ``reviews.view_reviews`` sees every review of their own partnership. The incidents
and children a review is linked to are another matter: they are shown only through the
incidents app's own visibility (``incidents_visible_to``, ``people_visible_to``), so a review
group member without access to children's records learns how many incidents a review looks
at, never which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cairn.accounts.permissions import may, object_rule
from cairn.clocks.selectors import ClockBook, TimeLeft, clock_book
from cairn.incidents.models import Incident
from cairn.incidents.selectors.incidents import incidents_visible_to
from cairn.people.models import Person
from cairn.people.selectors import people_visible_to
from cairn.reviews.choices import CASE_REVIEW_KINDS
from cairn.reviews.models import (
    Finding,
    LearningTheme,
    Recommendation,
    Review,
    ReviewDecision,
    ReviewKind,
)


@object_rule("reviews.view_reviews")
def _may_view(user, obj) -> bool:
    """Every review of the partnership (the layer has already refused another's)."""
    return True


@object_rule("reviews.manage_reviews")
def _may_manage(user, obj) -> bool:
    return True


def reviews_visible_to(user) -> QuerySet[Review]:
    if not may(user, "reviews.view_reviews"):
        return Review.objects.none()
    return Review.objects.filter(partnership_id=user.partnership_id)


def review_list_for(*, viewer, kind: str = "", status: str = "") -> QuerySet[Review]:
    reviews = reviews_visible_to(viewer)
    if kind:
        reviews = reviews.filter(kind=kind)
    if status:
        reviews = reviews.filter(status=status)
    return reviews.annotate(
        incident_count=Count("incidents", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    ).select_related("owner")


def review_for(*, viewer, pk) -> Review | None:
    return (
        reviews_visible_to(viewer)
        .filter(pk=pk)
        .select_related("owner", "scrutiny_body", "partnership")
        .first()
    )


# The statutory route ---------------------------------------------------------------


@dataclass(frozen=True)
class RouteStep:
    """One step of a review's route: when it was done, and its clock if it has one."""

    key: str
    label: str
    done_on: date | None
    due: date | None = None
    clock: TimeLeft | None = None
    """Where the clock stands today, while the step is not done."""
    note: str = ""

    @property
    def on_time(self) -> bool | None:
        if self.done_on is None or self.due is None:
            return None
        return self.done_on <= self.due


def _step(book: ClockBook, today, *, key, label, done_on, clock="", start=None, note=""):
    if not clock or start is None:
        return RouteStep(key=key, label=label, done_on=done_on, note=note)
    due = book.due_date(clock=clock, start=start)
    left = None if done_on else book.time_left(clock=clock, start=start, today=today)
    return RouteStep(key=key, label=label, done_on=done_on, due=due, clock=left, note=note)


def route_for(
    review: Review, *, book: ClockBook | None = None, today: date | None = None
) -> list[RouteStep]:
    """Each step of the route that applies to ``review``, in order, with its clock."""
    book = book or clock_book(partnership=review.partnership)
    today = today or timezone.localdate()
    r = review
    steps: list[RouteStep] = []
    if r.kind in CASE_REVIEW_KINDS:
        steps += [
            _step(
                book, today, key="aware", label="Local authority became aware", done_on=r.aware_on
            ),
            _step(
                book,
                today,
                key="notified",
                label="Notified to the national panel",
                done_on=r.notified_on,
                clock="serious_incident_notification",
                start=r.aware_on,
            ),
            _step(
                book,
                today,
                key="partners_told",
                label="Safeguarding partners told",
                done_on=r.partners_told_on,
                clock="serious_incident_partners_told",
                start=r.aware_on,
            ),
            _step(
                book,
                today,
                key="rapid_review",
                label="Rapid review sent to the panel",
                done_on=r.rapid_review_sent_on,
                clock="rapid_review",
                start=r.aware_on,
                note=f"Held {r.rapid_review_held_on:%-d %B %Y}" if r.rapid_review_held_on else "",
            ),
            _step(
                book,
                today,
                key="decision",
                label="Decision",
                done_on=r.decided_on,
                note=r.get_decision_display() if r.decision else "",
            ),
            _step(
                book,
                today,
                key="panel_response",
                label="Panel's response",
                done_on=r.panel_responded_on,
                note=r.get_panel_response_display() if r.panel_response else "",
            ),
        ]
        if r.decision != ReviewDecision.LOCAL_CSPR:
            return steps
    steps.append(
        _step(
            book,
            today,
            key="commissioned",
            label="Commissioned",
            done_on=r.commissioned_on,
            note=f"Reviewer: {r.reviewer}" if r.reviewer else "",
        )
    )
    steps.append(_step(book, today, key="completed", label="Completed", done_on=r.completed_on))
    is_cspr = r.kind == ReviewKind.LOCAL_CSPR
    steps.append(
        _step(
            book,
            today,
            key="advance_copy",
            label="Advance copy sent to the panel and Secretary of State",
            done_on=r.advance_copy_sent_on,
            clock="cspr_advance_copy" if is_cspr else "",
            start=r.publication_planned_on,
            note=(
                f"Publication planned for {r.publication_planned_on:%-d %B %Y}"
                if r.publication_planned_on
                else ""
            ),
        )
    )
    steps.append(
        _step(
            book,
            today,
            key="published",
            label="Published",
            done_on=r.published_on,
            clock="cspr_publication" if is_cspr else "",
            start=r.decided_on,
        )
    )
    return steps


# Links to incidents and children ----------------------------------------------------


@dataclass
class Links:
    incidents: list[Incident]
    """The linked incidents the viewer may see."""
    incident_count: int
    """All linked incidents, seen or not."""
    children: list[Person]
    child_count: int

    @property
    def hidden_incidents(self) -> int:
        return self.incident_count - len(self.incidents)

    @property
    def hidden_children(self) -> int:
        return self.child_count - len(self.children)


def links_for(*, review: Review, viewer) -> Links:
    linked_incidents = review.incidents.all()
    linked_children = review.children.all()
    return Links(
        incidents=list(
            linked_incidents.filter(pk__in=incidents_visible_to(viewer).values("pk")).order_by(
                "reported_at", "pk"
            )
        ),
        incident_count=linked_incidents.count(),
        children=list(
            linked_children.filter(pk__in=people_visible_to(viewer).values("pk")).order_by("pk")
        ),
        child_count=linked_children.count(),
    )


def cohort_incidents(review: Review) -> QuerySet[Incident]:
    """The incidents in a thematic review's cohort: reported between its dates, of its forms
    of abuse (any, when none are chosen) and, unless told otherwise, referred to the MASH."""
    if review.cohort_from is None or review.cohort_to is None:
        return Incident.objects.none()
    incidents = Incident.objects.filter(
        partnership_id=review.partnership_id,
        reported_at__date__gte=review.cohort_from,
        reported_at__date__lte=review.cohort_to,
    )
    if review.cohort_forms:
        incidents = incidents.filter(forms__overlap=review.cohort_forms)
    if review.cohort_mash_only:
        incidents = incidents.filter(involvements__mash_received_at__isnull=False)
    return incidents.distinct()


# Findings, themes and recommendations -------------------------------------------------


def findings_of(review: Review) -> QuerySet[Finding]:
    return review.findings.prefetch_related("themes")


def themes_for(*, partnership, active_only: bool = False) -> QuerySet[LearningTheme]:
    themes = LearningTheme.objects.filter(partnership=partnership)
    if active_only:
        themes = themes.filter(is_active=True)
    return themes.annotate(finding_count=Count("findings"))


def theme_for(*, viewer, pk) -> LearningTheme | None:
    if not may(viewer, "reviews.view_reviews"):
        return None
    return LearningTheme.objects.filter(partnership_id=viewer.partnership_id, pk=pk).first()


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    if not may(user, "reviews.view_reviews"):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(partnership_id=user.partnership_id)


def _with_route(recommendations: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return recommendations.select_related(
        "review", "agreed_by__body", "approved_by__body"
    ).prefetch_related("agencies")


def recommendation_list_for(
    *, viewer, response: str = "", source: str = "", review=None
) -> QuerySet[Recommendation]:
    recommendations = recommendations_visible_to(viewer)
    if response:
        recommendations = recommendations.filter(response=response)
    if source:
        recommendations = recommendations.filter(source=source)
    if review is not None:
        recommendations = recommendations.filter(review=review)
    return _with_route(recommendations)


def recommendation_for(*, viewer, pk) -> Recommendation | None:
    return (
        _with_route(recommendations_visible_to(viewer))
        .filter(pk=pk)
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("number")))
        .first()
    )


def finding_for(*, viewer, pk) -> Finding | None:
    return (
        Finding.objects.filter(review__in=reviews_visible_to(viewer), pk=pk)
        .select_related("review")
        .first()
    )


def milestone_for(*, viewer, pk):
    from cairn.reviews.models import ReviewMilestone

    return (
        ReviewMilestone.objects.filter(review__in=reviews_visible_to(viewer), pk=pk)
        .select_related("review")
        .first()
    )


def review_figures(user, *, today: date | None = None) -> list[tuple[str, int]]:
    """For the home page: open reviews, and those with a statutory step overdue."""
    today = today or timezone.localdate()
    reviews = reviews_visible_to(user)
    open_reviews = reviews.filter(status="open")
    book = clock_book(partnership=user.partnership)
    overdue = sum(
        1
        for review in open_reviews.filter(
            Q(kind__in=CASE_REVIEW_KINDS) | Q(publication_planned_on__isnull=False)
        ).select_related("partnership")
        if any(s.clock and s.clock.is_overdue for s in route_for(review, book=book, today=today))
    )
    awaiting = recommendations_visible_to(user).filter(response="awaiting").count()
    return [
        ("Open reviews", open_reviews.count()),
        ("Reviews with a step overdue", overdue),
        ("Recommendations awaiting a response", awaiting),
    ]
