import factory

from cairn.accounts.tests.factories import PartnershipFactory
from cairn.people.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=5, maximum_age=17)
    is_synthetic = True
