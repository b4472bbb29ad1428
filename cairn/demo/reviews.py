"""Demo step: reviews, recommendations, action plans and the bodies that govern them.

All synthetic, built on the incidents step:

- five governance bodies (Joint Case Review Group with every agency, Partnership Executive,
  Children's Services Scrutiny Committee, Cabinet, Improvement Board with an independent chair);
- a local CSPR ("Child T") on a child-on-child incident, along its whole statutory route, with
  findings, learning themes and accepted recommendations approved by the executive;
- its multi-agency plan and single-agency plans (police, health, a school, children's
  services) with actions at every stage: complete with evidence of completion and of impact
  (what young people and families said), in progress, overdue, proposed for closure;
- a rapid review still in progress ("Child W") with a recommendation awaiting a decision;
- a scrutiny review of the MASH's handling of child-on-child sexual abuse referrals, January
  2017 to November 2019: committee recommendations agreed by the committee, approved by
  cabinet with a decision reference;
- a four-year improvement plan with workstreams under the improvement board;
- past meetings with minutes and decisions, and the review group's next meeting with its
  agenda proposed from what is due (``cairn.actionplans.agenda.agenda_propose``).

Dates of plans and meetings count from the day of the build, so that there are always
overdue, at-risk and due actions; everything else is fixed by the seed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cairn.actionplans.agenda import agenda_propose
from cairn.actionplans.models import (
    ActionPlan,
    ActionStatus,
    Evidence,
    EvidenceKind,
    EvidenceSource,
    PlanAction,
    PlanKind,
    PlanStatus,
    ProgressUpdate,
    Workstream,
)
from cairn.clocks.calendar import add_months
from cairn.clocks.selectors import clock_book
from cairn.demo.historic import SEXUAL_FORMS
from cairn.governance.models import (
    AgendaItem,
    AgendaItemKind,
    BodyDecision,
    BodyKind,
    BodyMember,
    GovernanceBody,
    Meeting,
    MeetingStatus,
    MemberRole,
)
from cairn.incidents.choices import AbuseForm, InvolvementRole
from cairn.incidents.models import Involvement
from cairn.reviews.models import (
    Finding,
    HarmNature,
    LearningTheme,
    MilestoneKind,
    PanelResponse,
    Recommendation,
    RecommendationResponse,
    RecommendationScope,
    RecommendationSource,
    Review,
    ReviewDecision,
    ReviewKind,
    ReviewMilestone,
    ReviewStatus,
)
from cairn.reviews.services import learning_themes_seed

DOMAIN = "marlshire.example"
VENUE = "Marlshire County Hall, Committee Room 2"


class _Story:
    """What the step builds, shared between its parts."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.p = ctx.partnership
        self.today = timezone.localdate()
        self.book = clock_book(partnership=self.p)
        self.users = {u.email.split("@")[0]: u for u, _ in ctx.users if u.email.endswith(DOMAIN)}
        self.officer = self.users["partnership.officer"]
        self.bodies: dict[str, GovernanceBody] = {}
        self.upcoming = self.on_or_after(self.today + dt.timedelta(days=14))

    def wd(self, day, n):
        return self.book.calendar.add_working_days(day, n)

    def on_or_after(self, day):
        return self.book.calendar.next_working_day(day - dt.timedelta(days=1))

    def on_or_before(self, day):
        return self.book.calendar.previous_working_day(day + dt.timedelta(days=1))

    def name(self):
        return self.ctx.fake.name()

    def decide(self, body, on, summary, *, reference="", meeting=None):
        return BodyDecision.objects.create(
            partnership=self.p, body=body, meeting=meeting, decided_on=on, reference=reference,
            summary=summary, recorded_by=self.officer,
        )  # fmt: skip


# Governance bodies ---------------------------------------------------------------------


def _member(body, name, role=MemberRole.MEMBER, *, user=None, agency=None, joined_on=None):
    return BodyMember.objects.create(
        body=body, user=user, name=name, email=user.email if user else "",
        agency=agency or (user.agency if user else None), role=role, joined_on=joined_on,
    )  # fmt: skip


def _bodies(s: _Story) -> None:
    ag, u = s.ctx.agencies, s.users
    chair = u["review.chair"]
    group = GovernanceBody.objects.create(
        partnership=s.p, name="Joint Case Review Group", kind=BodyKind.REVIEW_GROUP,
        purpose="Senior representatives of every agency: rapid reviews, CSPRs, and monitoring "
        "of review action plans until there is evidence of impact.",
        chair_name=chair.get_full_name(), meets_every_months=2,
    )  # fmt: skip
    _member(group, chair.get_full_name(), MemberRole.CHAIR, user=chair)
    for key in ("police.officer", "health.nurse", "yjs.worker", "mash.manager"):
        _member(group, u[key].get_full_name(), user=u[key])
    for key in ("icb", "vcs", "sass"):
        _member(group, s.name(), agency=ag[key])
    _member(group, u["dsl1"].get_full_name(), user=u["dsl1"])
    _member(group, s.officer.get_full_name(), MemberRole.SECRETARIAT, user=s.officer)

    executive = GovernanceBody.objects.create(
        partnership=s.p, name="Partnership Executive", kind=BodyKind.PARTNERSHIP_EXECUTIVE,
        purpose="The three statutory safeguarding partners' lead representatives.",
        chair_name=s.name(), meets_every_months=3,
    )  # fmt: skip
    _member(executive, executive.chair_name, MemberRole.CHAIR, agency=ag["la"])
    _member(executive, s.name(), agency=ag["police"])
    _member(executive, s.name(), agency=ag["icb"])
    _member(executive, u["auditor"].get_full_name(), MemberRole.ADVISER, user=u["auditor"])
    _member(executive, s.officer.get_full_name(), MemberRole.SECRETARIAT, user=s.officer)

    councillors = [f"Councillor {s.name()}" for _ in range(9)]
    scrutiny = GovernanceBody.objects.create(
        partnership=s.p, name="Children's Services Scrutiny Committee",
        kind=BodyKind.SCRUTINY_COMMITTEE, chair_name=councillors[0], meets_every_months=2,
        purpose="Marlshire County Council's overview and scrutiny of children's services.",
    )  # fmt: skip
    _member(scrutiny, councillors[0], MemberRole.CHAIR, joined_on=dt.date(2017, 5, 18))
    _member(scrutiny, councillors[1], MemberRole.VICE_CHAIR, joined_on=dt.date(2017, 5, 18))
    for c in councillors[2:6]:
        _member(scrutiny, c, joined_on=dt.date(2017, 5, 18))
    cabinet = GovernanceBody.objects.create(
        partnership=s.p, name="Cabinet", kind=BodyKind.CABINET, chair_name=councillors[6],
        purpose="Marlshire County Council's executive: the Leader and cabinet members.",
    )  # fmt: skip
    _member(cabinet, councillors[6], MemberRole.CHAIR, joined_on=dt.date(2017, 5, 18))
    _member(cabinet, f"{councillors[7]} (children's services)", joined_on=dt.date(2017, 5, 18))
    _member(cabinet, councillors[8], joined_on=dt.date(2017, 5, 18))
    board = GovernanceBody.objects.create(
        partnership=s.p, name="Improvement Board", kind=BodyKind.IMPROVEMENT_BOARD,
        chair_name=s.name(), chair_is_independent=True, meets_every_months=2,
        purpose="Oversees the four-year children's services improvement plan.",
    )  # fmt: skip
    _member(board, board.chair_name, MemberRole.CHAIR)
    _member(board, s.name(), agency=ag["la"])
    _member(board, s.name(), agency=ag["police"])
    _member(board, s.name(), agency=ag["icb"])
    _member(board, s.officer.get_full_name(), MemberRole.SECRETARIAT, user=s.officer)
    s.bodies = {
        "group": group,
        "executive": executive,
        "scrutiny": scrutiny,
        "cabinet": cabinet,
        "board": board,
    }


def _meeting(s, body, held_on, minutes="", *, items=()):
    past = held_on <= s.today
    meeting = Meeting.objects.create(
        partnership=s.p, body=body, held_on=held_on, location=VENUE,
        status=MeetingStatus.HELD if past else MeetingStatus.PLANNED,
        minutes=minutes, minutes_approved_on=held_on + dt.timedelta(days=14)
        if past and held_on + dt.timedelta(days=14) <= s.today else None,
    )  # fmt: skip
    for n, (kind, title, subject) in enumerate(items, 1):
        AgendaItem.objects.create(
            meeting=meeting, order=n, kind=kind, title=title,
            subject_type_id=_ct(subject), subject_id=subject.pk if subject else None,
        )  # fmt: skip
    return meeting


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk if obj is not None else None


# The local CSPR: Child T ---------------------------------------------------------------

CSPR_FINDINGS = [
    ("The young person's account was recorded, but their wish to change how they travelled "
     "to school was not acted on by any agency.", ["Voice of the child", "Safety planning for both children"]),
    ("The MASH did not hold a strategy discussion with the school present; police and school "
     "information was shared a week apart.", ["Information sharing between agencies", "Thresholds and MASH decision-making"]),
    ("Neither child had a risk assessment or safety plan at school for three weeks, although "
     "both were in the same year group.", ["Education settings' role", "Safety planning for both children"]),
    ("The child who harmed was not assessed for harmful sexual behaviour, so support to "
     "change their behaviour started late.", ["Harmful sexual behaviour assessment"]),
    ("Images were shared on a messaging app; no agency asked the platform to remove them.",
     ["Online harm", "Police and criminal justice response"]),
]  # fmt: skip

# (reference, text, scope, agency keys, findings)
CSPR_RECOMMENDATIONS = [
    ("CSPR-T/1", "The MASH should hold every strategy discussion about child-on-child sexual "
     "abuse with the school's designated safeguarding lead present.", "multi", ["la", "police", "school"], [2]),
    ("CSPR-T/2", "Schools should put a risk assessment and safety plan in place for every "
     "child involved within one school day of a report.", "multi", ["school", "la"], [3]),
    ("CSPR-T/3", "Marlshire Police should ask platforms to remove shared images within 24 "
     "hours and record the request.", "single", ["police"], [5]),
    ("CSPR-T/4", "Health practitioners should record and share the voice of every child "
     "involved, including the child who harmed.", "single", ["trust"], [1]),
    ("CSPR-T/5", "Children's services should assess harmful sexual behaviour with a recognised "
     "tool within 20 working days.", "single", ["la"], [4]),
]  # fmt: skip


def _cspr_incident(s):
    incidents = sorted(s.ctx.incidents, key=lambda i: i.pk)
    early, late = s.today - dt.timedelta(days=915), s.today - dt.timedelta(days=545)
    serious = [i for i in incidents if i.forms and i.forms[0] == AbuseForm.SEXUAL_VIOLENCE]
    for pool in (
        [i for i in serious if early <= i.occurred_on <= late],
        [i for i in incidents if early <= i.occurred_on <= late],
        serious,
        incidents,
    ):
        if pool:
            return pool[0]
    return None


def _cspr(s) -> Review:
    incident = _cspr_incident(s)
    happened = incident.occurred_on if incident else s.today - dt.timedelta(days=700)
    aware = s.wd(happened, 2)
    notified = s.wd(aware, 4)  # within the 5 working days
    rapid_held = s.wd(aware, 12)
    rapid_sent = s.wd(aware, 14)  # within the 15 working days
    panel = s.wd(rapid_sent, 15)
    commissioned = s.wd(panel, 20)
    completed = s.wd(rapid_held, 110)
    review = Review.objects.create(
        partnership=s.p, kind=ReviewKind.LOCAL_CSPR, title="Child T", status=ReviewStatus.COMPLETED,
        summary="A 14-year-old was sexually assaulted by another pupil on the way home from "
        "school; images were then shared online. The review looked at how the MASH, police, "
        "school and health services worked together in the following six weeks.",
        incident_on=happened, aware_on=aware, harm_nature=HarmNature.SERIOUS_HARM,
        notifying_authority="Marlshire County Council", home_authority="Marlshire County Council",
        notified_on=notified, partners_told_on=notified, rapid_review_held_on=rapid_held,
        rapid_review_sent_on=rapid_sent, decision=ReviewDecision.LOCAL_CSPR, decided_on=rapid_held,
        decision_rationale="The case may highlight improvements needed in how agencies work "
        "together when one child harms another, in particular school safety planning.",
        panel_response=PanelResponse.AGREES, panel_responded_on=panel,
        commissioned_on=commissioned, reviewer=f"{s.name()} (independent reviewer)",
        terms_of_reference="Six weeks from the first report: the MASH decision, the strategy "
        "discussion, safety planning at school for both children, the response to shared images.",
        completed_on=completed,
        publication_planned_on=s.book.due_date(clock="cspr_publication", start=rapid_held),
        child_age_group="10 to 15", child_gender="Female", known_to_agencies=True,
        on_child_protection_plan=False, owner=s.officer,
    )  # fmt: skip
    if incident is not None:
        review.incidents.add(incident)
        harmed = Involvement.objects.filter(
            incident=incident, role__in=[InvolvementRole.HARMED, InvolvementRole.HARMED_OTHERS]
        ).values_list("person_id", flat=True)
        review.children.add(*harmed)
    steps = [
        (MilestoneKind.MILESTONE, "Terms of reference agreed", s.wd(commissioned, 10)),
        (MilestoneKind.INFORMATION_REQUEST, "Agency chronologies received", s.wd(commissioned, 25)),
        (MilestoneKind.MILESTONE, "Practitioner learning event", s.wd(commissioned, 40)),
        (MilestoneKind.MILESTONE, "Family and young people heard", s.wd(commissioned, 45)),
        (MilestoneKind.DRAFT, "First draft to the review group", s.wd(commissioned, 60)),
        (MilestoneKind.DRAFT, "Final draft to the review group", s.wd(completed, -10)),
        (MilestoneKind.PANEL_CONTACT, "Final report sent to the national panel", completed),
    ]  # fmt: skip
    for kind, title, day in steps:
        ReviewMilestone.objects.create(
            review=review, kind=kind, title=title, due_on=day, done_on=day
        )
    return review


def _findings(s, review, texts) -> list[Finding]:
    themes = {t.name: t for t in LearningTheme.objects.filter(partnership=s.p)}
    findings = []
    for n, (text, names) in enumerate(texts, 1):
        finding = Finding.objects.create(review=review, number=n, text=text)
        finding.themes.add(*[themes[name] for name in names if name in themes])
        findings.append(finding)
    return findings


def _recommendations(s, review, specs, findings, *, source, made_on, decision, school):
    recs = {}
    agencies = {**s.ctx.agencies, "school": school}
    for ref, text, scope, keys, finding_numbers in specs:
        rec = Recommendation.objects.create(
            partnership=s.p, review=review, source=source, reference=ref, text=text,
            scope=RecommendationScope.MULTI_AGENCY if scope == "multi" else RecommendationScope.SINGLE_AGENCY,
            response=RecommendationResponse.ACCEPTED, responded_on=decision.decided_on,
            approved_by=decision, made_on=made_on,
        )  # fmt: skip
        rec.agencies.add(*[agencies[k] for k in keys])
        rec.findings.add(*[findings[n - 1] for n in finding_numbers])
        recs[ref] = rec
    return recs


# Action plans --------------------------------------------------------------------------


def _plan(s, title, kind, *, body, starts_on, months, agreed, review=None, agency=None, **more):
    return ActionPlan.objects.create(
        partnership=s.p, kind=kind, title=title, review=review, agency=agency, owner=s.officer,
        monitoring_body=body, starts_on=starts_on, ends_on=add_months(starts_on, months),
        status=PlanStatus.MONITORED, agreed_by=agreed, **more,
    )  # fmt: skip


def _action(s, plan, number, text, stage, *, agency, lead, recs=(), workstream=None, outcome=""):
    """An action at one of the stages a monitoring body sees; dates count from today."""
    t, start = s.today, plan.starts_on
    stages = {  # due, percent, completed (days from today), status
        "done": (-120, 100, -140, ActionStatus.COMPLETE),
        "closing": (20, 100, -21, ActionStatus.COMPLETE),
        "overdue": (-30, 60, None, ActionStatus.IN_PROGRESS),
        "late": (-75, 30, None, ActionStatus.IN_PROGRESS),
        "at_risk": (18, 55, None, ActionStatus.IN_PROGRESS),
        "behind": (200, 10, None, ActionStatus.IN_PROGRESS),
        "on_track": (150, 0, None, ActionStatus.IN_PROGRESS),
        "later": (420, 0, None, ActionStatus.NOT_STARTED),
        "withdrawn": (90, 20, None, ActionStatus.WITHDRAWN),
    }
    due_in, percent, done_in, status = stages[stage]
    due = t + dt.timedelta(days=due_in)
    if stage == "later":  # not due to start yet
        start = t + dt.timedelta(days=60)
    if stage == "on_track":  # keeping pace with its time
        percent = min(90, round(100 * (t - start).days / max((due - start).days, 1)) // 5 * 5)
    completed = t + dt.timedelta(days=done_in) if done_in is not None else None
    is_user = not isinstance(lead, str)
    action = PlanAction.objects.create(
        plan=plan, workstream=workstream, number=number, description=text,
        outcome_sought=outcome, lead_agency=agency, lead_user=lead if is_user else None,
        lead_name=lead.get_full_name() if is_user else lead,
        starts_on=min(start, due), due_on=due, status=status, percent_complete=percent,
        completed_on=completed, proposed_for_closure=stage == "closing",
        withdrawn_reason="Superseded: the regional protocol now covers this." if stage == "withdrawn" else "",
    )  # fmt: skip
    action.recommendations.add(*recs)
    _progress(s, action, percent, until=completed or t)
    if status == ActionStatus.COMPLETE:
        _evidence(s, action, completed)
    return action


PROGRESS = [
    "Scoped with the agencies involved; lead identified.",
    "Draft agreed by the task and finish group.",
    "Being rolled out; first teams trained.",
    "Rolled out across all teams; checking it is used.",
]


def _progress(s, action, percent, *, until):
    if percent == 0:
        return
    steps = [p for p in (25, 50, 75, percent) if p <= percent]
    steps = sorted(set(steps))
    span = max((until - action.starts_on).days, len(steps))
    for i, pc in enumerate(steps, 1):
        ProgressUpdate.objects.create(
            action=action, written_on=action.starts_on + dt.timedelta(days=span * i // len(steps)),
            text=PROGRESS[min(i - 1, len(PROGRESS) - 1)], percent_complete=pc, written_by=s.officer,
        )  # fmt: skip


IMPACT = [
    (EvidenceSource.VOICE, "Young people's panel: 9 of 11 said they knew who to tell at school "
     "and felt believed when they did. One parent said the plan 'made the bus journey safe again'."),
    (EvidenceSource.AUDIT, "Multi-agency case audit of 12 cases: the new practice was followed in 11; "
     "safety plans were in place within one school day in 10."),
    (EvidenceSource.VOICE, "Families' feedback forms (14 returned): 12 said they were kept informed; "
     "two asked for updates by text, now offered."),
    (EvidenceSource.DATA, "MASH data: strategy discussions with the school present rose from 41% "
     "to 88% of child-on-child sexual abuse referrals over two quarters."),
    (EvidenceSource.PRACTITIONERS, "Practitioner survey (63 replies): 85% confident to use the "
     "new guidance; designated safeguarding leads asked for termly refreshers."),
]  # fmt: skip
COMPLETION = [
    (EvidenceSource.DOCUMENT, "Procedure published on the partnership website, version 2."),
    (EvidenceSource.TRAINING, "Training records: 214 staff attended across 9 sessions."),
    (EvidenceSource.DOCUMENT, "Revised template in use in the case recording system."),
]  # fmt: skip


def _evidence(s, action, completed):
    rng = s.ctx.rng
    source, text = rng.choice(COMPLETION)
    Evidence.objects.create(
        action=action, kind=EvidenceKind.COMPLETION, source=source, description=text,
        location=f"Partnership document library, ref. EV-{action.plan_id}-{action.number}",
        received_on=completed, added_by=s.officer,
    )  # fmt: skip
    source, text = rng.choice(IMPACT)
    Evidence.objects.create(
        action=action, kind=EvidenceKind.IMPACT, source=source, description=text,
        received_on=min(completed + dt.timedelta(days=10), s.today), added_by=s.officer,
    )  # fmt: skip


def _cspr_plans(s, review, recs, *, agreed, school) -> list[ActionPlan]:
    u, ag = s.users, s.ctx.agencies
    group = s.bodies["group"]
    start = agreed.decided_on
    dsl = next((x for x in s.users.values() if x.agency_id == school.pk), None)
    multi = _plan(
        s, "Child T: multi-agency action plan", PlanKind.MULTI_AGENCY, body=group,
        starts_on=start, months=24, agreed=agreed, review=review, monitor_every_months=2,
        purpose="The partnership's answer to the recommendations of the Child T review.",
    )  # fmt: skip
    r = recs
    _action(
        s,
        multi,
        "1.1",
        "Revise the MASH strategy discussion procedure so the school's DSL is always invited.",
        "done",
        agency=ag["la"],
        lead=u["mash.manager"],
        recs=[r["CSPR-T/1"]],
        outcome="Every strategy discussion about child-on-child sexual abuse hears from the school.",
    )
    _action(
        s,
        multi,
        "1.2",
        "Audit strategy discussions for child-on-child sexual abuse each quarter and report to the review group.",
        "overdue",
        agency=ag["team"],
        lead=s.officer,
        recs=[r["CSPR-T/1"]],
    )
    _action(
        s,
        multi,
        "1.3",
        "Publish a model risk assessment and safety plan for both children, for all Marlshire schools.",
        "closing",
        agency=ag["la"],
        lead=u["review.chair"],
        recs=[r["CSPR-T/2"]],
        outcome="Both children are safe at school within one day of a report.",
    )
    _action(
        s,
        multi,
        "1.4",
        "Train designated safeguarding leads in safety planning for children who harm and are harmed.",
        "at_risk",
        agency=ag["team"],
        lead=s.officer,
        recs=[r["CSPR-T/2"]],
    )
    _action(
        s,
        multi,
        "1.5",
        "Hold a listening event with young people about travelling to and from school safely.",
        "on_track",
        agency=ag["vcs"],
        lead=s.name(),
        recs=[r["CSPR-T/4"]],
    )
    _action(
        s,
        multi,
        "1.6",
        "Share a seven-minute briefing on the review with all agencies.",
        "done",
        agency=ag["team"],
        lead=s.officer,
    )
    police = _plan(
        s, "Child T: Marlshire Police single-agency plan", PlanKind.SINGLE_AGENCY, body=group,
        starts_on=start, months=12, agreed=agreed, review=review, agency=ag["police"],
        monitor_every_months=3,
    )  # fmt: skip
    _action(
        s,
        police,
        "P1",
        "Agree a 24-hour image takedown request process with the main platforms.",
        "done",
        agency=ag["police"],
        lead=u["police.officer"],
        recs=[r["CSPR-T/3"]],
    )
    _action(
        s,
        police,
        "P2",
        "Record every takedown request on the crime record and tell the family.",
        "done",
        agency=ag["police"],
        lead=u["police.officer"],
        recs=[r["CSPR-T/3"]],
    )
    health = _plan(
        s, "Child T: health single-agency plan", PlanKind.SINGLE_AGENCY, body=group,
        starts_on=start, months=18, agreed=agreed, review=review, agency=ag["trust"],
        monitor_every_months=3,
    )  # fmt: skip
    _action(
        s,
        health,
        "H1",
        "Add 'what the child says' to the school nursing record template.",
        "closing",
        agency=ag["trust"],
        lead=u["health.nurse"],
        recs=[r["CSPR-T/4"]],
    )
    _action(
        s,
        health,
        "H2",
        "Safeguarding supervision to ask about the voice of both children in every case.",
        "behind",
        agency=ag["trust"],
        lead=u["health.nurse"],
        recs=[r["CSPR-T/4"]],
    )
    school_plan = _plan(
        s, f"Child T: {school.name} single-agency plan", PlanKind.SINGLE_AGENCY, body=group,
        starts_on=start, months=12, agreed=agreed, review=review, agency=school,
        monitor_every_months=3,
    )  # fmt: skip
    lead = dsl or s.name()
    _action(
        s,
        school_plan,
        "S1",
        "Separate timetables and a supervised route home, agreed with both families, within one school day.",
        "done",
        agency=school,
        lead=lead,
        recs=[r["CSPR-T/2"]],
    )
    _action(
        s,
        school_plan,
        "S2",
        "Relationships and sex education lessons on consent and image sharing for years 8 to 11.",
        "closing",
        agency=school,
        lead=lead,
        recs=[r["CSPR-T/2"]],
    )
    la = _plan(
        s, "Child T: children's services single-agency plan", PlanKind.SINGLE_AGENCY, body=group,
        starts_on=start, months=18, agreed=agreed, review=review, agency=ag["la"],
        monitor_every_months=2,
    )  # fmt: skip
    _action(
        s,
        la,
        "C1",
        "Introduce a harmful sexual behaviour assessment tool and train social workers to use it.",
        "overdue",
        agency=ag["la"],
        lead=u["mash.manager"],
        recs=[r["CSPR-T/5"]],
    )
    _action(
        s,
        la,
        "C2",
        "Track the time from referral to HSB assessment on the children's services dashboard.",
        "on_track",
        agency=ag["la"],
        lead=u["mash.practitioner"],
        recs=[r["CSPR-T/5"]],
    )
    _action(
        s,
        la,
        "C3",
        "Offer every child who harmed a specialist support service within 4 weeks of assessment.",
        "later",
        agency=ag["la"],
        lead=u["mash.manager"],
        recs=[r["CSPR-T/5"]],
    )
    return [multi, police, health, school_plan, la]


# Child W: a rapid review in progress ----------------------------------------------------


def _rapid_review(s) -> None:
    cutoff = s.today - dt.timedelta(days=40)
    candidates = sorted(
        (i for i in s.ctx.incidents if i.occurred_on <= cutoff), key=lambda i: (i.occurred_on, i.pk)
    )
    incident = candidates[-1] if candidates else None
    happened = incident.occurred_on if incident else cutoff
    aware = s.wd(happened, 1)
    review = Review.objects.create(
        partnership=s.p, kind=ReviewKind.RAPID_REVIEW, title="Child W", status=ReviewStatus.OPEN,
        summary="Serious harm to a young person in a park, filmed and shared by others.",
        incident_on=happened, aware_on=aware, harm_nature=HarmNature.SERIOUS_HARM,
        notifying_authority="Marlshire County Council", notified_on=s.wd(aware, 3),
        partners_told_on=s.wd(aware, 3), rapid_review_held_on=s.wd(aware, 13),
        rapid_review_sent_on=s.wd(aware, 14), owner=s.officer,
    )  # fmt: skip
    if incident is not None:
        review.incidents.add(incident)
    ReviewMilestone.objects.create(
        review=review, kind=MilestoneKind.PANEL_CONTACT,
        title="Rapid review report to the national panel",
        due_on=s.book.due_date(clock="rapid_review", start=aware), done_on=s.wd(aware, 14),
    )  # fmt: skip
    ReviewMilestone.objects.create(
        review=review, title="Review group advises the partners whether to commission a local CSPR",
        due_on=s.upcoming,
    )  # fmt: skip
    Recommendation.objects.create(
        partnership=s.p, review=review, source=RecommendationSource.REVIEW, reference="RR-W/1",
        text="Contextual safeguarding: assess Kingsmere recreation ground with police, the "
        "parks service and youth workers, and agree a safety plan for the place.",
        scope=RecommendationScope.MULTI_AGENCY, made_on=s.wd(aware, 13),
    )  # fmt: skip


# Scrutiny review and cabinet, then the improvement plan -----------------------------------

SCRUTINY_FINDINGS = [
    ("Of 212 child-on-child sexual abuse referrals, 58 were closed at the front door with no "
     "contact with the child who was harmed.", ["Voice of the child", "Thresholds and MASH decision-making"]),
    ("Referrals about the child who harmed were often screened as 'school matter' without an "
     "assessment of harmful sexual behaviour.", ["Harmful sexual behaviour assessment"]),
    ("Police and children's services records of the same incident disagreed on dates and "
     "outcomes in a third of sampled cases.", ["Recording and chronology", "Police and criminal justice response"]),
    ("Managers' oversight of front-door decisions was not recorded in most sampled cases.",
     ["Supervision and management oversight"]),
]  # fmt: skip
SCRUTINY_RECOMMENDATIONS = [
    ("SC/2020/1", "Every child-on-child sexual abuse referral to be seen by a social worker "
     "and a manager before closure.", "single", ["la"], [1, 4]),
    ("SC/2020/2", "Introduce a harmful sexual behaviour pathway agreed by all partners.", "multi", ["la", "police", "icb"], [2]),
    ("SC/2020/3", "Police and children's services to share one chronology of each incident.", "multi", ["la", "police"], [3]),
    ("SC/2020/4", "Report to the committee every six months on the front door's handling of "
     "child-on-child abuse.", "single", ["la"], [1]),
]  # fmt: skip


def _scrutiny(s):
    scrutiny, cabinet = s.bodies["scrutiny"], s.bodies["cabinet"]
    review = Review.objects.create(
        partnership=s.p, kind=ReviewKind.SCRUTINY, status=ReviewStatus.PUBLISHED,
        title="Scrutiny review: MASH handling of child-on-child sexual abuse referrals, "
        "January 2017 to November 2019",
        summary="A task and finish group of the committee read 40 case files and heard from "
        "practitioners, young people and parents.",
        cohort_description="All referrals to the MASH about child-on-child sexual abuse.",
        cohort_from=dt.date(2017, 1, 1), cohort_to=dt.date(2019, 11, 30), scrutiny_body=scrutiny,
        cohort_forms=SEXUAL_FORMS,
        commissioned_on=dt.date(2020, 1, 14), reviewer="Task and finish group of the committee",
        completed_on=dt.date(2020, 9, 8), published_on=dt.date(2020, 10, 20), owner=s.officer,
    )  # fmt: skip
    findings = _findings(s, review, SCRUTINY_FINDINGS)
    committee_meeting = _meeting(
        s, scrutiny, dt.date(2020, 10, 6),
        "The committee considered the task and finish group's report and agreed its four "
        "recommendations for cabinet.",
        items=[(AgendaItemKind.REVIEW_UPDATE, "Scrutiny review of MASH handling: final report", review)],
    )  # fmt: skip
    s.decide(scrutiny, dt.date(2020, 10, 6), "Report and recommendations SC/2020/1-4 agreed; "
             "referred to cabinet.", reference="CSSC/2020/14", meeting=committee_meeting)  # fmt: skip
    cabinet_meeting = _meeting(
        s, cabinet, dt.date(2020, 11, 17),
        "Cabinet approved the committee's recommendations and asked for an improvement plan.",
    )  # fmt: skip
    approved = s.decide(
        cabinet, dt.date(2020, 11, 17),
        "Recommendations SC/2020/1-4 of the Children's Services Scrutiny Committee approved; "
        "the Director of Children's Services to bring an improvement plan.",
        reference="CAB/2020/045", meeting=cabinet_meeting,
    )  # fmt: skip
    recs = _recommendations(
        s, review, SCRUTINY_RECOMMENDATIONS, findings, source=RecommendationSource.SCRUTINY_COMMITTEE,
        made_on=dt.date(2020, 10, 6), decision=approved, school=None,
    )  # fmt: skip
    return recs


WORKSTREAMS = [
    ("The front door: every referral seen and decided well", "Head of the MASH"),
    ("Harmful sexual behaviour: one pathway for all partners", "Designated nurse"),
    (
        "Recording: one chronology that agencies trust",
        "Detective Chief Inspector, public protection",
    ),
    ("Voice and feedback: young people and families shape the service", "Participation lead"),
]


def _improvement_plan(s, scrutiny_recs):
    board, u, ag = s.bodies["board"], s.users, s.ctx.agencies
    start = add_months(s.today.replace(day=1), -20)
    agreed = s.decide(board, start, "Four-year improvement plan agreed.", reference="IB/A/01")
    plan = _plan(
        s, "Children's services improvement plan", PlanKind.IMPROVEMENT, body=board,
        starts_on=start, months=48, agreed=agreed, monitor_every_months=2,
        last_monitored_on=s.wd(s.today, -25),
        purpose="Answers the scrutiny committee's recommendations approved by cabinet (CAB/2020/045).",
    )  # fmt: skip
    plan.ends_on = add_months(start, 48) - dt.timedelta(days=1)
    plan.save(update_fields=["ends_on"])
    ws = [
        Workstream.objects.create(plan=plan, number=n, title=title, lead_name=lead)
        for n, (title, lead) in enumerate(WORKSTREAMS, 1)
    ]
    r = scrutiny_recs
    rows = [
        (0, "1.1", "Manager review of every child-on-child sexual abuse referral before closure.", "done", "la", u["mash.manager"], "SC/2020/1"),
        (0, "1.2", "Six-monthly report to the scrutiny committee on front-door decisions.", "on_track", "team", s.officer, "SC/2020/4"),
        (0, "1.3", "Recruit four permanent MASH social workers.", "overdue", "la", s.name(), None),
        (1, "2.1", "Agree the partnership harmful sexual behaviour pathway.", "done", "icb", s.name(), "SC/2020/2"),
        (1, "2.2", "Commission specialist HSB interventions for under-12s.", "behind", "icb", s.name(), "SC/2020/2"),
        (1, "2.3", "Separate HSB protocol for primary schools.", "withdrawn", "la", s.name(), None),
        (2, "3.1", "Shared incident chronology between police and children's services.", "at_risk", "police", u["police.officer"], "SC/2020/3"),
        (2, "3.2", "Data quality audit of incident dates and outcomes each quarter.", "later", "police", u["police.officer"], "SC/2020/3"),
        (3, "4.1", "Young people's advisory group meets every term and reports to the board.", "done", "vcs", s.name(), None),
        (3, "4.2", "Feedback from families after every strategy discussion.", "on_track", "la", u["mash.practitioner"], None),
    ]  # fmt: skip
    for w, number, text, stage, agency, lead, ref in rows:
        _action(
            s, plan, number, text, stage, agency=ag[agency], lead=lead, workstream=ws[w],
            recs=[r[ref]] if ref else [],
        )  # fmt: skip
    return plan


# Meetings ------------------------------------------------------------------------------


def _meetings(s, cspr, plans, *, executive_decision):
    group, executive = s.bodies["group"], s.bodies["executive"]
    police_plan = plans[1]
    upcoming = s.upcoming
    past = [add_months(upcoming, -2 * k) for k in (3, 2, 1)]
    monitored = {}
    for n, held in enumerate(past):
        held = s.on_or_before(held)  # so that "every 2 months" falls due by the next one
        due_now = [p for p in plans if held >= p.starts_on]
        items = [
            (AgendaItemKind.PLAN_MONITORING, f"{p.title}: progress and RAG", p) for p in due_now
        ]
        meeting = _meeting(
            s, group, held,
            "Members reviewed the Child T plans. Overdue actions were challenged and leads asked "
            "for revised dates; the chair asked for evidence of impact, including what young "
            "people and families said, before any action is closed.",
            items=items,
        )  # fmt: skip
        s.decide(group, held, "Progress on the Child T plans noted; revised dates agreed for "
                 "overdue actions.", reference=f"JCRG/{held:%Y}/{n + 1:02d}", meeting=meeting)  # fmt: skip
        for p in due_now:
            monitored[p.pk] = held
    # The police plan was closed at the last meeting, on the evidence.
    last = Meeting.objects.filter(body=group, held_on__lte=s.today).order_by("-held_on").first()
    closure = s.decide(
        group, last.held_on, "Child T police plan closed: evidence of completion and impact "
        "accepted for every action.", reference=f"JCRG/{last.held_on:%Y}/C1", meeting=last,
    )  # fmt: skip
    for action in police_plan.actions.all():
        for evidence in action.evidence.all():
            evidence.accepted_by = closure
            evidence.save(update_fields=["accepted_by"])
    for p in plans:
        if p.pk in monitored:
            p.last_monitored_on = monitored[p.pk]
    # Plans monitored every three months were seen last time and are not due yet.
    for p in plans:
        if p.monitor_every_months == 3 and p.last_monitored_on:
            p.last_monitored_on = last.held_on
        p.save(update_fields=["last_monitored_on"])
    police_plan.status, police_plan.closed_by = PlanStatus.CLOSED, closure
    police_plan.save(update_fields=["status", "closed_by"])
    _meeting(
        s, executive, executive_decision.decided_on,
        "The executive accepted the Child T review's recommendations and asked the review group "
        "to monitor the plans.",
        items=[(AgendaItemKind.RECOMMENDATION_DECISION, "Child T: the partnership's response", cspr)],
    )  # fmt: skip
    next_meeting = _meeting(s, group, upcoming)
    agenda_propose(meeting=next_meeting, by=s.officer)
    return next_meeting


def build(ctx) -> None:
    s = _Story(ctx)
    learning_themes_seed(partnership=s.p)
    _bodies(s)
    school = next((x.agency for x in s.users.values() if x.email.startswith("dsl")), ctx.schools[0])
    cspr = _cspr(s)
    findings = _findings(s, cspr, CSPR_FINDINGS)
    accepted_on = s.wd(cspr.completed_on, 15)
    executive_decision = s.decide(
        s.bodies["executive"], accepted_on,
        "Child T review: all five recommendations accepted; multi-agency and single-agency "
        "plans to be agreed by the Joint Case Review Group.", reference="PE/CT/01",
    )  # fmt: skip
    recs = _recommendations(
        s, cspr, CSPR_RECOMMENDATIONS, findings, source=RecommendationSource.REVIEW,
        made_on=cspr.completed_on, decision=executive_decision, school=school,
    )  # fmt: skip
    agreed = s.decide(
        s.bodies["group"], s.wd(accepted_on, 20), "Child T multi-agency and single-agency "
        "action plans agreed.", reference="JCRG/CT/PLANS",
    )  # fmt: skip
    plans = _cspr_plans(s, cspr, recs, agreed=agreed, school=school)
    _rapid_review(s)
    scrutiny_recs = _scrutiny(s)
    _improvement_plan(s, scrutiny_recs)
    ctx.review_group_meeting = _meetings(s, cspr, plans, executive_decision=executive_decision)
