"""Thematic audits: a cohort of cases audited against the guidance, then graded by auditors.

The journey: an auditor chooses a cohort (``cohort_errors`` then ``thematic_audit_start``);
a background task (``cairn.guidance.tasks.run_thematic_audit``) runs every automatic rule over
it as set-based statements (``thematic_audit_execute``), writing the findings and one
``CohortCase`` per incident; auditors grade each case (``case_grade``) and a second auditor
moderates (``case_moderate``); the report (``cairn.guidance.report``) turns it into figures,
and its suggestions become draft recommendations of a review (``suggestions_to_drafts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.audit.services import record_bulk_create
from cairn.core.services import update_versioned
from cairn.guidance.evaluate import audit_run_execute
from cairn.guidance.models import (
    AuditRun,
    CohortCase,
    Grade,
    Moderation,
    RunStatus,
)
from cairn.incidents.choices import AbuseForm
from cairn.incidents.models import Context, Incident
from cairn.reviews.models import LearningTheme, Review, ReviewKind

RUN = "guidance.run_thematic_audits"
GRADE = "guidance.audit_cases"


# --- the cohort -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cohort:
    """What an auditor chose: reported between two dates, of some forms of abuse, reported
    by some agencies, linked to some contexts, and (usually) referred to the MASH."""

    reported_from: date
    reported_to: date
    forms: tuple[str, ...] = ()
    agency_ids: tuple[int, ...] = ()
    context_ids: tuple[int, ...] = ()
    mash_only: bool = True

    def as_criteria(self) -> dict:
        return {
            "reported_from": self.reported_from.isoformat(),
            "reported_to": self.reported_to.isoformat(),
            "forms": list(self.forms),
            "agencies": list(self.agency_ids),
            "contexts": list(self.context_ids),
            "mash_only": self.mash_only,
        }

    @classmethod
    def from_criteria(cls, criteria: dict) -> Cohort:
        return cls(
            reported_from=date.fromisoformat(criteria["reported_from"]),
            reported_to=date.fromisoformat(criteria["reported_to"]),
            forms=tuple(criteria.get("forms", ())),
            agency_ids=tuple(criteria.get("agencies", ())),
            context_ids=tuple(criteria.get("contexts", ())),
            mash_only=criteria.get("mash_only", True),
        )


def cohort_incidents(*, partnership, cohort: Cohort):
    """The partnership's incidents in ``cohort`` (a queryset; nothing is loaded)."""
    incidents = Incident.objects.filter(
        partnership=partnership,
        reported_at__date__gte=cohort.reported_from,
        reported_at__date__lte=cohort.reported_to,
    )
    if cohort.forms:
        incidents = incidents.filter(forms__overlap=list(cohort.forms))
    if cohort.agency_ids:
        incidents = incidents.filter(reporting_agency_id__in=cohort.agency_ids)
    if cohort.context_ids:
        incidents = incidents.filter(contexts__in=cohort.context_ids)
    if cohort.mash_only:
        incidents = incidents.filter(involvements__mash_received_at__isnull=False)
    return Incident.objects.filter(pk__in=incidents.values("pk"))


def cohort_errors(*, partnership, cohort_from, cohort_to, forms, agencies, contexts) -> dict:
    """What is wrong with a cohort as typed (field name to message)."""
    errors = {}
    if cohort_from is None:
        errors["reported_from"] = "Enter the first day of the cohort"
    if cohort_to is None:
        errors["reported_to"] = "Enter the last day of the cohort"
    if cohort_from and cohort_to and cohort_to < cohort_from:
        errors["reported_to"] = "The last day of the cohort must be the same as or after the first"
    if cohort_to and cohort_to > timezone.localdate():
        errors["reported_to"] = "The last day of the cohort must be today or in the past"
    known_forms = {value for value, _ in AbuseForm.choices}
    if any(f not in known_forms for f in forms):
        errors["abuse_forms"] = "Choose forms of abuse from the list"
    if any(a.partnership_id != partnership.pk for a in agencies):
        errors["agencies"] = "Choose agencies of this partnership"
    if any(c.partnership_id != partnership.pk for c in contexts):
        errors["contexts"] = "Choose contexts of this partnership"
    return errors


# --- running it -------------------------------------------------------------------------------


def thematic_audit_start(
    *, by, partnership, title: str, cohort: Cohort, review: Review | None = None
) -> AuditRun:
    """Record a thematic audit of ``cohort`` and queue it for a worker (or run it at once
    when the configured task backend is immediate)."""
    from cairn.guidance.tasks import run_thematic_audit

    ensure(by, RUN, partnership)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter a title for the audit, for example 'Child-on-child 2017 to 2019'"
    if review is not None and (
        review.partnership_id != partnership.pk or review.kind != ReviewKind.THEMATIC
    ):
        errors["review"] = "Choose a thematic review of this partnership"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(by):
        run = AuditRun.objects.create(
            partnership=partnership,
            title=title.strip(),
            criteria=cohort.as_criteria(),
            started_by=by,
            status=RunStatus.QUEUED,
            is_thematic=True,
            review=review,
            incidents_total=cohort_incidents(partnership=partnership, cohort=cohort).count(),
        )
    transaction.on_commit(lambda: run_thematic_audit.enqueue(run.pk))
    return run


def thematic_audit_execute(*, run_id: int) -> AuditRun:
    """Run the automatic rules over the run's cohort and make its cases ready for grading.

    A run that is not waiting (already running, finished or failed) is left alone, so a
    task delivered twice does the work once.
    """
    claimed = AuditRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING
    )
    run = AuditRun.objects.select_related("partnership").get(pk=run_id)
    if not claimed:
        return run
    try:
        incidents = cohort_incidents(
            partnership=run.partnership, cohort=Cohort.from_criteria(run.criteria)
        )
        _create_cases(run=run, incidents=incidents)
        return audit_run_execute(run=run, incidents=incidents)
    except Exception as exc:
        AuditRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=f"{type(exc).__name__}: {exc}"
        )
        raise


def _create_cases(*, run: AuditRun, incidents) -> int:
    """One ``CohortCase`` per incident of the cohort, in one statement."""
    select, params = incidents.order_by().values_list("pk").query.sql_with_params()
    table = CohortCase._meta.db_table
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (run_id, incident_id, grade, reasons, learning_points,"
            " moderation, moderated_grade, moderation_note, version, created_at, updated_at)"
            f" SELECT %s, i.incident_id, '', '', '', '', '', '', 1, %s, %s FROM ({select}) i(incident_id)",
            (run.pk, now, now, *params),
        )
        count = cursor.rowcount
        record_bulk_create(
            model=CohortCase,
            count=count,
            note=f"Cases of the thematic audit {run.title}",
            partnership_id=run.partnership_id,
        )
    return count


# --- reading it -------------------------------------------------------------------------------


def progress_of(run: AuditRun) -> dict:
    """How far the run and its grading have gone."""
    stats = CohortCase.objects.filter(run=run).aggregate(
        graded=Count("id", filter=~Q(grade="")),
        moderated=Count("id", filter=~Q(moderation="")),
    )
    total = run.incidents_total or 0
    percent = round(100 * run.incidents_done / total) if total else 100
    if run.status == RunStatus.FAILED:
        text = "The audit could not finish."
    else:
        plural = "" if total == 1 else "s"
        text = (
            f"{run.get_status_display()}. Checked {run.incidents_done} of {total} "
            f"incident{plural} ({percent}%)."
        )
    done = run.status in (RunStatus.FINISHED, RunStatus.FAILED)
    return {"percent": percent, "text": text, "done": done, **stats}


def criteria_summary(run: AuditRun) -> list[tuple[str, str]]:
    """The cohort in words, as a summary list."""
    cohort = Cohort.from_criteria(run.criteria)
    forms = dict(AbuseForm.choices)
    agencies = Agency.objects.filter(pk__in=cohort.agency_ids).values_list("name", flat=True)
    contexts = Context.objects.filter(pk__in=cohort.context_ids).values_list("name", flat=True)
    return [
        ("Reported", f"{cohort.reported_from:%-d %B %Y} to {cohort.reported_to:%-d %B %Y}"),
        ("Forms of abuse", ", ".join(forms[f] for f in cohort.forms) or "Every form"),
        ("Reported by", ", ".join(agencies) or "Every agency"),
        ("Contexts", ", ".join(contexts) or "Every context"),
        ("Referred to the MASH", "Only those referred" if cohort.mash_only else "All"),
    ]


# --- grading and moderation -------------------------------------------------------------------


def _grade_errors(*, grade: str, reasons: str, themes, partnership_id: int) -> dict:
    errors = {}
    if grade not in Grade.values:
        errors["grade"] = "Choose whether the handling was in line with guidance"
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the grade"
    if any(t.partnership_id != partnership_id for t in themes):
        errors["themes"] = "Choose learning themes of this partnership"
    return errors


def case_grade(
    *,
    by,
    case: CohortCase,
    expected_version: int,
    grade: str,
    reasons: str,
    learning_points: str = "",
    themes=(),
) -> CohortCase:
    """The first auditor's judgement of how the case was handled."""
    ensure(by, GRADE, case)
    if case.moderation:
        raise ValidationError(
            "This case has been moderated: its grade can no longer be changed by the first "
            "auditor. Ask the moderator to review it."
        )
    if case.graded_by_id and case.graded_by_id != by.pk:
        raise ValidationError(
            "Another auditor graded this case; you can moderate it instead of grading it."
        )
    themes = list(themes)
    errors = _grade_errors(
        grade=grade, reasons=reasons, themes=themes, partnership_id=case.run.partnership_id
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = update_versioned(
            obj=case,
            expected_version=expected_version,
            changes={
                "grade": grade,
                "reasons": reasons.strip(),
                "learning_points": learning_points.strip(),
                "graded_by": by,
                "graded_at": timezone.now(),
            },
            by=by,
        )
        with acting_as(by):
            case.themes.set(themes)
    return case


def case_moderate(
    *,
    by,
    case: CohortCase,
    expected_version: int,
    moderation: str,
    moderated_grade: str = "",
    note: str = "",
) -> CohortCase:
    """A second auditor agrees with the grade, or changes it and says why."""
    ensure(by, GRADE, case)
    errors = {}
    if not case.grade:
        raise ValidationError("This case has not been graded yet: it cannot be moderated")
    if case.graded_by_id == by.pk:
        raise ValidationError("You graded this case: moderation must be done by a second auditor")
    if moderation not in Moderation.values:
        errors["moderation"] = "Choose whether you agree with the grade"
    if moderation == Moderation.CHANGED:
        if moderated_grade not in Grade.values:
            errors["moderated_grade"] = "Choose the grade you give the case"
        elif moderated_grade == case.grade:
            errors["moderated_grade"] = (
                "Choose a different grade, or say that you agree with the auditor's grade"
            )
        if not note.strip():
            errors["note"] = "Enter why you changed the grade"
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        obj=case,
        expected_version=expected_version,
        changes={
            "moderation": moderation,
            "moderated_grade": moderated_grade if moderation == Moderation.CHANGED else "",
            "moderation_note": note.strip(),
            "moderated_by": by,
            "moderated_at": timezone.now(),
        },
        by=by,
    )


# --- suggestions into a review ----------------------------------------------------------------


def suggestions_to_drafts(*, by, run: AuditRun, review: Review, suggestions, made_on: date):
    """Add the chosen suggested recommendations to ``review`` as draft recommendations.

    References continue the review's own numbering (``TA1``, ``TA2``... for the audit's), so a
    draft never takes a reference already used.
    """
    from cairn.reviews.models import Recommendation, RecommendationScope, RecommendationSource
    from cairn.reviews.services import recommendation_create

    if review.partnership_id != run.partnership_id:
        raise ValidationError("Choose a review of this partnership")
    if not suggestions:
        raise ValidationError({"suggestions": "Choose at least one suggested recommendation"})
    used = set(
        Recommendation.objects.filter(partnership_id=review.partnership_id).values_list(
            "reference", flat=True
        )
    )
    created = []
    number = 1
    with transaction.atomic():
        for suggestion in suggestions:
            while f"TA{run.pk}-{number}" in used:
                number += 1
            reference = f"TA{run.pk}-{number}"
            used.add(reference)
            created.append(
                recommendation_create(
                    by=by,
                    partnership=review.partnership,
                    source=RecommendationSource.REVIEW,
                    review=review,
                    reference=reference,
                    text=suggestion.text,
                    scope=RecommendationScope.MULTI_AGENCY,
                    agencies=(),
                    made_on=made_on,
                    is_draft=True,
                )
            )
    return created


def themes_for_grading(*, partnership):
    return LearningTheme.objects.filter(partnership=partnership, is_active=True)


def cohort_choices(*, partnership) -> dict:
    """What the cohort form offers: the partnership's agencies and contexts."""
    return {
        "agencies": Agency.objects.filter(partnership=partnership).order_by("name"),
        "contexts": Context.objects.filter(partnership=partnership).order_by("name"),
    }
