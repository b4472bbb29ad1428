"""The thematic audit pages: start, progress, grading and moderation, the report for case-level
and other roles, downloads, and suggestions sent to a review."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.guidance.models import AuditRun, CohortCase, RunStatus
from cairn.guidance.tests.thematic_builders import run_now
from cairn.reviews.models import Recommendation
from cairn.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def start_form(**overrides):
    data = {
        "title": "Child-on-child 2019",
        "reported_from_day": "1",
        "reported_from_month": "1",
        "reported_from_year": "2019",
        "reported_to_day": "31",
        "reported_to_month": "12",
        "reported_to_year": "2019",
        "abuse_forms": ["sexual_violence"],
        "mash_only": "on",
    }
    return data | overrides


@pytest.mark.django_db(transaction=True)
def test_an_auditor_starts_an_audit_and_a_worker_runs_it(
    client,
    signed_in,
    make_user,
    cohort,
    django_capture_on_commit_callbacks,
):
    signed_in(client, make_user(Role.AUDITOR))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("guidance:audit_new"), start_form())
    run = AuditRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance:audit_detail", args=[run.pk])
    waiting = client.get(response["Location"]).content.decode()
    assert 'data-module="cairn-progress"' in waiting
    assert "Waiting to start. Checked 0 of 7 incidents (0%)." in waiting
    progress = client.get(reverse("guidance:audit_progress", args=[run.pk])).json()
    assert progress == {
        "percent": 0,
        "text": "Waiting to start. Checked 0 of 7 incidents (0%).",
        "done": False,
    }
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    done = client.get(response["Location"]).content.decode()
    assert "Finished. Checked 7 of 7 incidents (100%)." in done
    assert 'data-module="cairn-progress"' not in done
    assert done.count("To grade") == 7


def test_a_cohort_with_its_dates_the_wrong_way_round_keeps_what_was_typed(
    client,
    signed_in,
    make_user,
    cohort,
):
    signed_in(client, make_user(Role.AUDITOR))
    response = client.post(reverse("guidance:audit_new"), start_form(reported_to_year="2018"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The last day of the cohort must be the same as or after the first" in page
    assert 'value="Child-on-child 2019"' in page
    assert AuditRun.objects.count() == 0


def test_a_partnership_officer_sees_controlled_figures_without_cases(
    client,
    signed_in,
    make_user,
    graded,
):
    run = graded[0]
    signed_in(client, make_user(Role.PARTNERSHIP_OFFICER))
    page = client.get(reverse("guidance:report", args=[run.pk])).content.decode()
    assert "Figures are disclosure-controlled" in page
    assert reverse("guidance:report_cases", args=[run.pk]) not in page
    assert "Add as draft recommendations" in page


def test_an_auditor_sees_exact_figures_linked_to_their_cases(
    client,
    signed_in,
    make_user,
    graded,
):
    run = graded[0]
    signed_in(client, make_user(Role.AUDITOR))
    page = client.get(reverse("guidance:report", args=[run.pk])).content.decode()
    link = reverse("guidance:report_cases", args=[run.pk]) + "?rule=decision-in-a-day&result=met"
    assert link.replace("&", "&amp;") in page
    cases = client.get(link).content.decode()
    assert "2 cases" in cases


def test_a_second_auditor_moderates_through_the_case_page(
    client,
    signed_in,
    graded,
):
    run, case, _, second, _ = graded
    signed_in(client, second)
    url = reverse("guidance:case_detail", args=[run.pk, case.pk])
    page = client.get(url).content.decode()
    assert "Moderate the grade" in page and "Grade the case" not in page
    response = client.post(
        url, {"form": "moderate", "version": case.version, "moderation": "changed", "note": ""}
    )
    assert "Choose the grade you give the case" in response.content.decode()
    response = client.post(
        url,
        {
            "form": "moderate",
            "version": case.version,
            "moderation": "changed",
            "moderated_grade": "not_in_line",
            "note": "No strategy discussion.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.final_grade == "not_in_line"


def test_an_auditor_grades_a_case_through_its_page(
    client,
    signed_in,
    make_user,
    partnership,
    cohort,
):
    auditor = make_user(Role.AUDITOR)
    run = run_now(partnership, auditor)
    case = CohortCase.objects.filter(run=run).first()
    signed_in(client, auditor)
    url = reverse("guidance:case_detail", args=[run.pk, case.pk])
    page = client.get(url).content.decode()
    assert "Decision within a working day" in page and "Grade the case" in page
    response = client.post(
        url,
        {"form": "grade", "version": case.version, "grade": "appropriate", "reasons": "Timely."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.grade, case.graded_by) == ("appropriate", auditor)


def test_the_partnership_officer_adds_suggestions_to_a_review_as_drafts(
    client,
    signed_in,
    make_user,
    partnership,
    graded,
):
    run = graded[0]
    review = ReviewFactory(partnership=partnership, kind="thematic")
    signed_in(client, make_user(Role.PARTNERSHIP_OFFICER))
    url = reverse("guidance:report_drafts", args=[run.pk])
    refused = client.post(url, {"review": review.pk})
    assert "Choose at least one suggested recommendation" in refused.content.decode()
    response = client.post(url, {"review": review.pk, "suggestions": ["rule:decision-in-a-day"]})
    assert response["Location"] == reverse("reviews:detail", args=[review.pk])
    draft = Recommendation.objects.get(review=review)
    assert draft.is_draft
    assert "Draft" in client.get(response["Location"]).content.decode()


def test_the_report_downloads_as_pdf_and_csv(client, signed_in, make_user, graded):
    run = graded[0]
    signed_in(client, make_user(Role.REVIEW_GROUP_MEMBER))
    pdf = client.get(reverse("guidance:report_pdf", args=[run.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    csv = client.get(reverse("guidance:report_csv", args=[run.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    assert "Findings by rule,Decision within a working day,Met,c" in csv.content.decode()


def test_the_report_of_a_run_still_going_is_not_found(client, signed_in, make_user, partnership):
    run = AuditRun.objects.create(
        partnership=partnership, title="t", is_thematic=True, status=RunStatus.RUNNING,
        criteria={"reported_from": "2019-01-01", "reported_to": "2019-02-01"},
    )  # fmt: skip
    signed_in(client, make_user(Role.AUDITOR))
    assert client.get(reverse("guidance:report", args=[run.pk])).status_code == 404
