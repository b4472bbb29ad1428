"""The insight dashboards and the networks page in Chromium.

An analyst opens every dashboard of the registry through the dashboards' own navigation and
sees small figures withheld (``c``) where a MASH manager sees them exact; the period and area
filter changes the figures; the CSV download is disclosure-controlled even for the manager; a
case-level user sees the context map and the peer network, each child and context linking to
its page, and an analyst is refused it. Every page is axe-clean.
"""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cairn.audit.models import AuditEvent
from cairn.guidance.tests.test_checks import at, child, decide
from cairn.incidents.choices import ContextKind, InvolvementRole
from cairn.incidents.tests.factories import ContextFactory, IncidentFactory
from cairn.insights.dashboards import DASHBOARDS

from .helpers import sign_in

pytestmark = pytest.mark.browser

D = dt.date
BY_MONTH = "Incidents reported, by month"
BY_FORM = "Incidents by form of abuse"
SEXUAL_VIOLENCE = "Sexual violence"
MAY_DAYS = [D(2019, 5, 8), D(2019, 5, 15), D(2019, 5, 22)]
JUNE_DAYS = [D(2019, 6, d) for d in (3, 4, 5, 10, 11, 12)]


def a_year_of_incidents(marlshire):
    """2019 in Marlshire: three sexual-violence incidents in May at Kingsmere Academy, each
    with Ellie (who lives in Ashcombe) harmed and Jack allegedly harming her; six image-sharing
    incidents in June in one Snapchat group, each with one of six other children harmed.

    So the year has 9 incidents, 3 in May (a small figure: ``c`` when controlled), 6 in June.
    """
    ellie, jack, *others = marlshire.people
    kingsmere = ContextFactory(
        partnership=marlshire.partnership,
        kind=ContextKind.SCHOOL,
        name="Kingsmere Academy",
        school=marlshire.schools[1],
        area="",
    )
    snapchat = ContextFactory(
        partnership=marlshire.partnership,
        kind=ContextKind.ONLINE,
        name="Year 9 Snapchat group",
        platform="Snapchat",
        area="",
    )
    for n, day in enumerate(MAY_DAYS):
        incident = IncidentFactory(
            partnership=marlshire.partnership,
            reporting_agency=marlshire.schools[1],
            reported_at=at(day),
            forms=["sexual_violence"],
        )
        incident.contexts.add(kingsmere)
        harmed = child(incident, role=InvolvementRole.HARMED, referral=day, person=ellie)
        harming = child(incident, role=InvolvementRole.HARMED_OTHERS, referral=day, person=jack)
        decide(harmed, day + dt.timedelta(days=1))
        if n == 0:
            decide(harming, day + dt.timedelta(days=8))
    for day, person in zip(JUNE_DAYS, others, strict=True):
        incident = IncidentFactory(
            partnership=marlshire.partnership,
            reporting_agency=marlshire.agencies["police"],
            reported_at=at(day),
            forms=["image_sharing"],
        )
        incident.contexts.add(snapchat)
        child(incident, role=InvolvementRole.HARMED, referral=day, person=person)
    return {"ellie": ellie, "jack": jack, "kingsmere": kingsmere, "snapchat": snapchat}


def filter_by(page, start, end, area="Every area", button="Show figures"):
    """Fill in the period and the area of the filter form and submit it."""
    for prefix, day in (("reported_from", start), ("reported_to", end)):
        page.locator(f'input[name="{prefix}_day"]').fill(str(day.day))
        page.locator(f'input[name="{prefix}_month"]').fill(str(day.month))
        page.locator(f'input[name="{prefix}_year"]').fill(str(day.year))
    page.get_by_label("Area (town)").select_option(label=area)
    page.get_by_role("button", name=button).click()
    expect(
        page.get_by_text(f"Incidents reported from {start:%-d %B %Y} to {end:%-d %B %Y}")
    ).to_be_visible()


def figures(page, title):
    """The table of figures behind a breakdown's chart, its "The figures" details opened."""
    details = page.locator("details").filter(has_text=f"The figures: {title.lower()}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    table = details.get_by_role("table")
    expect(table).to_be_visible()
    return table


def figure(page, title, category):
    """The figure shown for one category of a breakdown (or its "Total")."""
    row = (
        figures(page, title)
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=category, exact=True))
    )
    return row.get_by_role("cell")


def test_an_analyst_reads_every_dashboard_with_small_figures_withheld(
    page, new_context, assert_accessible, screenshot, marlshire
):
    a_year_of_incidents(marlshire)
    sign_in(page, marlshire.users["analyst"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Insights").click()
    first_title = next(iter(DASHBOARDS.values()))[0]
    expect(page.get_by_role("heading", level=1)).to_have_text(first_title)
    assert_accessible(page)

    filter_by(page, D(2019, 1, 1), D(2019, 12, 31))
    expect(page.get_by_text("Figures are disclosure-controlled")).to_be_visible()
    dashboards = page.get_by_role("navigation", name="Dashboards")
    expect(dashboards.get_by_role("link")).to_have_count(len(DASHBOARDS))
    for slug, (title, _) in DASHBOARDS.items():
        dashboards.get_by_role("link", name=title, exact=True).click()
        path = reverse("insights:dashboard", args=[slug])
        expect(page).to_have_url(re.compile(rf"{re.escape(path)}\?.*reported_from_year=2019"))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        # The period chosen travels with the navigation.
        expect(
            page.get_by_text("Incidents reported from 1 January 2019 to 31 December 2019")
        ).to_be_visible()
        expect(dashboards.get_by_role("link", name=title, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        assert_accessible(page)
        screenshot(page, f"insights-{slug}.png", max_height=2400)

    # Three incidents in May: a small figure, withheld from the analyst...
    dashboards.get_by_role("link", name=first_title, exact=True).click()
    expect(figure(page, BY_MONTH, "May 2019")).to_have_text("c")
    expect(figure(page, BY_FORM, SEXUAL_VIOLENCE)).to_have_text("c")
    expect(figure(page, BY_MONTH, "Total")).to_have_text("10")  # 9, rounded
    assert_accessible(page)  # with the figures open
    analyst_url = page.url

    # ...and exact for a MASH manager, on the same dashboard and period.
    manager = new_context().new_page()
    sign_in(manager, marlshire.users["manager"])
    manager.goto(analyst_url)
    expect(manager.get_by_text("Exact figures, because you may see")).to_be_visible()
    expect(figure(manager, BY_MONTH, "May 2019")).to_have_text("3")
    expect(figure(manager, BY_FORM, SEXUAL_VIOLENCE)).to_have_text("3")
    expect(figure(manager, BY_MONTH, "Total")).to_have_text("9")
    assert_accessible(manager)


def test_the_period_and_the_area_change_the_figures(page, assert_accessible, marlshire):
    a_year_of_incidents(marlshire)
    sign_in(page, marlshire.users["manager"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Insights").click()

    filter_by(page, D(2019, 1, 1), D(2019, 12, 31))
    expect(figure(page, BY_MONTH, "May 2019")).to_have_text("3")
    expect(figure(page, BY_MONTH, "Jun 2019")).to_have_text("6")
    expect(figure(page, BY_MONTH, "Total")).to_have_text("9")

    filter_by(page, D(2019, 6, 1), D(2019, 6, 30))
    expect(figure(page, BY_MONTH, "Jun 2019")).to_have_text("6")
    expect(figure(page, BY_MONTH, "Total")).to_have_text("6")
    expect(figure(page, BY_MONTH, "May 2019")).to_have_count(0)
    expect(figure(page, BY_FORM, SEXUAL_VIOLENCE)).to_have_text("0")
    assert_accessible(page)

    # Ashcombe: only the incidents of Ellie, who lives there.
    filter_by(page, D(2019, 1, 1), D(2019, 12, 31), area="Ashcombe")
    expect(page.get_by_text("in or involving children from Ashcombe")).to_be_visible()
    expect(figure(page, BY_MONTH, "May 2019")).to_have_text("3")
    expect(figure(page, BY_MONTH, "Jun 2019")).to_have_text("0")
    expect(figure(page, BY_MONTH, "Total")).to_have_text("3")
    expect(page.get_by_label("Area (town)")).to_have_value("Ashcombe")
    assert_accessible(page)

    # Dates the wrong way round: an error, the figures of the default period, the dates kept.
    to_year = page.locator('input[name="reported_to_year"]')
    to_year.fill("2018")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(to_year).to_have_value("2018")
    assert_accessible(page)


def test_the_csv_download_is_disclosure_controlled_even_for_a_manager(page, marlshire, tmp_path):
    a_year_of_incidents(marlshire)
    sign_in(page, marlshire.users["manager"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Insights").click()
    filter_by(page, D(2019, 1, 1), D(2019, 12, 31))
    expect(figure(page, BY_MONTH, "May 2019")).to_have_text("3")  # exact on the page

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures (CSV)").click()
    assert download.value.suggested_filename == "cairn-incidents-2019-01-01-2019-12-31.csv"
    saved = tmp_path / "figures.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows[0] == ["figure", "category", "count", "period", "area"]
    by_category = {(r[0], r[1]): r[2] for r in rows[1:]}
    period = "2019-01-01 to 2019-12-31"
    assert all(r[3] == period and r[4] == "Every area" for r in rows[1:])
    month = f"{BY_MONTH} (incidents)"
    assert by_category[(month, "May 2019")] == "c"
    assert by_category[(month, "Jun 2019")] == "c"  # else the total would give May away
    assert by_category[(month, "Jan 2019")] == "0"
    assert by_category[(month, "Total")] == "10"
    assert by_category[(f"{BY_FORM} (incidents)", SEXUAL_VIOLENCE)] == "c"
    counts = [r[2] for r in rows[1:]]
    assert not any(v.isdigit() and 1 <= int(v) <= 5 for v in counts)

    # Every dashboard's CSV answers, through the browser's own session.
    for slug in DASHBOARDS:
        response = page.request.get(
            reverse("insights:dashboard_csv", args=[slug]) + "?" + page.url.split("?")[1]
        )
        assert response.status == 200, slug
        assert response.headers["content-type"].startswith("text/csv"), slug
        assert response.text().startswith("figure,category,count,period,area"), slug


def test_a_case_level_user_sees_contexts_and_peer_networks_and_an_analyst_does_not(
    page, new_context, assert_accessible, screenshot, marlshire
):
    made = a_year_of_incidents(marlshire)
    ellie, kingsmere = made["ellie"], made["kingsmere"]
    ellie_url = reverse("people:detail", args=[ellie.pk])
    kingsmere_url = reverse("incidents:context_detail", args=[kingsmere.pk])

    sign_in(page, marlshire.users["manager"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Contexts").click()
    page.get_by_role("link", name="See contexts by number of incidents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contexts and peer networks")
    assert_accessible(page)
    filter_by(page, D(2019, 1, 1), D(2019, 12, 31), button="Show")

    # The context map: a circle per context, linking to it; the same as a table.
    context_map = page.get_by_role("group", name="Contexts by number of incidents", exact=True)
    expect(
        context_map.get_by_role("link", name="Kingsmere Academy: 3 incidents")
    ).to_have_attribute("href", kingsmere_url)
    page.get_by_text("The contexts as a table").click()
    contexts = page.get_by_role("table", name="Contexts by number of incidents")
    expect(contexts.get_by_role("link", name="Kingsmere Academy")).to_have_attribute(
        "href", kingsmere_url
    )
    expect(contexts.get_by_role("row").filter(has_text="Year 9 Snapchat group")).to_contain_text(
        "6"
    )

    # The peer network: June's six children and their Snapchat group, then May's two and
    # their school; each child and context links to its page.
    network = page.get_by_role("group", name="Peer network groups", exact=True)
    expect(network.get_by_role("link", name="Ellie Hargreaves: 3 incident(s)")).to_have_attribute(
        "href", ellie_url
    )
    expect(network.locator(f'a[href="{kingsmere_url}"]')).to_have_count(1)
    groups = page.get_by_role("table", name="The groups")
    expect(groups.get_by_role("row")).to_have_count(3)  # a heading row and two groups
    second = groups.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2"))
    expect(second.get_by_role("link", name="Ellie Hargreaves")).to_have_attribute("href", ellie_url)
    expect(second.get_by_role("link", name="Kingsmere Academy")).to_have_attribute(
        "href", kingsmere_url
    )
    expect(second).to_contain_text("Jack Hargreaves: allegedly harmed others; 3 incidents")
    first = groups.get_by_role("row").filter(has=page.get_by_role("rowheader", name="1"))
    expect(first.get_by_role("link", name="Year 9 Snapchat group")).to_be_visible()
    expect(first.get_by_role("listitem")).to_have_count(7)  # six children, one context
    assert_accessible(page)
    screenshot(page, "insights-networks.png")
    assert AuditEvent.objects.filter(
        object_type="insights.peer_network", actor=marlshire.users["manager"]
    ).exists()

    second.get_by_role("link", name="Ellie Hargreaves").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ellie Hargreaves")
    page.go_back()
    page.get_by_role("table", name="The groups").get_by_role(
        "link", name="Kingsmere Academy"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kingsmere Academy")

    analyst = new_context().new_page()
    sign_in(analyst, marlshire.users["analyst"])
    response = analyst.goto(reverse("insights:networks"))
    assert response.status == 403
    expect(analyst.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page"
    )
    assert_accessible(analyst)
