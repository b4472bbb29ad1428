"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, storage) and page for each test.
Users sign in through the real pages with real two-factor codes. ``assert_accessible`` runs
axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is.

The site's strict Content-Security-Policy stays on: axe-core is served to the browser as if it
were one of the site's own scripts (a routed same-origin URL), so the check does not weaken
the policy, and any CSP violation the page itself causes fails the test.

Set ``CAIRN_SCREENSHOTS=1`` to save full-page screenshots of the main pages to
``docs/screenshots/``.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import factory.random
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect, sync_playwright

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    SchoolFactory,
)
from cairn.audit.context import acting_as
from cairn.people.choices import IdentifierKind, NameKind, Sex
from cairn.people.models import Address, Identifier, PersonName
from cairn.people.tests.factories import PersonFactory

from .helpers import AXE_PATH, BrowserUserFactory, format_violations, run_axe

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse
# the test's own database work ("cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CAIRN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
TIMEOUT_MS = 10_000


# Browser, context, page ------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run bash scripts/setup")
    return AXE_JS.read_text()


def _new_context(browser, live_server, axe_source, **options):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1200, "height": 900},
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    context.route(
        f"{live_server.url}{AXE_PATH}",
        lambda route: route.fulfill(
            status=200, body=axe_source, content_type="application/javascript"
        ),
    )
    return context


@dataclass
class PageProblems:
    """What the browser reported while the test ran: CSP violations and script errors."""

    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def new_context(browser, live_server, axe_source):
    """Make another browser context (e.g. without JavaScript); closed after the test."""
    contexts = []

    def make(**options):
        context = _new_context(browser, live_server, axe_source, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    """A page in a fresh context. Fails the test on CSP violations or uncaught script errors."""
    context = new_context()
    page = context.new_page()
    problems = PageProblems()
    page.on(
        "console",
        lambda msg: (
            problems.csp.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    page.on("pageerror", lambda error: problems.errors.append(str(error)))
    yield page
    assert not problems.csp, "Content-Security-Policy violations:\n" + "\n".join(problems.csp)
    assert not problems.errors, "Script errors:\n" + "\n".join(problems.errors)


# Accessibility ---------------------------------------------------------------------------


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page)``: no WCAG 2.2 A/AA problem that axe-core can find."""

    def check(page: Page) -> None:
        violations = run_axe(page)
        assert not violations, format_violations(page.url, violations)

    return check


# Screenshots -----------------------------------------------------------------------------


@pytest.fixture
def screenshot():
    """``screenshot(page, "home.png")`` saves a full-page PNG when CAIRN_SCREENSHOTS=1.

    ``max_height`` cuts a very long page (the audit trail) to its top part.
    """

    def save(page: Page, name: str, max_height: int | None = None) -> None:
        if os.environ.get("CAIRN_SCREENSHOTS") != "1":
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => document.fonts.ready")
        options = {}
        if max_height:
            width, height = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            options["clip"] = {"x": 0, "y": 0, "width": width, "height": min(height, max_height)}
        page.screenshot(
            path=str(SCREENSHOTS / name), full_page=True, animations="disabled", **options
        )

    return save


# Data: a small, realistic, clearly synthetic demo partnership ----------------------------

DOMAIN = "marlshire.example"
AGENCIES = [
    ("la", "Marlshire County Council Children's Services", AgencyKind.LOCAL_AUTHORITY, True),
    ("police", "Marlshire Police", AgencyKind.POLICE, True),
    ("icb", "NHS Marlshire Integrated Care Board", AgencyKind.HEALTH, True),
    ("trust", "Marlshire Community Health NHS Trust", AgencyKind.HEALTH, False),
    ("yjs", "Marlshire Youth Justice Service", AgencyKind.YOUTH_JUSTICE, False),
    ("vcs", "Marlshire Young People's Trust", AgencyKind.VOLUNTARY, False),
    (
        "team",
        "Marlshire Safeguarding Children Partnership Team",
        AgencyKind.PARTNERSHIP_TEAM,
        False,
    ),
]
SCHOOLS = [
    ("Ashcombe Primary School", "140007"),
    ("Kingsmere Academy", "140014"),
    ("Stourleigh High School", "140021"),
    ("Westerby Community College", "140028"),
]
# (key, first name, last name, agency key, role, job title); the admin is first.
USERS = [
    ("admin", "Priya", "Raman", "team", Role.ADMINISTRATOR, "Cairn administrator"),
    ("mash", "Hannah", "Whitlock", "la", Role.MASH_PRACTITIONER, "MASH social worker"),
    ("manager", "Marcus", "Adeyemi", "la", Role.MASH_MANAGER, "MASH team manager"),
    ("police", "Gareth", "Pryce", "police", Role.AGENCY_PRACTITIONER, "MASH police researcher"),
    ("nurse", "Fiona", "Macleod", "trust", Role.AGENCY_PRACTITIONER, "Safeguarding nurse"),
    ("dsl", "Joanne", "Kershaw", "school", Role.DSL, "Designated safeguarding lead"),
    ("officer", "Tom", "Bellamy", "team", Role.PARTNERSHIP_OFFICER, "Partnership manager"),
    ("auditor", "Ruth", "Okonjo", "team", Role.AUDITOR, "Independent scrutineer"),
    ("analyst", "Daniel", "Frost", "team", Role.ANALYST, "Performance analyst"),
]
# Children: a few share a family name so that a search has several results.
PEOPLE = [
    ("Ellie", "Hargreaves", Sex.FEMALE, 0, "White British"),
    ("Jack", "Hargreaves", Sex.MALE, 0, "White British"),
    ("Mason", "Hargreaves", Sex.MALE, 2, "White British"),
    ("Amelia", "Hargreaves-Cole", Sex.FEMALE, 1, "Mixed White and Black Caribbean"),
    ("Oliver", "Bennett", Sex.MALE, 2, "White British"),
    ("Isla", "Chowdhury", Sex.FEMALE, 3, "Asian Bangladeshi"),
    ("Leo", "Nowak", Sex.MALE, 1, "White Other"),
    ("Freya", "Mensah", Sex.FEMALE, 3, "Black African"),
]


@dataclass
class DemoData:
    partnership: object
    agencies: dict
    schools: list
    users: dict
    people: list


@pytest.fixture
def marlshire(transactional_db):
    """A demo partnership (``is_demo``) with agencies, a user for most roles and children.

    Every user has the test password and a confirmed authenticator.
    """
    factory.random.reseed_random("cairn-browser-tests")
    partnership = PartnershipFactory(
        name="Marlshire Safeguarding Children Partnership",
        short_name="Marlshire SCP",
        local_authority_code="990",
        is_demo=True,
    )
    agencies = {
        key: AgencyFactory(
            partnership=partnership, name=name, kind=kind, is_statutory_partner=statutory
        )
        for key, name, kind, statutory in AGENCIES
    }
    schools = [SchoolFactory(partnership=partnership, name=n, urn=u) for n, u in SCHOOLS]
    agencies["school"] = schools[1]

    def make_user(first, last, agency, role, job_title):
        user = BrowserUserFactory(
            email=f"{first}.{last}@{DOMAIN}".lower(),
            first_name=first,
            last_name=last,
            agency=agencies[agency],
            roles=[role.value],
            job_title=job_title,
        )
        # As totp_device_for(user), named as a real user's would be (it shows in the trail).
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        return user

    key, *admin = USERS[0]
    users = {key: make_user(*admin)}
    with acting_as(users["admin"]):  # the audit trail shows the administrator set them up
        for key, *rest in USERS[1:]:
            users[key] = make_user(*rest)

    people = []
    for given, family, sex, school, ethnicity in PEOPLE:
        person = PersonFactory(
            partnership=partnership,
            given_name=given,
            family_name=family,
            sex=sex,
            school=schools[school],
            ethnicity=ethnicity,
            has_send=given == "Ellie",
        )
        people.append(person)
    ellie = people[0]
    PersonName.objects.create(person=ellie, kind=NameKind.NICKNAME, given_name="Ells")
    Address.objects.create(
        person=ellie, line1="14 Quarry Lane", town="Ashcombe", postcode="MS4 7QT"
    )
    Identifier.objects.create(person=ellie, kind=IdentifierKind.UPN, value="K990140007123")
    return DemoData(partnership, agencies, schools, users, people)
