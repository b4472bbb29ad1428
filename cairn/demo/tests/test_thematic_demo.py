"""The demo's thematic audit: run over the 2017-2019 cohort, graded and moderated, and its
report tells a story (the decision rule fails more in 2017 than in 2019)."""

import pytest

from cairn.demo import build_demo
from cairn.guidance.models import AuditRun, CohortCase, RunStatus
from cairn.guidance.report import thematic_report


@pytest.fixture
def demo(db):
    return build_demo(seed=1, scale=0.2)


def test_the_demo_audit_is_finished_graded_and_partly_moderated(demo):
    run = AuditRun.objects.get(partnership=demo.partnership, is_thematic=True)
    cases = CohortCase.objects.filter(run=run)
    assert run.status == RunStatus.FINISHED
    assert run.review.kind == "thematic"
    assert cases.count() == run.incidents_total > 0
    graded = cases.exclude(grade="")
    assert 0 < graded.count() < cases.count()
    assert 0 < graded.exclude(moderation="").count() < graded.count()
    assert all(c.moderated_by_id != c.graded_by_id for c in graded.exclude(moderation=""))


def test_the_demo_report_shows_practice_improving_and_suggests_recommendations(demo):
    run = AuditRun.objects.get(partnership=demo.partnership, is_thematic=True)
    report = thematic_report(run=run, controlled=False)
    years = {r.label: r.rate_value for r in {t.name: t for t in report.tables}["year"].rows}
    assert years["2017"] < years["2019"]
    assert report.suggestions
