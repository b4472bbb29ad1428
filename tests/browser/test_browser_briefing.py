"""A briefing is sent, read and followed up, in Chromium: the partnership officer writes a
seven-minute briefing and sends it to DSLs; a DSL opens it, confirms reading it and, when the
follow-up question is due, answers it; the officer sees reach and acknowledgement by agency."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.learning.models import Briefing, Receipt

from .helpers import sign_in

pytestmark = pytest.mark.browser

TITLE = "Child T: seven-minute briefing"


def _write_and_send(page, assert_accessible, school_name):
    page.goto("/learning/manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefings")
    assert_accessible(page)
    page.get_by_role("link", name="Write a briefing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a briefing")
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Summary", exact=True).fill("Children told adults more than once.")
    page.get_by_label("Briefing", exact=True).fill(
        "## What happened\n\nA pupil told two adults.\n\n- Ask\n- Record\n- **Share**"
    )
    page.get_by_label(school_name).check()
    page.get_by_label("Designated safeguarding lead").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    page.get_by_role("link", name="Check and send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and send the briefing")
    expect(page.get_by_text("1 person")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the briefing").click()
    expect(page.get_by_text("Briefing sent")).to_be_visible()
    assert_accessible(page)


def _read_and_acknowledge(page, assert_accessible):
    page.goto("/learning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your briefings")
    expect(page.get_by_text("Not yet read", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("heading", level=2, name="What happened")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I have read this briefing").click()
    expect(page.get_by_text("you have confirmed you have read this briefing")).to_be_visible()
    assert_accessible(page)


def _answer_follow_up(page, assert_accessible, briefing):
    page.reload()
    question = "What has changed in your practice since reading this briefing?"
    expect(page.get_by_text(question)).to_be_visible()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your answer").fill("We now record every disclosure the same day.")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_text("your answer has been sent")).to_be_visible()
    assert_accessible(page)


def test_a_briefing_is_sent_read_and_followed_up(
    page, new_context, assert_accessible, screenshot, marlshire
):
    school = marlshire.agencies["school"]
    sign_in(page, marlshire.users["officer"])
    _write_and_send(page, assert_accessible, school.name)
    briefing = Briefing.objects.get(title=TITLE)
    receipt = Receipt.objects.get(briefing=briefing)
    assert receipt.recipient == marlshire.users["dsl"]

    dsl_page = new_context().new_page()
    sign_in(dsl_page, marlshire.users["dsl"])
    _read_and_acknowledge(dsl_page, assert_accessible)
    receipt.refresh_from_db()
    assert receipt.read_at is not None

    # Weeks pass: the follow-up question falls due today.
    Briefing.objects.filter(pk=briefing.pk).update(follow_up_on=timezone.localdate())
    _answer_follow_up(dsl_page, assert_accessible, briefing)
    screenshot(dsl_page, "briefing-follow-up.png")

    page.goto(f"/learning/manage/{briefing.pk}/")
    table = page.get_by_role("table", name="Reach and acknowledgement by agency")
    row = table.get_by_role("row").filter(has_text=school.name)
    expect(row).to_be_visible()
    expect(row.get_by_role("cell").first).to_have_text("c")  # one DSL: suppressed
    expect(page.get_by_text("We now record every disclosure the same day.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Download reach"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "briefing-reach.png")
