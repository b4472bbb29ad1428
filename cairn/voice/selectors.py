"""Reads for listening: engagements and their stages, consents in force, what they said (for
the engagement team only, each read logged), "you said, we did" evidence, family feedback with
its clocks.

Two rules hold everywhere:

- ``Contribution.text`` (what they said) is read only through ``words_read``, which needs
  ``voice.view_words`` and logs the read.
- Their shared words (``Contribution.shared_text``) leave an engagement only through
  ``with_shared_words``, which blanks them unless their consent to share is in force today. A
  withdrawal hides them from every page at once; the words stay in the database and the
  withdrawal is in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.utils import timezone

from cairn.accounts.permissions import ensure, may, object_rule
from cairn.actionplans.selectors import plan_actions_visible_to
from cairn.audit.services import record_view
from cairn.clocks.selectors import ClockBook, TimeLeft, clock_book
from cairn.incidents.selectors.incidents import incidents_visible_to
from cairn.reviews.selectors import recommendations_visible_to, reviews_visible_to
from cairn.voice.models import (
    ACKNOWLEDGEMENT_CLOCK,
    RESPONSE_CLOCK,
    AgreedResponse,
    CheckOutcome,
    Consent,
    ConsentKind,
    Contribution,
    Engagement,
    FamilyFeedback,
    Session,
    VoiceTheme,
    YouSaidWeDid,
)

VIEW = "voice.view_engagements"
WORDS = "voice.view_words"
VIEW_FEEDBACK = "voice.view_feedback"


@object_rule("voice.view_engagements")
def _may_view(user, obj) -> bool:
    """Every engagement of the partnership (the layer has already refused another's)."""
    return True


@object_rule("voice.manage_engagements")
def _may_manage(user, obj) -> bool:
    return True


@object_rule("voice.view_words")
def _may_read_words(user, obj) -> bool:
    return True


@object_rule("voice.view_feedback")
def _may_view_feedback(user, obj) -> bool:
    return True


@object_rule("voice.manage_feedback")
def _may_manage_feedback(user, obj) -> bool:
    return True


# Consent ----------------------------------------------------------------------------------


def consent_in_force(kind: str, engagement_ref: str = "pk") -> Exists:
    """True for rows whose engagement (``OuterRef(engagement_ref)``) has ``kind`` of consent
    given and not withdrawn."""
    return Exists(
        Consent.objects.filter(
            engagement_id=OuterRef(engagement_ref), kind=kind, withdrawn_on__isnull=True
        )
    )


def consents_in_force(engagement: Engagement, *, on: date | None = None) -> set[str]:
    """The kinds of consent in force for ``engagement`` on ``on`` (default: now)."""
    consents = Consent.objects.filter(engagement=engagement)
    if on is None:
        return set(consents.filter(withdrawn_on__isnull=True).values_list("kind", flat=True))
    return set(
        consents.filter(given_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values_list("kind", flat=True)
    )


def with_shared_words(links: QuerySet[YouSaidWeDid]) -> QuerySet[YouSaidWeDid]:
    """``shared_words`` on each link: their anonymised words while consent to share is in
    force, "" otherwise. The only way shared words leave an engagement."""
    return links.annotate(
        shared_words=Case(
            When(
                consent_in_force(ConsentKind.SHARE_VIEWS, "engagement_id"),
                then=F("contribution__shared_text"),
            ),
            default=Value(""),
            output_field=TextField(),
        )
    )


# Safeguarding checks ----------------------------------------------------------------------


def check_before(engagement: Engagement, day: date):
    """The latest safeguarding check on or before ``day``, or None."""
    return engagement.checks.filter(checked_on__lte=day).order_by("-checked_on", "-pk").first()


def latest_check(engagement: Engagement):
    return engagement.checks.order_by("-checked_on", "-pk").first()


def check_passed(engagement: Engagement) -> bool:
    check = latest_check(engagement)
    return check is not None and check.outcome == CheckOutcome.PASSED


# Engagements ------------------------------------------------------------------------------


def engagements_visible_to(user) -> QuerySet[Engagement]:
    if not may(user, VIEW):
        return Engagement.objects.none()
    return Engagement.objects.filter(partnership_id=user.partnership_id)


def engagement_list_for(
    *, viewer, stage: str = "", participant_kind: str = "", theme: VoiceTheme | None = None
) -> QuerySet[Engagement]:
    engagements = engagements_visible_to(viewer)
    if stage:
        engagements = engagements.filter(stage=stage)
    if participant_kind:
        engagements = engagements.filter(participant_kind=participant_kind)
    if theme is not None:
        engagements = engagements.filter(
            Q(sessions__contributions__themes=theme) | Q(responses__theme=theme)
        ).distinct()
    return engagements.select_related("owner", "review", "recommendation").annotate(
        session_count=Count("sessions", distinct=True),
        response_count=Count("responses", distinct=True),
    )


def engagement_for(*, viewer, pk) -> Engagement | None:
    return (
        engagements_visible_to(viewer)
        .filter(pk=pk)
        .select_related(
            "owner", "person", "incident", "review", "recommendation", "partnership", "invited_by"
        )
        .first()
    )


def stage_counts(viewer) -> dict[str, int]:
    rows = engagements_visible_to(viewer).values("stage").annotate(n=Count("pk"))
    return {r["stage"]: r["n"] for r in rows}


@dataclass(frozen=True)
class EngagementPage:
    """What the engagement page shows to anyone who may view engagements: never their words."""

    checks: list
    consents: list
    sessions: list
    themes: list
    responses: list
    evidence: list
    person_visible: bool
    incident_visible: bool


def engagement_page(*, viewer, engagement: Engagement) -> EngagementPage:
    sessions = list(
        Session.objects.filter(engagement=engagement).annotate(
            contribution_count=Count("contributions")
        )
    )
    person = engagement.person
    incident = engagement.incident
    return EngagementPage(
        checks=list(engagement.checks.select_related("checked_by")),
        consents=list(engagement.consents.select_related("recorded_by", "withdrawal_recorded_by")),
        sessions=sessions,
        themes=list(themes_of(engagement)),
        responses=list(engagement.responses.select_related("theme")),
        evidence=list(evidence_of(viewer=viewer, engagement=engagement)),
        person_visible=person is not None and may(viewer, "people.view_person", person),
        incident_visible=incident_visible(viewer=viewer, incident=incident),
    )


def incident_visible(*, viewer, incident) -> bool:
    """Whether ``viewer`` may see ``incident`` (the incidents app's own visibility)."""
    return incident is not None and incidents_visible_to(viewer).filter(pk=incident.pk).exists()


def themes_of(engagement: Engagement) -> QuerySet[VoiceTheme]:
    """The themes of what they said and of what was agreed with them."""
    return VoiceTheme.objects.filter(
        Q(contributions__session__engagement=engagement) | Q(responses__engagement=engagement)
    ).distinct()


def themes_for(*, partnership, active_only: bool = False) -> QuerySet[VoiceTheme]:
    themes = VoiceTheme.objects.filter(partnership=partnership)
    if active_only:
        themes = themes.filter(is_active=True)
    return themes.annotate(
        contribution_count=Count("contributions", distinct=True),
        response_count=Count("responses", distinct=True),
    )


def theme_for(*, viewer, pk) -> VoiceTheme | None:
    if not may(viewer, VIEW):
        return None
    return VoiceTheme.objects.filter(partnership_id=viewer.partnership_id, pk=pk).first()


def consent_for(*, viewer, pk) -> Consent | None:
    return (
        Consent.objects.filter(engagement__in=engagements_visible_to(viewer), pk=pk)
        .select_related("engagement")
        .first()
    )


def session_for(*, viewer, pk) -> Session | None:
    return (
        Session.objects.filter(engagement__in=engagements_visible_to(viewer), pk=pk)
        .select_related("engagement")
        .first()
    )


def words_read(*, viewer, engagement: Engagement) -> list[Session]:
    """Every session of ``engagement`` with what they said, for the engagement team only.

    Raises PermissionDenied without ``voice.view_words``. Logs a view of each record of what
    they said in the audit trail: reading it is never silent."""
    ensure(viewer, WORDS, engagement)
    sessions = list(
        Session.objects.filter(engagement=engagement).prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("recorded_by").prefetch_related(
                    "themes"
                ),
            )
        )
    )
    for session in sessions:
        for contribution in session.contributions.all():
            record_view(viewer=viewer, obj=contribution)
    return sessions


def responses_of(engagement: Engagement) -> QuerySet[AgreedResponse]:
    return engagement.responses.select_related("theme")


def shareable_contributions(engagement: Engagement) -> QuerySet[Contribution]:
    """Records of what they said that have words to share, while consent to share is in force.
    Only their ids and session dates are shown to someone choosing one (never the words)."""
    return (
        Contribution.objects.filter(session__engagement=engagement)
        .exclude(shared_text="")
        .filter(consent_in_force(ConsentKind.SHARE_VIEWS, "session__engagement_id"))
        .select_related("session")
        .only("pk", "session__held_on", "session__engagement_id")
    )


# You said, we did -------------------------------------------------------------------------


def _links() -> QuerySet[YouSaidWeDid]:
    return with_shared_words(
        YouSaidWeDid.objects.select_related(
            "theme", "response", "response__theme", "recommendation", "action__plan", "engagement"
        )
    )


def evidence_of(*, viewer, engagement: Engagement) -> QuerySet[YouSaidWeDid]:
    """The "you said, we did" links of an engagement, for anyone who may see it."""
    if not may(viewer, VIEW, engagement):
        return YouSaidWeDid.objects.none()
    return _links().filter(engagement=engagement)


def you_said_we_did_by_action(action_ids, *, on: date) -> dict[int, list[YouSaidWeDid]]:
    """For a meeting pack, which only those who may see the plans receive: the "you said, we
    did" links of these plan actions made by ``on``, by action id. Their words only while
    consent to share is in force."""
    by_action: dict[int, list[YouSaidWeDid]] = {}
    links = _links().filter(action_id__in=action_ids, linked_on__lte=on)
    for link in links.order_by("linked_on", "pk"):
        by_action.setdefault(link.action_id, []).append(link)
    return by_action


def you_said_we_did_for(*, viewer, recommendation=None, action=None) -> QuerySet[YouSaidWeDid]:
    """What young people and families said, and what was done, attached to a recommendation
    or a plan action: for anyone who may see that recommendation or action. Their words only
    while their consent to share is in force; the theme and what was done always."""
    links = _links()
    if recommendation is not None:
        visible = recommendations_visible_to(viewer).filter(pk=recommendation.pk)
        return links.filter(recommendation__in=visible)
    if action is not None:
        visible = plan_actions_visible_to(viewer).filter(pk=action.pk)
        return links.filter(action__in=visible)
    return YouSaidWeDid.objects.none()


def link_targets(viewer):
    """The recommendations and plan actions ``viewer`` may attach evidence to."""
    return (
        recommendations_visible_to(viewer).order_by("reference"),
        plan_actions_visible_to(viewer).select_related("plan").order_by("plan__title", "number"),
    )


def reviews_for_linking(viewer):
    return reviews_visible_to(viewer)


# Family feedback --------------------------------------------------------------------------


def feedback_visible_to(user) -> QuerySet[FamilyFeedback]:
    if not may(user, VIEW_FEEDBACK):
        return FamilyFeedback.objects.none()
    return FamilyFeedback.objects.filter(partnership_id=user.partnership_id)


@dataclass(frozen=True)
class FeedbackClocks:
    acknowledgement_due: date
    response_due: date
    acknowledgement: TimeLeft | None
    """Where the acknowledgement clock stands, while it is not acknowledged."""
    response: TimeLeft | None
    acknowledged_late: bool
    responded_late: bool

    @property
    def is_late(self) -> bool:
        return bool(
            (self.acknowledgement and self.acknowledgement.is_overdue)
            or (self.response and self.response.is_overdue)
        )


def feedback_clocks(
    feedback: FamilyFeedback, *, book: ClockBook | None = None, today: date | None = None
) -> FeedbackClocks:
    book = book or clock_book(partnership=feedback.partnership)
    today = today or timezone.localdate()
    start = feedback.received_on
    ack_due = book.due_date(clock=ACKNOWLEDGEMENT_CLOCK, start=start)
    response_due = book.due_date(clock=RESPONSE_CLOCK, start=start)
    return FeedbackClocks(
        acknowledgement_due=ack_due,
        response_due=response_due,
        acknowledgement=None
        if feedback.acknowledged_on
        else book.time_left(clock=ACKNOWLEDGEMENT_CLOCK, start=start, today=today),
        response=None
        if feedback.responded_on
        else book.time_left(clock=RESPONSE_CLOCK, start=start, today=today),
        acknowledged_late=bool(feedback.acknowledged_on and feedback.acknowledged_on > ack_due),
        responded_late=bool(feedback.responded_on and feedback.responded_on > response_due),
    )


def feedback_list_for(*, viewer, state: str = "", today: date | None = None) -> list:
    """(feedback, clocks) pairs. ``state``: "open", "late" or "responded"."""
    feedback = feedback_visible_to(viewer).select_related("owner", "review")
    if state in ("open", "late"):
        feedback = feedback.filter(responded_on__isnull=True)
    elif state == "responded":
        feedback = feedback.filter(responded_on__isnull=False)
    book = clock_book(partnership=viewer.partnership)
    rows = [(f, feedback_clocks(f, book=book, today=today)) for f in feedback]
    if state == "late":
        rows = [(f, c) for f, c in rows if c.is_late]
    return rows


def feedback_for(*, viewer, pk) -> FamilyFeedback | None:
    return (
        feedback_visible_to(viewer)
        .filter(pk=pk)
        .select_related("owner", "incident", "review", "partnership")
        .first()
    )
