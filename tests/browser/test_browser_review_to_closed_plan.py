"""A review from notification to a closed action plan, through the real pages (issue 4).

The partnership business manager (a partnership officer) sets up the two governance bodies,
starts a serious incident review over Christmas 2024 and takes it along the statutory route:
notification, rapid review, the decision to hold a local child safeguarding practice review,
commissioning, completion and publication. At each step the review page shows every step's
due date (counted by ``cairn.clocks`` in working days, bank holidays skipped) and whether it
was done on time. Then a finding with a learning theme, a recommendation accepted by the
review group and approved by the partnership executive, and a multi-agency action plan
monitored by the review group: agreed, one action answering the recommendation, led by a
safeguarding nurse who records progress and evidence from her own pages. The plan is refused
closure while the action lacks evidence, and closed by the review group's decision once it has
evidence of completion and of impact (what young people said).

Bad input on the way is refused with a clear message: dates out of order, a recommendation
not accepted without a rationale, an action marked complete without evidence, a plan closed
without evidence. Afterwards the audit trail holds every step with the person who took it,
the administrator sees it on the record's history page, and the hash chain is intact.
Every page on the way is checked with axe-core.

All dates are in the past (the pages refuse future ones); the due dates are asked of
``cairn.clocks.selectors.due_date`` and also written out, so a wrong calendar shows.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cairn.actionplans.models import ActionPlan, Evidence, PlanAction, ProgressUpdate
from cairn.audit.chain import verify_chain
from cairn.audit.models import AuditEvent
from cairn.clocks.selectors import due_date
from cairn.governance.models import BodyDecision, GovernanceBody
from cairn.reviews.models import Finding, LearningTheme, Recommendation, Review

from .helpers import sign_in

pytestmark = pytest.mark.browser

# The route's dates ---------------------------------------------------------------------------
AWARE = dt.date(2024, 12, 18)  # a Wednesday, a week before Christmas
INCIDENT = dt.date(2024, 12, 16)
NOTIFIED = dt.date(2024, 12, 23)  # on time
PARTNERS_TOLD = dt.date(2024, 12, 30)  # late: due 27 December
RAPID_REVIEW_HELD = dt.date(2025, 1, 8)
RAPID_REVIEW_SENT = dt.date(2025, 1, 10)  # on time
DECIDED = dt.date(2025, 1, 15)
COMMISSIONED = dt.date(2025, 2, 3)
COMPLETED = dt.date(2025, 6, 30)
PUBLICATION_PLANNED = dt.date(2025, 7, 14)
ADVANCE_COPY_SENT = dt.date(2025, 7, 2)  # on time
PUBLISHED = dt.date(2025, 7, 14)  # on time
# Recommendation and its governance route
RECOMMENDATION_MADE = dt.date(2025, 6, 30)
RESPONDED = dt.date(2025, 7, 10)
AGREED_BY_REVIEW_GROUP = dt.date(2025, 7, 10)
APPROVED_BY_EXECUTIVE = dt.date(2025, 7, 17)
# The action plan
PLAN_STARTS = dt.date(2025, 8, 1)
PLAN_AGREED = dt.date(2025, 8, 5)
ACTION_DUE = dt.date(2026, 3, 31)
COMPLETION_EVIDENCE_ON = dt.date(2026, 3, 20)
ACTION_COMPLETED = dt.date(2026, 3, 25)
IMPACT_EVIDENCE_ON = dt.date(2026, 9, 30)
PLAN_CLOSED = dt.date(2026, 10, 14)

REVIEW_GROUP = "Marlshire Joint Case Review Group"
EXECUTIVE = "Marlshire Safeguarding Partnership Executive"
THEME = "Harmful sexual behaviour on school transport"
FINDING = (
    "Concerns about the older child's behaviour on the school bus were known to the school "
    "and the transport provider but were not shared with the MASH."
)
RECOMMENDATION = (
    "The partnership should make sure that every school and transport provider knows how to "
    "share concerns about harmful sexual behaviour with the MASH."
)
ACTION = "Train school transport escorts to recognise and report harmful sexual behaviour"
PROGRESS = "Two of four training sessions held; 48 escorts trained so far."
COMPLETION_EVIDENCE = "Training register: 96 of 100 escorts trained by March 2026."
IMPACT_EVIDENCE = (
    "Young people on the Stourleigh routes told the youth forum they feel safer on the bus "
    "and know escorts will act on what they report."
)
NOT_YET_CLOSED = (
    "The plan cannot be closed until every action that is not withdrawn is complete, with "
    "evidence of completion and evidence of impact."
)


def day(d: dt.date) -> str:
    """As the pages write a date: 27 December 2024."""
    return f"{d.day} {d:%B %Y}"


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def success(page: Page, text: str) -> None:
    expect(page.get_by_role("alert")).to_contain_text(text)


def refused(page: Page, text: str) -> None:
    """The page came back with an error summary that says ``text``."""
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(text)


def fill_date(scope, legend: str, d: dt.date) -> None:
    """A GOV.UK date input: three boxes in a group named by its legend."""
    group = scope.get_by_role("group", name=legend, exact=True)
    for part, value in (("Day", d.day), ("Month", d.month), ("Year", d.year)):
        group.get_by_label(part, exact=True).fill(str(value))


def route_row(page: Page, label: str):
    """One step of the route on the review page."""
    return page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(label)}"))
    )


def watch(page: Page) -> list[str]:
    """What the ``page`` fixture checks, for a second signed-in browser: CSP and script errors."""
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def add_body(page: Page, check, *, name: str, kind: str, chair: str, first: bool) -> None:
    """Governance, Add a body. The list and the empty form are checked the first time."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Governance").click()
    expect(heading(page)).to_have_text("Governance bodies")
    if first:
        check(page)
    page.get_by_role("link", name="Add a body").click()
    expect(heading(page)).to_have_text("Add a body")
    if first:
        check(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("Chair", exact=True).fill(chair)
    page.get_by_label("Meets every (months)").fill("2")
    page.get_by_role("button", name="Save").click()
    success(page, "Body added")
    expect(heading(page)).to_have_text(name)
    check(page)


def record_step(page: Page, check, link: str, fields, *, done: str) -> None:
    """Follow a step's link on the review page, fill its form, save, back on the review."""
    page.get_by_role("link", name=link, exact=True).click()
    expect(heading(page)).to_have_text(link)
    check(page)
    fields()
    page.get_by_role("button", name="Save").click()
    success(page, done)
    check(page)


def test_a_review_from_notification_to_a_closed_action_plan(
    page, new_context, assert_accessible, marlshire
):
    check = assert_accessible
    today = timezone.localdate()
    assert today >= PLAN_CLOSED, "every date of the journey must be in the past"
    officer, nurse, admin = (marlshire.users[k] for k in ("officer", "nurse", "admin"))
    trust = marlshire.agencies["trust"]  # the nurse's agency leads the action
    p = marlshire.partnership

    # Each clock, as Cairn counts it, and as written out: 5 working days from Wednesday 18
    # December 2024 skip the weekend, Christmas Day and Boxing Day; 15 skip New Year's Day too.
    notification_due = due_date(clock="serious_incident_notification", start=AWARE, partnership=p)
    partners_due = due_date(clock="serious_incident_partners_told", start=AWARE, partnership=p)
    rapid_review_due = due_date(clock="rapid_review", start=AWARE, partnership=p)
    publication_due = due_date(clock="cspr_publication", start=DECIDED, partnership=p)
    advance_copy_due = due_date(clock="cspr_advance_copy", start=PUBLICATION_PLANNED, partnership=p)
    assert notification_due == partners_due == dt.date(2024, 12, 27)
    assert rapid_review_due == dt.date(2025, 1, 13)
    assert publication_due == dt.date(2025, 7, 15)  # 6 months after the decision
    assert advance_copy_due == dt.date(2025, 7, 3)  # 7 working days before publication
    # On time, except the partners were told late.
    assert NOTIFIED <= notification_due < PARTNERS_TOLD
    assert rapid_review_due >= RAPID_REVIEW_SENT
    assert advance_copy_due >= ADVANCE_COPY_SENT
    assert publication_due >= PUBLISHED

    # The partnership officer sets up the bodies of the governance route -------------------
    sign_in(page, officer)
    add_body(
        page, check, name=REVIEW_GROUP, kind="Review group", chair="Dr Alison Marsh", first=True
    )
    add_body(
        page,
        check,
        name=EXECUTIVE,
        kind="Partnership executive",
        chair="Sarah Onyango",
        first=False,
    )
    review_group = GovernanceBody.objects.get(name=REVIEW_GROUP)
    executive = GovernanceBody.objects.get(name=EXECUTIVE)

    # 1. Start a serious incident review: the clocks start from awareness -------------------
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reviews").click()
    expect(heading(page)).to_have_text("Reviews")
    check(page)
    page.get_by_role("link", name="Start a review").click()
    check(page)
    page.get_by_label("Serious incident notification").check()
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Start a review")
    check(page)
    page.get_by_label("Title", exact=True).fill("Child Q")
    page.get_by_label("Summary").fill("Sexual assault of a 12-year-old by an older pupil.")
    fill_date(page, "Date of the incident", INCIDENT)
    fill_date(page, "Date the local authority became aware", AWARE)
    page.get_by_role("button", name="Save").click()
    success(page, "Review started")
    review = Review.objects.get(title="Child Q")
    expect(page).to_have_url(re.compile(rf"/reviews/{review.pk}/$"))
    expect(heading(page)).to_have_text("Child Q")
    expect(route_row(page, "Local authority became aware")).to_contain_text(day(AWARE))
    for label, due in (
        ("Notified to the national panel", notification_due),
        ("Safeguarding partners told", partners_due),
        ("Rapid review sent to the panel", rapid_review_due),
    ):
        row = route_row(page, label)
        expect(row).to_contain_text("Not yet")
        expect(row).to_contain_text(f"Due {day(due)}")
        expect(row).to_contain_text("Overdue by")  # undone, and long past
    check(page)

    # 2. The statutory route, step by step ----------------------------------------------------
    def notification():
        fill_date(page, "Date the national panel was notified", NOTIFIED)
        fill_date(page, "Date the safeguarding partners were told", PARTNERS_TOLD)
        page.get_by_label("Child's age group").fill("10 to 15")

    record_step(page, check, "Record the notification", notification, done="Notification recorded")
    notified = route_row(page, "Notified to the national panel")
    expect(notified).to_contain_text(day(NOTIFIED))
    expect(notified).to_contain_text(f"Due {day(notification_due)}")
    expect(notified).to_contain_text("On time")
    partners = route_row(page, "Safeguarding partners told")
    expect(partners).to_contain_text(day(PARTNERS_TOLD))
    expect(partners).to_contain_text("Late")
    expect(route_row(page, "Rapid review sent to the panel")).to_contain_text("Overdue by")

    # Dates out of order are refused, and what was typed is kept.
    page.get_by_role("link", name="Record the rapid review", exact=True).click()
    fill_date(page, "Date the rapid review was held", RAPID_REVIEW_HELD)
    fill_date(page, "Date it was sent to the panel", RAPID_REVIEW_HELD - dt.timedelta(days=1))
    page.get_by_role("button", name="Save").click()
    refused(page, "The rapid review cannot be sent to the panel before it was held")
    held = page.get_by_role("group", name="Date the rapid review was held")
    expect(held.get_by_label("Day")).to_have_value(str(RAPID_REVIEW_HELD.day))
    check(page)
    fill_date(page, "Date it was sent to the panel", RAPID_REVIEW_SENT)
    page.get_by_role("button", name="Save").click()
    success(page, "Rapid review recorded")
    expect(page.locator(".govuk-caption-l")).to_have_text("Rapid review")
    rapid = route_row(page, "Rapid review sent to the panel")
    expect(rapid).to_contain_text(f"Held {day(RAPID_REVIEW_HELD)}")
    expect(rapid).to_contain_text(day(RAPID_REVIEW_SENT))
    expect(rapid).to_contain_text(f"Due {day(rapid_review_due)}")
    expect(rapid).to_contain_text("On time")
    check(page)

    def decision():
        page.get_by_label("Local child safeguarding practice review").check()
        fill_date(page, "Date of the decision", DECIDED)
        page.get_by_label("Reasons for the decision").fill(
            "Agencies missed chances to share what they knew: there is learning for all."
        )

    record_step(page, check, "Record the decision", decision, done="Decision recorded")
    expect(page.locator(".govuk-caption-l")).to_have_text(
        "Local child safeguarding practice review"
    )
    expect(route_row(page, "Decision")).to_contain_text(day(DECIDED))
    published = route_row(page, "Published")
    expect(published).to_contain_text(f"Due {day(publication_due)}")
    expect(published).to_contain_text("Overdue by")
    # No planned publication date yet, so no advance copy clock.
    expect(route_row(page, "Advance copy sent")).not_to_contain_text("Due")

    def commissioning():
        fill_date(page, "Date the review was commissioned", COMMISSIONED)
        page.get_by_label("Independent reviewer").fill("Jane Whitfield")
        page.get_by_label("Terms of reference").fill("How agencies shared concerns about Child Q.")

    record_step(
        page, check, "Record the commissioning", commissioning, done="Commissioning recorded"
    )
    commissioned = route_row(page, "Commissioned")
    expect(commissioned).to_contain_text(day(COMMISSIONED))
    expect(commissioned).to_contain_text("Reviewer: Jane Whitfield")

    def completion():
        fill_date(page, "Date the review was completed", COMPLETED)
        fill_date(page, "Planned publication date", PUBLICATION_PLANNED)

    record_step(page, check, "Record the completion", completion, done="Completion recorded")
    expect(route_row(page, "Completed")).to_contain_text(day(COMPLETED))
    advance = route_row(page, "Advance copy sent")
    expect(advance).to_contain_text(f"Publication planned for {day(PUBLICATION_PLANNED)}")
    expect(advance).to_contain_text(f"Due {day(advance_copy_due)}")
    expect(advance).to_contain_text("Overdue by")

    def publication():
        fill_date(
            page,
            "Date the advance copy was sent to the panel and Secretary of State",
            ADVANCE_COPY_SENT,
        )
        fill_date(page, "Date published", PUBLISHED)
        page.get_by_label("Web address of the published review").fill(
            "https://marlshire.example/reviews/child-q"
        )

    record_step(page, check, "Record the publication", publication, done="Publication recorded")
    for label, done_on, due in (
        ("Advance copy sent", ADVANCE_COPY_SENT, advance_copy_due),
        ("Published", PUBLISHED, publication_due),
    ):
        row = route_row(page, label)
        expect(row).to_contain_text(day(done_on))
        expect(row).to_contain_text(f"Due {day(due)}")
        expect(row).to_contain_text("On time")
    expect(page.get_by_role("main").locator(".govuk-tag").first).to_have_text("Published")
    review.refresh_from_db()
    assert (review.kind, review.status) == ("local_cspr", "published")

    # 3. A finding with a learning theme, a recommendation and its governance route ---------
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reviews").click()
    page.get_by_role("link", name="Learning themes").click()
    expect(heading(page)).to_have_text("Learning themes")
    check(page)
    page.get_by_role("link", name="Add a learning theme").click()
    check(page)
    page.get_by_label("Name").fill(THEME)
    page.get_by_role("button", name="Save").click()
    success(page, "Learning theme added")
    check(page)

    page.goto(f"/reviews/{review.pk}/")
    page.get_by_role("link", name="Add a finding").click()
    expect(heading(page)).to_have_text("Add a finding")
    check(page)
    page.get_by_label("Finding", exact=True).fill(FINDING)
    page.get_by_label(THEME).check()
    page.get_by_role("button", name="Save").click()
    success(page, "Finding added")
    finding_card = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Finding 1")
    )
    expect(finding_card).to_contain_text(FINDING)
    expect(finding_card).to_contain_text(THEME)
    check(page)

    page.get_by_role("link", name="Add a recommendation").click()
    expect(heading(page)).to_have_text("Add a recommendation")
    check(page)
    expect(page.get_by_label("A review", exact=True)).to_be_checked()
    page.get_by_label("Reference").fill("R1")
    page.get_by_label("Recommendation", exact=True).fill(RECOMMENDATION)
    page.get_by_label("Multi-agency").check()
    agencies = page.get_by_role("group", name="Agencies addressed")
    for name in (
        "Marlshire County Council Children's Services",
        "Marlshire Community Health NHS Trust",
        "Kingsmere Academy",
    ):
        agencies.get_by_label(name, exact=True).check()
    page.get_by_label(re.compile(r"^1\. Concerns about")).check()
    fill_date(page, "Date made", RECOMMENDATION_MADE)
    page.get_by_role("button", name="Save").click()
    success(page, "Recommendation added")
    expect(heading(page)).to_have_text("Recommendation R1")
    check(page)

    page.get_by_role("link", name="Record the response").click()
    expect(heading(page)).to_have_text("The partnership's response")
    check(page)
    page.get_by_label("Not accepted", exact=True).check()  # without a rationale: refused
    fill_date(page, "Date of the response", RESPONDED)
    page.get_by_role("button", name="Save the response").click()
    refused(page, "a rationale is needed whenever a recommendation is not accepted in full")
    check(page)
    page.get_by_label("Accepted", exact=True).check()
    agreed = page.get_by_role("group", name="Agreed by", exact=True)
    agreed.get_by_label("Or: the body that agreed it").select_option(label=REVIEW_GROUP)
    fill_date(agreed, "Date it agreed", AGREED_BY_REVIEW_GROUP)
    agreed.get_by_label("Decision reference").fill("RG/2025/07")
    approved = page.get_by_role("group", name="Approved by", exact=True)
    approved.get_by_label("Or: the body that approved it").select_option(label=EXECUTIVE)
    fill_date(approved, "Date it approved", APPROVED_BY_EXECUTIVE)
    approved.get_by_label("Decision reference").fill("PE/2025/03")
    page.get_by_role("button", name="Save the response").click()
    success(page, "Response recorded")
    details = page.locator(".govuk-summary-list")
    expect(details).to_contain_text(f"Accepted, {day(RESPONDED)}")
    expect(details).to_contain_text(
        f"Agreed by {REVIEW_GROUP} on {day(AGREED_BY_REVIEW_GROUP)} (RG/2025/07); "
        f"approved by {EXECUTIVE} on {day(APPROVED_BY_EXECUTIVE)} (PE/2025/03)"
    )
    check(page)
    recommendation = Recommendation.objects.get(reference="R1")
    assert recommendation.response == "accepted"
    assert recommendation.agreed_by.body == review_group
    assert recommendation.approved_by.body == executive

    # 4. A multi-agency action plan, monitored by the review group ----------------------------
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Action plans").click()
    check(page)
    page.get_by_role("link", name="Create a plan").click()
    expect(heading(page)).to_have_text("Create a plan")
    check(page)
    page.get_by_label("Multi-agency action plan").check()
    page.get_by_label("Title", exact=True).fill("Child Q: multi-agency action plan")
    page.get_by_label("Review it answers").select_option(label="Child Q")
    page.get_by_label("Monitored by").select_option(label=REVIEW_GROUP)
    page.get_by_label("Monitored every (months)").fill("2")
    fill_date(page, "Start date", PLAN_STARTS)
    page.get_by_role("button", name="Create the plan").click()
    success(page, "Plan created, in draft")
    plan = ActionPlan.objects.get(review=review)
    expect(page.locator(".govuk-summary-list")).to_contain_text(f"{REVIEW_GROUP}, every 2 months")
    expect(page.get_by_role("main").locator(".govuk-tag").first).to_have_text("Draft")
    check(page)

    page.get_by_role("link", name="Add an action").click()
    expect(heading(page)).to_have_text("Add an action")
    check(page)
    page.get_by_label("Number").fill("1.1")
    page.get_by_label("What will be done").fill(ACTION)
    page.get_by_label("What difference it should make").fill(
        "Children report harmful sexual behaviour on school transport and escorts act on it."
    )
    page.get_by_label(re.compile(r"^R1: ")).check()
    page.get_by_label("Lead agency").select_option(label=trust.name)
    page.get_by_label("Named lead's Cairn account (optional)").select_option(
        label=f"{nurse}, {trust.name}"
    )
    fill_date(page, "Start date", PLAN_STARTS)
    fill_date(page, "Due date", ACTION_DUE)
    page.get_by_role("button", name="Add the action").click()
    success(page, "Action added")
    actions = page.get_by_role("table", name="Actions")
    expect(actions).to_contain_text(f"1.1 {ACTION}")
    expect(actions).to_contain_text("Answers R1")
    expect(actions).to_contain_text(f"{nurse}")
    expect(actions).to_contain_text("Overdue")  # due 31 March 2026, no progress yet
    check(page)
    action = PlanAction.objects.get(plan=plan)

    page.get_by_role("link", name="Record that it was agreed").click()
    expect(heading(page)).to_have_text("Record that the plan was agreed")
    check(page)
    fill_date(page, "Date of the decision", PLAN_AGREED)
    page.get_by_label("Decision reference").fill("RG/2025/11")
    page.get_by_label("What was decided").fill("The review group agreed the Child Q action plan.")
    page.get_by_role("button", name="Record the agreement").click()
    success(page, "Plan agreed")
    route = page.locator(".govuk-summary-list")
    expect(route).to_contain_text(f"{REVIEW_GROUP}, {day(PLAN_AGREED)} (RG/2025/11)")
    expect(page.get_by_role("main").locator(".govuk-tag").first).to_have_text("Agreed")
    check(page)

    # Closing with no evidence at all is refused, each missing piece named.
    page.get_by_role("link", name="Close the plan").click()
    expect(heading(page)).to_have_text("Close the plan")
    expect(page.get_by_role("main")).to_contain_text(
        "Action 1.1: not complete, no evidence of completion, no evidence of impact"
    )
    check(page)
    fill_date(page, "Date of the decision", PLAN_CLOSED)
    page.get_by_label("What was decided").fill("The review group closed the plan.")
    page.get_by_role("button", name="Close the plan").click()
    refused(page, NOT_YET_CLOSED)
    refused(page, "Action 1.1: not complete, no evidence of completion, no evidence of impact")
    check(page)
    plan.refresh_from_db()
    assert plan.status == "agreed" and plan.closed_by is None

    # The action's lead works on it from her own pages (a second browser, signed in) ----------
    lead = new_context().new_page()
    lead_problems = watch(lead)
    sign_in(lead, nurse)
    lead.get_by_role("link", name="Your plan actions").click()
    expect(heading(lead)).to_have_text("Your plan actions")
    check(lead)
    lead.get_by_role("link", name=f"1.1 {ACTION}").click()
    expect(heading(lead)).to_have_text("Action 1.1")
    check(lead)
    lead.get_by_label("Progress since the last update").fill(PROGRESS)
    lead.get_by_label("How complete is the action (per cent)").fill("50")
    lead.get_by_role("button", name="Save progress").click()
    success(lead, "Progress recorded")
    expect(lead.get_by_role("main")).to_contain_text(f"{day(today)}, 50%")
    check(lead)

    # Complete without evidence of completion: refused.
    lead.get_by_role("link", name="Mark complete").click()
    expect(heading(lead)).to_have_text("Mark the action complete")
    check(lead)
    fill_date(lead, "Date the action was completed", ACTION_COMPLETED)
    lead.get_by_role("button", name="Mark complete").click()
    refused(lead, "Action 1.1 cannot be marked complete without evidence of completion")
    check(lead)

    def add_evidence(kind: str, source: str, text: str, on: dt.date) -> None:
        lead.get_by_role("link", name="Add evidence", exact=True).first.click()
        expect(heading(lead)).to_have_text("Add evidence")
        check(lead)
        lead.get_by_label(kind, exact=True).check()
        lead.get_by_label(source, exact=True).check()
        lead.get_by_label("What the evidence shows").fill(text)
        lead.get_by_label("Where it is kept").fill("Trust safeguarding team, ref SG/2026/14")
        fill_date(lead, "Date of the evidence", on)
        lead.get_by_role("button", name="Add the evidence").click()
        success(lead, "Evidence added")
        expect(lead.get_by_role("table", name="Evidence")).to_contain_text(text)
        check(lead)

    add_evidence(
        "Evidence of completion", "Training records", COMPLETION_EVIDENCE, COMPLETION_EVIDENCE_ON
    )
    lead.get_by_role("link", name="Mark complete").click()
    fill_date(lead, "Date the action was completed", ACTION_COMPLETED)
    lead.get_by_role("button", name="Mark complete").click()
    success(lead, "Action marked complete")
    expect(lead.locator(".govuk-summary-list")).to_contain_text(
        f"Complete, 100% complete, completed {day(ACTION_COMPLETED)}"
    )
    check(lead)

    # Complete with evidence of completion, but none of impact: still not closed.
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Action 1.1: no evidence of impact")
    page.get_by_role("button", name="Close the plan").click()
    refused(page, f"{NOT_YET_CLOSED} Action 1.1: no evidence of impact.")
    check(page)

    # What young people said is the evidence of impact; the lead proposes the action closed.
    add_evidence(
        "Evidence of impact",
        "What young people and families said",
        IMPACT_EVIDENCE,
        IMPACT_EVIDENCE_ON,
    )
    lead.get_by_role("link", name="Propose for closure").click()
    check(lead)
    lead.get_by_role("button", name="Propose for closure").click()
    success(lead, "Action proposed for closure to the monitoring body")
    check(lead)

    # 5. The review group closes the plan on the evidence -------------------------------------
    page.goto(f"/plans/{plan.pk}/")
    actions = page.get_by_role("table", name="Actions")
    expect(actions).to_contain_text("Complete")
    expect(actions).to_contain_text("Completion, Impact")
    expect(actions).to_contain_text("Proposed for closure")
    expect(page.get_by_role("heading", name="Before the plan can close")).to_have_count(0)
    check(page)
    page.get_by_role("link", name="Close the plan").click()
    check(page)
    fill_date(page, "Date of the decision", PLAN_CLOSED)
    page.get_by_label("Decision reference").fill("RG/2026/19")
    page.get_by_label("What was decided").fill(
        "The review group accepted the evidence of impact and closed the plan."
    )
    page.get_by_role("button", name="Close the plan").click()
    success(page, "Plan closed")
    expect(page.get_by_role("main").locator(".govuk-tag").first).to_have_text("Closed")
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        f"{REVIEW_GROUP}, {day(PLAN_CLOSED)} (RG/2026/19): The review group accepted"
    )
    expect(page.get_by_role("link", name="Close the plan")).to_have_count(0)
    check(page)
    plan.refresh_from_db()
    assert plan.status == "closed"
    assert plan.closed_by.body == review_group and plan.closed_by.decided_on == PLAN_CLOSED

    # The recommendation now shows the action that answers it.
    page.goto(f"/reviews/recommendations/{recommendation.pk}/")
    expect(page.get_by_role("main")).to_contain_text(
        f"Action 1.1 of Child Q: multi-agency action plan: {ACTION} (complete)"
    )
    check(page)

    # 6. The audit trail: every step, by the person who took it, in an intact chain ----------
    theme = LearningTheme.objects.get(name=THEME)
    finding = Finding.objects.get(review=review)
    progress = ProgressUpdate.objects.get(action=action)
    completion_ev, impact_ev = Evidence.objects.filter(action=action).order_by("pk")
    decisions = list(BodyDecision.objects.order_by("pk"))
    assert [(d.body, d.reference) for d in decisions] == [
        (review_group, "RG/2025/07"),
        (executive, "PE/2025/03"),
        (review_group, "RG/2025/11"),
        (review_group, "RG/2026/19"),
    ]

    def trail(obj):
        return AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).order_by("seq")

    def created_by(obj, user):
        events = trail(obj).filter(action="create")
        assert [e.actor_id for e in events] == [user.pk], (obj, list(events))
        assert events[0].partnership_id == p.pk

    def changed_by(obj, user, *fields, values=None):
        """Each of ``fields`` changed by ``user`` in an update event of ``obj``."""
        changed = {}
        for event in trail(obj).filter(action="update"):
            assert event.actor_id == user.pk, (obj, event)
            changed |= event.changes
        for field in fields:
            assert field in changed, f"{obj}: no audit event for a change of {field}"
        for field, value in (values or {}).items():
            assert changed[field][1] == value, (obj, field, changed[field])

    for obj in (review_group, executive, review, theme, finding, recommendation, plan, action):
        created_by(obj, officer)
    for obj in decisions:
        created_by(obj, officer)
    for obj in (progress, completion_ev, impact_ev):
        created_by(obj, nurse)
    changed_by(
        review,
        officer,
        "partners_told_on",
        "rapid_review_sent_on",
        "decision",
        "decision_rationale",
        "commissioned_on",
        "reviewer",
        "publication_planned_on",
        "publication_url",
        values={
            "notified_on": NOTIFIED.isoformat(),
            "rapid_review_held_on": RAPID_REVIEW_HELD.isoformat(),
            "decided_on": DECIDED.isoformat(),
            "kind": "local_cspr",
            "completed_on": COMPLETED.isoformat(),
            "advance_copy_sent_on": ADVANCE_COPY_SENT.isoformat(),
            "published_on": PUBLISHED.isoformat(),
            "status": "published",
        },
    )
    changed_by(finding, officer, "themes")
    changed_by(
        recommendation,
        officer,
        "agencies",
        "findings",
        "agreed_by_id",
        "approved_by_id",
        values={"response": "accepted", "responded_on": RESPONDED.isoformat()},
    )
    changed_by(
        plan,
        officer,
        "agreed_by_id",
        values={"status": "closed", "closed_by_id": decisions[-1].pk},
    )
    # The action: its recommendation linked by the officer; its work by the nurse.
    action_updates = trail(action).filter(action="update")
    assert {e.actor_id for e in action_updates} == {officer.pk, nurse.pk}
    officer_changes, nurse_changes = {}, {}
    for event in action_updates:
        (officer_changes if event.actor_id == officer.pk else nurse_changes).update(event.changes)
    assert "recommendations" in officer_changes
    assert nurse_changes["status"][1] == "complete"
    assert nurse_changes["completed_on"][1] == ACTION_COMPLETED.isoformat()
    assert nurse_changes["proposed_for_closure"][1] is True
    # Refused attempts wrote nothing: the plan was closed once, by one decision.
    assert trail(plan).filter(changes__has_key="closed_by_id").count() == 1

    report = verify_chain(AuditEvent.objects.order_by("seq"))
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count()

    # The administrator reads the review's history and the plan's in the audit trail pages.
    admin_page = new_context().new_page()
    admin_problems = watch(admin_page)
    sign_in(admin_page, admin)
    admin_page.goto(f"/audit/record/reviews.review/{review.pk}/")
    expect(heading(admin_page)).to_have_text(f"History of reviews.review {review.pk}")
    history = admin_page.get_by_role("table")
    expect(history.locator("caption")).to_have_text(f"{trail(review).count()} events, newest first")
    for text in (officer.email, "Created", "Changed", "notified_on", "decided_on", "published_on"):
        expect(history).to_contain_text(text)
    check(admin_page)
    admin_page.goto(f"/audit/record/actionplans.actionplan/{plan.pk}/")
    history = admin_page.get_by_role("table")
    expect(history).to_contain_text("closed_by")
    expect(history).to_contain_text(officer.email)
    check(admin_page)
    admin_page.goto(f"/audit/record/actionplans.evidence/{impact_ev.pk}/")
    expect(admin_page.get_by_role("table")).to_contain_text(nurse.email)
    check(admin_page)

    assert not lead_problems, "The lead's pages:\n" + "\n".join(lead_problems)
    assert not admin_problems, "The audit trail pages:\n" + "\n".join(admin_problems)
