"""Action plan pages: the list with its filters and ratings, a plan's page (ratings on a frozen
clock), forms that keep what was typed, refusals in plain English, who may reach what, the
dashboard and the home panel; query counts pinned."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cairn.accounts.tests.factories import AgencyFactory, PartnershipFactory, UserFactory
from cairn.actionplans.models import ActionStatus, EvidenceKind, PlanKind, PlanStatus
from cairn.actionplans.tests.factories import (
    ActionPlanFactory,
    EvidenceFactory,
    PlanActionFactory,
)
from cairn.reviews.models import RecommendationResponse, RecommendationSource
from cairn.reviews.tests.factories import RecommendationFactory

DUE = dt.date(2026, 12, 31)


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(10)), tick=False)


def date_post(name: str, day: dt.date) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


# The list and the plan page


def test_the_list_filters_plans_by_kind(client, signed_in, officer, plan, group, la):
    single = ActionPlanFactory(
        monitoring_body=group, kind=PlanKind.SINGLE_AGENCY, agency=la, title="LA plan"
    )
    signed_in(client, officer)
    response = client.get(reverse("actionplans:list"), {"kind": PlanKind.SINGLE_AGENCY})
    assert [row[0] for row in response.context["rows"]] == [single]


def test_the_list_filters_plans_by_an_agency_leading_an_action(
    client, signed_in, officer, plan, action, group, la
):
    ActionPlanFactory(monitoring_body=group, title="Another plan")
    signed_in(client, officer)
    response = client.get(reverse("actionplans:list"), {"agency": la.pk})
    assert [row[0] for row in response.context["rows"]] == [plan]


def test_the_list_counts_each_plans_actions_by_rating_in_few_queries(
    client, signed_in, officer, group, django_assert_max_num_queries
):
    for _ in range(5):
        p = ActionPlanFactory(monitoring_body=group)
        PlanActionFactory(plan=p, due_on=dt.date(2026, 5, 1))  # overdue on 1 June
        PlanActionFactory(plan=p, percent_complete=50)
    with at(dt.date(2026, 6, 1)):
        signed_in(client, officer)
        with django_assert_max_num_queries(16):
            response = client.get(reverse("actionplans:list"))
    counts = dict((rag.key, n) for rag, n in response.context["rows"][0][1])
    assert (counts["red"], counts["green"]) == (1, 1)


def test_an_actions_rating_turns_red_on_the_plan_page_the_day_after_it_is_due(
    client, signed_in, officer, plan, la
):
    PlanActionFactory(plan=plan, lead_agency=la, due_on=DUE, percent_complete=95)
    with at(DUE):
        signed_in(client, officer)
        before = client.get(reverse("actionplans:detail", args=[plan.pk]))
    with at(DUE + dt.timedelta(days=1)):
        signed_in(client, officer)
        after = client.get(reverse("actionplans:detail", args=[plan.pk]))
    assert before.context["page"].groups[0].rows[0].rag.key == "amber"
    assert after.context["page"].groups[0].rows[0].rag.key == "red"
    assert "Overdue" in after.content.decode()


def test_the_plan_page_reads_in_a_fixed_number_of_queries(
    client, signed_in, officer, plan, la, django_assert_max_num_queries
):
    for _ in range(8):
        a = PlanActionFactory(plan=plan, lead_agency=la)
        EvidenceFactory(action=a)
        a.recommendations.add(RecommendationFactory(review__partnership=plan.partnership))
    signed_in(client, officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("actionplans:detail", args=[plan.pk]))
    assert response.status_code == 200


def test_another_partnerships_user_gets_not_found_for_a_plan(client, signed_in, plan):
    from cairn.accounts.choices import Role

    stranger = UserFactory(
        agency=AgencyFactory(partnership=PartnershipFactory()), roles=[Role.PARTNERSHIP_OFFICER]
    )
    signed_in(client, stranger)
    assert client.get(reverse("actionplans:detail", args=[plan.pk])).status_code == 404


# Forms keep what was typed


def test_an_action_with_dates_out_of_order_is_refused_and_the_form_keeps_the_input(
    client, signed_in, officer, plan, la
):
    signed_in(client, officer)
    response = client.post(
        reverse("actionplans:action_new", args=[plan.pk]),
        {
            "number": "3.4",
            "description": "Audit strategy discussions for child-on-child cases",
            "lead_agency": la.pk,
            "lead_name": "Head of MASH",
            **date_post("starts_on", dt.date(2026, 9, 1)),
            **date_post("due_on", dt.date(2026, 8, 1)),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The due date must be on or after the start date (1 September 2026)" in html
    assert "Audit strategy discussions for child-on-child cases" in html
    assert 'value="3.4"' in html
    assert not plan.actions.exists()


def test_closing_a_plan_without_evidence_is_refused_with_the_actions_named(
    client, signed_in, officer, plan, action
):
    plan.status = PlanStatus.MONITORED
    plan.save()
    signed_in(client, officer)
    response = client.post(
        reverse("actionplans:close", args=[plan.pk]),
        {
            "version": plan.version,
            **date_post("decided_on", dt.date(2026, 1, 20)),
            "summary": "The group accepted the evidence",
        },
    )
    html = response.content.decode()
    assert "The plan cannot be closed until every action" in html
    assert "Action 1.1: not complete, no evidence of completion, no evidence of impact" in html
    assert "The group accepted the evidence" in html
    plan.refresh_from_db()
    assert plan.status == PlanStatus.MONITORED


def test_an_edit_made_on_an_old_version_keeps_the_input_and_says_why(
    client, signed_in, officer, plan, group, la
):
    signed_in(client, officer)
    stale = plan.version
    plan.title = "Renamed by a colleague"
    plan.version += 1
    plan.save()
    response = client.post(
        reverse("actionplans:edit", args=[plan.pk]),
        {
            "version": stale,
            "kind": PlanKind.SINGLE_AGENCY,
            "agency": la.pk,
            "title": "My new title",
            "monitoring_body": group.pk,
            "monitor_every_months": 3,
        },
    )
    html = response.content.decode()
    assert "changed by someone else" in html
    assert 'value="My new title"' in html
    plan.refresh_from_db()
    assert plan.title == "Renamed by a colleague"


def test_a_plan_is_agreed_by_a_decision_recorded_inline(client, signed_in, officer, plan, action):
    signed_in(client, officer)
    response = client.post(
        reverse("actionplans:agree", args=[plan.pk]),
        {
            "version": plan.version,
            **date_post("decided_on", dt.date(2026, 1, 20)),
            "reference": "JCRG/2026/3",
            "summary": "Plan agreed",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_by.reference) == (PlanStatus.AGREED, "JCRG/2026/3")


# Leads update their actions


def test_the_lead_records_progress_on_their_agencys_action(client, signed_in, practitioner, action):
    signed_in(client, practitioner)
    response = client.post(
        reverse("actionplans:action_progress", args=[action.pk]),
        {"version": action.version, "text": "Protocol drafted", "percent_complete": "45"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.percent_complete, action.status) == (45, ActionStatus.IN_PROGRESS)


def test_a_dsl_cannot_record_progress_on_an_action_another_agency_leads(
    client, signed_in, dsl, action
):
    signed_in(client, dsl)
    response = client.post(
        reverse("actionplans:action_progress", args=[action.pk]),
        {"version": action.version, "text": "Not mine", "percent_complete": "90"},
        follow=True,
    )
    assert "Only the lead of action 1.1" in response.content.decode()
    assert not action.updates.exists()


def test_marking_complete_without_evidence_is_refused_on_the_page(
    client, signed_in, practitioner, action
):
    signed_in(client, practitioner)
    response = client.post(
        reverse("actionplans:action_complete", args=[action.pk]),
        {"version": action.version, **date_post("completed_on", dt.date(2026, 1, 20))},
    )
    assert "cannot be marked complete without evidence of completion" in (response.content.decode())


def test_my_actions_lists_the_actions_my_agency_leads_by_rating(
    client, signed_in, practitioner, plan, action, school
):
    PlanActionFactory(plan=plan, lead_agency=school, description="A school's action")
    with at(dt.date(2026, 6, 1)):
        signed_in(client, practitioner)
        response = client.get(reverse("actionplans:my_actions"))
    rows = [r.action for g in response.context["groups"] for r in g.rows]
    assert rows == [action]


def test_the_home_page_shows_my_plan_actions_at_risk(client, signed_in, practitioner, action):
    action.due_on = dt.date(2026, 6, 10)
    action.save()
    with at(dt.date(2026, 6, 1)):
        signed_in(client, practitioner)
        response = client.get(reverse("core:home"))
    [panel] = [p for p in response.context["panels"] if p.title == "Action plans"]
    assert dict(panel.figures)["Your plan actions at risk"] == 1


# Dashboard


def test_the_dashboard_counts_and_times_to_impact_in_few_queries(
    client, signed_in, officer, plan, la, django_assert_max_num_queries
):
    made = dt.date(2026, 1, 10)
    rec = RecommendationFactory(
        review__partnership=plan.partnership,
        made_on=made,
        response=RecommendationResponse.ACCEPTED,
    )
    RecommendationFactory(
        partnership=plan.partnership,
        review=None,
        source=RecommendationSource.CABINET,
        made_on=made,
    )
    done = PlanActionFactory(plan=plan, lead_agency=la, status=ActionStatus.COMPLETE)
    done.recommendations.add(rec)
    EvidenceFactory(action=done, kind=EvidenceKind.IMPACT, received_on=dt.date(2026, 4, 10))
    EvidenceFactory(action=done, kind=EvidenceKind.IMPACT, received_on=dt.date(2026, 5, 10))
    PlanActionFactory(plan=plan, lead_agency=la, due_on=dt.date(2026, 5, 1))
    with at(dt.date(2026, 6, 1)):
        signed_in(client, officer)
        with django_assert_max_num_queries(14):
            response = client.get(reverse("actionplans:dashboard"))
    board = response.context["board"]
    assert board.median_days_to_impact == 90
    assert [r.number for r in board.overdue] == [
        plan.actions.get(due_on=dt.date(2026, 5, 1)).number
    ]
    assert dict((r.key, n) for r, n in board.rag_counts)["complete"] == 1
    sources = {label: total for label, _, total in board.sources}
    assert (sources["A review"], sources["Cabinet"]) == (1, 1)
    html = response.content.decode()
    assert "<svg" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]


@pytest.mark.parametrize("path", ["actionplans:dashboard"])
def test_an_analyst_may_see_the_dashboard_but_not_the_plans(client, signed_in, make_user, path):
    from cairn.accounts.choices import Role

    analyst = make_user(Role.ANALYST)
    signed_in(client, analyst)
    assert client.get(reverse(path)).status_code == 200
    assert client.get(reverse("actionplans:list")).status_code == 403
