"""Demo step: listening to young people and families, and family feedback. Runs after reviews.

All synthetic, written through the voice services (so every rule holds and every write is
audited), by the demo's engagement worker and partnership officer:

- the default listening themes;
- four engagements on the Child T review at different stages: a young person whose check has
  passed and who is waiting to be invited; a young person taking part, with consents, two
  sessions, what they said and themes; a young person who withdrew consent to share, whose
  "you said, we did" evidence still shows its theme but no longer their words; a parent whose
  engagement is closed, with "you said, we did" evidence on a Child T recommendation and a
  plan action;
- family feedback: one acknowledged late, one responded to (partly upheld), one just arrived.

Dates count back from the day of the build in working days.
"""

from __future__ import annotations

from django.utils import timezone

from cairn.actionplans.models import PlanAction
from cairn.clocks.selectors import clock_book
from cairn.reviews.models import Recommendation, Review
from cairn.voice import services
from cairn.voice.models import (
    CheckOutcome,
    ClosureReason,
    ConsentKind,
    ContactMethod,
    FeedbackFrom,
    FeedbackOutcome,
    InvitationReply,
    ParticipantKind,
    VoiceTheme,
)

DOMAIN = "marlshire.example"

SAID = [
    (
        "Nobody told me what was happening for weeks. I kept asking my form tutor and she "
        "didn't know either.",
        "I wanted someone to tell me what happens next, even if nothing had happened yet.",
        ["Being kept informed", "Waiting too long"],
    ),
    (
        "I had to sit in the same maths class as him until half term. I used to go to the "
        "toilets and stay there.",
        "Being in the same lessons afterwards made me feel unsafe every day.",
        ["Feeling safe at school"],
    ),
    (
        "I told the police, then the school, then a social worker, the same thing three times.",
        "I had to tell what happened to three different people.",
        ["Telling their story once"],
    ),
]


class _Listening:
    def __init__(self, ctx):
        self.ctx = ctx
        self.p = ctx.partnership
        self.book = clock_book(partnership=self.p)
        self.today = timezone.localdate()
        users = {u.email.split("@")[0]: u for u, _ in ctx.users if u.email.endswith(DOMAIN)}
        self.worker = users["engagement.worker"]
        self.officer = users["partnership.officer"]
        self.review = Review.objects.filter(partnership=self.p, title="Child T").first()
        self.themes = {t.name: t for t in VoiceTheme.objects.filter(partnership=self.p)}

    def ago(self, n: int):
        """``n`` working days before today (the day itself when n is 0)."""
        return self.book.calendar.add_working_days(self.today, -n) if n else self.today

    def start(self, title, kind=ParticipantKind.YOUNG_PERSON, description=""):
        return services.engagement_create(
            by=self.worker,
            partnership=self.p,
            title=title,
            participant_kind=kind,
            participant_description=description,
            review=None,
        )

    def reload(self, engagement):
        engagement.refresh_from_db()
        return engagement

    def check(self, e, days_ago):
        services.check_record(
            by=self.worker,
            engagement=e,
            checked_on=self.ago(days_ago),
            outcome=CheckOutcome.PASSED,
            note="Checked with the allocated social worker and the school's DSL.",
        )
        return self.reload(e)

    def invite_and_consent(self, e, days_ago, kinds):
        e = services.invitation_record(
            by=self.worker,
            engagement=e,
            expected_version=e.version,
            invited_on=self.ago(days_ago),
            invitation_how=ContactMethod.WRITTEN,
        )
        e = services.invitation_reply(
            by=self.worker,
            engagement=e,
            expected_version=e.version,
            reply=InvitationReply.ACCEPTED,
            replied_on=self.ago(days_ago - 2),
        )
        for kind in (ConsentKind.TAKE_PART, *kinds):
            services.consent_give(
                by=self.worker, engagement=e, kind=kind, given_on=self.ago(days_ago - 3)
            )
        return self.reload(e)

    def session(self, e, days_ago, said, how=ContactMethod.IN_PERSON):
        session = services.session_record(
            by=self.worker,
            engagement=e,
            held_on=self.ago(days_ago),
            facilitator=self.worker.get_full_name(),
            how=how,
        )
        contributions = []
        for text, shared, themes in said:
            contributions.append(
                services.contribution_record(
                    by=self.worker,
                    session=session,
                    text=text,
                    shared_text=shared,
                    themes=[self.themes[t] for t in themes if t in self.themes],
                )
            )
        return contributions


def _link_review(s, e):
    """Engagements are started by the engagement worker, who cannot see reviews; the partnership
    officer links them to the review they are about."""
    if s.review is None:
        return e
    return services.engagement_update(
        by=s.officer, engagement=e, expected_version=e.version, review=s.review
    )


def build(ctx) -> None:
    s = _Listening(ctx)
    services.voice_themes_seed(partnership=s.p)
    s.themes = {t.name: t for t in VoiceTheme.objects.filter(partnership=s.p)}
    recs = list(Recommendation.objects.filter(partnership=s.p, review=s.review).order_by("pk"))
    action = (
        PlanAction.objects.filter(plan__partnership=s.p, recommendations__in=recs)
        .order_by("pk")
        .first()
    )

    # Check passed, waiting to be invited
    waiting = s.start("Young person A", description="Young person, 14, harmed")
    _link_review(s, s.check(waiting, 3))

    # Taking part: consents, two sessions, what they said, themes
    taking_part = s.start("Young person B", description="Young person, 15, witness")
    taking_part = s.invite_and_consent(
        s.check(taking_part, 30), 27, [ConsentKind.BE_RECORDED, ConsentKind.SHARE_VIEWS]
    )
    s.session(taking_part, 20, SAID[:1])
    s.session(taking_part, 10, SAID[1:2], how=ContactMethod.VIDEO)
    _link_review(s, taking_part)

    # Consent to share withdrawn after their words were attached as evidence
    withdrawn = s.start("Young person C", description="Young person, 16, harmed")
    withdrawn = s.invite_and_consent(
        s.check(withdrawn, 60), 57, [ConsentKind.BE_RECORDED, ConsentKind.SHARE_VIEWS]
    )
    (said,) = s.session(withdrawn, 50, SAID[2:3])
    response = services.response_agree(
        by=s.worker,
        engagement=withdrawn,
        text="One named worker will be the family's contact from the first report.",
        agreed_on=s.ago(45),
        theme=s.themes.get("Telling their story once"),
    )
    withdrawn = _link_review(s, withdrawn)
    if recs:
        services.you_said_we_did_link(
            by=s.officer,
            engagement=withdrawn,
            response=response,
            contribution=said,
            recommendation=recs[0],
            what_we_did="Joint interviews by police and children's social care, so that a "
            "child tells what happened once.",
            linked_on=s.ago(30),
        )
    share = withdrawn.consents.get(kind=ConsentKind.SHARE_VIEWS, withdrawn_on__isnull=True)
    services.consent_withdraw(
        by=s.worker,
        consent=share,
        withdrawn_on=s.ago(5),
        withdrawal_note="Told the engagement worker by phone that they no longer want their "
        "words used.",
    )

    # Closed, with "you said, we did" evidence on a recommendation and a plan action
    closed = s.start(
        "Parent D", kind=ParticipantKind.PARENT_CARER, description="Parent of a child harmed"
    )
    closed = s.invite_and_consent(
        s.check(closed, 90), 87, [ConsentKind.BE_RECORDED, ConsentKind.SHARE_VIEWS]
    )
    (said,) = s.session(
        closed,
        80,
        [
            (
                "We found out from another parent that there was a review. Nobody from the "
                "council rang us.",
                "We found out about the review from other parents, not from the council.",
                ["Being kept informed", "Family support"],
            )
        ],
    )
    response = services.response_agree(
        by=s.worker,
        engagement=closed,
        text="Families will be told in writing when a review starts, and by whom.",
        agreed_on=s.ago(75),
        theme=s.themes.get("Being kept informed"),
    )
    closed = _link_review(s, closed)
    for target in ({"recommendation": recs[-1]} if recs else {}, {"action": action}):
        if not any(target.values()):
            continue
        services.you_said_we_did_link(
            by=s.officer,
            engagement=closed,
            response=response,
            contribution=said,
            what_we_did="The partnership now writes to each family when a review starts, "
            "naming the reviewer and a contact.",
            linked_on=s.ago(20),
            **target,
        )
    closed = s.reload(closed)
    closed = services.follow_up_record(
        by=s.worker,
        engagement=closed,
        expected_version=closed.version,
        followed_up_on=s.ago(10),
        follow_up_note="Met the parent and showed them the new letter to families.",
    )
    services.engagement_close(
        by=s.worker,
        engagement=closed,
        expected_version=closed.version,
        closed_on=s.ago(8),
        closure_reason=ClosureReason.COMPLETED,
    )
    _feedback(s)


def _feedback(s) -> None:
    if s.review is None:
        return
    late = services.feedback_record(
        by=s.officer,
        partnership=s.p,
        received_on=s.ago(25),
        from_kind=FeedbackFrom.PARENT_CARER,
        from_description="Parent of the child harmed",
        review=s.review,
        summary="The family were not asked to contribute to the review before it was finished.",
        owner=s.worker,
    )
    services.feedback_acknowledge(
        by=s.worker, feedback=late, expected_version=late.version, acknowledged_on=s.ago(18)
    )
    answered = services.feedback_record(
        by=s.officer,
        partnership=s.p,
        received_on=s.ago(40),
        from_kind=FeedbackFrom.ADVOCATE,
        from_description="Independent advocate for the family",
        review=s.review,
        summary="The review's summary was published before the family saw it.",
        owner=s.officer,
    )
    answered = services.feedback_acknowledge(
        by=s.officer,
        feedback=answered,
        expected_version=answered.version,
        acknowledged_on=s.ago(38),
    )
    services.feedback_respond(
        by=s.officer,
        feedback=answered,
        expected_version=answered.version,
        outcome=FeedbackOutcome.PARTLY_UPHELD,
        response_text="We agree the family should have seen the summary first and have "
        "changed how advance copies are shared. The summary itself stays as published.",
        responded_on=s.ago(22),
    )
    services.feedback_record(
        by=s.officer,
        partnership=s.p,
        received_on=s.ago(1),
        from_kind=FeedbackFrom.FAMILY_MEMBER,
        from_description="Grandparent and carer",
        review=s.review,
        summary="Asks why the review's action plan is not published.",
        owner=s.worker,
    )
