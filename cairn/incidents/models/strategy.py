"""Strategy discussions, section 47 enquiries and police investigations, per child; and a
context's own assessment and safety plan (Contextual Safeguarding).

A strategy discussion may be about several children (a joint discussion), but everything that
follows it is the child's own: one section 47 enquiry per child with its own clocks, one police
record per child with its own outcome and police role. Due dates are never stored: the
selectors compute them with ``cairn.clocks`` from the dates stored here.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.accounts.models import Agency
from cairn.core.models import Versioned
from cairn.incidents.models.incidents import Context, Incident, Involvement


class StrategyOutcome(models.TextChoices):
    SECTION_47 = "s47", "Section 47 enquiry"
    NO_SECTION_47 = "no_s47", "No section 47 enquiry"
    FURTHER_INFORMATION = "further_information", "Further information needed"


class CategoryOfAbuse(models.TextChoices):
    """CIN census category of abuse for a child protection plan (guidance.md 4.4)."""

    NEG = "NEG", "NEG: Neglect"
    PHY = "PHY", "PHY: Physical abuse"
    EMO = "EMO", "EMO: Emotional abuse"
    SAB = "SAB", "SAB: Sexual abuse"
    MUL = "MUL", "MUL: Multiple"


class PoliceOutcome(models.TextChoices):
    """Crime outcome for this child (guidance.md 2.7)."""

    ONGOING = "ongoing", "Ongoing: no outcome yet"
    CHARGE = "charge", "Charged or summonsed"
    CAUTION = "caution", "Caution"
    COMMUNITY_RESOLUTION = "community_resolution", "Community resolution"
    OUTCOME_21 = (
        "outcome_21",
        "Outcome 21: further investigation not in the public interest (police decision)",
    )
    OUTCOME_22 = "outcome_22", "Outcome 22: diversionary, educational or intervention activity"
    NFA = "nfa", "No further action"


class SgiiCategory(models.TextChoices):
    """NPCC categories of self-generated indecent imagery (guidance.md 2.7)."""

    NOT_APPLICABLE = "n/a", "Not applicable"
    AGGRAVATED = "aggravated", "Aggravated (groomed, coerced, deceived or extorted)"
    NON_AGGRAVATED = "non_aggravated", "Non-aggravated (willing peer sharing, no power imbalance)"
    REPEATED = "repeated", "Repeated"


class PoliceRole(models.TextChoices):
    """How the police recorded this child."""

    VICTIM = "victim", "Victim"
    SUSPECT = "suspect", "Suspect"
    PERSON_INVOLVED = "person_involved", "Person involved"
    WITNESS = "witness", "Witness"


class ContextPlanStatus(models.TextChoices):
    ACTIVE = "active", "In place"
    UNDER_REVIEW = "under_review", "Under review"
    CLOSED = "closed", "Closed"


class StrategyDiscussion(Versioned):
    """A strategy discussion about one or more children in one incident."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_on = models.DateField("date of the strategy discussion")
    involvements = models.ManyToManyField(
        Involvement, related_name="strategy_discussions", verbose_name="children discussed"
    )
    outcome = models.CharField(max_length=20, choices=StrategyOutcome.choices)
    outcome_notes = models.TextField("what was agreed", blank=True)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "strategy discussion"

    @property
    def partnership_id(self):
        return self.incident.partnership_id

    def __str__(self):
        return f"Strategy discussion on {self.held_on:%d %B %Y}"


class StrategyAttendee(models.Model):
    """Who took part, from which agency. Which agencies were present is derived from these."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="attendees"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["discussion", "pk"]

    @property
    def partnership_id(self):
        return self.agency.partnership_id

    def __str__(self):
        return f"{self.name}, {self.agency}"


class Section47Enquiry(Versioned):
    """One child's section 47 enquiry, started by a strategy discussion."""

    involvement = models.OneToOneField(
        Involvement, on_delete=models.PROTECT, related_name="section47"
    )
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion,
        on_delete=models.PROTECT,
        related_name="section47_enquiries",
        help_text="The strategy discussion that started the enquiry: the ICPC clock runs from it",
    )
    started_on = models.DateField()
    assessment_started_on = models.DateField("assessment started", null=True, blank=True)
    assessment_completed_on = models.DateField("assessment completed", null=True, blank=True)
    icpc_held_on = models.DateField(
        "initial child protection conference held", null=True, blank=True
    )
    cp_plan = models.BooleanField("child protection plan", null=True, blank=True)
    category_of_abuse = models.CharField(max_length=3, choices=CategoryOfAbuse.choices, blank=True)
    first_review_held_on = models.DateField("first review conference held", null=True, blank=True)

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(icpc_held_on__isnull=True) | Q(icpc_held_on__gte=F("started_on")),
                name="s47_icpc_not_before_strategy",
            ),
            models.CheckConstraint(
                condition=Q(category_of_abuse="") | Q(cp_plan=True),
                name="s47_category_only_with_plan",
            ),
        ]

    @property
    def partnership_id(self):
        return self.involvement.incident.partnership_id

    def __str__(self):
        return f"Section 47 enquiry for {self.involvement.person}"


class PoliceInvestigation(Versioned):
    """The police investigation as it concerns one child: their own role and outcome."""

    involvement = models.OneToOneField(
        Involvement, on_delete=models.PROTECT, related_name="police_investigation"
    )
    crime_reference = models.CharField(max_length=40, blank=True)
    offence_code = models.CharField(
        "Home Office offence code", max_length=20, blank=True, help_text="For example, 086/02"
    )
    outcome = models.CharField(
        max_length=24, choices=PoliceOutcome.choices, default=PoliceOutcome.ONGOING
    )
    outcome_on = models.DateField("date of the outcome", null=True, blank=True)
    sgii_category = models.CharField(
        "self-generated indecent imagery category",
        max_length=16,
        choices=SgiiCategory.choices,
        default=SgiiCategory.NOT_APPLICABLE,
    )
    police_role = models.CharField(
        "the child's recorded police role", max_length=16, choices=PoliceRole.choices
    )
    bail_conditions = models.TextField(blank=True)

    class Meta:
        verbose_name = "police investigation"

    @property
    def partnership_id(self):
        return self.involvement.incident.partnership_id

    @property
    def is_concluded(self) -> bool:
        return self.outcome != PoliceOutcome.ONGOING

    def __str__(self):
        return f"Police investigation for {self.involvement.person}"


class ContextAssessment(Versioned):
    """An assessment of a context (school, neighbourhood, online space, peer group), owned by
    whichever agency can change it: often not children's social care."""

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField("date of the assessment")
    summary = models.TextField()
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    review_on = models.DateField("review date")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = "context assessment"

    @property
    def partnership_id(self):
        return self.context.partnership_id

    def __str__(self):
        return f"Assessment of {self.context} on {self.assessed_on:%d %B %Y}"


class ContextSafetyPlan(Versioned):
    """What will be done to make a context safer, by whom, reviewed when."""

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="safety_plans")
    measures = models.TextField()
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    review_on = models.DateField("review date")
    status = models.CharField(
        max_length=16, choices=ContextPlanStatus.choices, default=ContextPlanStatus.ACTIVE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = "context safety plan"

    @property
    def partnership_id(self):
        return self.context.partnership_id

    def __str__(self):
        return f"Safety plan for {self.context}"
