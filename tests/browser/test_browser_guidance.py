"""An auditor reads the guidance catalogue and audits one incident against it, in Chromium."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.guidance.library import library_load_national
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory

from .helpers import sign_in

pytestmark = pytest.mark.browser


def test_an_auditor_reads_the_rules_and_audits_an_incident(page, assert_accessible, marlshire):
    library_load_national()
    ellie, leo = marlshire.people[0], marlshire.people[6]
    incident = IncidentFactory(
        partnership=marlshire.partnership,
        reporting_agency=marlshire.schools[0],
        reported_at=timezone.now() - dt.timedelta(days=3),
    )
    InvolvementFactory(incident=incident, person=ellie, role=InvolvementRole.HARMED)
    InvolvementFactory(incident=incident, person=leo, role=InvolvementRole.HARMED_OTHERS)

    sign_in(page, marlshire.users["auditor"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Guidance").click()
    expect(page).to_have_url(re.compile(r"/guidance/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link").filter(has_text=re.compile(".+")).nth(0).click()
    expect(page.get_by_role("heading", level=2, name="What it checks")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/guidance/incidents/{incident.pk}/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit against guidance")
    main = page.get_by_role("main")
    expect(
        main.get_by_role("heading", level=2, name=re.compile("Ellie Hargreaves"))
    ).to_be_visible()
    expect(main.get_by_role("heading", level=2, name=re.compile("Leo Nowak"))).to_be_visible()
    assert_accessible(page)
