import factory
from django.utils import timezone

from cairn.accounts.tests.factories import AgencyFactory, PartnershipFactory
from cairn.incidents.choices import AbuseForm, InvolvementRole, ReferralSource
from cairn.incidents.models import Incident, Involvement
from cairn.people.tests.factories import PersonFactory


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    partnership = factory.SubFactory(PartnershipFactory)
    reporting_agency = factory.SubFactory(
        AgencyFactory, partnership=factory.SelfAttribute("..partnership")
    )
    reported_at = factory.LazyFunction(timezone.now)
    forms = factory.LazyFunction(lambda: [AbuseForm.SEXUAL_HARASSMENT.value])
    narrative = "A synthetic account of what happened."
    referral_source = ReferralSource.SCHOOLS


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    incident = factory.SubFactory(IncidentFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..incident.partnership")
    )
    role = InvolvementRole.HARMED
