"""Each automatic check meets, breaches and does not apply; clocks over bank holidays; editions;
and the evaluation of many incidents in a constant number of queries."""

import datetime as dt

import pytest
from django.db.backends.postgresql.psycopg_any import DateRange
from django.utils import timezone

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import AgencyFactory, UserFactory
from cairn.guidance.checks import CHECKS, run_check, validate_params
from cairn.guidance.evaluate import audit_incident, audit_run_start
from cairn.guidance.models import (
    GuidanceDocument,
    GuidanceEdition,
    GuidanceLibrary,
    GuidanceRule,
    RuleFinding,
)
from cairn.guidance.workdays import ensure_working_days
from cairn.incidents.choices import DecisionOutcome, InvolvementRole, ReportOutcome
from cairn.incidents.models import Decision, Incident, Involvement, StrategyAttendee
from cairn.incidents.models.plans import HsbTool, PlanKind, PlanReview
from cairn.incidents.tests.factories import (
    HsbAssessmentFactory,
    IncidentFactory,
    InvolvementFactory,
    PlanFactory,
    PoliceInvestigationFactory,
    Section47EnquiryFactory,
    StrategyDiscussionFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def incident(partnership, la):
    return IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 4, 1))
    )


APRIL_FIRST = D(2019, 4, 1)
APRIL_THIRD = D(2019, 4, 3)


def child(incident, role=InvolvementRole.HARMED, referral: dt.date | None = APRIL_FIRST, **kw):
    return InvolvementFactory(
        incident=incident, role=role, mash_received_at=referral and at(referral), **kw
    )


def decide(involvement, day: dt.date, outcome=DecisionOutcome.EARLY_HELP):
    user = UserFactory(agency=involvement.incident.reporting_agency)
    return Decision.objects.create(
        involvement=involvement,
        outcome=outcome,
        reasons="Synthetic.",
        decided_by=user,
        decided_at=at(day, 16),
    )


def findings(name, *involvements, **params):
    rows = run_check(
        name, Involvement.objects.filter(pk__in=[i.pk for i in involvements]), params=params
    )
    return {inv_id: (result, evidence) for inv_id, _incident, result, evidence in rows}


def one(name, involvement, **params):
    return findings(name, involvement, **params)[involvement.pk]


# --- the registry ----------------------------------------------------------------------------


def test_registry_holds_the_agreed_checks_and_parameters():
    assert {name: (set(c.params), set(c.required)) for name, c in CHECKS.items()} == {
        "decision_within": ({"clock"}, {"clock"}),
        "every_child_considered": (set(), set()),
        "strategy_discussion_held": ({"agencies"}, {"agencies"}),
        "police_informed": ({"forms"}, {"forms"}),
        "plan_in_place": ({"kinds", "reviewed"}, {"kinds"}),
        "hsb_assessed": ({"tools"}, {"tools"}),
        "views_recorded": (set(), set()),
        "outcome_recorded": (set(), set()),
        "assessment_within": ({"clock"}, {"clock"}),
        "icpc_within": ({"clock"}, {"clock"}),
    }
    assert all(c.describe for c in CHECKS.values())


def test_validate_params_names_every_problem():
    assert validate_params("decision_within", {"clock": "referral_decision"}) == []
    assert validate_params("no_such_check", {})[0].startswith("unknown check 'no_such_check'")
    errors = validate_params("strategy_discussion_held", {"agencies": ["police", "army"], "x": 1})
    assert "unknown parameter 'x' for check 'strategy_discussion_held'" in errors
    assert any("unknown value 'army'" in e for e in errors)
    assert validate_params("decision_within", {"clock": "first_review_conference"}) == [
        "clock 'first_review_conference' is not counted in working days"
    ]
    assert validate_params("plan_in_place", {"kinds": ["safety_plan"], "reviewed": "yes"}) == [
        "'reviewed' must be true or false"
    ]


# --- decision_within -------------------------------------------------------------------------


def test_decision_within_met_on_the_next_working_day(incident):
    inv = child(incident, referral=D(2019, 4, 1))
    decide(inv, D(2019, 4, 2))
    assert one("decision_within", inv, clock="referral_decision") == (
        "met",
        "Decision recorded 2 April 2019, due 2 April 2019 "
        "(1 working day from referral 1 April 2019)",
    )


def test_decision_within_breached_names_the_days_late(incident):
    inv = child(incident, referral=D(2019, 4, 1))
    decide(inv, D(2019, 4, 3))
    assert one("decision_within", inv, clock="referral_decision") == (
        "not_met",
        "Decision recorded 3 April 2019, due 2 April 2019 "
        "(1 working day from referral 1 April 2019): 1 working day late",
    )


def test_decision_within_does_not_apply_without_a_referral(incident):
    inv = child(incident, referral=None)
    assert one("decision_within", inv, clock="referral_decision")[0] == "not_applicable"


def test_decision_within_no_decision_is_a_breach_once_due(incident):
    inv = child(incident, referral=D(2019, 4, 1))
    result, evidence = one("decision_within", inv, clock="referral_decision")
    assert result == "not_met"
    assert evidence.startswith("No MASH decision is recorded; it was due 2 April 2019")


def test_decision_within_over_easter_is_due_on_tuesday(incident):
    # Thursday 18 April 2019, then Good Friday, the weekend and Easter Monday.
    on_time, late = (
        child(incident, referral=D(2019, 4, 18)),
        child(incident, referral=D(2019, 4, 18)),
    )
    decide(on_time, D(2019, 4, 23))
    decide(late, D(2019, 4, 24))
    rows = findings("decision_within", on_time, late, clock="referral_decision")
    assert rows[on_time.pk][0] == "met"
    assert "due 23 April 2019" in rows[on_time.pk][1]
    assert rows[late.pk] == (
        "not_met",
        "Decision recorded 24 April 2019, due 23 April 2019 "
        "(1 working day from referral 18 April 2019): 1 working day late",
    )


def test_decision_within_over_christmas(incident):
    # Tuesday 24 December 2019: Christmas Day and Boxing Day; due Friday 27 December.
    inv = child(incident, referral=D(2019, 12, 24))
    decide(inv, D(2019, 12, 30))
    assert one("decision_within", inv, clock="referral_decision") == (
        "not_met",
        "Decision recorded 30 December 2019, due 27 December 2019 "
        "(1 working day from referral 24 December 2019): 1 working day late",
    )


def test_decision_within_counts_the_partnership_closure_days(incident, partnership):
    partnership.local_closure_days = [D(2019, 12, 27)]
    partnership.save()
    inv = child(incident, referral=D(2019, 12, 24))
    decide(inv, D(2019, 12, 30))
    assert one("decision_within", inv, clock="referral_decision")[0] == "met"


# --- every_child_considered ------------------------------------------------------------------


def test_every_child_considered_per_child(incident):
    decided = child(incident)
    decide(decided, D(2019, 4, 2))
    with_outcome = child(
        incident, role=InvolvementRole.WITNESS, report_outcome=ReportOutcome.UNFOUNDED
    )
    forgotten = child(incident, role=InvolvementRole.HARMED_OTHERS)
    rows = findings("every_child_considered", decided, with_outcome, forgotten)
    assert rows[decided.pk] == ("met", "MASH decision for this child: Early help, 2 April 2019")
    assert rows[with_outcome.pk] == ("met", "Outcome of the report recorded: Unfounded")
    assert rows[forgotten.pk] == (
        "not_met",
        "No MASH decision or outcome is recorded for this child (allegedly harmed others)",
    )


def test_every_child_considered_applies_to_every_role(incident):
    witness = child(incident, role=InvolvementRole.WITNESS)
    assert one("every_child_considered", witness)[0] == "not_met"


# --- strategy_discussion_held ----------------------------------------------------------------

AGENCIES = ["local_authority", "police", "school"]


def discussion(inv, held_on, kinds):
    sd = StrategyDiscussionFactory(incident=inv.incident, held_on=held_on)
    sd.involvements.add(inv)
    for kind in kinds:
        agency = AgencyFactory(partnership=inv.incident.partnership, kind=kind)
        StrategyAttendee.objects.create(discussion=sd, agency=agency, name=f"A {kind}")
    return sd


def test_strategy_discussion_with_every_agency_is_met(incident):
    inv = child(incident)
    decide(inv, D(2019, 4, 2), DecisionOutcome.STRATEGY)
    discussion(inv, D(2019, 4, 3), AGENCIES)
    result, evidence = one("strategy_discussion_held", inv, agencies=AGENCIES)
    assert result == "met"
    assert evidence.startswith("Strategy discussion 3 April 2019 with Local authority")


def test_strategy_discussion_without_police_is_a_breach(incident):
    inv = child(incident)
    decide(inv, D(2019, 4, 2), DecisionOutcome.STRATEGY)
    discussion(inv, D(2019, 4, 3), ["local_authority", "school"])
    assert one("strategy_discussion_held", inv, agencies=AGENCIES) == (
        "not_met",
        "Strategy discussion 3 April 2019 without: Police",
    )


def test_strategy_discussion_missing_altogether_is_a_breach(incident):
    inv = child(incident)
    decide(inv, D(2019, 4, 2), DecisionOutcome.STRATEGY)
    assert one("strategy_discussion_held", inv, agencies=AGENCIES)[0] == "not_met"


def test_strategy_discussion_does_not_apply_to_early_help(incident):
    inv = child(incident)
    decide(inv, D(2019, 4, 2), DecisionOutcome.EARLY_HELP)
    assert one("strategy_discussion_held", inv, agencies=AGENCIES)[0] == "not_applicable"


# --- police_informed -------------------------------------------------------------------------

SERIOUS = ["rape", "assault_by_penetration", "sexual_assault"]


def test_police_informed_met_by_a_police_investigation(incident):
    incident.sexual_violence_kinds = ["rape"]
    incident.save()
    harmed = child(incident)
    other = child(incident, role=InvolvementRole.HARMED_OTHERS)
    PoliceInvestigationFactory(involvement=harmed, crime_reference="CR/1/19")
    rows = findings("police_informed", harmed, other, forms=SERIOUS)
    assert rows[harmed.pk] == (
        "met",
        "Alleged rape: police investigation recorded, crime reference CR/1/19",
    )
    assert rows[other.pk][0] == "met"


def test_police_informed_met_by_referral_to_police(incident):
    incident.sexual_violence_kinds = ["sexual_assault"]
    incident.referred_to_police = True
    incident.save()
    assert one("police_informed", child(incident), forms=SERIOUS)[0] == "met"


def test_police_not_informed_is_a_breach(incident):
    incident.sexual_violence_kinds = ["assault_by_penetration", "sexual_assault"]
    incident.save()
    assert one("police_informed", child(incident), forms=SERIOUS) == (
        "not_met",
        "Alleged assault by penetration, sexual assault: no record that police were informed",
    )


def test_police_informed_does_not_apply_to_harassment(incident):
    assert one("police_informed", child(incident), forms=SERIOUS)[0] == "not_applicable"


# --- plan_in_place ---------------------------------------------------------------------------

KINDS = [PlanKind.RISK_AND_NEEDS.value, PlanKind.SAFETY.value]


def test_plans_in_place_and_reviewed(incident):
    inv = child(incident)
    PlanFactory(
        involvement=inv,
        kind=PlanKind.RISK_AND_NEEDS,
        agreed_on=D(2019, 4, 2),
        next_review_on=D(2019, 5, 2),
    )
    safety = PlanFactory(
        involvement=inv, kind=PlanKind.SAFETY, agreed_on=D(2019, 4, 2), next_review_on=D(2019, 5, 2)
    )
    PlanReview.objects.create(
        plan=safety,
        reviewed_on=D(2019, 5, 1),
        by=safety.owner_user,
        notes="Reviewed.",
        next_review_on=D(2019, 6, 1),
    )
    result, evidence = one("plan_in_place", inv, kinds=KINDS, reviewed=True)
    assert result == "not_met"  # the risk assessment was never reviewed
    assert evidence == (
        "Risk and needs assessment agreed 2 April 2019, not reviewed (review was due 2 May 2019)"
        "; Safety plan agreed 2 April 2019, reviewed 1 May 2019"
    )
    assert one("plan_in_place", inv, kinds=KINDS, reviewed=False)[0] == "met"


def test_plan_missing_is_a_breach(incident):
    inv = child(incident)
    PlanFactory(involvement=inv, kind=PlanKind.SAFETY, agreed_on=D(2019, 4, 2))
    result, evidence = one("plan_in_place", inv, kinds=KINDS)
    assert result == "not_met"
    assert evidence.startswith("No risk and needs assessment; Safety plan agreed 2 April 2019")


def test_plan_review_not_yet_due_is_met(incident):
    inv = child(incident)
    today = timezone.localdate()
    PlanFactory(
        involvement=inv,
        kind=PlanKind.SAFETY,
        agreed_on=today,
        next_review_on=today + dt.timedelta(days=20),
    )
    assert one("plan_in_place", inv, kinds=["safety_plan"], reviewed=True)[0] == "met"


# --- hsb_assessed ----------------------------------------------------------------------------

TOOLS = [HsbTool.HACKETT.value, HsbTool.AIM3.value]


def test_hsb_assessed_met_with_a_recognised_tool(incident):
    inv = child(incident, role=InvolvementRole.HARMED_OTHERS)
    HsbAssessmentFactory(involvement=inv, assessed_on=D(2019, 4, 10))
    assert one("hsb_assessed", inv, tools=TOOLS) == (
        "met",
        "Hackett continuum assessment 10 April 2019",
    )


def test_hsb_not_assessed_is_a_breach(incident):
    inv = child(incident, role=InvolvementRole.BOTH)
    assert one("hsb_assessed", inv, tools=TOOLS) == (
        "not_met",
        "No harmful sexual behaviour assessment recorded with: Hackett continuum, AIM3 assessment",
    )


def test_hsb_assessed_with_another_tool_is_a_breach(incident):
    inv = child(incident, role=InvolvementRole.HARMED_OTHERS)
    HsbAssessmentFactory(involvement=inv, tool=HsbTool.HACKETT)
    assert one("hsb_assessed", inv, tools=["aim3"])[0] == "not_met"


def test_hsb_assessed_does_not_apply_to_a_harmed_child(incident):
    assert one("hsb_assessed", child(incident), tools=TOOLS)[0] == "not_applicable"


# --- views_recorded and outcome_recorded -----------------------------------------------------


def test_views_recorded(incident):
    heard = child(incident, views_and_wishes="Wants to stay in the same class.")
    unheard = child(incident, role=InvolvementRole.WITNESS)
    rows = findings("views_recorded", heard, unheard)
    assert rows[heard.pk] == ("met", "The child's views and wishes are recorded")
    assert rows[unheard.pk] == ("not_met", "No views and wishes are recorded for this child")


def test_outcome_recorded(incident):
    recorded = child(incident, report_outcome=ReportOutcome.SUBSTANTIATED, outcome="Moved class.")
    noted = child(incident, outcome="Moved class.")
    missing = child(incident)
    rows = findings("outcome_recorded", recorded, noted, missing)
    assert rows[recorded.pk] == (
        "met",
        "Outcome of the report: Substantiated, with a note of the outcome",
    )
    assert rows[noted.pk][0] == "met"
    assert rows[missing.pk] == ("not_met", "No outcome is recorded for this child")


# --- assessment_within -----------------------------------------------------------------------


def s47(inv, held_on=APRIL_THIRD, **kw):
    sd = StrategyDiscussionFactory(incident=inv.incident, held_on=held_on)
    sd.involvements.add(inv)
    return Section47EnquiryFactory(
        involvement=inv, strategy_discussion=sd, started_on=held_on, **kw
    )


def test_assessment_within_45_working_days(incident):
    on_time, late = child(incident), child(incident)
    # 1 April 2019 + 45 working days (Good Friday, Easter Monday, 6 May, 27 May): 7 June 2019.
    s47(on_time, assessment_completed_on=D(2019, 6, 7))
    s47(late, assessment_completed_on=D(2019, 6, 10))
    rows = findings("assessment_within", on_time, late, clock="child_and_family_assessment")
    assert rows[on_time.pk] == (
        "met",
        "Assessment (section 47 enquiry) completed 7 June 2019, due 7 June 2019 "
        "(45 working days from referral 1 April 2019)",
    )
    assert rows[late.pk][0] == "not_met"
    assert rows[late.pk][1].endswith(": 1 working day late")


def test_assessment_decided_without_a_completion_date_needs_judgement(incident):
    inv = child(incident)
    decide(inv, D(2019, 4, 2), DecisionOutcome.ASSESSMENT)
    result, evidence = one("assessment_within", inv, clock="child_and_family_assessment")
    assert result == "needs_judgement"
    assert evidence.startswith("No assessment completion date is recorded in Cairn")


def test_assessment_within_does_not_apply_to_early_help(incident):
    inv = child(incident)
    decide(inv, D(2019, 4, 2), DecisionOutcome.EARLY_HELP)
    assert one("assessment_within", inv, clock="child_and_family_assessment")[0] == (
        "not_applicable"
    )


# --- icpc_within -----------------------------------------------------------------------------


def test_icpc_within_15_working_days_of_the_strategy_discussion(incident):
    on_time, late = child(incident), child(incident)
    # Wednesday 3 April 2019 + 15 working days over Easter: Friday 26 April 2019.
    s47(on_time, icpc_held_on=D(2019, 4, 26), cp_plan=True)
    s47(late, icpc_held_on=D(2019, 4, 29), cp_plan=True)
    rows = findings("icpc_within", on_time, late, clock="icpc")
    assert rows[on_time.pk] == (
        "met",
        "Initial child protection conference held 26 April 2019, due 26 April 2019 "
        "(15 working days from the strategy discussion of 3 April 2019)",
    )
    assert rows[late.pk][0] == "not_met"
    assert rows[late.pk][1].endswith(": 1 working day late")


def test_icpc_within_does_not_apply_without_a_section_47(incident):
    assert one("icpc_within", child(incident), clock="icpc")[0] == "not_applicable"


def test_icpc_missing_with_a_plan_is_a_breach_and_otherwise_needs_judgement(incident):
    planned, unclear = child(incident), child(incident)
    s47(planned, cp_plan=True)
    s47(unclear)
    rows = findings("icpc_within", planned, unclear, clock="icpc")
    assert rows[planned.pk][0] == "not_met"
    assert rows[unclear.pk][0] == "needs_judgement"


# --- editions and evaluation -----------------------------------------------------------------


@pytest.fixture
def editions(db):
    library = GuidanceLibrary.objects.create(
        key="national",
        title="National guidance",
        version=1,
        source_file="test.yaml",
        sha256="0" * 64,
    )
    document = GuidanceDocument.objects.create(library=library, key="wt", title="Working Together")
    old = GuidanceEdition.objects.create(
        document=document,
        key="wt2018",
        title="Working Together 2018",
        in_force=DateRange(D(2018, 7, 4), D(2019, 6, 1)),
    )
    new = GuidanceEdition.objects.create(
        document=document,
        key="wt2019",
        title="Working Together (test edition)",
        in_force=DateRange(D(2019, 6, 1), None),
    )
    line = iter(range(1, 100))

    def rule(edition, key, check_name="", params=None, roles=(), mode="automatic"):
        return GuidanceRule.objects.create(
            edition=edition,
            key=key,
            title=key.replace("-", " ").capitalize(),
            paragraph="para 1",
            checks="Synthetic.",
            severity="high",
            mode=mode,
            check_name=check_name,
            params=params or {},
            roles=list(roles),
            source_line=next(line),
        )

    # The old edition allows 1 working day, the new one 3 (an invented change, for the test).
    rule(old, "decision-within", "decision_within", {"clock": "referral_decision"})
    rule(new, "decision-within", "decision_within", {"clock": "icpc"})
    rule(
        old,
        "hsb-assessed",
        "hsb_assessed",
        {"tools": TOOLS},
        roles=[InvolvementRole.HARMED_OTHERS, InvolvementRole.BOTH],
    )
    rule(new, "parents-informed", mode="judgement")
    return old, new


def test_each_case_is_judged_by_the_edition_in_force_on_its_date(
    partnership, la, editions, make_user
):
    old, new = editions
    before = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 5, 31))
    )
    after = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 6, 3))
    )
    b = child(before, referral=D(2019, 5, 31))
    a = child(after, referral=D(2019, 6, 3))
    harmer = child(before, role=InvolvementRole.HARMED_OTHERS, referral=D(2019, 5, 31))
    decide(b, D(2019, 6, 4))  # 2 working days: late under the old edition
    decide(a, D(2019, 6, 5))  # 2 working days: in time under the new one (15 working days)
    decide(harmer, D(2019, 6, 3))
    run = audit_run_start(
        partnership=partnership,
        incidents=Incident.objects.all(),
        title="Straddle",
        criteria={},
        by=make_user(Role.AUDITOR),
    )
    found = {
        (f.involvement_id, f.rule.key): (f.rule.edition.key, f.result)
        for f in RuleFinding.objects.filter(run=run).select_related("rule__edition")
    }
    assert found == {
        (b.pk, "decision-within"): ("wt2018", "not_met"),
        (harmer.pk, "decision-within"): ("wt2018", "met"),
        (harmer.pk, "hsb-assessed"): ("wt2018", "not_met"),
        (a.pk, "decision-within"): ("wt2019", "met"),
        (a.pk, "parents-informed"): ("wt2019", "needs_judgement"),
    }
    run.refresh_from_db()
    assert (run.incidents_total, run.incidents_done) == (2, 2)
    assert run.finished_at is not None


def test_audit_incident_shows_only_the_children_the_viewer_may_see(
    partnership, la, school, editions, make_user
):
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(D(2019, 4, 1))
    )
    seen = child(incident)
    hidden = child(incident, role=InvolvementRole.HARMED_OTHERS, restricted=True)
    dsl = make_user(Role.DSL, agency=school)
    hidden.excluded_users.add(dsl)
    rows = audit_incident(incident=incident, viewer=dsl)
    assert [r.involvement.pk for r in rows] == [seen.pk]
    assert [(f.rule.key, f.result) for f in rows[0].findings] == [("decision-within", "not_met")]
    assert [f.rule.key for f in rows[0].not_applicable] == []
    auditor_rows = audit_incident(incident=incident, viewer=make_user(Role.AUDITOR))
    assert {r.involvement.pk for r in auditor_rows} == {seen.pk, hidden.pk}


def _cohort(partnership, la, n):
    for i in range(n):
        incident = IncidentFactory(
            partnership=partnership,
            reporting_agency=la,
            reported_at=at(D(2019, 4, 1) + dt.timedelta(days=i * 30)),
        )
        harmed = child(incident, referral=incident.reported_at.date())
        decide(harmed, incident.reported_at.date() + dt.timedelta(days=i % 3))
        child(incident, role=InvolvementRole.HARMED_OTHERS, referral=incident.reported_at.date())


def _all_checks_library(edition_key, in_force):
    library = GuidanceLibrary.objects.create(
        key="all", title="All checks", version=1, source_file="t.yaml", sha256="1" * 64
    )
    document = GuidanceDocument.objects.create(library=library, key="all", title="All")
    edition = GuidanceEdition.objects.create(
        document=document, key=edition_key, title=edition_key, in_force=in_force
    )
    params = {
        "decision_within": {"clock": "referral_decision"},
        "strategy_discussion_held": {"agencies": AGENCIES},
        "police_informed": {"forms": SERIOUS},
        "plan_in_place": {"kinds": KINDS, "reviewed": True},
        "hsb_assessed": {"tools": TOOLS},
        "assessment_within": {"clock": "child_and_family_assessment"},
        "icpc_within": {"clock": "icpc"},
    }
    for line, name in enumerate(sorted(CHECKS), start=1):
        GuidanceRule.objects.create(
            edition=edition,
            key=name.replace("_", "-"),
            title=name,
            paragraph="p",
            checks="c",
            severity="high",
            mode="automatic",
            check_name=name,
            params=params.get(name, {}),
            source_line=line,
        )


@pytest.mark.parametrize("n", [2, 12])
def test_a_cohort_run_takes_a_constant_number_of_queries(
    partnership, la, make_user, django_assert_max_num_queries, n
):
    _all_checks_library("all", DateRange(D(2018, 1, 1), None))
    _cohort(partnership, la, n)
    auditor = make_user(Role.AUDITOR)
    with django_assert_max_num_queries(60):
        run = audit_run_start(
            partnership=partnership,
            incidents=Incident.objects.all(),
            title="Cohort",
            criteria={},
            by=auditor,
        )
    assert RuleFinding.objects.filter(run=run).count() == 2 * n * len(CHECKS)


def test_the_per_case_audit_takes_a_constant_number_of_queries(
    partnership, la, make_user, django_assert_max_num_queries
):
    _all_checks_library("all", DateRange(D(2018, 1, 1), None))
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 4, 1))
    )
    for _ in range(6):
        child(incident)
    auditor = make_user(Role.AUDITOR)
    with django_assert_max_num_queries(60):
        rows = audit_incident(incident=incident, viewer=auditor)
    assert len(rows) == 6
    assert all(len(r.findings) + len(r.not_applicable) == len(CHECKS) for r in rows)


def test_agency_kinds_in_the_registry_match_the_vocabulary():
    assert CHECKS["strategy_discussion_held"].values["agencies"] == frozenset(AgencyKind.values)


def test_the_number_of_queries_does_not_grow_with_the_cohort(partnership, la, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _all_checks_library("all", DateRange(D(2018, 1, 1), None))
    auditor = make_user(Role.AUDITOR)
    ensure_working_days()  # built once per connection; not part of what is compared
    counts = []
    for n in (1, 10):
        _cohort(partnership, la, n)
        cohort = Incident.objects.filter(
            pk__in=list(Incident.objects.order_by("-pk").values_list("pk", flat=True)[:n])
        )
        with CaptureQueriesContext(connection) as queries:
            audit_run_start(
                partnership=partnership, incidents=cohort, title="C", criteria={}, by=auditor
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
