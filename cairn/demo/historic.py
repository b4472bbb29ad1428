"""Demo step: child-on-child sexual abuse referrals to the MASH, January 2017 to November 2019.

The cohort of the scrutiny review in the reviews step, so that a thematic review of it tells
a story (all synthetic). About ``max(20, round(150 × scale))`` incidents, mostly sexual
violence (rape, assault by penetration, sexual assault) and sexual harassment, some sharing of
nude images online, each with two or more children in their own roles and a MASH decision
per child. The children were 10 to 17 then; the people step's children are too young (the
oldest were 11 in 2019), so this step adds a cohort of synthetic young people, now adults,
who were pupils then, and also uses the people step's oldest children where their age fits.

Practice has realistic failings that a thematic review should find, at rates that fall from
2017 to late 2019 (after Working Together 2018 and KCSIE 2018 Part five): decisions later than
1 working day; the child who harmed not considered; decisions of "strategy discussion" with no
strategy discussion, or one without education; police not told of rape or sexual assault; no
safety plan for the child who harmed, or plans never reviewed; no harmful sexual behaviour
assessment; the child's views, the parents' views and the outcome of the report not recorded;
assessments and initial child protection conferences late. Some cases are good practice
throughout.

Each failing is chosen by quota in each half-year (``RATES``), so the rates hold at any scale.
The step has its own seeded ``Random`` and Faker, so it leaves later steps' data unchanged.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from faker import Faker

from cairn.accounts.choices import AgencyKind, Role
from cairn.audit.services import record_bulk_create
from cairn.clocks.calendar import add_months
from cairn.clocks.selectors import clock_book
from cairn.incidents.choices import (
    AbuseForm,
    ContextKind,
    DecisionOutcome,
    InvolvementRole,
    MashStage,
    Rag,
    ReferralSource,
    ReportOutcome,
    SexualViolenceKind,
)
from cairn.incidents.models import (
    Context,
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
from cairn.incidents.models.plans import (
    HackettCategory,
    HsbTool,
    PlanKind,
    PlanStatus,
    TltAgeBand,
    TrafficLight,
)
from cairn.incidents.models.strategy import (
    CategoryOfAbuse,
    PoliceOutcome,
    PoliceRole,
    SgiiCategory,
    StrategyOutcome,
)
from cairn.incidents.services.plans import age_on
from cairn.people.choices import IdentifierKind, Sex
from cairn.people.models import Address, Identifier, Person

LONDON = ZoneInfo("Europe/London")
START = dt.date(2017, 1, 1)
END = dt.date(2019, 11, 30)
AGES = (10, 17)  # school age at the time of the incident, both ends included
COHORT_BORN = (dt.date(2000, 3, 1), dt.date(2008, 8, 31))  # now adults, pupils then
KCSIE_2018 = dt.date(2018, 9, 3)  # Part five: sexual violence and sexual harassment
SEXUAL_FORMS = [
    AbuseForm.SEXUAL_VIOLENCE, AbuseForm.SEXUAL_HARASSMENT, AbuseForm.IMAGE_SHARING,
    AbuseForm.CAUSING_SEXUAL_ACTIVITY, AbuseForm.UPSKIRTING,
]  # fmt: skip
POLICE_MATTERS = {SexualViolenceKind.RAPE, SexualViolenceKind.ASSAULT_BY_PENETRATION,
                  SexualViolenceKind.SEXUAL_ASSAULT}  # fmt: skip

# Share of cases with each failing, by half-year from January 2017 (six periods).
RATES = {
    "late_decision": (0.45, 0.40, 0.30, 0.24, 0.15, 0.10),
    "harmer_not_considered": (0.35, 0.30, 0.22, 0.16, 0.10, 0.06),
    "no_strategy_discussion": (0.30, 0.25, 0.20, 0.14, 0.08, 0.05),
    "no_education_at_strategy": (0.60, 0.50, 0.40, 0.30, 0.18, 0.10),
    "police_not_told": (0.25, 0.20, 0.15, 0.10, 0.05, 0.03),
    "no_harmer_safety_plan": (0.55, 0.45, 0.35, 0.28, 0.18, 0.10),
    "plan_never_reviewed": (0.50, 0.40, 0.32, 0.25, 0.15, 0.10),
    "no_hsb_assessment": (0.70, 0.60, 0.45, 0.35, 0.25, 0.15),
    "views_not_recorded": (0.40, 0.35, 0.25, 0.20, 0.12, 0.08),
    "carer_views_not_recorded": (0.35, 0.30, 0.22, 0.18, 0.10, 0.06),
    "outcome_not_recorded": (0.50, 0.40, 0.30, 0.25, 0.15, 0.10),
    "assessment_late": (0.40, 0.35, 0.25, 0.20, 0.12, 0.08),
    "icpc_late": (0.45, 0.35, 0.30, 0.20, 0.15, 0.10),
}
GOOD_PRACTICE = (0.05, 0.08, 0.10, 0.12, 0.18, 0.22)  # cases with none of the failings

FORMS = [(AbuseForm.SEXUAL_VIOLENCE, 45), (AbuseForm.SEXUAL_HARASSMENT, 30),
         (AbuseForm.IMAGE_SHARING, 20), (AbuseForm.CAUSING_SEXUAL_ACTIVITY, 5)]  # fmt: skip
SV_KINDS = [(SexualViolenceKind.SEXUAL_ASSAULT, 55), (SexualViolenceKind.RAPE, 30),
            (SexualViolenceKind.ASSAULT_BY_PENETRATION, 15)]  # fmt: skip
NARRATIVES = {
    SexualViolenceKind.RAPE: "A young person told a teacher that another young person raped them at a party at the weekend.",
    SexualViolenceKind.ASSAULT_BY_PENETRATION: "A young person disclosed to the school nurse that another pupil assaulted them by penetration after school.",
    SexualViolenceKind.SEXUAL_ASSAULT: "A pupil said another pupil touched them sexually without consent in a corridor and on the school bus.",
    AbuseForm.SEXUAL_HARASSMENT: "A pupil reported months of sexual comments and unwanted touching by a group of pupils.",
    AbuseForm.IMAGE_SHARING: "A nude image a pupil sent to another pupil was shared without consent on {platform}.",
    AbuseForm.CAUSING_SEXUAL_ACTIVITY: "A young person said an older pupil pressured them into sexual activity and to send images.",
}  # fmt: skip
PLATFORMS = [("Snapchat", 5), ("Instagram", 3), ("WhatsApp", 2)]


def _weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def period_of(day: dt.date) -> int:
    """0 for January to June 2017 ... 5 for July to November 2019."""
    return (day.year - START.year) * 2 + (day.month > 6)


@dataclass
class Child:
    person: Person
    role: str
    case: Case | None = None
    inv: Involvement | None = None
    decision: Decision | None = None


@dataclass
class Case:
    n: int
    day: dt.date
    incident: Incident
    school: object
    good: bool
    children: list[Child] = field(default_factory=list)

    @property
    def period(self):
        return period_of(self.day)

    def harmers(self):
        return [c for c in self.children if c.role in HARMERS]


HARMERS = (InvolvementRole.HARMED_OTHERS, InvolvementRole.BOTH)
_by_case = (lambda child: child.case.period, lambda child: child.case.good)


class _Build:
    def __init__(self, ctx):
        self.ctx = ctx
        self.p = ctx.partnership
        self.rng = random.Random(f"cairn-historic:{ctx.seed}")
        self.fake = Faker("en_GB")
        self.fake.seed_instance(ctx.seed + 2017)
        self.book = clock_book(partnership=self.p)
        self.cal = self.book.calendar
        self.rows: dict[type, list] = defaultdict(list)
        users = [u for u, _ in ctx.users if u.partnership_id == self.p.pk]
        self.mash = [u for u in users if u.has_role(Role.MASH_PRACTITIONER)]
        self.managers = [u for u in users if u.has_role(Role.MASH_MANAGER)]
        self.assessors = [u for u in users if u.agency.kind == AgencyKind.YOUTH_JUSTICE] + self.mash
        self.dsl = {u.agency_id: u for u in users if u.has_role(Role.DSL)}
        self.failed: dict[str, set] = {}
        self.good_incidents: set[int] = set()

    def wd(self, day, n):
        return self.cal.add_working_days(day, n)

    def pick(self, kind, units, *, key, good):
        """Choose, in each half-year, ``RATES[kind]`` of ``units`` to fail (never in
        good-practice cases)."""
        by = defaultdict(list)
        for unit in units:
            by[key(unit)].append(unit)
        chosen, expected = [], 0.0
        for period in sorted(by):  # rounding carried forward, so small groups keep the rate
            group = by[period]
            eligible = [u for u in group if not good(u)]
            expected += RATES[kind][period] * len(group)
            k = max(0, min(len(eligible), round(expected) - len(chosen)))
            chosen += self.rng.sample(eligible, k)
        if not chosen:  # at least one of each failing wherever there can be one, earliest first
            first = next((u for p in sorted(by) for u in by[p] if not good(u)), None)
            chosen = [first] if first is not None else []
        self.failed[kind] = {id(u) for u in chosen}
        return self.failed[kind]

    def fails(self, kind, unit):
        return id(unit) in self.failed[kind]


# People ----------------------------------------------------------------------------------


def _cohort(b: _Build) -> None:
    """Young people who were pupils in 2017-2019 (now adults, no longer at school)."""
    rng, fake = b.rng, b.fake
    span = (COHORT_BORN[1] - COHORT_BORN[0]).days
    people = []
    for _ in range(max(40, round(500 * b.ctx.scale))):
        sex = rng.choice([Sex.FEMALE, Sex.MALE])
        people.append(
            Person(
                partnership=b.p,
                given_name=fake.first_name_female()
                if sex == Sex.FEMALE
                else fake.first_name_male(),
                family_name=fake.last_name(),
                sex=sex,
                date_of_birth=COHORT_BORN[0] + dt.timedelta(days=rng.randint(0, span)),
                ethnicity=_weighted(
                    rng,
                    [
                        ("White British", 80),
                        ("White Other", 5),
                        ("Mixed White and Asian", 4),
                        ("Asian Pakistani", 4),
                        ("Black African", 4),
                        ("Not obtained", 3),
                    ],
                ),
                has_send=rng.random() < 0.18,
                school=None,
                is_synthetic=True,
            )  # fmt: skip
        )
    Person.objects.bulk_create(people, batch_size=1000)
    towns = ["Marlbridge", "Ashcombe", "Kingsmere", "Stourleigh", "Westerby", "Elmstead"]
    for person in people:
        b.rows[Address].append(
            Address(
                person=person,
                line1=fake.street_address().split("\n")[0],
                town=rng.choice(towns),
                postcode=fake.postcode(),
                start_date=person.date_of_birth,
            )  # fmt: skip
        )
        upn = rng.choice("ABCDEFGHJKLMNPQRTUVWXYZ") + f"{rng.randrange(10**12):012d}"
        b.rows[Identifier].append(Identifier(person=person, kind=IdentifierKind.UPN, value=upn))
    b.rows[Person] = people


def _age(person, day):
    return age_on(person.date_of_birth, day)


def _school_age_pool(b: _Build):
    """Everyone in the partnership who was 10 to 17 at some time in the period."""
    born_after = START - dt.timedelta(days=366 * (AGES[1] + 1))
    born_before = END - dt.timedelta(days=365 * AGES[0])
    return list(
        Person.objects.filter(
            partnership=b.p, date_of_birth__gt=born_after, date_of_birth__lte=born_before
        ).order_by("pk")
    )


def _schools_for(b: _Build, age):
    def of(*words):
        return [s for s in b.ctx.schools if any(w in s.name for w in words)]

    if age <= 10:
        pool = of("Primary")
    elif age <= 15:
        pool = of("Academy", "High School", "Community College")
    else:
        pool = of("Sixth Form", "Community College", "Academy")
    return pool or b.ctx.schools


# Incidents and children -------------------------------------------------------------------


def _choose_children(b: _Build, pool, day, occurred, form, repeaters):
    rng = b.rng
    band = _weighted(rng, [((11, 15), 70), ((16, 17), 22), ((10, 11), 8)])
    fits = [p for p in pool if band[0] <= _age(p, occurred) and _age(p, day) <= band[1]]
    if len(fits) < 4:
        fits = [p for p in pool if AGES[0] <= _age(p, occurred) and _age(p, day) <= AGES[1]]
    girls = [p for p in fits if p.sex == Sex.FEMALE] or fits
    boys = [p for p in fits if p.sex == Sex.MALE] or fits
    harmed = rng.choice(girls if rng.random() < 0.75 else fits)
    again = [p for p in repeaters if p in fits and p != harmed]
    harmer = (
        rng.choice(again)
        if again and rng.random() < 0.2
        else rng.choice([p for p in (boys if rng.random() < 0.85 else fits) if p != harmed])
    )
    children = [Child(harmed, InvolvementRole.HARMED), Child(harmer, InvolvementRole.HARMED_OTHERS)]
    extra = _weighted(rng, [(None, 78), ("harmer", 10), ("witness", 8), ("harmed", 4)])
    others = [p for p in fits if p not in (harmed, harmer)]
    if extra and others:
        role = {
            "harmer": InvolvementRole.HARMED_OTHERS,
            "witness": InvolvementRole.WITNESS,
            "harmed": InvolvementRole.HARMED,
        }[extra]
        if form == AbuseForm.SEXUAL_HARASSMENT and extra == "harmer" and rng.random() < 0.3:
            role = InvolvementRole.BOTH
        children.append(Child(rng.choice(others), role))
    if harmer not in repeaters:
        repeaters.append(harmer)
    age = _age(harmer, occurred)
    return children, rng.choice(_schools_for(b, age))


def _incidents(b: _Build) -> list[Case]:
    rng, ctx = b.rng, b.ctx
    pool = _school_age_pool(b)
    contexts = Context.objects.filter(partnership=b.p)
    school_ctx = {c.school_id: c for c in contexts if c.kind == ContextKind.SCHOOL}
    online = {c.platform: c for c in contexts if c.kind == ContextKind.ONLINE}
    days, d = [], START
    while d <= END:
        if b.cal.is_working_day(d):
            days.append(d)
        d += dt.timedelta(days=1)
    n = max(20, round(150 * ctx.scale))
    dates = [days[int((i + rng.random()) * len(days) / n)] for i in range(n)]  # spread evenly
    good_cases = set()
    for period in range(6):
        in_period = [i for i, day in enumerate(dates) if period_of(day) == period]
        good_cases.update(rng.sample(in_period, round(GOOD_PRACTICE[period] * len(in_period))))
    police, la, trust = ctx.agencies["police"], ctx.agencies["la"], ctx.agencies["trust"]
    repeaters: list[Person] = []
    cases, links = [], []
    for i, day in enumerate(dates):
        form = _weighted(rng, FORMS)
        kind = _weighted(rng, SV_KINDS) if form == AbuseForm.SEXUAL_VIOLENCE else None
        forms = [form]
        platform = ""
        if form == AbuseForm.IMAGE_SHARING or (
            form != AbuseForm.SEXUAL_VIOLENCE and rng.random() < 0.2
        ):
            platform = _weighted(rng, PLATFORMS)
        elif form == AbuseForm.SEXUAL_VIOLENCE and rng.random() < 0.12:
            forms.append(AbuseForm.IMAGE_SHARING)  # filmed and shared
            platform = _weighted(rng, PLATFORMS)
        occurred = max(START, day - dt.timedelta(days=rng.choice([0, 0, 1, 2, 3, 6, 10])))
        children, school = _choose_children(b, pool, day, occurred, form, repeaters)
        reporter = _weighted(rng, [("school", 60), ("police", 15), ("health", 10), ("family", 15)])
        agency, source = {
            "school": (school, ReferralSource.SCHOOLS),
            "police": (police, ReferralSource.POLICE),
            "health": (trust, ReferralSource.SCHOOL_NURSE),
            "family": (la, ReferralSource.FAMILY),
        }[reporter]
        reported = dt.datetime.combine(
            day, dt.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=LONDON
        )
        incident = Incident(
            partnership=b.p, occurred_on=occurred, reported_at=reported, forms=forms,
            sexual_violence_kinds=[kind] if kind else [], online_element=bool(platform),
            narrative=NARRATIVES[kind or form].format(platform=platform or "a messaging app"),
            reporting_agency=agency, referral_source=source,
            reporter_role="Designated safeguarding lead" if reporter == "school" else "",
            referred_to_police=reporter == "police"
            or bool(kind) or form in (AbuseForm.IMAGE_SHARING, AbuseForm.CAUSING_SEXUAL_ACTIVITY)
            or rng.random() < 0.1,
        )  # fmt: skip
        case = Case(i, day, incident, school, i in good_cases, children)
        for child in children:
            child.case = case
        cases.append(case)
        links.append((school_ctx.get(school.pk), online.get(platform) if platform else None))
    # Police not told of rape, assault by penetration or sexual assault (never if police
    # reported it).
    serious = [c for c in cases if set(c.incident.sexual_violence_kinds) & POLICE_MATTERS]
    b.pick(
        "police_not_told",
        serious,
        key=lambda c: c.period,
        good=lambda c: c.good or c.incident.referral_source == ReferralSource.POLICE,
    )
    for case in serious:
        if b.fails("police_not_told", case):
            case.incident.referred_to_police = False
    Incident.objects.bulk_create([c.incident for c in cases], batch_size=500)
    through = Incident.contexts.through
    rows = [
        through(incident=case.incident, context=context)
        for case, pair in zip(cases, links, strict=True)
        for context in pair
        if context is not None
    ]
    through.objects.bulk_create(rows, batch_size=1000)
    b.rows[Incident] = [c.incident for c in cases]
    return cases


# The MASH: involvements and decisions ------------------------------------------------------

VIEWS = {
    InvolvementRole.HARMED: "Wants to feel safe at school and not to share lessons or the bus with the other young person.",
    InvolvementRole.HARMED_OTHERS: "Says it was a joke that went too far; wants to stay at the same school and keep playing football.",
    InvolvementRole.BOTH: "Says everyone in the group was doing it and feels picked on.",
    InvolvementRole.WITNESS: "Was worried about being seen as a 'grass'; agreed to talk to the head of year.",
}  # fmt: skip
CARER_VIEWS = "Parents were told the same day; they want to be kept informed and asked for support."
REASONS = {
    DecisionOutcome.NFA: "Managed by the school; no further role for social care.",
    DecisionOutcome.UNIVERSAL: "Signposted to the school counsellor and a young people's service.",
    DecisionOutcome.EARLY_HELP: "Family agreed to early help to support the young person.",
    DecisionOutcome.ASSESSMENT: "Child and family assessment to understand risk and need.",
    DecisionOutcome.STRATEGY: "Reasonable cause to suspect significant harm: strategy discussion.",
    DecisionOutcome.POLICE: "Police investigating; social care to be told of the outcome.",
    DecisionOutcome.SCHOOL_SUPPORT: "School to manage with a risk assessment and safety plan.",
}


def _outcome(rng, case, child):
    inc = case.incident
    kinds = set(inc.sexual_violence_kinds)
    o = DecisionOutcome
    if child.role == InvolvementRole.WITNESS:
        pairs = [(o.NFA, 3), (o.UNIVERSAL, 2)]
    elif child.role == InvolvementRole.HARMED:
        if kinds & {SexualViolenceKind.RAPE, SexualViolenceKind.ASSAULT_BY_PENETRATION}:
            pairs = [(o.STRATEGY, 75), (o.POLICE, 15), (o.ASSESSMENT, 10)]
        elif kinds or AbuseForm.CAUSING_SEXUAL_ACTIVITY in inc.forms:
            pairs = [(o.STRATEGY, 40), (o.ASSESSMENT, 30), (o.POLICE, 15), (o.SCHOOL_SUPPORT, 15)]
        elif AbuseForm.IMAGE_SHARING in inc.forms:
            pairs = [(o.SCHOOL_SUPPORT, 35), (o.POLICE, 25), (o.ASSESSMENT, 25), (o.STRATEGY, 15)]
        else:
            pairs = [(o.SCHOOL_SUPPORT, 45), (o.EARLY_HELP, 20), (o.ASSESSMENT, 15),
                     (o.UNIVERSAL, 10), (o.NFA, 10)]  # fmt: skip
    elif kinds:
        pairs = [(o.STRATEGY, 45), (o.ASSESSMENT, 35), (o.EARLY_HELP, 10), (o.SCHOOL_SUPPORT, 10)]
    else:
        pairs = [(o.ASSESSMENT, 25), (o.SCHOOL_SUPPORT, 40), (o.EARLY_HELP, 20), (o.NFA, 15)]
    outcome = _weighted(rng, pairs)
    if outcome == o.POLICE and not inc.referred_to_police:
        outcome = o.ASSESSMENT
    return outcome


def _mash(b: _Build, cases: list[Case]) -> None:
    rng = b.rng
    children = [c for case in cases for c in case.children]
    key, good = _by_case
    b.pick("harmer_not_considered", [c for c in children if c.role in HARMERS], key=key, good=good)
    main = [c for c in children if c.role != InvolvementRole.WITNESS]
    b.pick("views_not_recorded", main, key=key, good=good)
    b.pick("carer_views_not_recorded", main, key=key, good=good)
    b.pick("outcome_not_recorded", cases, key=lambda c: c.period, good=lambda c: c.good)
    report_outcomes = [(ReportOutcome.SUBSTANTIATED, 50), (ReportOutcome.UNSUBSTANTIATED, 35),
                       (ReportOutcome.UNFOUNDED, 10), (ReportOutcome.FALSE, 3), (ReportOutcome.MALICIOUS, 2)]  # fmt: skip
    for case in cases:
        recorded = "" if b.fails("outcome_not_recorded", case) else _weighted(rng, report_outcomes)
        for child in case.children:
            considered = not b.fails("harmer_not_considered", child)
            views = child.role == InvolvementRole.WITNESS or not b.fails(
                "views_not_recorded", child
            )
            carers = child.role != InvolvementRole.WITNESS and not b.fails(
                "carer_views_not_recorded", child
            )
            child.inv = Involvement(
                incident=case.incident, person=child.person, role=child.role,
                views_and_wishes=VIEWS[child.role] if views and considered else "",
                carer_views=CARER_VIEWS if carers and considered else "",
                vulnerabilities="Autism diagnosis; needs information in writing."
                if child.person.has_send else "",
                report_outcome=recorded if child.role != InvolvementRole.WITNESS else "",
                outcome="Support in place; case closed." if recorded else "",
                mash_received_at=case.incident.reported_at if considered else None,
                mash_stage=MashStage.DECIDED if considered else "",
                rag=_weighted(rng, [(Rag.RED, 4), (Rag.AMBER, 5), (Rag.GREEN, 1)]) if considered else "",
            )  # fmt: skip
    Involvement.objects.bulk_create([c.inv for c in children], batch_size=1000)
    b.rows[Involvement] = [c.inv for c in children]
    decided = [c for c in children if c.inv.mash_received_at is not None]
    b.pick("late_decision", decided, key=key, good=good)
    for child in decided:
        received = child.inv.mash_received_at
        due = b.book.due_date(clock="referral_decision", start=received)
        if b.fails("late_decision", child):
            on = b.wd(due, _weighted(rng, [(1, 4), (2, 3), (3, 2), (5, 2), (8, 1), (15, 1)]))
        else:
            on = received.date() if rng.random() < 0.4 else due
        at = dt.datetime.combine(
            on, dt.time(rng.randint(9, 17), rng.choice([0, 30])), tzinfo=LONDON
        )
        at = max(at, received + dt.timedelta(minutes=30))
        outcome = _outcome(rng, child.case, child)
        child.decision = Decision(
            involvement=child.inv, outcome=outcome, reasons=REASONS[outcome],
            decided_by=rng.choice(b.mash), decided_at=at, signed_off_by=rng.choice(b.managers),
            signed_off_at=at + dt.timedelta(hours=rng.randint(1, 20)),
        )  # fmt: skip
    Decision.objects.bulk_create([c.decision for c in decided], batch_size=1000)
    b.rows[Decision] = [c.decision for c in decided]


# Strategy discussions, section 47 enquiries and the police ---------------------------------


def _strategy(b: _Build, cases: list[Case]) -> None:
    rng, ctx, fake = b.rng, b.ctx, b.fake
    wanted = [
        c
        for c in cases
        if any(x.decision and x.decision.outcome == DecisionOutcome.STRATEGY for x in c.children)
    ]
    b.pick("no_strategy_discussion", wanted, key=lambda c: c.period, good=lambda c: c.good)
    held = [c for c in wanted if not b.fails("no_strategy_discussion", c)]
    b.pick("no_education_at_strategy", held, key=lambda c: c.period, good=lambda c: c.good)
    discussions, attendees, members, s47s = [], [], [], []
    through = StrategyDiscussion.involvements.through
    for case in held:
        inc = case.incident
        about = [
            x
            for x in case.children
            if x.decision and x.decision.outcome == DecisionOutcome.STRATEGY
        ]
        first = min(x.decision.decided_at.date() for x in about)
        on = b.wd(first, rng.choice([0, 0, 1, 1, 2, 4]))
        rape = set(inc.sexual_violence_kinds) & {
            SexualViolenceKind.RAPE,
            SexualViolenceKind.ASSAULT_BY_PENETRATION,
        }
        s47 = rng.random() < (0.8 if rape else 0.45)
        outcome = StrategyOutcome.SECTION_47 if s47 else _weighted(
            rng, [(StrategyOutcome.NO_SECTION_47, 4), (StrategyOutcome.FURTHER_INFORMATION, 1)])  # fmt: skip
        sd = StrategyDiscussion(
            incident=inc, held_on=on, outcome=outcome, chaired_by=rng.choice(b.managers),
            recorded_by=rng.choice(b.mash),
            outcome_notes="Section 47 enquiry for each child discussed; joint visit with police."
            if s47 else "Single-agency support; school to update its risk assessment.",
        )  # fmt: skip
        discussions.append((sd, about))
        people = [(ctx.agencies["la"], "Team manager, MASH"), (ctx.agencies["la"], "Social worker")]
        if inc.referred_to_police:
            people.append(
                (ctx.agencies["police"], "Detective constable, child abuse investigation")
            )
        if not b.fails("no_education_at_strategy", case):
            people.append((case.school, "Designated safeguarding lead"))
        if rng.random() < 0.4:
            people.append((ctx.agencies["trust"], "School nurse"))
        attendees.append([(agency, role) for agency, role in people])
    StrategyDiscussion.objects.bulk_create([sd for sd, _ in discussions], batch_size=500)
    for (sd, about), people in zip(discussions, attendees, strict=True):
        for x in about:
            members.append(through(strategydiscussion=sd, involvement=x.inv))
        b.rows[StrategyAttendee] += [
            StrategyAttendee(discussion=sd, agency=agency, name=fake.name(), role=role)
            for agency, role in people
        ]
        if sd.outcome == StrategyOutcome.SECTION_47:
            s47s += [(sd, x) for x in about]
    through.objects.bulk_create(members, batch_size=1000)
    StrategyAttendee.objects.bulk_create(b.rows[StrategyAttendee], batch_size=1000)
    b.rows[StrategyDiscussion] = [sd for sd, _ in discussions]
    _section47(b, s47s)


def _section47(b: _Build, s47s) -> None:
    rng = b.rng
    key = lambda pair: period_of(pair[0].held_on)  # noqa: E731
    good = lambda pair: pair[0].incident.pk in b.good_incidents  # noqa: E731
    b.pick("assessment_late", s47s, key=key, good=good)
    conferences = [pair for pair in s47s if rng.random() < 0.6]
    b.pick("icpc_late", conferences, key=key, good=good)
    conferenced = {id(pair) for pair in conferences}
    rows = []
    for pair in s47s:
        sd, child = pair
        started = sd.held_on
        received = child.inv.mash_received_at.date()
        began = b.wd(started, rng.choice([0, 0, 1, 2]))
        late = b.fails("assessment_late", pair)
        done = b.wd(received, rng.randint(50, 90) if late else rng.randint(20, 45))
        s = Section47Enquiry(
            involvement=child.inv, strategy_discussion=sd, started_on=started,
            assessment_started_on=began, assessment_completed_on=max(done, began),
        )  # fmt: skip
        if id(pair) in conferenced:
            s.icpc_held_on = b.wd(
                started, rng.randint(17, 35) if b.fails("icpc_late", pair) else rng.randint(8, 15)
            )
            s.cp_plan = rng.random() < 0.55
            if s.cp_plan:
                s.category_of_abuse = CategoryOfAbuse.SAB
                s.first_review_held_on = b.cal.previous_working_day(add_months(s.icpc_held_on, 3))
        rows.append(s)
    Section47Enquiry.objects.bulk_create(rows, batch_size=1000)
    b.rows[Section47Enquiry] = rows


def _police(b: _Build, cases: list[Case]) -> None:
    rng = b.rng
    rows = []
    for n, case in enumerate(cases):
        inc = case.incident
        if not inc.referred_to_police:
            continue
        outcome = _weighted(
            rng,
            [(PoliceOutcome.OUTCOME_21, 25), (PoliceOutcome.NFA, 25), (PoliceOutcome.OUTCOME_22, 15),
             (PoliceOutcome.CHARGE, 15), (PoliceOutcome.COMMUNITY_RESOLUTION, 10), (PoliceOutcome.CAUTION, 10)],
        )  # fmt: skip
        outcome_on = inc.occurred_on + dt.timedelta(days=rng.randint(30, 300))
        sgii = SgiiCategory.NOT_APPLICABLE
        if AbuseForm.IMAGE_SHARING in inc.forms:
            sgii = _weighted(rng, [(SgiiCategory.AGGRAVATED, 3), (SgiiCategory.NON_AGGRAVATED, 5),
                                   (SgiiCategory.REPEATED, 1)])  # fmt: skip
        reference = f"MP/{inc.reported_at:%y}/{10000 + n * 37:05d}"
        for child in case.children:
            role = {
                InvolvementRole.HARMED: PoliceRole.VICTIM,
                InvolvementRole.HARMED_OTHERS: PoliceRole.SUSPECT,
                InvolvementRole.BOTH: PoliceRole.PERSON_INVOLVED,
                InvolvementRole.WITNESS: PoliceRole.WITNESS,
            }[child.role]
            rows.append(
                PoliceInvestigation(
                    involvement=child.inv,
                    crime_reference=reference,
                    outcome=outcome,
                    outcome_on=outcome_on,
                    sgii_category=sgii,
                    police_role=role,
                )  # fmt: skip
            )
    PoliceInvestigation.objects.bulk_create(rows, batch_size=1000)
    b.rows[PoliceInvestigation] = rows


# Each child's plans and harmful sexual behaviour assessments --------------------------------

PLAN_TEXT = {
    InvolvementRole.HARMED: "Named adult to go to; moves between lessons supervised; seating and bus arrangements changed.",
    InvolvementRole.HARMED_OTHERS: "Separate lessons and breaks from the other child; staff supervision at transitions; no contact online.",
    InvolvementRole.BOTH: "Supervision at break; work on respectful relationships with the school nurse.",
}  # fmt: skip


def _plans(b: _Build, cases: list[Case]) -> None:
    rng, la = b.rng, b.ctx.agencies["la"]
    harmers = [x for case in cases for x in case.harmers()]
    b.pick("no_harmer_safety_plan", harmers, key=_by_case[0], good=_by_case[1])
    plans = []
    for case in cases:
        owner_agency = case.school if case.school.pk in b.dsl else la
        owner = b.dsl.get(case.school.pk) or b.mash[0]
        for child in case.children:
            if child.role == InvolvementRole.WITNESS:
                continue
            if child.role in HARMERS and b.fails("no_harmer_safety_plan", child):
                continue
            if child.role == InvolvementRole.HARMED and not case.good and rng.random() < 0.1:
                continue
            agreed = max(case.incident.occurred_on, b.wd(case.day, rng.choice([0, 1, 1, 2, 3, 5])))
            kinds = [PlanKind.SAFETY]
            if agreed >= KCSIE_2018 and (case.good or rng.random() < 0.6):
                kinds.insert(0, PlanKind.RISK_AND_NEEDS)
            for kind in kinds:
                text = PLAN_TEXT[child.role]
                risk = kind == PlanKind.RISK_AND_NEEDS
                plans.append(
                    (case, Plan(
                        involvement=child.inv, kind=kind, summary=text, owner_agency=owner_agency,
                        owner_user=owner, recorded_by=owner, agreed_on=agreed,
                        next_review_on=b.book.due_date(clock="school_risk_assessment_review", start=agreed),
                        victim_support="Named adult, counselling, changes to timetable." if risk else "",
                        alleged_perpetrator="Separate timetable; supervision; referral for HSB assessment." if risk else "",
                        other_children="Friends in the year group supported; no retaliation online." if risk else "",
                        time_and_place="Bus stop and back stairs supervised at the end of the day." if risk else "",
                    ))
                )  # fmt: skip
    b.pick("plan_never_reviewed", plans, key=lambda p: p[0].period, good=lambda p: p[0].good)
    reviews = []
    for pair in plans:
        plan = pair[1]
        if b.fails("plan_never_reviewed", pair):
            continue  # still "in place" in the record, its review long overdue
        on = plan.next_review_on
        count = rng.choice([1, 2, 2, 3])
        for k in range(count):
            last = k == count - 1
            nxt = None if last else b.book.due_date(clock="school_risk_assessment_review", start=on)
            reviews.append(
                PlanReview(plan=plan, reviewed_on=on, by=plan.owner_user, closed_plan=last, next_review_on=nxt,
                           notes="No further incidents; the young person feels safe. Plan closed."
                           if last else "Plan working; contact arrangements kept for another half term.")
            )  # fmt: skip
            if last:
                plan.status, plan.next_review_on = PlanStatus.CLOSED, None
                break
            on = nxt
    Plan.objects.bulk_create([p for _, p in plans], batch_size=1000)
    PlanReview.objects.bulk_create(reviews, batch_size=1000)
    b.rows[Plan], b.rows[PlanReview] = [p for _, p in plans], reviews


def _hsb(b: _Build, cases: list[Case]) -> None:
    rng = b.rng
    harmers = [x for case in cases for x in case.harmers()]
    b.pick("no_hsb_assessment", harmers, key=_by_case[0], good=_by_case[1])
    rows = []
    for child in harmers:
        if b.fails("no_hsb_assessment", child):
            continue
        on = b.wd(child.case.day, rng.randint(5, 30))
        age = _age(child.person, on)
        tool = _weighted(rng, [(HsbTool.AIM3, 4 if 12 <= age < 18 else 0), (HsbTool.BROOK, 3),
                               (HsbTool.HACKETT, 3)])  # fmt: skip
        a = HsbAssessment(
            involvement=child.inv, tool=tool, assessed_on=on, assessor=rng.choice(b.assessors)
        )
        if tool == HsbTool.HACKETT:
            a.hackett_category = _weighted(rng, [(HackettCategory.INAPPROPRIATE, 2), (HackettCategory.PROBLEMATIC, 4),
                                                 (HackettCategory.ABUSIVE, 3), (HackettCategory.VIOLENT, 1)])  # fmt: skip
        elif tool == HsbTool.BROOK:
            a.traffic_light = _weighted(rng, [(TrafficLight.AMBER, 2), (TrafficLight.RED, 3)])
            a.tlt_age_band = TltAgeBand.AGE_9_13 if age <= 12 else TltAgeBand.AGE_13_17
        else:
            a.aim3_assessor_name = b.fake.name()
            a.aim3_trained = rng.random() < 0.85
            a.aim3_domains_summary = "Concerns: sexual knowledge, peer group. Strengths: family support, school engagement."
            a.aim3_formulation = (
                "Opportunistic behaviour in a peer group; low sustained risk with supervision."
            )
            a.aim3_supervision_level = _weighted(rng, [("Low", 3), ("Medium", 2), ("High", 1)])
            a.aim3_review_on = add_months(on, 6)
        rows.append(a)
    HsbAssessment.objects.bulk_create(rows, batch_size=1000)
    b.rows[HsbAssessment] = rows


def build(ctx) -> None:
    b = _Build(ctx)
    _cohort(b)
    Address.objects.bulk_create(b.rows[Address], batch_size=2000)
    Identifier.objects.bulk_create(b.rows[Identifier], batch_size=2000)
    cases = _incidents(b)
    b.good_incidents = {c.incident.pk for c in cases if c.good}
    _mash(b, cases)
    _police(b, cases)
    _strategy(b, cases)
    _plans(b, cases)
    _hsb(b, cases)
    for model, rows in b.rows.items():
        record_bulk_create(
            model=model,
            count=len(rows),
            note="Synthetic demo data: historic incidents 2017-2019",
            partnership_id=b.p.pk,
        )
    ctx.historic_incidents = [c.incident for c in cases]
