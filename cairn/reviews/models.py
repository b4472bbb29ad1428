"""Reviews: what the partnership learns from serious cases, cohorts and scrutiny.

A *case review* follows the statutory route of Working Together 2023 (guidance.md 1.2): the
local authority becomes aware of a serious incident, notifies the national panel (5 working
days), holds a rapid review (15 working days), decides (no further review, a local child
safeguarding practice review, or a referral for a national review) and hears the panel's
response; a local CSPR is commissioned, drafted, completed and published (within 6 months of
the decision, configurable). One record follows the case along that route, its ``kind``
saying how far it went. A *thematic* review looks at a cohort of cases; a *scrutiny* review
is a council committee's look at how a service worked.

Findings carry learning themes from an editable vocabulary; recommendations carry the
partnership's response and the governance decision that approved them.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from cairn.accounts.models import Agency, Partnership
from cairn.core.models import Versioned, VocabularyTerm
from cairn.governance.models import BodyDecision, GovernanceBody
from cairn.incidents.choices import AbuseForm
from cairn.incidents.models import Incident
from cairn.people.models import Person


class ReviewKind(models.TextChoices):
    SERIOUS_INCIDENT_NOTIFICATION = "serious_incident_notification", "Serious incident notification"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    THEMATIC = "thematic", "Thematic review"
    SCRUTINY = "scrutiny", "Scrutiny review"


CASE_REVIEW_KINDS = (
    ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
    ReviewKind.RAPID_REVIEW,
    ReviewKind.LOCAL_CSPR,
)


class ReviewDecision(models.TextChoices):
    NO_FURTHER_REVIEW = "no_further_review", "No further review"
    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    NATIONAL_REFERRAL = "national_referral", "Refer for a national review"


class PanelResponse(models.TextChoices):
    AGREES = "agrees", "The panel agrees"
    DISAGREES = "disagrees", "The panel disagrees"
    NATIONAL_REVIEW = "national_review", "The panel will carry out a national review"
    MORE_INFORMATION = "more_information", "The panel asked for more information"


class HarmNature(models.TextChoices):
    DEATH = "death", "The child died"
    SERIOUS_HARM = "serious_harm", "The child was seriously harmed"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "In progress"
    COMPLETED = "completed", "Completed"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed without a published report"


class Review(Versioned):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=40, choices=ReviewKind.choices)
    title = models.CharField(
        max_length=200,
        help_text="A name that identifies no child, e.g. 'Child Q' or 'Review 2019/3'",
    )
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    summary = models.TextField(blank=True)

    # The statutory route (case reviews)
    incident_on = models.DateField("date of the incident", null=True, blank=True)
    aware_on = models.DateField("date the local authority became aware", null=True, blank=True)
    harm_nature = models.CharField(max_length=16, choices=HarmNature.choices, blank=True)
    notifying_authority = models.CharField(max_length=120, blank=True)
    home_authority = models.CharField("child's home local authority", max_length=120, blank=True)
    notified_on = models.DateField("notified to the national panel on", null=True, blank=True)
    partners_told_on = models.DateField("safeguarding partners told on", null=True, blank=True)
    rapid_review_held_on = models.DateField(null=True, blank=True)
    rapid_review_sent_on = models.DateField(
        "rapid review sent to the panel on", null=True, blank=True
    )
    decision = models.CharField(max_length=24, choices=ReviewDecision.choices, blank=True)
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    decision_rationale = models.TextField(blank=True)
    panel_response = models.CharField(max_length=24, choices=PanelResponse.choices, blank=True)
    panel_responded_on = models.DateField(null=True, blank=True)

    # Commissioning to publication (local CSPR, thematic and scrutiny reviews)
    commissioned_on = models.DateField(null=True, blank=True)
    reviewer = models.CharField("independent reviewer", max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    publication_planned_on = models.DateField(null=True, blank=True)
    advance_copy_sent_on = models.DateField(
        "advance copy sent to the panel and Secretary of State on", null=True, blank=True
    )
    published_on = models.DateField(null=True, blank=True)
    publication_url = models.URLField(blank=True)

    # Serious incident notification statistics (DfE SIN breakdowns, guidance.md 1.2)
    child_age_group = models.CharField(max_length=20, blank=True)
    child_gender = models.CharField(max_length=20, blank=True)
    child_ethnicity = models.CharField(max_length=60, blank=True)
    child_disability = models.BooleanField(null=True, blank=True)
    known_to_agencies = models.BooleanField(null=True, blank=True)
    on_child_protection_plan = models.BooleanField(null=True, blank=True)

    # Thematic reviews: the cohort
    cohort_description = models.TextField(blank=True)
    cohort_from = models.DateField(null=True, blank=True)
    cohort_to = models.DateField(null=True, blank=True)
    cohort_forms = ArrayField(
        models.CharField(max_length=32, choices=AbuseForm.choices),
        default=list,
        blank=True,
        help_text="Forms of abuse in the cohort; empty for every form",
    )
    cohort_mash_only = models.BooleanField(
        "only incidents referred to the MASH",
        default=True,
        help_text="Only incidents with at least one child whose referral reached the MASH",
    )

    # Scrutiny reviews
    scrutiny_body = models.ForeignKey(
        GovernanceBody,
        on_delete=models.PROTECT,
        related_name="scrutiny_reviews",
        null=True,
        blank=True,
    )

    incidents = models.ManyToManyField(Incident, blank=True, related_name="reviews")
    children = models.ManyToManyField(Person, blank=True, related_name="reviews")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_owned"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notified_on__isnull=True)
                | Q(aware_on__isnull=True)
                | Q(notified_on__gte=F("aware_on")),
                name="review_notified_after_aware",
            ),
            models.CheckConstraint(
                condition=Q(cohort_to__isnull=True)
                | Q(cohort_from__isnull=True)
                | Q(cohort_to__gte=F("cohort_from")),
                name="review_cohort_in_order",
            ),
        ]

    def __str__(self):
        return self.title


class MilestoneKind(models.TextChoices):
    MILESTONE = "milestone", "Milestone"
    DRAFT = "draft", "Draft report"
    INFORMATION_REQUEST = "information_request", "Written request for information (Reg. 14)"
    PANEL_CONTACT = "panel_contact", "Contact with the national panel"


class ReviewMilestone(Versioned):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(
        max_length=24, choices=MilestoneKind.choices, default=MilestoneKind.MILESTONE
    )
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "due_on", "pk"]

    @property
    def partnership_id(self):
        return self.review.partnership_id


class LearningTheme(VocabularyTerm):
    """A learning theme of findings, recommendations and audits."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="learning_themes"
    )

    class Meta(VocabularyTerm.Meta):
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="learning_theme_unique")
        ]


class Finding(Versioned):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("finding")
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="findings")

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="finding_number_unique")
        ]

    @property
    def partnership_id(self):
        return self.review.partnership_id


class RecommendationSource(models.TextChoices):
    REVIEW = "review", "A review"
    SCRUTINY_COMMITTEE = "scrutiny_committee", "Scrutiny committee"
    CABINET = "cabinet", "Cabinet"
    IMPROVEMENT_BOARD = "improvement_board", "Improvement board"


class RecommendationScope(models.TextChoices):
    MULTI_AGENCY = "multi_agency", "Multi-agency"
    SINGLE_AGENCY = "single_agency", "Single agency"


class RecommendationResponse(models.TextChoices):
    AWAITING = "awaiting", "Awaiting a decision"
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_IN_PART = "accepted_in_part", "Accepted in part"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


NEEDS_RATIONALE = (RecommendationResponse.ACCEPTED_IN_PART, RecommendationResponse.NOT_ACCEPTED)


class Recommendation(Versioned):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="recommendations"
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="recommendations", null=True, blank=True
    )
    source = models.CharField(max_length=24, choices=RecommendationSource.choices)
    reference = models.CharField(max_length=30, help_text="For example R3 or SC/2020/2")
    text = models.TextField("recommendation")
    scope = models.CharField(max_length=16, choices=RecommendationScope.choices)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="recommendations")
    findings = models.ManyToManyField(Finding, blank=True, related_name="recommendations")
    response = models.CharField(
        max_length=20,
        choices=RecommendationResponse.choices,
        default=RecommendationResponse.AWAITING,
    )
    response_rationale = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        BodyDecision,
        on_delete=models.PROTECT,
        related_name="recommendations_agreed",
        null=True,
        blank=True,
        help_text="A first step of the route, e.g. the scrutiny committee that agreed it",
    )
    approved_by = models.ForeignKey(
        BodyDecision,
        on_delete=models.PROTECT,
        related_name="recommendations",
        null=True,
        blank=True,
        help_text="The governance decision that approved the response",
    )
    made_on = models.DateField("date made")
    is_draft = models.BooleanField(
        "draft",
        default=False,
        help_text="Suggested (for example by a thematic audit) and not yet agreed by the review",
    )

    class Meta:
        ordering = ["partnership", "made_on", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="recommendation_reference_unique"
            ),
            models.CheckConstraint(
                condition=~Q(response__in=["accepted_in_part", "not_accepted"])
                | ~Q(response_rationale=""),
                name="recommendation_rationale_when_not_accepted",
            ),
            models.CheckConstraint(
                condition=~Q(source="review") | Q(review__isnull=False),
                name="recommendation_from_review_names_it",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.text[:60]}"
