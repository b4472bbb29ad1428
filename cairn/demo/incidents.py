"""Demo step: three years of child-on-child incidents in Marlshire, with the patterns a
partnership would want to spot (all synthetic):

- a school with a cluster of sexual harassment reports,
- a rising trend of nude-image sharing on one platform,
- children involved more than once, one of them across two schools,
- most MASH decisions on time, some late, a few still waiting (some overdue).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.audit.services import record_bulk_create
from cairn.clocks.selectors import clock_book
from cairn.incidents.choices import (
    AbuseForm,
    ContextKind,
    DecisionOutcome,
    InvolvementRole,
    MashStage,
    Rag,
    ReferralSource,
)
from cairn.incidents.models import Context, Decision, Incident, Involvement
from cairn.people.models import Person

LONDON = ZoneInfo("Europe/London")
START = dt.date(2023, 12, 1)
END = dt.date(2026, 11, 20)
PLACES = [
    "Marlbridge skate park",
    "Ashcombe bus station",
    "Kingsmere recreation ground",
    "Stourleigh retail park",
]
PLATFORMS = ["Snapchat", "Instagram", "TikTok", "WhatsApp", "Discord"]
FORM_WEIGHTS = [
    (AbuseForm.SEXUAL_HARASSMENT, 28), (AbuseForm.IMAGE_SHARING, 20), (AbuseForm.PHYSICAL, 15),
    (AbuseForm.BULLYING, 15), (AbuseForm.SEXUAL_VIOLENCE, 10), (AbuseForm.RELATIONSHIP, 6),
    (AbuseForm.UPSKIRTING, 3), (AbuseForm.INITIATION, 2), (AbuseForm.CAUSING_SEXUAL_ACTIVITY, 1),
]  # fmt: skip
NARRATIVES = {
    AbuseForm.SEXUAL_HARASSMENT: "A pupil reported repeated sexual comments from another pupil in lessons and online.",
    AbuseForm.IMAGE_SHARING: "A pupil said an image of them was shared without consent in a group chat on {platform}.",
    AbuseForm.PHYSICAL: "Two pupils were involved in a fight; one was hurt and went to the school nurse.",
    AbuseForm.BULLYING: "A pupil and their parent reported name-calling and exclusion over several weeks.",
    AbuseForm.SEXUAL_VIOLENCE: "A young person disclosed to a trusted adult that another young person touched them sexually without consent.",
    AbuseForm.RELATIONSHIP: "A young person described controlling behaviour by their boyfriend, including checking their phone.",
    AbuseForm.UPSKIRTING: "A pupil saw another pupil take a photo under a classmate's skirt on the stairs.",
    AbuseForm.INITIATION: "New members of a sports team were made to take part in a humiliating ritual.",
    AbuseForm.CAUSING_SEXUAL_ACTIVITY: "A young person said they were pressured by an older pupil to send sexual images of themselves.",
}


def _weighted(rng, pairs):
    pool = [value for value, weight in pairs for _ in range(weight)]
    return rng.choice(pool)


def _contexts(ctx):
    p = ctx.partnership
    schools = {
        s.pk: Context(partnership=p, kind=ContextKind.SCHOOL, name=s.name, school=s)
        for s in ctx.schools
    }
    places = [
        Context(partnership=p, kind=ContextKind.NEIGHBOURHOOD, name=n, area=n.split()[0])
        for n in PLACES
    ]
    online = {
        pl: Context(partnership=p, kind=ContextKind.ONLINE, name=f"{pl} (online)", platform=pl)
        for pl in PLATFORMS
    }
    Context.objects.bulk_create([*schools.values(), *places, *online.values()])
    return schools, places, online


def _report_moment(rng, day):
    return dt.datetime.combine(
        day, dt.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=LONDON
    )


def build(ctx) -> None:
    rng = ctx.rng
    schools, places, online = _contexts(ctx)
    secondary = [s for s in ctx.schools if "Primary" not in s.name]
    cluster_school = secondary[0]
    pupils_by_school: dict[int, list[Person]] = {}
    for person in Person.objects.filter(partnership=ctx.partnership, school__isnull=False).order_by(
        "pk"
    ):
        pupils_by_school.setdefault(person.school_id, []).append(person)
    repeat_children = [rng.choice(pupils_by_school[cluster_school.pk]) for _ in range(3)]
    mover = repeat_children[0]  # appears at a second school later on
    book = clock_book(partnership=ctx.partnership)
    mash_users = [
        u
        for u, _ in ctx.users
        if u.partnership_id == ctx.partnership.pk and u.has_role(Role.MASH_PRACTITIONER)
    ]
    managers = [
        u
        for u, _ in ctx.users
        if u.partnership_id == ctx.partnership.pk and u.has_role(Role.MASH_MANAGER)
    ]
    police = ctx.agencies["police"]
    incidents, involvements, decisions, links = [], [], [], []
    days = (END - START).days
    n = max(12, round(300 * ctx.scale))
    today = timezone.localdate()
    for i in range(n):
        day = START + dt.timedelta(days=rng.randint(0, days))
        if i >= n - 4:  # a few recent referrals still waiting in the MASH queue
            day = today - dt.timedelta(days=rng.randint(0, 4))
        school = cluster_school if rng.random() < 0.25 else rng.choice(secondary)
        form = (
            AbuseForm.SEXUAL_HARASSMENT
            if school == cluster_school and rng.random() < 0.5
            else _weighted(rng, FORM_WEIGHTS)
        )
        platform = ""
        if form == AbuseForm.IMAGE_SHARING or rng.random() < 0.2:
            trend = day.year >= 2025 and rng.random() < 0.6
            platform = "Snapchat" if trend else rng.choice(PLATFORMS)
        reported = _report_moment(rng, day)
        reporter = _weighted(rng, [("school", 60), ("police", 20), ("health", 10), ("family", 10)])
        agency, source = {
            "school": (school, ReferralSource.SCHOOLS),
            "police": (police, ReferralSource.POLICE),
            "health": (ctx.agencies["trust"], ReferralSource.SCHOOL_NURSE),
            "family": (ctx.agencies["la"], ReferralSource.FAMILY),
        }[reporter]
        incident = Incident(
            partnership=ctx.partnership, reported_at=reported,
            occurred_on=day - dt.timedelta(days=rng.randint(0, 6)), forms=[form],
            sexual_violence_kinds=[rng.choice(["sexual_assault", "sexual_assault", "assault_by_penetration", "rape"])]
            if form == AbuseForm.SEXUAL_VIOLENCE else [],
            online_element=bool(platform), narrative=NARRATIVES[form].format(platform=platform or "a messaging app"),
            reporting_agency=agency, reporter_role="Designated safeguarding lead" if reporter == "school" else "",
            referral_source=source,
            referred_to_police=reporter == "police" or form in (AbuseForm.SEXUAL_VIOLENCE, AbuseForm.CAUSING_SEXUAL_ACTIVITY),
        )  # fmt: skip
        incidents.append(incident)
        pool = pupils_by_school.get(school.pk) or rng.choice(list(pupils_by_school.values()))
        harmed, harming = rng.sample(pool, 2)
        if i % 15 == 0:
            harming = repeat_children[i % 3]
        if i % 40 == 7:
            harmed = mover
        if harming == harmed:  # an override picked the same child twice (no rng: same data)
            harming = next(p for p in pool if p != harmed)
        children = [(harmed, InvolvementRole.HARMED), (harming, InvolvementRole.HARMED_OTHERS)]
        if rng.random() < 0.15:
            witness = rng.choice(pool)
            if witness not in (harmed, harming):
                children.append((witness, InvolvementRole.WITNESS))
        links.append((incident, school, platform, children))
    Incident.objects.bulk_create(incidents, batch_size=500)
    through = Incident.contexts.through
    context_links = []
    for incident, school, platform, children in links:
        context_links.append(through(incident=incident, context=schools[school.pk]))
        if platform:
            context_links.append(through(incident=incident, context=online[platform]))
        elif rng.random() < 0.15:
            context_links.append(through(incident=incident, context=rng.choice(places)))
        for person, role in children:
            involvements.append(
                Involvement(
                    incident=incident,
                    person=person,
                    role=role,
                    mash_received_at=incident.reported_at,
                    mash_stage=MashStage.CONTACT,
                    rag=_weighted(rng, [(Rag.RED, 2), (Rag.AMBER, 5), (Rag.GREEN, 3)]),
                    views_and_wishes="Wants the other pupil kept away from their lessons."
                    if role == InvolvementRole.HARMED
                    else "",
                )  # fmt: skip
            )
    through.objects.bulk_create(context_links, batch_size=1000)
    Involvement.objects.bulk_create(involvements, batch_size=1000)
    for inv in involvements:
        received = inv.mash_received_at
        if received.date() >= today - dt.timedelta(days=4):
            continue  # still waiting: some of these are overdue in the MASH queue
        due = book.due_date(clock="referral_decision", start=received)
        late_by = rng.choice([0] * 17 + [1, 2, 4])
        decided_on = book.calendar.add_working_days(due, late_by) if late_by else due
        decided_at = dt.datetime.combine(decided_on, dt.time(rng.randint(9, 16), 0), tzinfo=LONDON)
        outcome = _outcome_for(rng, inv)
        decisions.append(
            Decision(
                involvement=inv,
                outcome=outcome,
                reasons=REASONS[outcome],
                decided_by=rng.choice(mash_users),
                decided_at=decided_at,
                signed_off_by=rng.choice(managers),
                signed_off_at=decided_at + dt.timedelta(hours=rng.randint(1, 20)),
            )  # fmt: skip
        )
        inv.mash_stage = MashStage.DECIDED
    Involvement.objects.bulk_update(
        [i for i in involvements if i.mash_stage == MashStage.DECIDED], ["mash_stage"]
    )
    Decision.objects.bulk_create(decisions, batch_size=1000)
    pid = ctx.partnership.pk
    for model, rows in ((Incident, incidents), (Involvement, involvements), (Decision, decisions)):
        record_bulk_create(
            model=model, count=len(rows), note="Synthetic demo data", partnership_id=pid
        )
    decided = sum(1 for i in involvements if i.mash_stage == MashStage.DECIDED)
    record_bulk_create(
        model=Involvement,
        count=decided,
        note="Synthetic demo data: MASH stage set to decided",
        partnership_id=ctx.partnership.pk,
    )
    ctx.incidents = incidents


REASONS = {
    DecisionOutcome.NFA: "No safeguarding concerns beyond the incident; school is managing it.",
    DecisionOutcome.UNIVERSAL: "Signposted to the school nurse and a youth counselling service.",
    DecisionOutcome.EARLY_HELP: "Family agreed to early help; needs are below the threshold for social care.",
    DecisionOutcome.ASSESSMENT: "Child and family assessment needed to understand risks at home and school.",
    DecisionOutcome.STRATEGY: "Reasonable cause to suspect significant harm: strategy discussion with police and school.",
    DecisionOutcome.POLICE: "Police to investigate; social care to be updated on the outcome.",
    DecisionOutcome.SCHOOL_SUPPORT: "School to manage with a risk assessment and safety plan, with MASH advice.",
}


def _outcome_for(rng, inv):
    serious = inv.incident.forms[0] in (
        AbuseForm.SEXUAL_VIOLENCE,
        AbuseForm.CAUSING_SEXUAL_ACTIVITY,
    )
    if inv.role == InvolvementRole.WITNESS:
        return rng.choice([DecisionOutcome.NFA, DecisionOutcome.UNIVERSAL])
    if serious:
        return rng.choice(
            [DecisionOutcome.STRATEGY, DecisionOutcome.POLICE, DecisionOutcome.ASSESSMENT]
        )
    return _weighted(
        rng,
        [(DecisionOutcome.SCHOOL_SUPPORT, 5), (DecisionOutcome.EARLY_HELP, 3), (DecisionOutcome.NFA, 2),
         (DecisionOutcome.UNIVERSAL, 2), (DecisionOutcome.ASSESSMENT, 1)],
    )  # fmt: skip
