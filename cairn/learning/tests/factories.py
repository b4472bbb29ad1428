"""Factories for briefings, receipts and practice resources (all synthetic)."""

import factory

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import AgencyFactory, PartnershipFactory, UserFactory
from cairn.learning.choices import BriefingKind, Theme, Topic
from cairn.learning.models import Briefing, Receipt, Resource


class BriefingFactory(factory.django.DjangoModelFactory):
    """A draft seven-minute briefing for DSLs (add agencies with ``agencies=[...]``)."""

    class Meta:
        model = Briefing
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    kind = BriefingKind.SEVEN_MINUTE
    title = factory.Sequence(lambda n: f"Seven-minute briefing {n}")
    summary = "What we learnt, and what to do differently."
    body = "## Why it matters\n\nChildren told us nobody asked.\n\n- Ask\n- Record\n- Share"
    roles = factory.LazyFunction(lambda: [Role.DSL.value])
    created_by = factory.LazyAttribute(lambda o: UserFactory(agency__partnership=o.partnership))

    @factory.post_generation
    def agencies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.agencies.set(extracted)


class ReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Receipt

    briefing = factory.SubFactory(BriefingFactory)
    agency = factory.LazyAttribute(lambda o: AgencyFactory(partnership=o.briefing.partnership))
    recipient = factory.LazyAttribute(lambda o: UserFactory(agency=o.agency, roles=[Role.DSL]))


class ResourceFactory(factory.django.DjangoModelFactory):
    """A resource of the national library (no partnership)."""

    class Meta:
        model = Resource

    partnership = None
    key = factory.Sequence(lambda n: f"resource-{n}")
    title = factory.Sequence(lambda n: f"Practice tool {n}")
    publisher = "A national charity"
    url = "https://www.example.org/tool"
    summary = "A tool that helps."
    themes = factory.LazyFunction(lambda: [Theme.HARMFUL_SEXUAL_BEHAVIOUR.value])
    topics = factory.LazyFunction(lambda: [Topic.HSB_ASSESSMENT.value])
