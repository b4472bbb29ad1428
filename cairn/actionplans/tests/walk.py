"""Action plan records and URL arguments for the permission walk
(cairn/core/tests/test_permission_walk.py)."""

from cairn.actionplans.tests.factories import (
    ActionPlanFactory,
    EvidenceFactory,
    PlanActionFactory,
    WorkstreamFactory,
)
from cairn.governance.tests.factories import GovernanceBodyFactory, MeetingFactory
from cairn.reviews.tests.factories import RecommendationFactory


def records(world):
    """A plan with a workstream and one action led by the world's agency (the LA), so a DSL
    (at a school) may not update it; evidence of completion on it."""
    partnership = world["partnership"]
    body = GovernanceBodyFactory(partnership=partnership, name="Walk review group")
    recommendation = RecommendationFactory(review__partnership=partnership)
    plan = ActionPlanFactory(
        monitoring_body=body, review=recommendation.review, owner=world["subject"]
    )
    workstream = WorkstreamFactory(plan=plan)
    action = PlanActionFactory(plan=plan, workstream=workstream, lead_agency=world["agency"])
    action.recommendations.add(recommendation)
    EvidenceFactory(action=action, added_by=world["subject"])
    meeting = MeetingFactory(body=body)
    world.update({"action_plan": plan, "plan_action": action, "plan_meeting": meeting})


def url_kwargs(world):
    plan = {"pk": world["action_plan"].pk}
    action = {"pk": world["plan_action"].pk}
    return {
        "actionplans:detail": plan,
        "actionplans:edit": plan,
        "actionplans:agree": plan,
        "actionplans:monitoring": plan,
        "actionplans:close": plan,
        "actionplans:workstream_new": plan,
        "actionplans:action_new": plan,
        "actionplans:action_detail": action,
        "actionplans:action_edit": action,
        "actionplans:action_progress": action,
        "actionplans:action_evidence": action,
        "actionplans:action_complete": action,
        "actionplans:action_propose": action,
        "actionplans:action_withdraw": action,
        # meeting packs and agenda proposals (views_packs)
        "actionplans:meeting_pack": {"pk": world["plan_meeting"].pk},
        "actionplans:agenda_propose": {"pk": world["plan_meeting"].pk},
    }
