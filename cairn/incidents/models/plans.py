"""Each child's own plans (KCSIE Part five) and harmful sexual behaviour assessments.

A plan belongs to one involvement: the risk and needs assessment, the safety plan and the
support plan of one child in one incident, kept under review (guidance.md 2.4). A harmful
sexual behaviour (HSB) assessment records the result of a recognised practice tool (Hackett
continuum, Brook traffic light, AIM3: guidance.md 3.1-3.3); the tools themselves are not
re-implemented.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cairn.accounts.models import Agency
from cairn.core.models import Versioned
from cairn.incidents.models.incidents import Involvement


class PlanKind(models.TextChoices):
    RISK_AND_NEEDS = "risk_and_needs_assessment", "Risk and needs assessment"
    SAFETY = "safety_plan", "Safety plan"
    SUPPORT = "support_plan", "Support plan"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "In place"
    CLOSED = "closed", "Closed"


class HsbTool(models.TextChoices):
    HACKETT = "hackett", "Hackett continuum"
    BROOK = "brook_traffic_light", "Brook Sexual Behaviours Traffic Light Tool"
    AIM3 = "aim3", "AIM3 assessment"


class HackettCategory(models.TextChoices):
    NORMAL = "normal", "Normal"
    INAPPROPRIATE = "inappropriate", "Inappropriate"
    PROBLEMATIC = "problematic", "Problematic"
    ABUSIVE = "abusive", "Abusive"
    VIOLENT = "violent", "Violent"


class TrafficLight(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class TltAgeBand(models.TextChoices):
    """Brook's four age bands: they overlap on purpose."""

    AGE_0_5 = "0-5", "0 to 5"
    AGE_5_9 = "5-9", "5 to 9"
    AGE_9_13 = "9-13", "9 to 13"
    AGE_13_17 = "13-17", "13 to 17"


class Plan(Versioned):
    """One child's risk and needs assessment, safety plan or support plan."""

    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=32, choices=PlanKind.choices)
    # What KCSIE says a risk assessment must consider, each in its own words.
    victim_support = models.TextField("protection and support for the victim", blank=True)
    alleged_perpetrator = models.TextField("the alleged perpetrator or perpetrators", blank=True)
    other_children = models.TextField(
        "all other children (and, where relevant, adult students and staff)", blank=True
    )
    time_and_place = models.TextField(
        "the time and place of the incident, and how to make it safer", blank=True
    )
    summary = models.TextField()
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField("date agreed")
    next_review_on = models.DateField("next review date", null=True, blank=True)
    status = models.CharField(max_length=8, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-agreed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True) | Q(next_review_on__gt=F("agreed_on")),
                name="plan_review_after_agreed",
            ),
            models.CheckConstraint(
                condition=Q(status="closed") | Q(next_review_on__isnull=False),
                name="plan_active_has_review_date",
            ),
        ]

    @property
    def partnership_id(self):
        return self.involvement.incident.partnership_id

    def __str__(self):
        return f"{self.get_kind_display()} for {self.involvement.person}"


class PlanReview(models.Model):
    """A review of a plan: what was found, and when it will next be reviewed (if it stays)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField("date of the review")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField()
    next_review_on = models.DateField("next review date", null=True, blank=True)
    closed_plan = models.BooleanField("the plan was closed at this review", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "plan review"

    @property
    def partnership_id(self):
        return self.plan.involvement.incident.partnership_id

    def __str__(self):
        return f"Review on {self.reviewed_on:%d %B %Y} of {self.plan}"


class HsbAssessment(Versioned):
    """A harmful sexual behaviour assessment of one child, with one recognised tool."""

    involvement = models.ForeignKey(
        Involvement, on_delete=models.PROTECT, related_name="hsb_assessments"
    )
    tool = models.CharField(max_length=24, choices=HsbTool.choices)
    assessed_on = models.DateField("date of the assessment")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    hackett_category = models.CharField(
        "Hackett continuum category", max_length=16, choices=HackettCategory.choices, blank=True
    )
    traffic_light = models.CharField(
        "traffic light colour", max_length=8, choices=TrafficLight.choices, blank=True
    )
    tlt_age_band = models.CharField(
        "traffic light age band", max_length=8, choices=TltAgeBand.choices, blank=True
    )
    aim3_assessor_name = models.CharField("AIM3 assessor", max_length=200, blank=True)
    aim3_trained = models.BooleanField("the assessor is AIM3 trained", null=True, blank=True)
    aim3_domains_summary = models.TextField(
        "concerns and strengths in the five domains", blank=True
    )
    aim3_formulation = models.TextField("case formulation", blank=True)
    aim3_supervision_level = models.CharField("supervision level", max_length=120, blank=True)
    aim3_review_on = models.DateField("AIM3 review date", null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = "harmful sexual behaviour assessment"
        constraints = [
            models.CheckConstraint(
                condition=~Q(tool="hackett") | ~Q(hackett_category=""),
                name="hsb_hackett_has_category",
            ),
            models.CheckConstraint(
                condition=~Q(tool="brook_traffic_light")
                | (~Q(traffic_light="") & ~Q(tlt_age_band="")),
                name="hsb_brook_has_colour_and_band",
            ),
            models.CheckConstraint(
                condition=~Q(tool="aim3")
                | (~Q(aim3_assessor_name="") & Q(aim3_trained__isnull=False)),
                name="hsb_aim3_has_assessor",
            ),
        ]

    @property
    def partnership_id(self):
        return self.involvement.incident.partnership_id

    @property
    def result(self) -> str:
        """The tool's answer in a few words, for lists."""
        if self.tool == HsbTool.HACKETT:
            return self.get_hackett_category_display()
        if self.tool == HsbTool.BROOK:
            return (
                f"{self.get_traffic_light_display()} (age band {self.get_tlt_age_band_display()})"
            )
        return self.aim3_supervision_level or "AIM3 profile and formulation"

    def __str__(self):
        return f"{self.get_tool_display()} for {self.involvement.person}"
