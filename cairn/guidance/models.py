"""National guidance as data, and what Cairn finds when it applies it to cases.

A *library* is a YAML file under ``cairn/data/guidance/`` (or a partnership's own file) holding
guidance documents (Working Together, Keeping Children Safe in Education), their editions with
the dates each was in force, and rules. A rule belongs to one edition: a case is judged by the
edition in force on its reference date (a 2018 referral by Working Together 2018). An automatic
rule names a *check* (a set-based query in ``cairn.guidance.checks``) and its parameters; a
judgement rule is answered by an auditor. ``cairn load-guidance`` validates a file completely
and loads it in one transaction, or refuses it naming the file, line and reason.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.db import models

from cairn.accounts.models import Partnership
from cairn.core.models import Versioned
from cairn.incidents.models import Incident, Involvement


class GuidanceLibrary(models.Model):
    """One loaded file: which, when, by whom, and the hash of what was loaded."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="guidance_libraries",
        null=True,
        blank=True,
        help_text="Empty for the national library every partnership shares",
    )
    key = models.CharField(max_length=80)
    title = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    source_file = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"],
                name="guidance_library_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class GuidanceDocument(models.Model):
    library = models.ForeignKey(GuidanceLibrary, on_delete=models.CASCADE, related_name="documents")
    key = models.CharField(max_length=40)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["library", "key"], name="guidance_document_unique")
        ]

    def __str__(self):
        return self.title


class GuidanceEdition(models.Model):
    document = models.ForeignKey(
        GuidanceDocument, on_delete=models.CASCADE, related_name="editions"
    )
    key = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    in_force = DateRangeField(help_text="[from, to): the days this edition was in force")
    status = models.CharField(
        max_length=16,
        default="confirmed",
        help_text="confirmed, or unconfirmed when the dates were not seen in a retrieved source",
    )
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(
        blank=True, help_text="What a reader needs to know, e.g. what is unconfirmed"
    )

    class Meta:
        ordering = ["document", "in_force"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="guidance_edition_unique"),
            ExclusionConstraint(
                name="guidance_editions_do_not_overlap",
                expressions=[
                    ("document", RangeOperators.EQUAL),
                    ("in_force", RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def starts_on(self):
        return self.in_force.lower

    @property
    def last_day(self):
        """The last day in force (the range's end is exclusive), or None for the current one."""
        upper = self.in_force.upper
        return upper - timedelta(days=1) if upper else None


class Severity(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class RuleMode(models.TextChoices):
    AUTOMATIC = "automatic", "Checked automatically"
    JUDGEMENT = "judgement", "Needs a person's judgement"


class GuidanceRule(models.Model):
    edition = models.ForeignKey(GuidanceEdition, on_delete=models.CASCADE, related_name="rules")
    key = models.SlugField(max_length=80, help_text="The same key across editions: one check")
    title = models.CharField(max_length=200)
    paragraph = models.CharField(max_length=120, help_text="Where in the edition, e.g. 'para 459'")
    checks = models.TextField("what it checks")
    severity = models.CharField(max_length=8, choices=Severity.choices)
    mode = models.CharField(max_length=12, choices=RuleMode.choices)
    check_name = models.CharField(
        "check",
        max_length=60,
        blank=True,
        help_text="Automatic rules: the check in cairn.guidance.checks",
    )
    params = models.JSONField(default=dict, blank=True)
    roles = ArrayField(
        models.CharField(max_length=20),
        default=list,
        blank=True,
        help_text="The involvement roles the rule applies to; empty means every child",
    )
    source_line = models.PositiveIntegerField(help_text="Line of the rule in its library file")

    class Meta:
        ordering = ["edition", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "key"], name="guidance_rule_unique_in_edition"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.edition.key})"


class Result(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    NEEDS_JUDGEMENT = "needs_judgement", "Needs judgement"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


class AuditRun(models.Model):
    """One evaluation of the automatic rules over a set of incidents (one case or a cohort)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="audit_runs"
    )
    title = models.CharField(max_length=200)
    criteria = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    incidents_total = models.PositiveIntegerField(default=0)
    incidents_done = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default="finished")
    error = models.TextField(blank=True, help_text="Why the run failed, for an administrator")
    is_thematic = models.BooleanField(
        default=False, help_text="A thematic audit: its cases are graded by auditors"
    )
    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.PROTECT,
        related_name="audit_runs",
        null=True,
        blank=True,
        help_text="The thematic review this audit is for, if any",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return self.title


class RuleFinding(models.Model):
    """What one rule found for one child's involvement: the result and its evidence.

    Computed, not written by a person: findings are not audited one by one (a cohort run writes
    thousands); the run that made them is.
    """

    cairn_audited = False

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="findings")
    rule = models.ForeignKey(GuidanceRule, on_delete=models.PROTECT, related_name="findings")
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    involvement = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    result = models.CharField(max_length=16, choices=Result.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["run", "incident", "involvement", "rule"]
        indexes = [models.Index(fields=["run", "rule", "result"], name="rule_finding_run_rule")]

    def __str__(self):
        return f"{self.rule.key}: {self.result}"


class Grade(models.TextChoices):
    APPROPRIATE = "appropriate", "Appropriate and in line with guidance"
    PARTLY = "partly", "Partly in line with guidance"
    NOT_IN_LINE = "not_in_line", "Not in line with guidance"


class Moderation(models.TextChoices):
    AGREED = "agreed", "Agreed with the auditor's grade"
    CHANGED = "changed", "Changed the grade"


class CohortCase(Versioned):
    """One incident of a thematic audit's cohort and how auditors judged its handling.

    The first auditor grades the case (appropriate, partly, not in line with guidance) with
    reasons and learning points; a second auditor moderates: agrees, or changes the grade with
    a note. The grade that counts is the moderated one when there is one.
    """

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="cases")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=12, choices=Grade.choices, blank=True)
    reasons = models.TextField(blank=True)
    learning_points = models.TextField(blank=True)
    themes = models.ManyToManyField(
        "reviews.LearningTheme", blank=True, related_name="audited_cases"
    )
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    graded_at = models.DateTimeField(null=True, blank=True)
    moderation = models.CharField(max_length=8, choices=Moderation.choices, blank=True)
    moderated_grade = models.CharField(max_length=12, choices=Grade.choices, blank=True)
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "incident"]
        constraints = [
            models.UniqueConstraint(fields=["run", "incident"], name="cohort_case_once_per_run"),
            models.CheckConstraint(
                condition=models.Q(moderated_by__isnull=True)
                | ~models.Q(moderated_by=models.F("graded_by")),
                name="cohort_case_moderated_by_a_second_auditor",
            ),
            models.CheckConstraint(
                condition=models.Q(moderation="") | ~models.Q(grade=""),
                name="cohort_case_graded_before_moderated",
            ),
        ]

    def __str__(self):
        return f"Case {self.incident_id} in {self.run}"

    @property
    def partnership_id(self):
        return self.run.partnership_id

    @property
    def final_grade(self) -> str:
        return self.moderated_grade or self.grade
