import factory

from cairn.accounts.tests.factories import PartnershipFactory
from cairn.people.choices import NameKind
from cairn.people.models import Person, PersonName


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=5, maximum_age=17)
    is_synthetic = True


class PersonNameFactory(factory.django.DjangoModelFactory):
    """Another name a person is known by (an alias unless told otherwise)."""

    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    kind = NameKind.ALIAS
    given_name = ""
    family_name = ""
