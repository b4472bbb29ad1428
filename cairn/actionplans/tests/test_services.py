"""Action plan services: a plan's life (draft, agreed, monitored, closed only on evidence),
actions with dates in order, progress, evidence, completion, withdrawal; who may do what."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.actionplans import services
from cairn.actionplans.models import (
    ActionStatus,
    EvidenceKind,
    EvidenceSource,
    PlanKind,
    PlanStatus,
)
from cairn.actionplans.tests.factories import EvidenceFactory, PlanActionFactory
from cairn.audit.models import AuditEvent
from cairn.core.services import EditConflict
from cairn.governance.models import BodyDecision
from cairn.governance.tests.factories import BodyDecisionFactory, GovernanceBodyFactory

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, 0), tick=False):
        yield


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def complete_with_evidence(action, *, impact=True):
    EvidenceFactory(action=action, kind=EvidenceKind.COMPLETION)
    if impact:
        EvidenceFactory(action=action, kind=EvidenceKind.IMPACT, source=EvidenceSource.VOICE)
    action.status = ActionStatus.COMPLETE
    action.completed_on = TODAY
    action.save()


def agreed(plan, officer):
    return services.plan_agree(
        by=officer,
        plan=plan,
        expected_version=plan.version,
        decided_on=TODAY,
        reference="RG/2026/1",
        summary="Plan agreed",
    )


# Plans


def test_a_single_agency_plan_needs_its_agency(officer, group):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            by=officer, kind=PlanKind.SINGLE_AGENCY, title="Police plan", monitoring_body=group
        )
    assert refused.value.message_dict["agency"] == ["Choose the agency whose plan this is"]


def test_an_improvement_plan_ending_before_it_starts_is_refused(officer, group):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            by=officer,
            kind=PlanKind.IMPROVEMENT,
            title="Improvement plan 2026-2030",
            monitoring_body=group,
            starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2025, 3, 31),
        )
    assert "on or after the start date (1 April 2026)" in messages(refused.value)


def test_a_plan_is_created_in_draft_owned_by_its_creator(officer, group, la):
    plan = services.plan_create(
        by=officer,
        kind=PlanKind.SINGLE_AGENCY,
        title="Children's services plan",
        monitoring_body=group,
        agency=la,
    )
    assert (plan.status, plan.owner, plan.agency) == (PlanStatus.DRAFT, officer, la)


def test_a_practitioner_may_not_create_a_plan(practitioner, group):
    with pytest.raises(PermissionDenied):
        services.plan_create(
            by=practitioner, kind=PlanKind.MULTI_AGENCY, title="x", monitoring_body=group
        )


def test_agreeing_records_the_monitoring_bodys_decision_inline(plan, action, officer, group):
    plan = agreed(plan, officer)
    assert plan.status == PlanStatus.AGREED
    assert (plan.agreed_by.body, plan.agreed_by.reference) == (group, "RG/2026/1")


def test_agreeing_with_another_bodys_decision_is_refused(plan, action, officer, partnership):
    cabinet = GovernanceBodyFactory(partnership=partnership, name="Cabinet")
    decision = BodyDecisionFactory(body=cabinet)
    with pytest.raises(ValidationError) as refused:
        services.plan_agree(by=officer, plan=plan, expected_version=plan.version, decision=decision)
    assert "Choose a decision of" in messages(refused.value)


def test_agreeing_a_plan_with_no_actions_is_refused(plan, officer):
    with pytest.raises(ValidationError, match="Add the plan's actions"):
        agreed(plan, officer)
    assert not BodyDecision.objects.exists()


def test_the_first_monitoring_makes_an_agreed_plan_monitored(plan, action, officer):
    plan = agreed(plan, officer)
    plan = services.plan_record_monitoring(
        by=officer, plan=plan, expected_version=plan.version, monitored_on=TODAY
    )
    assert (plan.status, plan.last_monitored_on) == (PlanStatus.MONITORED, TODAY)


def test_closure_is_refused_naming_each_action_lacking_evidence(plan, action, officer):
    complete_with_evidence(action, impact=False)
    other = PlanActionFactory(plan=plan, number="1.2")
    plan = agreed(plan, officer)
    with pytest.raises(ValidationError) as refused:
        services.plan_close(
            by=officer,
            plan=plan,
            expected_version=plan.version,
            decided_on=TODAY,
            summary="Close",
        )
    text = messages(refused.value)
    assert "Action 1.1: no evidence of impact" in text
    assert f"Action {other.number}: not complete, no evidence of completion" in text
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED


def test_closing_before_the_plan_was_agreed_is_refused(plan, action, officer):
    complete_with_evidence(action)
    plan = agreed(plan, officer)
    with pytest.raises(ValidationError) as refused:
        services.plan_close(
            by=officer,
            plan=plan,
            expected_version=plan.version,
            decided_on=TODAY - dt.timedelta(days=1),
            summary="Closed",
        )
    assert "on or after the day it was agreed (1 June 2026)" in messages(refused.value)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert plan.closed_by is None


def test_a_draft_plan_cannot_be_closed(plan, action, officer):
    complete_with_evidence(action)
    with pytest.raises(ValidationError, match="Only an agreed or monitored plan"):
        services.plan_close(
            by=officer, plan=plan, expected_version=plan.version, decided_on=TODAY, summary="x"
        )


def test_a_plan_closes_by_its_bodys_decision_when_every_action_has_evidence(
    plan, action, officer, group
):
    complete_with_evidence(action)
    withdrawn = PlanActionFactory(
        plan=plan, number="1.2", status=ActionStatus.WITHDRAWN, withdrawn_reason="Superseded"
    )
    assert withdrawn.pk
    plan = agreed(plan, officer)
    plan = services.plan_close(
        by=officer,
        plan=plan,
        expected_version=plan.version,
        decided_on=TODAY,
        reference="RG/2026/9",
        summary="Evidence of impact accepted; plan closed",
    )
    assert plan.status == PlanStatus.CLOSED
    assert (plan.closed_by.body, plan.closed_by.reference) == (group, "RG/2026/9")


def test_closing_is_audited_with_the_officer_as_actor(plan, action, officer):
    complete_with_evidence(action)
    plan = agreed(plan, officer)
    services.plan_close(
        by=officer, plan=plan, expected_version=plan.version, decided_on=TODAY, summary="Closed"
    )
    event = AuditEvent.objects.filter(
        object_type="actionplans.actionplan", object_id=str(plan.pk)
    ).latest("seq")
    assert event.actor == officer
    assert event.changes["status"] == [PlanStatus.AGREED, PlanStatus.CLOSED]


# Actions


def action_fields(la, **overrides):
    return {
        "number": "2.1",
        "description": "Train designated safeguarding leads in the new protocol",
        "lead_agency": la,
        "lead_name": "Head of Safeguarding",
        "starts_on": dt.date(2026, 7, 1),
        "due_on": dt.date(2026, 12, 1),
    } | overrides


def test_an_action_due_before_it_starts_is_refused(plan, officer, la):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            by=officer, plan=plan, **action_fields(la, due_on=dt.date(2026, 6, 30))
        )
    assert refused.value.message_dict["due_on"] == [
        "The due date must be on or after the start date (1 July 2026)"
    ]


def test_an_actions_named_lead_must_work_for_the_lead_agency(plan, officer, la, dsl):
    with pytest.raises(ValidationError) as refused:
        services.action_create(by=officer, plan=plan, **action_fields(la, lead_user=dsl))
    assert "does not work for" in refused.value.message_dict["lead_user"][0]


def test_an_action_answers_recommendations_and_takes_its_leads_name(
    plan, officer, la, practitioner
):
    from cairn.reviews.tests.factories import RecommendationFactory

    rec = RecommendationFactory(review__partnership=plan.partnership)
    action = services.action_create(
        by=officer,
        plan=plan,
        recommendations=[rec],
        **action_fields(la, lead_name="", lead_user=practitioner),
    )
    assert list(action.recommendations.all()) == [rec]
    assert action.lead_name == practitioner.get_full_name()


def test_a_progress_update_sets_the_actions_percentage(action, practitioner):
    update = services.progress_add(
        by=practitioner,
        action=action,
        expected_version=action.version,
        text="Protocol drafted",
        percent_complete=60,
    )
    action.refresh_from_db()
    assert (update.written_on, action.percent_complete) == (TODAY, 60)


def test_a_progress_update_on_a_stale_version_is_refused_and_nothing_is_saved(action, practitioner):
    stale = action.version
    services.progress_add(
        by=practitioner, action=action, expected_version=stale, text="First", percent_complete=20
    )
    with pytest.raises(EditConflict):
        services.progress_add(
            by=practitioner,
            action=action,
            expected_version=stale,
            text="Second",
            percent_complete=90,
        )
    assert list(action.updates.values_list("text", flat=True)) == ["First"]


def test_an_action_cannot_be_marked_complete_without_evidence_of_completion(action, practitioner):
    EvidenceFactory(action=action, kind=EvidenceKind.IMPACT)
    with pytest.raises(ValidationError, match="without evidence of completion"):
        services.action_complete(
            by=practitioner, action=action, expected_version=action.version, completed_on=TODAY
        )


def test_an_action_with_evidence_of_completion_is_marked_complete(action, practitioner):
    services.evidence_add(
        by=practitioner,
        action=action,
        kind=EvidenceKind.COMPLETION,
        source=EvidenceSource.DOCUMENT,
        description="Signed protocol",
        received_on=TODAY,
    )
    done = services.action_complete(
        by=practitioner, action=action, expected_version=action.version, completed_on=TODAY
    )
    assert (done.status, done.percent_complete, done.completed_on) == (
        ActionStatus.COMPLETE,
        100,
        TODAY,
    )


def test_evidence_dated_in_the_future_is_refused(action, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(
            by=practitioner,
            action=action,
            kind=EvidenceKind.IMPACT,
            source=EvidenceSource.VOICE,
            description="Young people said they felt listened to",
            received_on=dt.date(2026, 6, 2),
        )
    assert refused.value.message_dict["received_on"] == [
        "The date of the evidence must be today or in the past"
    ]


def test_proposing_for_closure_needs_evidence_of_impact(action, practitioner):
    complete_with_evidence(action, impact=False)
    with pytest.raises(ValidationError, match="Add evidence of impact"):
        services.action_propose_closure(
            by=practitioner, action=action, expected_version=action.version
        )


def test_withdrawing_an_action_needs_a_reason(action, officer):
    with pytest.raises(ValidationError) as refused:
        services.action_withdraw(
            by=officer, action=action, expected_version=action.version, reason="  "
        )
    assert refused.value.message_dict["reason"] == ["Enter why the action is withdrawn"]


def test_a_withdrawn_action_keeps_its_reason(action, officer):
    action = services.action_withdraw(
        by=officer,
        action=action,
        expected_version=action.version,
        reason="Superseded by action 2.1",
    )
    assert (action.status, action.withdrawn_reason) == (
        ActionStatus.WITHDRAWN,
        "Superseded by action 2.1",
    )


# Who may update an action


def test_a_dsl_may_not_update_an_action_another_agency_leads(action, dsl):
    with pytest.raises(PermissionDenied):
        services.progress_add(
            by=dsl, action=action, expected_version=action.version, text="x", percent_complete=5
        )


def test_a_dsl_may_update_an_action_their_school_leads(plan, dsl, school):
    action = PlanActionFactory(plan=plan, lead_agency=school)
    services.progress_add(
        by=dsl, action=action, expected_version=action.version, text="Begun", percent_complete=5
    )
    assert action.updates.count() == 1


def test_the_named_lead_may_update_an_action_led_by_another_agency(plan, dsl):
    action = PlanActionFactory(plan=plan, lead_user=dsl, lead_agency=dsl.agency)
    action.lead_agency = PlanActionFactory(plan=plan).lead_agency  # their agency no longer leads
    action.save()
    services.progress_add(
        by=dsl, action=action, expected_version=action.version, text="Begun", percent_complete=5
    )
    assert action.updates.count() == 1
