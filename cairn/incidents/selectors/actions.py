"""Reads for actions: "your actions", "your team's actions", "overdue", and each child's.

Who sees an action: anyone who may see the child's involvement (or, for an action about the
incident as a whole, the incident); and the staff of the agency that owns it, always, because
they have to do it, unless they are excluded from that child's restricted record. The lists
of work are the user's own (``my_actions``) and their agency's (``team_actions``): an action
owned by another agency is never on them, whatever else the user may see.

Every list takes ``today`` so that "overdue" can be tested against a frozen clock: an action is
overdue from the day after its due date until it is done or cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.permissions import may, object_rule
from cairn.clocks.calendar import WorkingCalendar
from cairn.clocks.selectors import clock_book, format_day
from cairn.incidents.models import Action, Incident, Involvement
from cairn.incidents.models.actions import OPEN_STATUSES
from cairn.incidents.selectors.chronology import ChronologyEntry, chronology_provider
from cairn.incidents.selectors.incidents import incidents_visible_to, involvements_visible_to

COORDINATOR_ROLES = (Role.MASH_PRACTITIONER, Role.MASH_MANAGER)
"""Who may update any action they can see, not only their own agency's."""


def _excluded_from(user) -> Q:
    """Actions about a restricted involvement ``user`` is excluded from."""
    return Q(involvement__restricted=True, involvement__excluded_users=user)


def actions_visible_to(user) -> QuerySet[Action]:
    if not may(user, "incidents.view_actions"):
        return Action.objects.none()
    about_child = Q(involvement__in=involvements_visible_to(user).values("pk"))
    about_incident = Q(
        involvement__isnull=True, incident__in=incidents_visible_to(user).values("pk")
    )
    scope = about_child | about_incident
    if user.agency_id:
        owned = Q(owner_agency_id=user.agency_id) & ~Q(
            pk__in=Action.objects.filter(_excluded_from(user)).values("pk")
        )
        scope |= owned
    return Action.objects.filter(scope, partnership_id=user.partnership_id)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _open(actions: QuerySet[Action], today: date) -> QuerySet[Action]:
    """Open actions, overdue first, each marked ``is_overdue`` as of ``today``."""
    return (
        actions.filter(status__in=OPEN_STATUSES)
        .annotate(
            is_overdue=Case(
                When(due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related(
            "owner_agency", "owner_user", "involvement__person", "incident", "partnership"
        )
        .order_by("-is_overdue", "due_on", "pk")
    )


def my_actions(user, *, today: date | None = None) -> QuerySet[Action]:
    """Open actions the user owns by name."""
    return _open(actions_visible_to(user).filter(owner_user=user), _today(today))


def team_actions(user, *, today: date | None = None) -> QuerySet[Action]:
    """Open actions owned by the user's agency (theirs included)."""
    if not user.agency_id:
        return Action.objects.none()
    return _open(actions_visible_to(user).filter(owner_agency_id=user.agency_id), _today(today))


def overdue_actions(user, *, today: date | None = None) -> QuerySet[Action]:
    """The user's and their team's actions that were due before ``today`` and are still open."""
    today = _today(today)
    mine_or_team = Q(owner_user=user)
    if user.agency_id:
        mine_or_team |= Q(owner_agency_id=user.agency_id)
    return _open(actions_visible_to(user).filter(mine_or_team, due_on__lt=today), today)


@dataclass(frozen=True)
class DueState:
    """Where a stored due date stands on ``today``, in working days, in plain English."""

    due: date
    is_overdue: bool
    is_due_today: bool
    phrase: str


def _days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def due_state(due: date, *, today: date, calendar: WorkingCalendar) -> DueState:
    if due == today:
        return DueState(due, False, True, "Due today")
    left = calendar.working_days_between(today, due)
    if due > today:
        phrase = f"{_days(left)} left" if left > 0 else f"Due {format_day(due)}"
        return DueState(due, False, False, phrase)
    phrase = f"Overdue by {_days(-left)}" if left < 0 else f"Overdue: it was due {format_day(due)}"
    return DueState(due, True, False, phrase)


@dataclass(frozen=True)
class ActionRow:
    action: Action
    due: DueState


@dataclass(frozen=True)
class ActionList:
    key: str
    title: str
    rows: list[ActionRow]


def action_lists_for(*, viewer, today: date | None = None) -> list[ActionList]:
    """The three lists of work for the "Your actions" page, each row with its due state."""
    today = _today(today)

    def rows(select) -> list[ActionRow]:
        actions = select(viewer, today=today)
        return action_rows(actions, today=today, partnership=viewer.partnership)

    return [
        ActionList("mine", "Your actions", rows(my_actions)),
        ActionList("team", "Your team's actions", rows(team_actions)),
        ActionList("overdue", "Overdue", rows(overdue_actions)),
    ]


def action_for(*, viewer, pk) -> Action | None:
    return (
        actions_visible_to(viewer)
        .select_related(
            "owner_agency",
            "owner_user",
            "involvement__person",
            "involvement__incident",
            "incident",
            "completed_by",
            "recorded_by",
            "partnership",
        )
        .filter(pk=pk)
        .first()
    )


def action_rows(actions, *, today: date | None = None, partnership=None) -> list[ActionRow]:
    """Any actions as rows with their due state (a child's page, an incident's page)."""
    today = _today(today)
    calendar = WorkingCalendar.for_partnership(partnership)
    return [ActionRow(a, due_state(a.due_on, today=today, calendar=calendar)) for a in actions]


def actions_for_involvement(*, involvement, viewer) -> QuerySet[Action]:
    """Every action about this child the viewer may see, open ones first."""
    return (
        actions_visible_to(viewer)
        .filter(involvement=involvement)
        .select_related("owner_agency", "owner_user", "completed_by")
        .order_by(Case(When(status__in=OPEN_STATUSES, then=0), default=1), "due_on", "pk")
    )


def clock_choices(*, partnership) -> list[tuple[str, str]]:
    """The timescales an action's due date may be counted with (forward-running ones)."""
    book = clock_book(partnership=partnership)
    return [
        (key, f"{t.label} ({t.duration})")
        for key, t in sorted(book.timescales.items(), key=lambda kv: kv[1].label)
        if t.amount > 0
    ]


def may_update(user, action: Action) -> bool:
    return may(user, "incidents.manage_actions", action)


@object_rule("incidents.view_actions")
def _may_view_actions(user, obj) -> bool:
    if isinstance(obj, Action):
        return actions_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Involvement):
        return involvements_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Incident):
        return incidents_visible_to(user).filter(pk=obj.pk).exists()
    return False


@object_rule("incidents.manage_actions")
def _may_manage_actions(user, obj) -> bool:
    """Set an action on a child or an incident the user may see; update an action owned by
    the user's agency, or (the MASH, who coordinate) any action they may see."""
    if isinstance(obj, Involvement):
        return involvements_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Incident):
        return incidents_visible_to(user).filter(pk=obj.pk).exists()
    if not isinstance(obj, Action) or not actions_visible_to(user).filter(pk=obj.pk).exists():
        return False
    return bool(
        (user.agency_id and obj.owner_agency_id == user.agency_id)
        or user.has_role(*COORDINATOR_ROLES)
    )


@chronology_provider
def _actions(involvements):
    actions = Action.objects.filter(involvement__in=involvements).select_related(
        "owner_agency", "owner_user", "involvement"
    )
    for a in actions:
        link = reverse("incidents:action_detail", args=[a.pk])
        agency = str(a.owner_agency)
        yield ChronologyEntry(
            a.created_at,
            "Action set",
            f"{a.description} (owner {a.owner_user}, due {format_day(a.due_on)})",
            agency,
            link,
        )
        if a.completed_at:
            yield ChronologyEntry(
                a.completed_at,
                f"Action {a.get_status_display().lower()}",
                a.completion_note,
                agency,
                link,
            )
