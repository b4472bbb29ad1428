import factory

from cairn.accounts.tests.factories import PartnershipFactory
from cairn.clocks.choices import Unit
from cairn.clocks.models import LocalTimescale


class LocalTimescaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalTimescale

    partnership = factory.SubFactory(PartnershipFactory)
    key = "core_group_first"
    amount = 5
    unit = Unit.WORKING_DAYS
    reason = "Agreed by the partnership executive (synthetic)."
