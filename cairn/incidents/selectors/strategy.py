"""Reads for strategy discussions, section 47 enquiries and police investigations.

Everything here is per child: a viewer sees a child's section 47 and police record only when
they may see that child's involvement. Police detail (crime reference, offence, outcome, the
child's police role, bail conditions) is narrower still: MASH, auditors and police officers on
incidents referred to (or reported by) the police. Anyone else who sees the child sees only
that a police investigation exists and whether it is ongoing or concluded
(docs/decisions/0010-police-information-visibility.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.permissions import may, object_rule
from cairn.clocks.selectors import ClockBook, TimeLeft, clock_book, format_day
from cairn.incidents.models import (
    Incident,
    Involvement,
    PoliceInvestigation,
    Section47Enquiry,
    StrategyDiscussion,
)
from cairn.incidents.selectors.incidents import incidents_visible_to, involvements_visible_to

MASH_ROLES = (Role.MASH_PRACTITIONER, Role.MASH_MANAGER)
POLICE_DETAIL_ROLES = (*MASH_ROLES, Role.AUDITOR)


def is_police_officer(user) -> bool:
    """An agency practitioner in a police force."""
    return bool(
        user.agency_id
        and user.agency.kind == AgencyKind.POLICE
        and user.has_role(Role.AGENCY_PRACTITIONER)
    )


def _sees_involvement(user, involvement_id) -> bool:
    return involvements_visible_to(user).filter(pk=involvement_id).exists()


def _police_case(user, incident: Incident) -> bool:
    """The incident is police business for this police officer."""
    return is_police_officer(user) and (
        incident.referred_to_police or incident.reporting_agency_id == user.agency_id
    )


def _police_allowed(user, obj, roles) -> bool:
    involvement = obj.involvement if isinstance(obj, PoliceInvestigation) else obj
    if not isinstance(involvement, Involvement) or not _sees_involvement(user, involvement.pk):
        return False
    return user.has_role(*roles) or _police_case(user, involvement.incident)


@object_rule("incidents.record_police")
def _may_record_police(user, obj) -> bool:
    return _police_allowed(user, obj, MASH_ROLES)


@object_rule("incidents.view_police_detail")
def _may_view_police_detail(user, obj) -> bool:
    return _police_allowed(user, obj, POLICE_DETAIL_ROLES)


@object_rule("incidents.record_strategy")
def _may_record_strategy(user, obj) -> bool:
    if isinstance(obj, Incident):
        return incidents_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Involvement):
        return _sees_involvement(user, obj.pk)
    if isinstance(obj, Section47Enquiry):
        return _sees_involvement(user, obj.involvement_id)
    if isinstance(obj, StrategyDiscussion):
        return strategy_discussions_visible_to(user).filter(pk=obj.pk).exists()
    return False


def strategy_discussions_visible_to(user) -> QuerySet[StrategyDiscussion]:
    """Discussions about at least one child the user may see."""
    visible = involvements_visible_to(user).values("pk")
    return StrategyDiscussion.objects.filter(
        incident__partnership_id=user.partnership_id,
        pk__in=StrategyDiscussion.objects.filter(involvements__in=visible).values("pk"),
    )


@dataclass
class DiscussionView:
    """A strategy discussion as one viewer may see it."""

    discussion: StrategyDiscussion
    children: list[Involvement]
    """Only the children the viewer may see; the others are not even counted."""
    shows_notes: bool
    """What was agreed is shared text about every child discussed: shown only to a viewer who
    may see all of them."""
    agencies_present: dict[str, bool]


PRESENCE = {
    "Children's social care": AgencyKind.LOCAL_AUTHORITY,
    "Police": AgencyKind.POLICE,
    "Health": AgencyKind.HEALTH,
    "Education": AgencyKind.SCHOOL,
}


def agencies_present(discussion: StrategyDiscussion) -> dict[str, bool]:
    """Which of the core agencies took part, from the attendees."""
    kinds = {a.agency.kind for a in discussion.attendees.all()}
    return {label: kind in kinds for label, kind in PRESENCE.items()}


def discussion_for(*, viewer, pk) -> DiscussionView | None:
    discussion = (
        strategy_discussions_visible_to(viewer)
        .select_related("incident", "chaired_by")
        .prefetch_related("attendees__agency")
        .filter(pk=pk)
        .first()
    )
    if discussion is None:
        return None
    everyone = set(discussion.involvements.values_list("pk", flat=True))
    children = list(
        involvements_visible_to(viewer)
        .filter(pk__in=everyone)
        .select_related("person")
        .order_by("pk")
    )
    return DiscussionView(
        discussion=discussion,
        children=children,
        shows_notes={c.pk for c in children} == everyone,
        agencies_present=agencies_present(discussion),
    )


@dataclass
class Section47Clocks:
    """A child's section 47 clocks. Due dates from ``cairn.clocks``; nothing stored."""

    icpc_due: date
    icpc: TimeLeft | None
    """Working time left for the ICPC, until it is held."""
    icpc_held_on_time: bool | None
    first_review_due: date | None
    first_review: TimeLeft | None
    """Only with a child protection plan, until the first review conference is held."""
    assessment: TimeLeft | None
    """45 working days from the referral, until the assessment is completed."""


def section47_clocks(
    enquiry: Section47Enquiry, *, book: ClockBook, today: date | None = None
) -> Section47Clocks:
    icpc_due = book.due_date(clock="icpc", start=enquiry.started_on)
    held = enquiry.icpc_held_on
    first_review_due = first_review = None
    if held and enquiry.cp_plan:
        first_review_due = book.due_date(clock="first_review_conference", start=held)
        if not enquiry.first_review_held_on:
            first_review = book.time_left(clock="first_review_conference", start=held, today=today)
    referral = enquiry.involvement.mash_received_at
    assessment = None
    if referral and not enquiry.assessment_completed_on:
        assessment = book.time_left(
            clock="child_and_family_assessment", start=referral, today=today
        )
    return Section47Clocks(
        icpc_due=icpc_due,
        icpc=None if held else book.time_left(clock="icpc", start=enquiry.started_on, today=today),
        icpc_held_on_time=(held <= icpc_due) if held else None,
        first_review_due=first_review_due,
        first_review=first_review,
        assessment=assessment,
    )


@dataclass
class PoliceView:
    """What a viewer may know of a child's police investigation."""

    exists: bool
    status: str
    investigation: PoliceInvestigation | None
    """The full record, only for viewers allowed police detail; otherwise None."""


def police_view_for(*, viewer, involvement: Involvement) -> PoliceView:
    investigation = PoliceInvestigation.objects.filter(involvement=involvement).first()
    if investigation is None:
        return PoliceView(exists=False, status="None recorded", investigation=None)
    investigation.involvement = involvement
    status = "Ongoing"
    if investigation.is_concluded:
        status = "Concluded" + (
            f" on {format_day(investigation.outcome_on)}" if investigation.outcome_on else ""
        )
    detail = may(viewer, "incidents.view_police_detail", investigation)
    return PoliceView(exists=True, status=status, investigation=investigation if detail else None)


@dataclass
class ChildProtection:
    """One child's strategy discussions, section 47 enquiry and police investigation."""

    involvement: Involvement
    discussions: list[StrategyDiscussion]
    section47: Section47Enquiry | None
    clocks: Section47Clocks | None
    police: PoliceView
    may_record_strategy: bool
    may_record_police: bool


def involvement_for(*, viewer, pk) -> Involvement | None:
    return (
        involvements_visible_to(viewer)
        .select_related("person", "incident", "incident__partnership")
        .filter(pk=pk)
        .first()
    )


def child_protection_for(*, viewer, pk, today: date | None = None) -> ChildProtection | None:
    involvement = involvement_for(viewer=viewer, pk=pk)
    if involvement is None:
        return None
    section47 = (
        Section47Enquiry.objects.select_related("strategy_discussion")
        .filter(involvement=involvement)
        .first()
    )
    clocks = None
    if section47 is not None:
        section47.involvement = involvement
        book = clock_book(partnership=involvement.incident.partnership)
        clocks = section47_clocks(section47, book=book, today=today)
    return ChildProtection(
        involvement=involvement,
        discussions=list(involvement.strategy_discussions.order_by("-held_on", "-pk")),
        section47=section47,
        clocks=clocks,
        police=police_view_for(viewer=viewer, involvement=involvement),
        may_record_strategy=may(viewer, "incidents.record_strategy", involvement.incident),
        may_record_police=may(viewer, "incidents.record_police", involvement),
    )


def section47_for(*, viewer, pk) -> Section47Enquiry | None:
    visible = involvements_visible_to(viewer).values("pk")
    return (
        Section47Enquiry.objects.select_related(
            "involvement__person", "involvement__incident__partnership", "strategy_discussion"
        )
        .filter(pk=pk, involvement__in=visible)
        .first()
    )


def children_for_strategy(*, viewer, incident) -> QuerySet[Involvement]:
    """The children of ``incident`` a strategy discussion may be recorded about by ``viewer``."""
    return (
        involvements_visible_to(viewer)
        .filter(incident=incident)
        .select_related("person")
        .order_by("pk")
    )
