"""One child-on-child incident, two children, each with their own record, through the real pages.

A MASH social worker records one incident with two children in different roles (Ellie was
harmed; Leo allegedly harmed her), searching for each child before adding them. Each child gets
their own views and wishes and their own MASH decision with reasons; a MASH manager signs both
off. Then each child's page and chronology show only that child's involvement and decision,
and the designated safeguarding lead of Leo's school (Leo is on its roll, Ellie is not, and the
school did not report the incident) sees Leo's part of the incident but not Ellie's: not her
views, not her record's pages. Every page on the way is checked with axe-core.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cairn.incidents.models import Decision, Incident, Involvement

from .helpers import sign_in

pytestmark = pytest.mark.browser

# What each child said: written once here, looked for (or for its absence) on every page.
ELLIE_VIEWS = "Ellie wants Leo kept out of her maths set and to walk home with her sister."
ELLIE_CARERS = "Ellie's mother wants the school to tell her about any contact between them."
LEO_VIEWS = "Leo says it was a joke that went too far and wants to stay in his tutor group."
LEO_CARERS = "Leo's father will come to any meeting the school arranges."
ELLIE_REASONS = "Ellie may be suffering significant harm: sexual assault by a peer, on the bus."
LEO_REASONS = "Leo needs an assessment of his harmful sexual behaviour and support at home."
ELLIE_DECISION = "Strategy discussion / section 47"
LEO_DECISION = "Child and family assessment"


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def main(page: Page):
    return page.get_by_role("main")


def child_card(page: Page, name: str):
    """The summary card of one child on an incident page."""
    return page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", level=3, name=re.compile(f"^{name}:"))
    )


def row_of(page: Page, child):
    """The summary-list row of one child (the children added so far, check your answers)."""
    return page.locator(".govuk-summary-list__row").filter(
        has=page.get_by_role("term").filter(has_text=str(child))
    )


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def record_the_incident(page: Page, marlshire, check) -> Incident:
    """Details, then each child (search before create), then check your answers."""
    ellie, leo = marlshire.people[0], marlshire.people[6]
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Record an incident"
    ).click()
    expect(heading(page)).to_have_text("What happened")
    check(page)
    page.get_by_label("Date it was reported").fill(yesterday.strftime("%d/%m/%Y"))
    page.get_by_label("Time it was reported").fill("14:30")
    page.get_by_label("Date it happened").fill(yesterday.strftime("%d/%m/%Y"))
    page.get_by_label("Sexual violence", exact=True).check()
    page.get_by_label("Sexual assault", exact=True).check()
    page.get_by_label("It had an online element").check()
    page.get_by_label("What happened", exact=True).fill(
        "On the school bus one pupil touched another pupil sexually without consent, and "
        "later sent her messages about it."
    )
    page.get_by_label("Who reported it", exact=True).select_option(label="Ashcombe Primary School")
    page.get_by_label("Role of the person who reported it").fill("Designated safeguarding lead")
    page.get_by_label("Referral source (CIN code)").select_option(label="Schools")
    page.get_by_role("button", name="Continue to the children").click()

    expect(heading(page)).to_have_text("Children in the incident")
    check(page)
    for child, role in ((ellie, "Harmed"), (leo, "Allegedly harmed others")):
        page.get_by_label("First name").fill(child.given_name)
        page.get_by_label("Last name").fill(child.family_name)
        page.get_by_role("button", name="Search").click()
        results = page.get_by_role("table")
        expect(results).to_contain_text(str(child))
        check(page)  # the results, with the reasons each candidate matches
        results.get_by_label(f"Role of {child}").select_option(label=role)
        results.get_by_role("button", name=f"Add {child}").click()
        expect(page.get_by_role("alert")).to_contain_text(f"{child} added as {role.lower()}")
    expect(row_of(page, ellie)).to_contain_text("Harmed")
    expect(row_of(page, leo)).to_contain_text("Allegedly harmed others")
    check(page)

    page.get_by_role("link", name="Continue to check your answers").click()
    expect(heading(page)).to_have_text("Check your answers")
    expect(row_of(page, ellie)).to_contain_text("Harmed")
    expect(row_of(page, leo)).to_contain_text("Allegedly harmed others")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Sexual assault")
    check(page)
    page.get_by_role("button", name="Record the incident").click()

    incident = Incident.objects.get()
    expect(page).to_have_url(re.compile(rf"/incidents/{incident.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        f"Incident {incident.pk} recorded with 2 children"
    )
    return incident


def record_views(page: Page, check, *, child, views: str, carers: str) -> None:
    page.get_by_role("link", name=f"Record views, vulnerabilities and outcome for {child}").click()
    expect(heading(page)).to_have_text("Views, vulnerabilities and outcome")
    check(page)
    page.get_by_label("The child's views and wishes").fill(views)
    page.get_by_label("Their parents' or carers' views").fill(carers)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{child}'s record in incident")


def test_one_incident_two_children_each_with_their_own_record(page, assert_accessible, marlshire):
    check = assert_accessible
    ellie, leo = marlshire.people[0], marlshire.people[6]
    kingsmere = marlshire.schools[1]
    assert leo.school == kingsmere and ellie.school != kingsmere  # Leo's DSL's school

    # A MASH social worker records the incident, searching for each child first ---------------
    sign_in(page, marlshire.users["mash"])
    incident = record_the_incident(page, marlshire, check)
    ellie_inv = Involvement.objects.get(incident=incident, person=ellie)
    leo_inv = Involvement.objects.get(incident=incident, person=leo)
    assert (ellie_inv.role, leo_inv.role) == ("harmed", "harmed_others")
    expect(child_card(page, str(ellie))).to_contain_text("Not recorded yet")
    check(page)

    # Each child's own views and wishes, and their parents' or carers' ------------------------
    record_views(page, check, child=ellie, views=ELLIE_VIEWS, carers=ELLIE_CARERS)
    record_views(page, check, child=leo, views=LEO_VIEWS, carers=LEO_CARERS)
    ellie_card, leo_card = child_card(page, str(ellie)), child_card(page, str(leo))
    expect(ellie_card).to_contain_text(ELLIE_VIEWS)
    expect(ellie_card).to_contain_text(ELLIE_CARERS)
    expect(ellie_card).not_to_contain_text(LEO_VIEWS)
    expect(leo_card).to_contain_text(LEO_VIEWS)
    expect(leo_card).to_contain_text(LEO_CARERS)
    expect(leo_card).not_to_contain_text(ELLIE_VIEWS)
    check(page)

    # Each child's own MASH decision, with reasons --------------------------------------------
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="MASH").click()
    expect(heading(page)).to_have_text("MASH: children awaiting a decision")
    queue = page.get_by_role("table").first
    expect(queue.locator("caption")).to_have_text("2 children")
    check(page)

    queue.get_by_role("link", name=f"Decide for {ellie}").click()
    expect(heading(page)).to_have_text("MASH decision for this child")
    expect(page.get_by_text(f"This decision is for {ellie} only.")).to_be_visible()
    check(page)
    page.get_by_label(ELLIE_DECISION).check()
    page.get_by_label("Reasons").fill(ELLIE_REASONS)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Decision recorded for {ellie}")

    page.get_by_role("table").first.get_by_role("link", name=f"Decide for {leo}").click()
    page.get_by_label(LEO_DECISION).check()
    page.get_by_role("button", name="Record decision").click()  # no reasons: refused
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give the reasons for the decision")
    expect(page.get_by_label(LEO_DECISION)).to_be_checked()
    check(page)
    page.get_by_label("Reasons").fill(LEO_REASONS)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Decision recorded for {leo}")
    expect(page.get_by_text("No children are waiting for a decision.")).to_be_visible()
    check(page)
    assert Decision.objects.get(involvement=ellie_inv).outcome == "strategy"
    assert Decision.objects.get(involvement=leo_inv).outcome == "assessment"
    sign_out(page)

    # A MASH manager signs each decision off --------------------------------------------------
    manager = marlshire.users["manager"]
    sign_in(page, manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="MASH").click()
    expect(
        page.get_by_role("heading", level=2, name="Decisions awaiting your sign-off")
    ).to_be_visible()
    check(page)
    for child in (ellie, leo):
        page.get_by_role("button", name=f"Sign off the decision for {child}").click()
        expect(page.get_by_role("alert")).to_contain_text(f"Decision for {child} signed off")
    expect(page.get_by_role("heading", name="Decisions awaiting your sign-off")).to_have_count(0)
    assert not Decision.objects.filter(signed_off_by__isnull=True).exists()

    # Each child's page and chronology are their own -----------------------------------------
    for child, role, mine, theirs in (
        (ellie, "Harmed", (ELLIE_DECISION, ELLIE_REASONS), (LEO_DECISION, LEO_REASONS)),
        (
            leo,
            "Allegedly harmed others",
            (LEO_DECISION, LEO_REASONS),
            (ELLIE_DECISION, ELLIE_REASONS),
        ),
    ):
        page.goto(f"/people/{child.pk}/")
        expect(heading(page)).to_have_text(str(child))
        incidents = page.get_by_role("table", name=f"Incidents {child} is part of")
        expect(incidents.get_by_role("row")).to_have_count(2)  # the header and one incident
        expect(incidents).to_contain_text(f"Incident {incident.pk}")
        expect(incidents).to_contain_text(role)
        expect(incidents).to_contain_text(f"{mine[0]} (signed off)")
        expect(incidents).not_to_contain_text(theirs[0])
        check(page)

        page.get_by_role("link", name="Chronology of incidents, decisions and actions").click()
        expect(heading(page)).to_have_text(str(child))
        chronology = page.get_by_role("table")
        expect(chronology).to_contain_text(f"Incident {incident.pk} reported: {role.lower()}")
        expect(chronology).to_contain_text(f"MASH decision: {mine[0]}")
        expect(chronology).to_contain_text(mine[1])
        expect(chronology).to_contain_text(f"by {manager}")
        expect(chronology).not_to_contain_text(theirs[0])
        expect(chronology).not_to_contain_text(theirs[1])
        expect(main(page)).not_to_contain_text(ELLIE_VIEWS if child == leo else LEO_VIEWS)
        check(page)
    sign_out(page)

    # The DSL of Leo's school sees Leo's part of the incident, not Ellie's --------------------
    sign_in(page, marlshire.users["dsl"])
    page.goto(f"/incidents/{incident.pk}/")
    expect(heading(page)).to_have_text(f"Incident {incident.pk}")
    expect(page.get_by_role("heading", level=3)).to_have_count(1)
    leo_card = child_card(page, str(leo))
    expect(leo_card).to_contain_text("allegedly harmed others")
    expect(leo_card).to_contain_text(LEO_VIEWS)
    expect(leo_card).to_contain_text(f"{LEO_DECISION} (")
    content = main(page)
    for hidden in (str(ellie), ELLIE_VIEWS, ELLIE_CARERS, ELLIE_DECISION, ELLIE_REASONS):
        expect(content).not_to_contain_text(hidden)
    check(page)

    leo_card.get_by_role(
        "link", name=f"Record views, vulnerabilities and outcome for {leo}"
    ).click()
    expect(page.get_by_label("The child's views and wishes")).to_have_value(LEO_VIEWS)
    check(page)

    page.goto(f"/people/{leo.pk}/")
    expect(page.get_by_role("table", name=f"Incidents {leo} is part of")).to_contain_text(
        "Allegedly harmed others"
    )
    check(page)
    page.goto(f"/incidents/children/{leo.pk}/chronology/")
    expect(page.get_by_role("table")).to_contain_text(f"MASH decision: {LEO_DECISION}")
    expect(main(page)).not_to_contain_text(ELLIE_REASONS)
    check(page)

    # Ellie's record is not there for this school: every page of it is "not found" or refused.
    for url, status in (
        (f"/incidents/involvements/{ellie_inv.pk}/edit/", 404),
        (f"/incidents/involvements/{ellie_inv.pk}/plans/", 404),
        (f"/incidents/involvements/{ellie_inv.pk}/child-protection/", 404),
        (f"/incidents/children/{ellie.pk}/chronology/", 404),
        (f"/people/{ellie.pk}/", 403),
    ):
        response = page.goto(url)
        assert response.status == status, (url, response.status)
        expect(main(page)).not_to_contain_text(ELLIE_VIEWS)
        expect(main(page)).not_to_contain_text(str(ellie))
        check(page)
