"""The historic demo step: MASH handling of child-on-child sexual abuse, 2017 to 2019.

One build (rolled back) is measured with ORM queries; the tests assert on what it found.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from cairn.audit.chain import verify_chain
from cairn.audit.models import AuditEvent
from cairn.clocks.selectors import clock_book
from cairn.demo import build_demo
from cairn.demo.historic import END, START
from cairn.incidents.choices import AbuseForm, DecisionOutcome, InvolvementRole
from cairn.incidents.models import (
    Decision,
    HsbAssessment,
    Incident,
    Involvement,
    Plan,
    PlanReview,
    PoliceInvestigation,
    Section47Enquiry,
    StrategyAttendee,
    StrategyDiscussion,
)
from cairn.incidents.models.plans import HsbTool, PlanKind, PlanStatus
from cairn.incidents.services.plans import TLT_BANDS, age_on
from cairn.reviews.models import Review, ReviewKind
from cairn.reviews.selectors import cohort_incidents

HARMERS = [InvolvementRole.HARMED_OTHERS, InvolvementRole.BOTH]
SCALE = 0.2


class Rollback(Exception):
    pass


def built(seed, scale, measure):
    try:
        with transaction.atomic():
            ctx = build_demo(seed=seed, scale=scale)
            found = measure(ctx)
            raise Rollback
    except Rollback:
        return found


def _rate(rows, year):
    row = rows.get(year, {"n": 0, "failed": 0})
    return row["failed"] / row["n"]


def _by_year(queryset, failed: Q):
    return {
        r["incident__reported_at__year"]: r
        for r in queryset.values("incident__reported_at__year").annotate(
            n=Count("pk"), failed=Count("pk", filter=failed)
        )
    }


def measure(ctx):
    p = ctx.partnership
    today = timezone.localdate()
    historic = Incident.objects.filter(partnership=p, reported_at__date__lt=dt.date(2020, 1, 1))
    involvements = Involvement.objects.filter(incident__in=historic)
    harmers = involvements.filter(role__in=HARMERS)
    decisions = Decision.objects.filter(involvement__in=involvements)
    book = clock_book(partnership=p)
    late = {}
    for received, decided in decisions.values_list("involvement__mash_received_at", "decided_at"):
        year = timezone.localtime(received).year
        row = late.setdefault(year, {"n": 0, "failed": 0})
        row["n"] += 1
        row["failed"] += timezone.localtime(decided).date() > book.due_date(
            clock="referral_decision", start=received
        )
    has_hsb = Exists(HsbAssessment.objects.filter(involvement=OuterRef("pk")))
    has_decision = Exists(Decision.objects.filter(involvement=OuterRef("pk")))
    has_safety_plan = Exists(
        Plan.objects.filter(
            involvement=OuterRef("pk"), kind__in=[PlanKind.SAFETY, PlanKind.RISK_AND_NEEDS]
        )
    )
    in_discussion = Exists(
        StrategyDiscussion.involvements.through.objects.filter(involvement=OuterRef("pk"))
    )
    school_there = Exists(
        StrategyAttendee.objects.filter(discussion=OuterRef("pk"), agency__kind="school")
    )
    police_record = Exists(PoliceInvestigation.objects.filter(involvement__incident=OuterRef("pk")))
    reviewed = Exists(PlanReview.objects.filter(plan=OuterRef("pk")))
    s47 = Section47Enquiry.objects.filter(involvement__in=involvements)
    plans = Plan.objects.filter(involvement__in=involvements)
    scrutiny = Review.objects.get(partnership=p, kind=ReviewKind.SCRUTINY)
    ages = [
        (age_on(dob, occurred), age_on(dob, timezone.localtime(reported).date()))
        for dob, occurred, reported in involvements.values_list(
            "person__date_of_birth", "incident__occurred_on", "incident__reported_at"
        )
    ]
    good = historic.annotate(
        lapses=Count(
            "involvements",
            filter=Q(involvements__role__in=HARMERS)
            & (
                Q(involvements__hsb_assessments__isnull=True)
                | Q(involvements__decisions__isnull=True)
            ),
        )
    ).filter(lapses=0, referred_to_police=True)
    serious = historic.filter(
        sexual_violence_kinds__overlap=["rape", "assault_by_penetration", "sexual_assault"]
    )
    return {
        "incidents": historic.count(),
        "by_year": dict(
            historic.values_list("reported_at__year").annotate(n=Count("pk")).order_by()
        ),
        "first_reported": timezone.localtime(
            historic.order_by("reported_at")[0].reported_at
        ).date(),
        "last_reported": timezone.localtime(
            historic.order_by("-reported_at")[0].reported_at
        ).date(),
        "first_occurred": min(historic.values_list("occurred_on", flat=True)),
        "fewest_children": min(
            historic.annotate(n=Count("involvements")).values_list("n", flat=True)
        ),
        "without_both_roles": historic.exclude(involvements__role=InvolvementRole.HARMED).count()
        + historic.exclude(involvements__role__in=HARMERS).count(),
        "sexual": historic.filter(
            forms__overlap=[AbuseForm.SEXUAL_VIOLENCE, AbuseForm.SEXUAL_HARASSMENT]
        ).count(),
        "images": historic.filter(forms__contains=[AbuseForm.IMAGE_SHARING]).count(),
        "ages": ages,
        "late": late,
        "no_hsb": _by_year(harmers.annotate(has=has_hsb), Q(has=False)),
        "harmer_not_considered": harmers.annotate(d=has_decision).filter(d=False).count(),
        "strategy_without_discussion": decisions.filter(outcome=DecisionOutcome.STRATEGY)
        .annotate(
            sd=Exists(
                StrategyDiscussion.involvements.through.objects.filter(
                    involvement=OuterRef("involvement")
                )
            )
        )
        .filter(sd=False)
        .count(),
        "discussions": StrategyDiscussion.objects.filter(incident__in=historic).count(),
        "discussions_without_school": StrategyDiscussion.objects.filter(incident__in=historic)
        .annotate(s=school_there)
        .filter(s=False)
        .count(),
        "police_not_told": serious.annotate(r=police_record)
        .filter(referred_to_police=False, r=False)
        .count(),
        "no_harmer_safety_plan": harmers.annotate(s=has_safety_plan).filter(s=False).count(),
        "plans_never_reviewed": plans.annotate(r=reviewed)
        .filter(r=False, status=PlanStatus.ACTIVE)
        .count(),
        "views_missing": involvements.filter(views_and_wishes="")
        .exclude(role=InvolvementRole.WITNESS)
        .count(),
        "outcome_missing": involvements.filter(report_outcome="")
        .exclude(role=InvolvementRole.WITNESS)
        .count(),
        "assessments_late": sum(
            book.calendar.working_days_between(timezone.localtime(r).date(), done) > 45
            for r, done in s47.values_list(
                "involvement__mash_received_at", "assessment_completed_on"
            )
        ),
        "s47": s47.count(),
        "icpcs": s47.filter(icpc_held_on__isnull=False).count(),
        "icpcs_late": sum(
            book.calendar.working_days_between(start, held) > 15
            for start, held in s47.filter(icpc_held_on__isnull=False).values_list(
                "strategy_discussion__held_on", "icpc_held_on"
            )
        ),
        "in_discussion": involvements.annotate(x=in_discussion).filter(x=True).count(),
        "good_practice": good.count(),
        "scrutiny_cohort": set(cohort_incidents(scrutiny).values_list("pk", flat=True)),
        "historic_pks": set(historic.values_list("pk", flat=True)),
        "ctx_historic": {i.pk for i in ctx.historic_incidents},
        "ctx_current": {i.pk for i in ctx.incidents},
        # Dates in order, nothing in the future, nothing before a child was born.
        "out_of_order": {
            "occurred after reported": historic.filter(
                occurred_on__gt=F("reported_at__date")
            ).count(),
            "decided before received": decisions.filter(
                decided_at__lt=F("involvement__mash_received_at")
            ).count(),
            "signed off before decided": decisions.filter(
                signed_off_at__lt=F("decided_at")
            ).count(),
            "decided in future": decisions.filter(decided_at__gt=timezone.now()).count(),
            "discussion before report": StrategyDiscussion.objects.filter(
                incident__in=historic, held_on__lt=F("incident__reported_at__date")
            ).count(),
            "assessment done before started": s47.filter(
                assessment_completed_on__lt=F("assessment_started_on")
            ).count(),
            "icpc before discussion": s47.filter(icpc_held_on__lt=F("started_on")).count(),
            "s47 in future": s47.filter(
                Q(assessment_completed_on__gt=today)
                | Q(icpc_held_on__gt=today)
                | Q(first_review_held_on__gt=today)
            ).count(),
            "plan before incident": plans.filter(
                agreed_on__lt=F("involvement__incident__occurred_on")
            ).count(),
            "review before plan": PlanReview.objects.filter(
                plan__in=plans, reviewed_on__lte=F("plan__agreed_on")
            ).count(),
            "review in future": PlanReview.objects.filter(
                plan__in=plans, reviewed_on__gt=today
            ).count(),
            "hsb before birth": HsbAssessment.objects.filter(
                involvement__in=involvements,
                assessed_on__lt=F("involvement__person__date_of_birth"),
            ).count(),
            "hsb in future": HsbAssessment.objects.filter(
                involvement__in=involvements, assessed_on__gt=today
            ).count(),
            "hsb before incident": HsbAssessment.objects.filter(
                involvement__in=involvements,
                assessed_on__lt=F("involvement__incident__occurred_on"),
            ).count(),
            "police outcome before incident": PoliceInvestigation.objects.filter(
                involvement__in=involvements, outcome_on__lt=F("involvement__incident__occurred_on")
            ).count(),
            "police outcome in future": PoliceInvestigation.objects.filter(
                involvement__in=involvements, outcome_on__gt=today
            ).count(),
        },  # fmt: skip
        "tools_fit_ages": all(
            (tool != HsbTool.AIM3 or 12 <= age_on(dob, on) < 18)
            and (
                tool != HsbTool.BROOK or TLT_BANDS[band][0] <= age_on(dob, on) <= TLT_BANDS[band][1]
            )
            for tool, dob, on, band in HsbAssessment.objects.filter(
                involvement__in=involvements
            ).values_list(
                "tool", "involvement__person__date_of_birth", "assessed_on", "tlt_age_band"
            )
        ),
        "chain_ok": verify_chain(AuditEvent.objects.order_by("seq")).ok,
    }


@pytest.fixture(scope="module")
def facts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return built(1, SCALE, measure)


def test_the_step_builds_its_incidents_between_january_2017_and_november_2019(facts):
    assert facts["incidents"] == max(20, round(150 * SCALE))
    assert facts["first_reported"] >= START and facts["last_reported"] <= END
    assert facts["first_occurred"] >= START
    assert set(facts["by_year"]) == {2017, 2018, 2019}
    assert facts["ctx_historic"] == facts["historic_pks"]
    assert not facts["ctx_historic"] & facts["ctx_current"]


def test_mostly_sexual_violence_and_harassment_with_some_image_sharing(facts):
    assert facts["sexual"] >= 0.6 * facts["incidents"]
    assert facts["images"] >= 1


def test_every_incident_has_two_or_more_children_in_their_own_roles(facts):
    assert facts["fewest_children"] >= 2
    assert facts["without_both_roles"] == 0


def test_every_child_was_of_school_age_at_the_time(facts):
    assert facts["ages"]
    assert all(at_incident >= 10 and at_report <= 17 for at_incident, at_report in facts["ages"])


def test_late_decisions_and_missing_hsb_assessments_fall_from_2017_to_2019(facts):
    assert _rate(facts["late"], 2017) > _rate(facts["late"], 2019)
    assert _rate(facts["no_hsb"], 2017) > _rate(facts["no_hsb"], 2019)
    assert facts["late"][2019]["failed"] < facts["late"][2019]["n"]


def test_each_failing_is_present_and_so_is_good_practice(facts):
    for name in (
        "harmer_not_considered", "strategy_without_discussion", "discussions_without_school",
        "police_not_told", "no_harmer_safety_plan", "plans_never_reviewed", "views_missing",
        "outcome_missing", "assessments_late", "icpcs_late", "good_practice",
    ):  # fmt: skip
        assert facts[name] > 0, name
    assert facts["discussions_without_school"] < facts["discussions"]
    assert facts["icpcs_late"] < facts["icpcs"]


def test_no_constraint_is_broken_and_the_audit_chain_holds(facts):
    assert facts["out_of_order"] == dict.fromkeys(facts["out_of_order"], 0)
    assert facts["tools_fit_ages"]
    assert facts["chain_ok"]


def test_the_scrutiny_review_cohort_is_the_historic_incidents(facts):
    assert facts["scrutiny_cohort"] == facts["historic_pks"]


def _summary(ctx):
    historic = Incident.objects.filter(pk__in=[i.pk for i in ctx.historic_incidents])
    return {
        "incidents": list(
            historic.order_by("pk").values_list(
                "reported_at", "occurred_on", "forms", "sexual_violence_kinds", "referred_to_police"
            )
        ),
        "children": list(
            Involvement.objects.filter(incident__in=historic)
            .order_by("pk")
            .values_list("person__given_name", "person__date_of_birth", "role", "views_and_wishes")
        ),
        "decisions": list(
            Decision.objects.filter(involvement__incident__in=historic)
            .order_by("pk")
            .values_list("outcome", "decided_at")
        ),
        "hsb": list(
            HsbAssessment.objects.filter(involvement__incident__in=historic)
            .order_by("pk")
            .values_list("tool", "assessed_on")
        ),
        "plans": list(
            Plan.objects.filter(involvement__incident__in=historic)
            .order_by("pk")
            .values_list("kind", "agreed_on", "status")
        ),
    }


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_history():
    first = built(5, 0.05, _summary)
    assert first["incidents"] and first["decisions"]
    assert first == built(5, 0.05, _summary)
