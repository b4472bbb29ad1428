"""Reads for contexts: the places and groups where harm happens (Contextual Safeguarding).

Who sees which context: the MASH, auditors and partnership officers see every context in the
partnership. Anyone else with the capability sees schools, neighbourhood places and online
spaces (places, not people), their own school's contexts, and any context linked to an
incident they may see. A peer group names children by implication, so it is shown to them
only through their own school or an incident they may see.

What a context page lists is scoped twice: its incidents are those the viewer may see, and its
children only those whose involvement the viewer may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.permissions import may, object_rule
from cairn.incidents.choices import ContextKind
from cairn.incidents.models import (
    Context,
    ContextAssessment,
    ContextSafetyPlan,
    Incident,
    Involvement,
)
from cairn.incidents.models.strategy import ContextPlanStatus
from cairn.incidents.selectors.incidents import incidents_visible_to, involvements_visible_to
from cairn.people.models import Person

WHOLE_PARTNERSHIP_ROLES = (
    Role.MASH_PRACTITIONER,
    Role.MASH_MANAGER,
    Role.AUDITOR,
    Role.PARTNERSHIP_OFFICER,
)
MANAGE_ANY_ROLES = (Role.MASH_PRACTITIONER, Role.MASH_MANAGER, Role.PARTNERSHIP_OFFICER)
PLACE_KINDS = (ContextKind.SCHOOL, ContextKind.NEIGHBOURHOOD, ContextKind.ONLINE)


def contexts_visible_to(user) -> QuerySet[Context]:
    if not may(user, "incidents.view_context"):
        return Context.objects.none()
    contexts = Context.objects.filter(partnership_id=user.partnership_id)
    if user.has_role(*WHOLE_PARTNERSHIP_ROLES):
        return contexts
    linked = Context.objects.filter(incidents__in=incidents_visible_to(user).values("pk"))
    scope = Q(kind__in=PLACE_KINDS) | Q(pk__in=linked.values("pk"))
    if user.agency_id:
        scope |= Q(school_id=user.agency_id)
    return contexts.filter(scope)


def _context_of(obj) -> Context | None:
    if isinstance(obj, Context):
        return obj
    if isinstance(obj, ContextAssessment | ContextSafetyPlan):
        return obj.context
    return None


@object_rule("incidents.view_context")
def _may_view_context(user, obj) -> bool:
    context = _context_of(obj)
    return context is not None and contexts_visible_to(user).filter(pk=context.pk).exists()


@object_rule("incidents.manage_contexts")
def _may_manage_context(user, obj) -> bool:
    """The MASH and partnership officers manage any context; a DSL their own school's."""
    context = _context_of(obj)
    if context is None:
        return False
    if user.has_role(*MANAGE_ANY_ROLES):
        return True
    return bool(user.has_role(Role.DSL) and user.agency_id and context.school_id == user.agency_id)


def context_list_for(*, viewer, kind: str = "") -> QuerySet[Context]:
    """Visible contexts, optionally of one kind, each with how many incidents the viewer may
    see in it (``incident_count``)."""
    contexts = contexts_visible_to(viewer)
    if kind:
        contexts = contexts.filter(kind=kind)
    visible = incidents_visible_to(viewer).values("pk")
    return contexts.select_related("school").annotate(
        incident_count=Count("incidents", filter=Q(incidents__in=visible), distinct=True)
    )


def context_for(*, viewer, pk) -> Context | None:
    return contexts_visible_to(viewer).select_related("school").filter(pk=pk).first()


@dataclass
class ContextChild:
    """A child linked to the context through one or more incidents the viewer may see."""

    person: Person
    involvements: list[Involvement] = field(default_factory=list)


@dataclass
class ContextPage:
    context: Context
    incidents: list[Incident]
    children: list[ContextChild]
    assessments: list[ContextAssessment]
    safety_plans: list[ContextSafetyPlan]
    may_manage: bool

    @property
    def incident_count(self) -> int:
        return len(self.incidents)

    @property
    def child_count(self) -> int:
        return len(self.children)


def _flag_reviews(items, today: date):
    for item in items:
        item.review_overdue = (
            item.review_on < today and getattr(item, "status", "") != ContextPlanStatus.CLOSED
        )
    return items


def context_page_for(*, viewer, pk, today: date | None = None) -> ContextPage | None:
    """A context with what the viewer may see of it, or None if they may not see it."""
    context = context_for(viewer=viewer, pk=pk)
    if context is None:
        return None
    today = today or timezone.localdate()
    incidents = list(
        incidents_visible_to(viewer)
        .filter(contexts=context)
        .select_related("reporting_agency")
        .order_by("-reported_at")
    )
    involvements = (
        involvements_visible_to(viewer)
        .filter(incident__in=[i.pk for i in incidents])
        .select_related("person", "person__school", "incident")
        .order_by("person__family_name", "person__given_name", "incident__reported_at")
    )
    children: dict[int, ContextChild] = {}
    for involvement in involvements:
        child = children.setdefault(involvement.person_id, ContextChild(involvement.person))
        child.involvements.append(involvement)
    assessments = context.assessments.select_related("owner_agency", "owner_user")
    plans = context.safety_plans.select_related("owner_agency", "owner_user")
    return ContextPage(
        context=context,
        incidents=incidents,
        children=list(children.values()),
        assessments=_flag_reviews(list(assessments), today),
        safety_plans=_flag_reviews(list(plans), today),
        may_manage=may(viewer, "incidents.manage_contexts", context),
    )


def context_assessment_for(*, viewer, pk) -> ContextAssessment | None:
    return (
        ContextAssessment.objects.select_related("context")
        .filter(pk=pk, context__in=contexts_visible_to(viewer))
        .first()
    )


def context_safety_plan_for(*, viewer, pk) -> ContextSafetyPlan | None:
    return (
        ContextSafetyPlan.objects.select_related("context")
        .filter(pk=pk, context__in=contexts_visible_to(viewer))
        .first()
    )
