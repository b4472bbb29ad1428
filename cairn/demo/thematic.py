"""Demo step: a thematic audit of the 2017-2019 child-on-child sexual abuse referrals.

The auditor starts the audit for a thematic review; the automatic rules run over the cohort
(the historic step made it, with failings that improve year by year); the auditor grades most
cases from what the checks found, and a second auditor moderates some of them, changing a few
grades. The report then tells the story: decisions and strategy discussions late in 2017,
better by 2019, the harming child too often not considered.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from cairn.guidance import thematic
from cairn.guidance.library import library_load_national
from cairn.guidance.models import CohortCase, Grade, Moderation, Result, RuleFinding
from cairn.reviews.models import LearningTheme, ReviewKind
from cairn.reviews.services import review_create

GRADED_SHARE = 0.75
MODERATED_SHARE = 0.4
# Which learning theme a failed rule points to.
THEME_OF_RULE = {
    "decision-within-1-working-day": "Thresholds and MASH decision-making",
    "every-child-considered": "Safety planning for both children",
    "strategy-discussion-held": "Information sharing between agencies",
    "police-informed": "Police and criminal justice response",
    "risk-assessment-and-safety-plan": "Safety planning for both children",
    "hsb-assessed": "Harmful sexual behaviour assessment",
    "views-recorded": "Voice of the child",
    "outcome-recorded": "Recording and chronology",
    "assessment-within-45-working-days": "Supervision and management oversight",
    "icpc-within-15-working-days": "Supervision and management oversight",
}


def build(ctx) -> None:
    library_load_national()
    users = {u.email.split("@")[0]: u for u, _ in ctx.users}
    officer, auditor, second = users["partnership.officer"], users["auditor"], users["auditor2"]
    review = review_create(
        by=officer,
        partnership=ctx.partnership,
        kind=ReviewKind.THEMATIC,
        title="Thematic review: child-on-child sexual abuse referrals, 2017 to 2019",
        summary="Were the actions taken by our services appropriate and in line with national "
        "guidance, for every child-on-child sexual abuse referral to the MASH from January "
        "2017 to November 2019?",
        cohort_from=dt.date(2017, 1, 1),
        cohort_to=dt.date(2019, 11, 30),
        cohort_forms=["sexual_violence", "sexual_harassment", "causing_sexual_activity"],
    )
    run = thematic.thematic_audit_start(
        by=auditor,
        partnership=ctx.partnership,
        title="Child-on-child sexual abuse referrals to the MASH, January 2017 to November 2019",
        review=review,
        cohort=thematic.Cohort(
            reported_from=review.cohort_from,
            reported_to=review.cohort_to,
            forms=tuple(review.cohort_forms),
        ),
    )
    run = thematic.thematic_audit_execute(run_id=run.pk)
    _grade(ctx, run, auditor, second)


def _failures(run) -> dict[int, list[str]]:
    failed = defaultdict(list)
    rows = RuleFinding.objects.filter(run=run, result=Result.NOT_MET).values_list(
        "incident_id", "rule__key"
    )
    for incident_id, key in rows:
        failed[incident_id].append(key)
    return failed


def _grade(ctx, run, auditor, second) -> None:
    rng = ctx.rng
    themes = {t.name: t for t in LearningTheme.objects.filter(partnership=ctx.partnership)}
    failed = _failures(run)
    cases = list(CohortCase.objects.filter(run=run).order_by("incident__reported_at"))
    for case in cases:
        if rng.random() > GRADED_SHARE:
            continue
        keys = sorted(set(failed.get(case.incident_id, [])))
        grade = (
            Grade.APPROPRIATE if not keys else Grade.PARTLY if len(keys) <= 2 else Grade.NOT_IN_LINE
        )
        reasons = (
            "Every automatic check was met and the records show a timely, joined-up response."
            if not keys
            else f"Not in line with guidance on: {', '.join(k.replace('-', ' ') for k in keys)}."
        )
        case = thematic.case_grade(
            by=auditor,
            case=case,
            expected_version=case.version,
            grade=grade,
            reasons=reasons,
            learning_points=(
                "Both children need their own decision, plan and review." if keys else ""
            ),
            themes=[themes[THEME_OF_RULE[k]] for k in keys if THEME_OF_RULE.get(k) in themes],
        )
        if rng.random() < MODERATED_SHARE:
            changed = grade == Grade.PARTLY and rng.random() < 0.25
            thematic.case_moderate(
                by=second,
                case=case,
                expected_version=case.version,
                moderation=Moderation.CHANGED if changed else Moderation.AGREED,
                moderated_grade=Grade.NOT_IN_LINE if changed else "",
                note=(
                    "No safety plan for the child who harmed: not in line with guidance."
                    if changed
                    else ""
                ),
            )
