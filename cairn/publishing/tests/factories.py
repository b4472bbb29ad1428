"""Factories for publications, their versions and media enquiries (all synthetic)."""

import datetime as dt

import factory
from django.utils import timezone

from cairn.accounts.tests.factories import PartnershipFactory, UserFactory
from cairn.publishing.choices import PublicationKind
from cairn.publishing.models import MediaEnquiry, Publication, PublicationVersion


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    partnership = factory.SubFactory(PartnershipFactory)
    kind = PublicationKind.STATEMENT
    title = factory.Sequence(lambda n: f"Partnership statement {n}")
    slug = factory.Sequence(lambda n: f"partnership-statement-{n}")
    created_by = factory.LazyAttribute(lambda o: UserFactory(agency__partnership=o.partnership))


class PublicationVersionFactory(factory.django.DjangoModelFactory):
    """A draft first version with clean text."""

    class Meta:
        model = PublicationVersion

    publication = factory.SubFactory(PublicationFactory)
    number = 1
    title = factory.LazyAttribute(lambda o: o.publication.title)
    text = (
        "The partnership has reviewed how agencies responded to harmful sexual behaviour "
        "between pupils.\n\nWe have agreed five recommendations."
    )
    created_by = factory.LazyAttribute(lambda o: o.publication.created_by)


class MediaEnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaEnquiry

    partnership = factory.SubFactory(PartnershipFactory)
    outlet = "Marlshire Evening Post"
    journalist = factory.Sequence(lambda n: f"Reporter {n}")
    received_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=3))
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    topic = "Asked when the review will be published."
    logged_by = factory.LazyAttribute(lambda o: UserFactory(agency__partnership=o.partnership))
