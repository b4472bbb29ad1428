"""A thematic review in Chromium: an auditor chooses a cohort, a worker runs the checks while the
page shows progress, the auditor grades a case, reads the report, follows a figure to the cases
behind it and downloads the PDF. Every page is axe-clean."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cairn.guidance.library import library_load_national
from cairn.guidance.models import AuditRun, RunStatus
from cairn.guidance.tests.test_checks import at, child, decide
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.tests.factories import IncidentFactory
from cairn.reviews.services import learning_themes_seed

from .helpers import sign_in

pytestmark = pytest.mark.browser


def historic_cohort(marlshire):
    """Three 2018 referrals: two children each, one decided on time, the others late."""
    for n, day in enumerate([dt.date(2018, 3, 5), dt.date(2018, 6, 11), dt.date(2018, 9, 17)]):
        incident = IncidentFactory(
            partnership=marlshire.partnership,
            reporting_agency=marlshire.schools[n],
            reported_at=at(day),
            forms=["sexual_violence"],
        )
        harmed = child(incident, role=InvolvementRole.HARMED, referral=day)
        harming = child(incident, role=InvolvementRole.HARMED_OTHERS, referral=day)
        decide(harmed, day + dt.timedelta(days=1 if n == 0 else 8))
        decide(harming, day + dt.timedelta(days=8))


def test_an_auditor_runs_a_thematic_review_from_cohort_to_pdf(
    page, assert_accessible, marlshire, screenshot, tmp_path
):
    library_load_national()
    learning_themes_seed(partnership=marlshire.partnership)
    historic_cohort(marlshire)

    sign_in(page, marlshire.users["auditor"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Thematic audits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thematic audits")
    assert_accessible(page)

    page.get_by_role("link", name="Start a thematic audit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a thematic audit")
    assert_accessible(page)
    page.get_by_label("Title of the audit").fill("Child-on-child sexual abuse referrals, 2018")
    for prefix, (d, m, y) in {"reported_from": (1, 1, 2018), "reported_to": (31, 12, 2018)}.items():
        page.locator(f'input[name="{prefix}_day"]').fill(str(d))
        page.locator(f'input[name="{prefix}_month"]').fill(str(m))
        page.locator(f'input[name="{prefix}_year"]').fill(str(y))
    page.get_by_label("Sexual violence", exact=True).check()
    screenshot(page, "thematic-audit-cohort.png")
    page.get_by_role("button", name="Start the audit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Child-on-child sexual abuse referrals, 2018"
    )
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    expect(page.get_by_role("status")).to_contain_text("Checked 0 of 3 incidents")
    assert_accessible(page)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert AuditRun.objects.get().status == RunStatus.FINISHED
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("Checked 3 of 3 incidents (100%)")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Incident \d+$")).first.click()
    expect(
        page.get_by_role("heading", level=2, name="What the automatic checks found")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Partly in line with guidance").check()
    page.get_by_label("Reasons").fill("The harmed child's decision was on time; the other's late.")
    page.get_by_label("Safety planning for both children").check()
    page.get_by_role("button", name="Save the grade").click()
    expect(page.get_by_text("Grade saved")).to_be_visible()
    expect(page.get_by_text("Graded: 1 of 3 cases.")).to_be_visible()

    page.get_by_role("link", name="Read the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Child-on-child sexual abuse referrals, 2018"
    )
    expect(page.get_by_role("heading", level=2, name="Findings by rule")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Suggested recommendations")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "thematic-audit-report.png")

    page.get_by_role(
        "link", name=re.compile("children, Decision within 1 working day.*: not met")
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases behind the figure")
    expect(page.get_by_role("table")).to_contain_text("Incident")
    assert_accessible(page)
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.startswith("thematic-audit-")
