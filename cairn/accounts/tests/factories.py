"""Factories for partnerships, agencies and users (all synthetic)."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency, Partnership, User

PASSWORD = "a-long-test-password-1"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Testshire {n} Safeguarding Children Partnership")
    short_name = factory.Sequence(lambda n: f"Testshire {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.LOCAL_AUTHORITY


class SchoolFactory(AgencyFactory):
    name = factory.Sequence(lambda n: f"Test Academy {n}")
    kind = AgencyKind.SCHOOL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    agency = factory.SubFactory(AgencyFactory)
    roles = factory.LazyFunction(lambda: [Role.MASH_PRACTITIONER.value])
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def totp_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
