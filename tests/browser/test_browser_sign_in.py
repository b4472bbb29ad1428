"""Signing in through the real pages: password, two-factor code, setting up an authenticator."""

import base64
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import PASSWORD

from .helpers import BrowserUserFactory, code_for, enter_code, fill_sign_in

pytestmark = pytest.mark.browser

HOME = re.compile(r"/$")
TWO_FACTOR = re.compile(r"/sign-in/two-factor/$")
SET_UP = re.compile(r"/sign-in/two-factor/set-up/$")


def error_summary(page):
    return page.locator(".govuk-error-summary")


def test_sign_in_page(page, assert_accessible, screenshot, marlshire):
    page.goto("/sign-in/")
    expect(page).to_have_title("Sign in – Cairn")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Cairn")
    expect(page.get_by_label("Email address")).to_have_attribute("autocomplete", "username")
    expect(page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b"))
    assert_accessible(page)
    screenshot(page, "sign-in.png")

    # The check is real: an unlabelled field is reported by rule, help and target.
    page.evaluate("() => document.querySelector('form').append(document.createElement('input'))")
    with pytest.raises(
        AssertionError,
        match=r"(?s)- label \(critical\): Form elements must have labels.*\n +at input",
    ):
        assert_accessible(page)


def test_sign_in_errors_are_summarised_and_keep_what_was_typed(page, assert_accessible, marlshire):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title("Error: Sign in – Cairn")
    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name="Enter your email address")).to_have_attribute(
        "href", "#id_email"
    )
    expect(summary.get_by_role("link", name="Enter your password")).to_be_visible()
    expect(page.locator("#id_email-error")).to_contain_text("Enter your email address")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    assert_accessible(page)

    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email address")).to_be_focused()

    email = marlshire.users["mash"].email
    fill_sign_in(page, email, "not the password")
    expect(error_summary(page)).to_contain_text("Enter a correct email address and password")
    expect(page.get_by_label("Email address")).to_have_value(email)
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    assert_accessible(page)


def test_two_factor_sign_in_and_sign_out(page, assert_accessible, marlshire):
    user = marlshire.users["mash"]
    fill_sign_in(page, user.email, PASSWORD)
    expect(page).to_have_url(TWO_FACTOR)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    code = page.get_by_label("Code from your authenticator app")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    assert_accessible(page)

    # Before the code, nothing else opens.
    page.goto("/people/")
    expect(page).to_have_url(TWO_FACTOR)

    enter_code(page, code_for(TOTPDevice.objects.get(user=user)))
    expect(page).to_have_url(HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    expect(page.locator("header")).to_contain_text(user.get_full_name())

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Cairn")
    expect(page.get_by_role("alert")).to_contain_text("You have signed out")
    page.goto("/people/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/people/$"))


def test_a_wrong_code_shows_an_error_summary(page, assert_accessible, marlshire):
    user = marlshire.users["mash"]
    device = TOTPDevice.objects.get(user=user)
    fill_sign_in(page, user.email, PASSWORD)
    expect(page).to_have_url(TWO_FACTOR)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    enter_code(page, wrong)
    expect(page).to_have_title("Error: Enter your code – Cairn")
    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(re.compile(r"^The code is not right"))
    expect(page.locator("#id_code-error")).to_contain_text("The code is not right")
    assert_accessible(page)

    enter_code(page, "12")
    expect(summary).to_contain_text("Enter the code as 6 digits")
    expect(page.get_by_label("Code from your authenticator app")).to_have_value("12")


def test_setting_up_two_factor_then_signing_in(page, assert_accessible, screenshot, marlshire):
    la = marlshire.agencies["la"]
    user = BrowserUserFactory(
        email="new.starter@marlshire.example",
        first_name="Aisha",
        last_name="Karim",
        agency=la,
        roles=[Role.MASH_PRACTITIONER.value],
        job_title="MASH social worker",
    )
    fill_sign_in(page, user.email, PASSWORD)
    expect(page).to_have_url(SET_UP)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    shown_key = page.locator(".cairn-code").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", shown_key), shown_key
    assert_accessible(page)
    screenshot(page, "two-factor-setup.png")

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = shown_key.replace(" ", "")
    assert base64.b32decode(key + "=" * (-len(key) % 8)) == device.bin_key

    enter_code(page, code_for(device), button="Confirm and sign in")
    expect(page).to_have_url(HOME)
    expect(page.get_by_role("alert")).to_contain_text("Two-factor sign-in is set up")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    device.refresh_from_db()
    assert device.confirmed


def test_signing_in_works_without_javascript(new_context, assert_accessible, marlshire):
    page = new_context(java_script_enabled=False).new_page()
    user = marlshire.users["manager"]
    page.goto("/sign-in/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))

    page.get_by_role("button", name="Continue").click()
    expect(error_summary(page)).to_contain_text("Enter your email address")

    fill_sign_in(page, user.email, PASSWORD)
    expect(page).to_have_url(TWO_FACTOR)
    enter_code(page, code_for(TOTPDevice.objects.get(user=user)))
    expect(page).to_have_url(HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Cairn")
