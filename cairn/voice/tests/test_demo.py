"""The demo's listening step: engagements at several stages and family feedback, built through
the services, with the withdrawn consent hiding that young person's words."""

import pytest

from cairn import demo
from cairn.demo import voice as voice_step
from cairn.voice.models import ConsentKind, Engagement, EngagementStage, FamilyFeedback
from cairn.voice.selectors import feedback_clocks, you_said_we_did_for


@pytest.fixture
def built(db):
    assert voice_step.build in demo.STEPS
    return demo.build_demo(seed=3, scale=0.05)


def test_the_demo_has_engagements_at_several_stages(built):
    stages = set(Engagement.objects.values_list("stage", flat=True))
    assert {
        EngagementStage.READY,
        EngagementStage.TAKING_PART,
        EngagementStage.FOLLOW_UP,
        EngagementStage.CLOSED,
    } <= stages


def test_the_demo_withdrawal_hides_words_but_keeps_the_evidence(built):
    withdrawn = Engagement.objects.get(
        consents__kind=ConsentKind.SHARE_VIEWS, consents__withdrawn_on__isnull=False
    )
    link = withdrawn.evidence_links.get()
    officer = link.linked_by
    (shown,) = you_said_we_did_for(viewer=officer, recommendation=link.recommendation).filter(
        engagement=withdrawn
    )
    assert shown.shared_words == ""
    assert shown.theme is not None


def test_the_closed_demo_engagement_has_evidence_on_a_recommendation_with_words(built):
    closed = Engagement.objects.get(stage=EngagementStage.CLOSED)
    link = closed.evidence_links.get(recommendation__isnull=False)
    (shown,) = you_said_we_did_for(
        viewer=link.linked_by, recommendation=link.recommendation
    ).filter(engagement=closed)
    assert shown.shared_words


def test_the_demo_has_feedback_acknowledged_late_and_feedback_responded_to(built):
    clocks = [feedback_clocks(f) for f in FamilyFeedback.objects.all()]
    assert any(c.acknowledged_late for c in clocks)
    assert FamilyFeedback.objects.exclude(outcome="").exists()
