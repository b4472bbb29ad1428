from cairn.governance.tests.factories import (
    AgendaItemFactory,
    BodyDecisionFactory,
    BodyMemberFactory,
)
from cairn.reviews.tests.factories import (
    FindingFactory,
    LearningThemeFactory,
    RecommendationFactory,
    ReviewMilestoneFactory,
)


def test_factories_build_records_in_one_partnership(db):
    rec = RecommendationFactory()
    finding = FindingFactory(review=rec.review)
    theme = LearningThemeFactory(partnership=rec.partnership)
    finding.themes.add(theme)
    decision = BodyDecisionFactory(partnership=rec.partnership, body__partnership=rec.partnership)
    member = BodyMemberFactory(body=decision.body)
    item = AgendaItemFactory(meeting__body=decision.body)
    ReviewMilestoneFactory(review=rec.review)
    assert rec.review.owner.agency.partnership == rec.partnership
    assert decision.recorded_by.agency.partnership == rec.partnership
    assert member.body.partnership == item.meeting.partnership == rec.partnership
