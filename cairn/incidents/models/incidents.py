"""One incident, several children: each child's involvement carries their own truth.

Nothing is shared between two children's involvements except the incident itself: role,
views, vulnerabilities, MASH episode and decision all hang off the involvement.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from cairn.accounts.models import Agency, Partnership
from cairn.core.models import Versioned
from cairn.incidents.choices import (
    AbuseForm,
    ContextKind,
    DecisionOutcome,
    InvolvementRole,
    MashStage,
    Rag,
    ReferralSource,
    ReportOutcome,
    SexualViolenceKind,
)
from cairn.people.models import Person


class Context(Versioned):
    """A place or group where harm happens (Contextual Safeguarding): first-class."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="contexts")
    kind = models.CharField(max_length=16, choices=ContextKind.choices)
    name = models.CharField(max_length=200)
    school = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="contexts"
    )
    platform = models.CharField(
        max_length=100, blank=True, help_text="Online spaces: the app or site"
    )
    area = models.CharField(max_length=100, blank=True, help_text="Town or neighbourhood")

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Incident(Versioned):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="incidents")
    occurred_on = models.DateField("when it happened", null=True, blank=True)
    reported_at = models.DateTimeField("when it was reported")
    forms = ArrayField(models.CharField(max_length=32, choices=AbuseForm.choices), default=list)
    sexual_violence_kinds = ArrayField(
        models.CharField(max_length=32, choices=SexualViolenceKind.choices),
        default=list,
        blank=True,
    )
    online_element = models.BooleanField(default=False)
    narrative = models.TextField()
    contexts = models.ManyToManyField(Context, blank=True, related_name="incidents")
    reporting_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="incidents_reported"
    )
    reporter_role = models.CharField(max_length=120, blank=True)
    referral_source = models.CharField(max_length=3, choices=ReferralSource.choices)
    referred_to_police = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["partnership", "-reported_at"])]

    def __str__(self):
        return f"Incident {self.pk} reported {self.reported_at:%d %B %Y}"

    def form_labels(self) -> list[str]:
        return [AbuseForm(f).label for f in self.forms if f in AbuseForm.values]


class Involvement(Versioned):
    """One child in one incident."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(max_length=16, choices=InvolvementRole.choices)
    views_and_wishes = models.TextField("the child's views and wishes", blank=True)
    carer_views = models.TextField("parents' or carers' views", blank=True)
    vulnerabilities = models.TextField("SEND and other vulnerabilities", blank=True)
    outcome = models.TextField(blank=True)
    report_outcome = models.CharField(
        "outcome of the report", max_length=16, choices=ReportOutcome.choices, blank=True
    )
    restricted = models.BooleanField(
        default=False, help_text="Only people not excluded below may see this child's involvement"
    )
    excluded_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # MASH front door, per child
    mash_received_at = models.DateTimeField("referral received by the MASH", null=True, blank=True)
    mash_stage = models.CharField(max_length=12, choices=MashStage.choices, blank=True)
    rag = models.CharField("priority", max_length=5, choices=Rag.choices, blank=True)

    class Meta:
        ordering = ["incident", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "person"], name="one_involvement_per_child")
        ]

    @property
    def partnership_id(self):
        return self.incident.partnership_id

    def __str__(self):
        return f"{self.person} ({self.get_role_display().lower()})"


class Decision(Versioned):
    """The MASH decision for one child, by a practitioner, signed off by a manager."""

    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=16, choices=DecisionOutcome.choices)
    reasons = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]

    @property
    def partnership_id(self):
        return self.involvement.incident.partnership_id

    def __str__(self):
        return f"{self.get_outcome_display()} for {self.involvement.person}"
