"""Factories for governance bodies, members, meetings and decisions (all synthetic)."""

import datetime as dt

import factory
from django.utils import timezone

from cairn.accounts.tests.factories import PartnershipFactory, UserFactory
from cairn.governance.models import (
    AgendaItem,
    AgendaItemKind,
    BodyDecision,
    BodyKind,
    BodyMember,
    GovernanceBody,
    Meeting,
)


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceBody

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Joint Case Review Group {n}")
    kind = BodyKind.REVIEW_GROUP
    chair_name = "Synthetic Chair"


class BodyMemberFactory(factory.django.DjangoModelFactory):
    """An outside member named on the body (pass ``user=`` for a Cairn user)."""

    class Meta:
        model = BodyMember

    body = factory.SubFactory(GovernanceBodyFactory)
    name = factory.Sequence(lambda n: f"Councillor Synthetic {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(GovernanceBodyFactory)
    partnership = factory.SelfAttribute("body.partnership")
    held_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    location = "Council House, Room 2"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    kind = AgendaItemKind.OTHER


class BodyDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyDecision

    body = factory.SubFactory(GovernanceBodyFactory)
    partnership = factory.SelfAttribute("body.partnership")
    decided_on = factory.LazyFunction(timezone.localdate)
    reference = factory.Sequence(lambda n: f"CAB/2020/{n:03d}")
    summary = "Synthetic decision: the recommendations were agreed."
    recorded_by = factory.LazyAttribute(lambda o: UserFactory(agency__partnership=o.partnership))
