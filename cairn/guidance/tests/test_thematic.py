"""Thematic audits: the cohort, the run, grading with moderation by a second auditor, the report
(exact and disclosure-controlled), suggestions turned into draft recommendations."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django_tasks_db.models import DBTaskResult

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import AgencyFactory
from cairn.core.services import EditConflict
from cairn.guidance import thematic
from cairn.guidance.models import (
    AuditRun,
    CohortCase,
    RuleFinding,
    RunStatus,
)
from cairn.guidance.report import cases_behind, thematic_report
from cairn.guidance.report_files import report_csv, report_pdf
from cairn.guidance.tests.test_checks import at, child
from cairn.guidance.tests.thematic_builders import run_now, whole_2019
from cairn.incidents.tests.factories import ContextFactory, IncidentFactory
from cairn.reviews.models import Recommendation
from cairn.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

D = dt.date


# --- cohort -----------------------------------------------------------------------------------


def test_a_cohort_is_chosen_by_dates_forms_agencies_contexts_and_mash_referral(
    partnership, la, school
):
    inside = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(D(2018, 5, 2)),
        forms=["sexual_violence"],
    )  # fmt: skip
    child(inside, referral=D(2018, 5, 2))
    context = ContextFactory(partnership=partnership)
    inside.contexts.add(context)
    wrong_form = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(D(2018, 5, 2)),
        forms=["physical"],
    )  # fmt: skip
    child(wrong_form, referral=D(2018, 5, 2))
    wrong_agency = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2018, 5, 2)),
        forms=["sexual_violence"],
    )  # fmt: skip
    child(wrong_agency, referral=D(2018, 5, 2))
    not_referred = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(D(2018, 5, 2)),
        forms=["sexual_violence"],
    )  # fmt: skip
    child(not_referred, referral=None)
    too_late = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(D(2019, 12, 2)),
        forms=["sexual_violence"],
    )  # fmt: skip
    child(too_late, referral=D(2019, 12, 2))
    chosen = thematic.Cohort(
        reported_from=D(2017, 1, 1),
        reported_to=D(2019, 11, 30),
        forms=("sexual_violence",),
        agency_ids=(school.pk,),
    )
    assert list(thematic.cohort_incidents(partnership=partnership, cohort=chosen)) == [inside]
    by_context = thematic.Cohort(
        reported_from=D(2017, 1, 1), reported_to=D(2019, 11, 30), context_ids=(context.pk,)
    )
    assert list(thematic.cohort_incidents(partnership=partnership, cohort=by_context)) == [inside]


def test_a_cohort_ending_before_it_starts_or_in_the_future_is_refused(partnership):
    errors = thematic.cohort_errors(
        partnership=partnership, cohort_from=D(2019, 1, 1), cohort_to=D(2018, 1, 1),
        forms=[], agencies=[], contexts=[],
    )  # fmt: skip
    assert errors == {
        "reported_to": "The last day of the cohort must be the same as or after the first"
    }
    errors = thematic.cohort_errors(
        partnership=partnership, cohort_from=D(2019, 1, 1), cohort_to=D(2099, 1, 1),
        forms=[], agencies=[], contexts=[],
    )  # fmt: skip
    assert errors["reported_to"] == "The last day of the cohort must be today or in the past"


def test_another_partnerships_agency_cannot_be_in_a_cohort(partnership, other_partnership):
    errors = thematic.cohort_errors(
        partnership=partnership, cohort_from=D(2019, 1, 1), cohort_to=D(2019, 2, 1),
        forms=[], agencies=[AgencyFactory(partnership=other_partnership)], contexts=[],
    )  # fmt: skip
    assert errors == {"agencies": "Choose agencies of this partnership"}


# --- running ----------------------------------------------------------------------------------


def test_starting_an_audit_queues_it_for_a_worker(
    partnership, make_user, cohort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = thematic.thematic_audit_start(
            by=make_user(Role.AUDITOR), partnership=partnership, title="t", cohort=whole_2019()
        )
    assert run.status == RunStatus.QUEUED
    assert run.incidents_total == 7
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "cairn.guidance.tasks.run_thematic_audit"
    assert queued.args_kwargs["args"] == [run.pk]


def test_only_an_auditor_may_start_a_thematic_audit(partnership, make_user, cohort):
    with pytest.raises(PermissionDenied):
        thematic.thematic_audit_start(
            by=make_user(Role.PARTNERSHIP_OFFICER),
            partnership=partnership,
            title="t",
            cohort=whole_2019(),
        )


def test_running_an_audit_stores_findings_and_one_case_per_incident(partnership, make_user, cohort):
    run = run_now(partnership, make_user(Role.AUDITOR))
    assert run.status == RunStatus.FINISHED
    assert run.incidents_done == 7
    assert CohortCase.objects.filter(run=run).count() == 7
    automatic = RuleFinding.objects.filter(run=run, rule__key="decision-in-a-day")
    assert automatic.filter(result="not_met").count() == 10
    assert automatic.filter(result="met").count() == 4


def test_a_run_delivered_twice_is_done_once(partnership, make_user, cohort):
    run = run_now(partnership, make_user(Role.AUDITOR))
    again = thematic.thematic_audit_execute(run_id=run.pk)
    assert again.status == RunStatus.FINISHED
    assert CohortCase.objects.filter(run=run).count() == 7


def test_a_run_that_breaks_is_marked_failed_with_the_reason(partnership, make_user, cohort):
    run = thematic.thematic_audit_start(
        by=make_user(Role.AUDITOR), partnership=partnership, title="t", cohort=whole_2019()
    )
    AuditRun.objects.filter(pk=run.pk).update(criteria={"reported_from": "not a date"})
    with pytest.raises(ValueError):
        thematic.thematic_audit_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error == "ValueError: Invalid isoformat string: 'not a date'"


# --- grading and moderation -------------------------------------------------------------------


def test_a_grade_needs_reasons(partnership, make_user, cohort):
    auditor = make_user(Role.AUDITOR)
    run = run_now(partnership, auditor)
    case = CohortCase.objects.filter(run=run).first()
    with pytest.raises(ValidationError) as refused:
        thematic.case_grade(
            by=auditor, case=case, expected_version=case.version, grade="partly", reasons=" "
        )
    assert refused.value.message_dict == {"reasons": ["Enter the reasons for the grade"]}


def test_a_grade_saved_against_an_old_version_is_refused(graded):
    run, case, first, _, _ = graded
    with pytest.raises(EditConflict):
        thematic.case_grade(
            by=first, case=case, expected_version=case.version - 1, grade="appropriate",
            reasons="Second thoughts",
        )  # fmt: skip


def test_the_auditor_who_graded_a_case_cannot_moderate_it(graded):
    _, case, first, _, _ = graded
    with pytest.raises(ValidationError, match="second auditor"):
        thematic.case_moderate(
            by=first, case=case, expected_version=case.version, moderation="agreed"
        )


def test_the_database_refuses_a_case_moderated_by_its_grader(graded):
    _, case, first, _, _ = graded
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortCase.objects.filter(pk=case.pk).update(moderation="agreed", moderated_by=first)


def test_a_second_auditor_changing_the_grade_says_why_and_their_grade_counts(graded):
    _, case, _, second, _ = graded
    with pytest.raises(ValidationError) as refused:
        thematic.case_moderate(
            by=second, case=case, expected_version=case.version, moderation="changed",
            moderated_grade="partly",
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"moderated_grade", "note"}
    case = thematic.case_moderate(
        by=second, case=case, expected_version=case.version, moderation="changed",
        moderated_grade="not_in_line", note="No strategy discussion for either child.",
    )  # fmt: skip
    assert case.final_grade == "not_in_line"
    assert case.moderated_by == second


def test_a_moderated_grade_cannot_be_changed_by_the_first_auditor(graded):
    _, case, first, second, _ = graded
    case = thematic.case_moderate(
        by=second, case=case, expected_version=case.version, moderation="agreed"
    )
    with pytest.raises(ValidationError, match="moderated"):
        thematic.case_grade(
            by=first, case=case, expected_version=case.version, grade="appropriate",
            reasons="Changed my mind",
        )  # fmt: skip


# --- the report -------------------------------------------------------------------------------


def test_the_case_level_report_counts_children_by_rule_role_and_year(graded):
    run = graded[0]
    report = thematic_report(run=run, controlled=False)
    by_rule = {t.name: t for t in report.tables}["rule"]
    decision = next(r for r in by_rule.rows if r.key == "decision-in-a-day")
    assert decision.cells == ["4", "10", "0"]
    assert decision.rate == "28.6"
    by_role = {t.name: t for t in report.tables}["role"]
    harmed = next(r for r in by_role.rows if r.key == "harmed")
    assert harmed.cells[:2] == ["2", "5"]
    by_year = {t.name: t for t in report.tables}["year"]
    assert [r.label for r in by_year.rows] == ["2019"]
    assert report.graded == "1"


def test_the_controlled_report_shows_no_count_from_1_to_5(graded):
    report = thematic_report(run=graded[0], controlled=True)
    shown = [
        figure
        for table in report.tables
        for row in table.rows
        for figure in [*row.cells, row.total]
    ] + [figure for _, figure in report.grades]
    assert "c" in shown
    assert not any(f.isdigit() and 1 <= int(f) <= 5 for f in shown)


def test_each_figure_links_to_the_cases_behind_it(graded):
    run = graded[0]
    behind = cases_behind(run=run, filters={"rule": "decision-in-a-day", "result": "met"})
    assert len(behind) == 2
    assert all(n == 2 for _, n in behind)


def test_a_rule_met_too_rarely_is_suggested_as_a_recommendation(graded):
    report = thematic_report(run=graded[0], controlled=False)
    keys = [s.key for s in report.suggestions]
    assert keys == ["rule:decision-in-a-day"]
    assert "meets this requirement: decision within a working day (WT 2018, para 1)" in (
        report.suggestions[0].text
    )


def test_suggestions_become_draft_recommendations_of_a_review(graded, partnership, make_user):
    run = graded[0]
    review = ReviewFactory(partnership=partnership, kind="thematic")
    officer = make_user(Role.PARTNERSHIP_OFFICER)
    suggestions = thematic_report(run=run, controlled=True).suggestions
    made = thematic.suggestions_to_drafts(
        by=officer, run=run, review=review, suggestions=suggestions, made_on=D(2026, 11, 1)
    )
    again = thematic.suggestions_to_drafts(
        by=officer, run=run, review=review, suggestions=suggestions, made_on=D(2026, 11, 1)
    )
    drafts = Recommendation.objects.filter(review=review)
    assert drafts.count() == 2 and all(r.is_draft for r in drafts)
    assert made[0].reference != again[0].reference


def test_an_auditor_cannot_add_draft_recommendations(graded, partnership, make_user):
    run = graded[0]
    review = ReviewFactory(partnership=partnership, kind="thematic")
    suggestions = thematic_report(run=run, controlled=False).suggestions
    with pytest.raises(PermissionDenied):
        thematic.suggestions_to_drafts(
            by=graded[2], run=run, review=review, suggestions=suggestions, made_on=D(2026, 11, 1)
        )


def test_the_csv_is_controlled_and_names_no_case(graded):
    rows = list(csv.reader(io.StringIO(report_csv(run=graded[0]))))
    assert rows[0] == ["table", "row", "measure", "figure"]
    figures = [r[3] for r in rows[1:]]
    assert not any(f.isdigit() and 1 <= int(f) <= 5 for f in figures)
    assert not any("Incident" in cell for row in rows for cell in row)


def test_the_pdf_is_made(graded):
    assert report_pdf(run=graded[0]).startswith(b"%PDF")
