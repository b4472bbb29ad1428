"""The main pages, each opened by a user whose role uses it, and checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from cairn.audit.models import AuditEvent
from cairn.audit.services import record_view

from .helpers import sign_in

pytestmark = pytest.mark.browser


def heading(page):
    return page.get_by_role("heading", level=1)


def test_home_for_a_mash_practitioner(page, assert_accessible, screenshot, marlshire):
    user = marlshire.users["mash"]
    sign_in(page, user)
    expect(page.locator(".govuk-phase-banner")).to_contain_text("synthetic")
    expect(page.locator("header")).to_contain_text("Marlshire SCP")
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="People")).to_be_visible()
    expect(nav.get_by_role("link", name="Administration")).to_have_count(0)
    # The navigation is one row: the header's floated sign-out form must not squeeze it.
    tops = nav.get_by_role("listitem").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1, f"navigation wraps onto {len(set(tops))} lines"
    expect(page.get_by_role("heading", level=2, name="Children and young people")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home.png")


def test_finding_a_person_and_opening_their_record(page, assert_accessible, screenshot, marlshire):
    user = marlshire.users["mash"]
    ellie = marlshire.people[0]
    sign_in(page, user)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    page.get_by_label("Name", exact=True).fill("hargreaves")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("table")
    expect(results.locator("caption")).to_contain_text("for ‘hargreaves’")
    for name in ("Ellie Hargreaves", "Jack Hargreaves", "Mason Hargreaves"):
        expect(results.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("hargreaves")
    assert_accessible(page)
    screenshot(page, "people-search.png")

    results.get_by_role("link", name="Ellie Hargreaves").click()
    expect(heading(page)).to_have_text("Ellie Hargreaves")
    expect(page.locator(".govuk-summary-list")).to_contain_text("14 Quarry Lane")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ells (nickname)")
    expect(page.get_by_text("Your view of this record has been logged.")).to_be_visible()
    assert AuditEvent.objects.filter(
        action="view", actor=user, object_type="people.person", object_id=str(ellie.pk)
    ).exists()
    assert_accessible(page)
    screenshot(page, "person.png")


def test_administration_home_and_partnership_settings(page, assert_accessible, marlshire):
    sign_in(page, marlshire.users["admin"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Administration").click()
    expect(heading(page)).to_have_text("Administration")
    assert_accessible(page)

    page.get_by_role("link", name="Partnership settings").click()
    expect(heading(page)).to_have_text("Partnership settings")
    expect(page.get_by_label("Local authority code")).to_have_value("990")
    assert_accessible(page)

    page.get_by_label("Local closure days").fill("24/12/2026\nnot a date")
    page.get_by_role("button", name="Save settings").click()
    expect(page).to_have_title("Error: Partnership settings – Cairn")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 2: 'not a date'")
    expect(page.get_by_label("Local closure days")).to_have_value("24/12/2026\nnot a date")
    assert_accessible(page)


def test_users_list_detail_and_add_user_errors(page, assert_accessible, screenshot, marlshire):
    sign_in(page, marlshire.users["admin"])
    page.goto("/admin/users/")
    expect(heading(page)).to_have_text("Users")
    expect(page.get_by_role("table").locator("caption")).to_have_text("9 users")
    assert_accessible(page)
    screenshot(page, "users.png")

    page.get_by_role("link", name="Hannah Whitlock").click()
    expect(heading(page)).to_have_text("Hannah Whitlock")
    expect(page.locator(".govuk-summary-list")).to_contain_text("hannah.whitlock@marlshire.example")
    assert_accessible(page)

    page.goto("/admin/users/")
    page.get_by_role("link", name="Add a user").click()
    expect(heading(page)).to_have_text("Add a user")
    page.get_by_label("First name").fill("Sophie")
    page.get_by_label("Email address").fill("sophie.turner@marlshire")
    page.get_by_label("Designated safeguarding lead").check()
    page.get_by_role("button", name="Save user").click()

    expect(page).to_have_title("Error: Add a user – Cairn")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in (
        "Enter the user's last name",
        "Enter an email address in the correct format",
        "Choose the user's agency",
        "Enter an initial password",
    ):
        expect(summary).to_contain_text(message)
    expect(summary.get_by_role("link", name="Choose the user's agency")).to_have_attribute(
        "href", "#id_agency"
    )
    expect(summary.get_by_role("link", name="Select at least one role")).to_have_count(0)
    expect(page.get_by_label("First name")).to_have_value("Sophie")
    expect(page.get_by_label("Email address")).to_have_value("sophie.turner@marlshire")
    expect(page.get_by_label("Designated safeguarding lead")).to_be_checked()
    expect(page.get_by_label("Last name")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_last_name-error\b")
    )
    assert_accessible(page)
    screenshot(page, "user-form-errors.png")


def test_agencies_list_and_form(page, assert_accessible, screenshot, marlshire):
    sign_in(page, marlshire.users["admin"])
    page.goto("/admin/agencies/")
    expect(heading(page)).to_have_text("Agencies")
    expect(page.get_by_role("table").locator("caption")).to_have_text(
        "11 agencies in the partnership"
    )
    assert_accessible(page)
    screenshot(page, "agencies.png")

    page.get_by_role("link", name="Marlshire Police").click()
    expect(heading(page)).to_have_text("Change Marlshire Police")
    expect(page.get_by_label("Police", exact=True)).to_be_checked()
    assert_accessible(page)

    page.goto("/admin/agencies/new/")
    page.get_by_role("button", name="Save agency").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Select the kind of agency")).to_have_attribute(
        "href", "#id_kind"
    )
    summary.get_by_role("link", name="Select the kind of agency").click()
    expect(page.get_by_label("Local authority children's services")).to_be_focused()
    assert_accessible(page)


def test_audit_trail(page, assert_accessible, screenshot, marlshire):
    admin = marlshire.users["admin"]
    record_view(viewer=marlshire.users["mash"], obj=marlshire.people[0])
    sign_in(page, admin)

    # A change through the pages, to see it in the trail with before and after.
    page.goto("/admin/users/")
    page.get_by_role("link", name="Gareth Pryce").click()
    page.get_by_role("link", name="Change details").click()
    page.get_by_label("Job title").fill("Detective sergeant, MASH")
    page.get_by_role("button", name="Save user").click()
    expect(page.get_by_role("alert")).to_contain_text("gareth.pryce@marlshire.example saved")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audit trail").click()
    expect(heading(page)).to_have_text("Audit trail")
    rows = page.get_by_role("table").locator("tbody tr")
    expect(rows.first).to_contain_text("Changed")
    expect(rows.first).to_contain_text("Detective sergeant, MASH")
    expect(page.get_by_role("table")).to_contain_text("Viewed")
    expect(page.get_by_role("table")).to_contain_text("Signed in")
    assert_accessible(page)
    screenshot(page, "audit-trail.png", max_height=1800)


def test_forbidden_and_missing_pages(page, assert_accessible, marlshire):
    sign_in(page, marlshire.users["analyst"])  # an analyst needs no two-factor code
    response = page.goto("/admin/users/")
    assert response.status == 403
    expect(heading(page)).to_have_text("You do not have permission to see this page")
    assert_accessible(page)

    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(heading(page)).to_have_text("Page not found")
    assert_accessible(page)
