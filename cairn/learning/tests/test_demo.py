"""The learning demo step, run after the steps it builds on (reviews, the thematic audit)."""

import pytest

from cairn import demo
from cairn.demo import learning as learning_step
from cairn.learning.models import Briefing, Receipt, Resource
from cairn.learning.selectors import reach_for


@pytest.mark.django_db
def test_the_demo_has_two_sent_briefings_with_a_mix_of_read_and_followed_up():
    assert learning_step.build in demo.STEPS
    ctx = demo.build_demo(seed=1, scale=0.05)
    child_t, audit = Briefing.objects.filter(partnership=ctx.partnership).order_by("sent_at")
    assert child_t.review.title == "Child T"
    assert audit.audit_run.title.startswith("Child-on-child")
    receipts = Receipt.objects.filter(briefing=child_t)
    assert receipts.filter(read_at__isnull=True).exists()
    assert receipts.filter(answered_at__isnull=False).exists()
    assert not Receipt.objects.filter(briefing=audit, answered_at__isnull=False).exists()
    assert Resource.objects.filter(partnership__isnull=True).count() >= 8
    assert any(not row.sent.suppressed for row in reach_for(briefing=child_t).rows)
