"""Factories for action plans, workstreams, actions, progress and evidence (all synthetic).

Governance bodies, decisions, reviews and recommendations come from those apps' factories.
"""

import datetime as dt

import factory

from cairn.accounts.tests.factories import AgencyFactory, UserFactory
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
from cairn.governance.tests.factories import GovernanceBodyFactory


class ActionPlanFactory(factory.django.DjangoModelFactory):
    """A multi-agency plan in draft, without a review (pass ``review=`` for one)."""

    class Meta:
        model = ActionPlan

    monitoring_body = factory.SubFactory(GovernanceBodyFactory)
    partnership = factory.SelfAttribute("monitoring_body.partnership")
    kind = PlanKind.MULTI_AGENCY
    title = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)} multi-agency action plan")
    owner = factory.LazyAttribute(lambda o: UserFactory(agency__partnership=o.partnership))
    monitor_every_months = 2
    status = PlanStatus.DRAFT


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    plan = factory.SubFactory(ActionPlanFactory, kind=PlanKind.IMPROVEMENT)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Workstream {n}")


class PlanActionFactory(factory.django.DjangoModelFactory):
    """An action in progress, started 5 January 2026 and due 31 December 2026."""

    class Meta:
        model = PlanAction

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: f"1.{n}")
    description = "Synthetic action: agree a shared protocol for information sharing."
    lead_agency = factory.LazyAttribute(lambda o: AgencyFactory(partnership=o.plan.partnership))
    lead_name = "Synthetic Lead, Head of Service"
    starts_on = dt.date(2026, 1, 5)
    due_on = dt.date(2026, 12, 31)
    status = ActionStatus.IN_PROGRESS


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(PlanActionFactory)
    written_on = dt.date(2026, 3, 1)
    text = "Synthetic progress: the protocol is drafted."
    percent_complete = 40
    written_by = factory.LazyAttribute(
        lambda o: UserFactory(agency__partnership=o.action.plan.partnership)
    )


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    action = factory.SubFactory(PlanActionFactory)
    kind = EvidenceKind.COMPLETION
    source = EvidenceSource.DOCUMENT
    description = "Synthetic evidence: the signed protocol."
    location = "Partnership SharePoint, Protocols/2026"
    received_on = dt.date(2026, 3, 1)
    added_by = factory.LazyAttribute(
        lambda o: UserFactory(agency__partnership=o.action.plan.partnership)
    )
