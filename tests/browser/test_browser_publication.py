"""A partnership officer drafts a statement, the redaction check passes, the partnership lead
approves and it is published; the officer amends it with a public note, the lead approves the
amendment; signed out, the public page shows the current text, both versions and the note.
Every page is axe-clean. Names are synthetic."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from cairn.accounts.choices import Role

from .helpers import BrowserUserFactory, sign_in

pytestmark = pytest.mark.browser

FIRST = (
    "The Marlshire Safeguarding Children Partnership has received the independent review of "
    "how agencies responded to harmful sexual behaviour between pupils.\n\n"
    "We accept its recommendations in full and will publish our action plan."
)
ADDED = "Read the multi-agency guidance on child-on-child abuse on the partnership website."
NOTE = "Amended on 22 February 2022 to include a link to the multi-agency guidance"


def _lead(marlshire):
    lead = BrowserUserFactory(
        email="nadia.farrell@marlshire.example",
        first_name="Nadia",
        last_name="Farrell",
        agency=marlshire.agencies["team"],
        roles=[Role.PARTNERSHIP_LEAD.value],
        job_title="Partnership lead",
    )
    TOTPDevice.objects.create(user=lead, name="Authenticator app", confirmed=True)
    return lead


def _approve(page, assert_accessible, title):
    page.goto("/publications/")
    page.get_by_role("link", name=re.compile(rf"{title}, version")).click()
    expect(page.get_by_role("heading", level=1, name="Approve for publication")).to_be_visible()
    expect(page.get_by_text("Redaction check passed")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Published: it is on the public site now")).to_be_visible()
    assert_accessible(page)


def test_a_statement_is_published_amended_and_read_signed_out(
    page, new_context, assert_accessible, screenshot, marlshire
):
    lead_page = new_context().new_page()
    sign_in(page, marlshire.users["officer"])
    page.goto("/publications/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a publication").click()
    page.get_by_label("Statement").check()
    page.get_by_label("Title").fill("Our response to the review")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Write the publication")).to_be_visible()
    page.get_by_label("Text").fill(FIRST)
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Send for approval").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Check and send for approval").click()
    expect(page.get_by_role("heading", level=1, name="Redaction check")).to_be_visible()
    expect(page.get_by_text("No identifying details were found.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "publication-redaction-check.png")

    sign_in(lead_page, _lead(marlshire))
    _approve(lead_page, assert_accessible, "Our response to the review")

    page.goto("/publications/")
    page.get_by_role("link", name="Our response to the review").click()
    assert_accessible(page)
    page.get_by_role("button", name="Amend this publication").click()
    expect(page.get_by_role("heading", level=1, name="Amend the publication")).to_be_visible()
    page.get_by_label("Amendment note").fill(NOTE)
    page.get_by_label("Text").fill(FIRST + "\n\n" + ADDED)
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Send for approval").first.click()
    page.get_by_role("button", name="Check and send for approval").click()
    expect(page.get_by_text("No identifying details were found.")).to_be_visible()

    _approve(lead_page, assert_accessible, "Our response to the review")

    public = new_context().new_page()
    public.goto("/public/")
    expect(public.get_by_role("heading", level=1, name="Publications")).to_be_visible()
    assert_accessible(public)
    public.get_by_role("link", name="Our response to the review").click()
    main = public.get_by_role("main")
    expect(main.get_by_text(ADDED)).to_be_visible()
    expect(main.get_by_text(NOTE).first).to_be_visible()
    expect(
        main.get_by_role("heading", name=re.compile("Version 2 .this page.* current"))
    ).to_be_visible()
    assert_accessible(public)
    screenshot(public, "public-publication.png")
    main.get_by_role("link", name="Version 1").click()
    expect(public.get_by_text("It has been replaced")).to_be_visible()
    expect(public.get_by_role("main").get_by_text(ADDED)).to_have_count(0)
    assert_accessible(public)
