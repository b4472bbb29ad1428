"""Helpers for the browser tests: signing in through the pages, running axe-core."""

import functools
import re

import factory
from django.contrib.auth.hashers import make_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from cairn.accounts.roles import needs_two_factor
from cairn.accounts.tests.factories import PASSWORD, UserFactory

AXE_PATH = "/__browser-tests__/axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],  # only violations carry every node: faster
}


# Users -----------------------------------------------------------------------------------


@functools.cache
def password_hash() -> str:
    """The test password hashed once (Argon2 takes a third of a second a time)."""
    return make_password(PASSWORD)


class BrowserUserFactory(UserFactory):
    """A user with the test password, reusing one real Argon2 hash of it."""

    password = factory.LazyFunction(password_hash)


# Accessibility ---------------------------------------------------------------------------


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility problem(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']}")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def run_axe(page: Page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_PATH)
    result = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


# Signing in ------------------------------------------------------------------------------


def code_for(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{token:0{device.digits}d}"


def fill_sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Continue").click()


def enter_code(page: Page, code: str, button: str = "Sign in") -> None:
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name=button).click()


def sign_in(page: Page, user, password: str = PASSWORD) -> None:
    """Sign in through the real pages, with the current code from the user's authenticator."""
    fill_sign_in(page, user.email, password)
    if needs_two_factor(user.roles):
        expect(page).to_have_url(re.compile(r"/sign-in/two-factor/$"))
        enter_code(page, code_for(TOTPDevice.objects.get(user=user, confirmed=True)))
    expect(page.get_by_role("heading", level=1, name="Your work")).to_be_visible()
