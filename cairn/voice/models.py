"""Listening to young people and families: engagements, and family feedback and challenge.

An *engagement* is one young person's or parent's part in listening and reconciliation. Its
life: a safeguarding check before anyone makes contact, an invitation, consent (to take part,
to have what they say recorded, to have their views shared anonymised: separate records, each
of which can be withdrawn), sessions, what they said (restricted to the engagement team),
themes from a controlled vocabulary, the responses agreed with them, follow-up and closure.
Its ``stage`` is worked out from those records by the services, never typed.

"You said, we did" links a theme or an agreed response (with their words, anonymised, only
while their consent to share is in force) to a recommendation or a plan action as evidence.

*Family feedback* is a challenge from a family or advocate about how a case or review was
handled, with acknowledgement and response deadlines from ``cairn.clocks`` and escalation
through an outbox (``cairn.voice.escalations``), sent once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.accounts.models import Partnership
from cairn.actionplans.models import PlanAction
from cairn.core.models import OutboxMessage, Versioned, VocabularyTerm
from cairn.incidents.models import Incident
from cairn.people.models import Person
from cairn.reviews.models import Recommendation, Review


class ParticipantKind(models.TextChoices):
    YOUNG_PERSON = "young_person", "Young person"
    PARENT_CARER = "parent_carer", "Parent or carer"


class EngagementStage(models.TextChoices):
    CHECK = "check", "Safeguarding check needed"
    READY = "ready", "Check passed: ready to invite"
    INVITED = "invited", "Invited: waiting for a reply"
    TAKING_PART = "taking_part", "Taking part"
    FOLLOW_UP = "follow_up", "Responses agreed: follow-up"
    CLOSED = "closed", "Closed"


class CheckOutcome(models.TextChoices):
    PASSED = "passed", "Passed: contact is safe"
    NOT_PASSED = "not_passed", "Not passed: do not make contact"


class ContactMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By phone"
    VIDEO = "video", "By video call"
    WRITTEN = "written", "In writing"


class InvitationReply(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    NO_REPLY = "no_reply", "No reply"


class ConsentKind(models.TextChoices):
    TAKE_PART = "take_part", "To take part"
    BE_RECORDED = "be_recorded", "To have what they say recorded"
    SHARE_VIEWS = "share_views", "To have their views shared, anonymised"


class ClosureReason(models.TextChoices):
    COMPLETED = "completed", "Completed: they were told what was done"
    DECLINED = "declined", "They declined the invitation"
    WITHDREW = "withdrew", "They chose to stop taking part"
    NOT_SAFE = "not_safe", "Contact was not safe"
    NO_REPLY = "no_reply", "No reply to the invitation"


class VoiceTheme(VocabularyTerm):
    """A theme of what young people and families said."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="voice_themes"
    )

    class Meta(VocabularyTerm.Meta):
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="voice_theme_unique")
        ]


class Engagement(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="engagements"
    )
    title = models.CharField(
        max_length=120, help_text="A name that identifies no one, for example ‘Young person A’"
    )
    participant_kind = models.CharField(max_length=16, choices=ParticipantKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="engagements", null=True, blank=True
    )
    participant_description = models.CharField(
        max_length=200,
        blank=True,
        help_text="For someone not in Cairn: no name or other identifying detail",
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="engagements", null=True, blank=True
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="engagements", null=True, blank=True
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="engagements",
        null=True,
        blank=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="engagements_owned"
    )
    stage = models.CharField(
        max_length=16, choices=EngagementStage.choices, default=EngagementStage.CHECK
    )

    invited_on = models.DateField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    invitation_how = models.CharField(max_length=12, choices=ContactMethod.choices, blank=True)
    reply = models.CharField(max_length=12, choices=InvitationReply.choices, blank=True)
    replied_on = models.DateField(null=True, blank=True)

    followed_up_on = models.DateField("date they were told what was done", null=True, blank=True)
    follow_up_note = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=12, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["partnership", "stage"], name="engagement_stage")]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(participant_description=""),
                name="engagement_names_person_or_describes",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(closure_reason=""),
                name="engagement_closed_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True)
                | Q(invited_on__isnull=True)
                | Q(replied_on__gte=F("invited_on")),
                name="engagement_reply_after_invitation",
            ),
        ]

    def __str__(self):
        return self.title


class _OfEngagement:
    @property
    def partnership_id(self):
        return self.engagement.partnership_id


class SafeguardingCheck(_OfEngagement, models.Model):
    """Whether it is safe to contact them, checked before anyone does."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=CheckOutcome.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["engagement", "checked_on", "pk"]

    def __str__(self):
        return f"Safeguarding check {self.checked_on}: {self.get_outcome_display()}"


class Consent(_OfEngagement, Versioned):
    """One consent, given on a date; withdrawn (never deleted) when they change their mind."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=12, choices=ConsentKind.choices)
    given_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    withdrawal_note = models.TextField(blank=True)

    class Meta:
        ordering = ["engagement", "given_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "kind"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_one_in_force_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"Consent {self.get_kind_display().lower()}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None


class Session(_OfEngagement, Versioned):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    facilitator = models.CharField(max_length=200)
    how = models.CharField(max_length=12, choices=ContactMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["engagement", "held_on", "pk"]

    def __str__(self):
        return f"Session on {self.held_on}"


class Contribution(Versioned):
    """What they said in a session. ``text`` is for the engagement team only
    (``voice.view_words``, each read logged); ``shared_text`` is their views in an anonymised
    form they agreed to share, shown elsewhere only while that consent is in force."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField("what they said")
    shared_text = models.TextField("their views, anonymised, to share", blank=True)
    themes = models.ManyToManyField(VoiceTheme, blank=True, related_name="contributions")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = "what they said"
        verbose_name_plural = "what they said"

    def __str__(self):
        return f"What they said, session {self.session_id}"

    @property
    def partnership_id(self):
        return self.session.engagement.partnership_id


class AgreedResponse(_OfEngagement, Versioned):
    """What the partnership agreed with them it would do."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="responses")
    text = models.TextField("what was agreed")
    theme = models.ForeignKey(
        VoiceTheme, on_delete=models.PROTECT, related_name="responses", null=True, blank=True
    )
    agreed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["engagement", "agreed_on", "pk"]

    def __str__(self):
        return self.text[:60]


class YouSaidWeDid(_OfEngagement, models.Model):
    """A theme or agreed response, attached as evidence to a recommendation or plan action."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="evidence_links"
    )
    theme = models.ForeignKey(
        VoiceTheme, on_delete=models.PROTECT, related_name="evidence_links", null=True
    )
    response = models.ForeignKey(
        AgreedResponse, on_delete=models.PROTECT, related_name="evidence_links", null=True
    )
    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.PROTECT,
        related_name="evidence_links",
        null=True,
        help_text="Their words, anonymised: shown only while their consent to share is in force",
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="voice_evidence", null=True
    )
    action = models.ForeignKey(
        PlanAction, on_delete=models.PROTECT, related_name="voice_evidence", null=True
    )
    what_we_did = models.TextField("what was done")
    linked_on = models.DateField()
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["engagement", "linked_on", "pk"]
        verbose_name = "you said, we did"
        verbose_name_plural = "you said, we did"
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=True, action__isnull=False)
                | Q(recommendation__isnull=False, action__isnull=True),
                name="you_said_we_did_one_target",
            ),
            models.CheckConstraint(
                condition=Q(theme__isnull=False) | Q(response__isnull=False),
                name="you_said_we_did_theme_or_response",
            ),
        ]

    def __str__(self):
        return f"You said, we did: {self.what_we_did[:60]}"


# Family feedback and challenge -----------------------------------------------------------


class FeedbackFrom(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    FAMILY_MEMBER = "family_member", "Another family member"
    YOUNG_PERSON = "young_person", "The young person"
    ADVOCATE = "advocate", "An advocate for the family"


class FeedbackOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    RESOLVED_INFORMALLY = "resolved_informally", "Resolved informally"


ACKNOWLEDGEMENT_CLOCK = "family_feedback_acknowledgement"
RESPONSE_CLOCK = "family_feedback_response"


class FamilyFeedback(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="family_feedback"
    )
    received_on = models.DateField()
    from_kind = models.CharField("from", max_length=16, choices=FeedbackFrom.choices)
    from_description = models.CharField(
        max_length=200,
        blank=True,
        help_text="Only what you need to know, for example ‘mother of the child harmed’",
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="family_feedback", null=True, blank=True
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="family_feedback", null=True, blank=True
    )
    summary = models.TextField("what they raised")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_feedback_owned"
    )
    acknowledged_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=FeedbackOutcome.choices, blank=True)
    response_text = models.TextField("the response", blank=True)
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "family feedback"
        verbose_name_plural = "family feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(incident__isnull=False) | Q(review__isnull=False),
                name="family_feedback_about_something",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | (Q(responded_on__isnull=False) & ~Q(response_text="")),
                name="family_feedback_outcome_with_response",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_on__isnull=True)
                | Q(acknowledged_on__gte=F("received_on")),
                name="family_feedback_acknowledged_after_received",
            ),
        ]

    def __str__(self):
        return f"Feedback from {self.get_from_kind_display().lower()}, {self.received_on}"


class EscalationKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Not acknowledged in time"
    RESPONSE = "response", "Not responded to in time"


class FeedbackEscalation(OutboxMessage):
    """An e-mail that must go once: unique per feedback, kind, due date and recipient."""

    feedback = models.ForeignKey(
        FamilyFeedback, on_delete=models.CASCADE, related_name="escalations"
    )
    kind = models.CharField(max_length=16, choices=EscalationKind.choices)
    for_due_on = models.DateField(help_text="The due date that was missed")

    class Meta(OutboxMessage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "kind", "for_due_on", "recipient"],
                name="feedback_escalation_once",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}"

    @property
    def partnership_id(self):
        return self.feedback.partnership_id
