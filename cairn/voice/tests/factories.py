"""Factories for listening: engagements at each step, and family feedback (all synthetic)."""

import datetime as dt

import factory
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import PartnershipFactory, UserFactory
from cairn.reviews.tests.factories import ReviewFactory
from cairn.voice.models import (
    AgreedResponse,
    CheckOutcome,
    Consent,
    ConsentKind,
    ContactMethod,
    Contribution,
    Engagement,
    FamilyFeedback,
    FeedbackFrom,
    ParticipantKind,
    SafeguardingCheck,
    Session,
    VoiceTheme,
    YouSaidWeDid,
)


def _days_ago(n):
    return factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=n))


def _worker(partnership):
    return UserFactory(agency__partnership=partnership, roles=[Role.ENGAGEMENT_WORKER.value])


class VoiceThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoiceTheme

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Listening theme {n}")


class EngagementFactory(factory.django.DjangoModelFactory):
    """A new engagement with a young person not in Cairn: no check yet."""

    class Meta:
        model = Engagement

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Young person {chr(65 + n % 26)}{n}")
    participant_kind = ParticipantKind.YOUNG_PERSON
    participant_description = "Young person, 15, harmed"
    owner = factory.LazyAttribute(lambda o: _worker(o.partnership))


class SafeguardingCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafeguardingCheck

    engagement = factory.SubFactory(EngagementFactory)
    checked_on = _days_ago(30)
    checked_by = factory.SelfAttribute("engagement.owner")
    outcome = CheckOutcome.PASSED


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    engagement = factory.SubFactory(EngagementFactory)
    kind = ConsentKind.TAKE_PART
    given_on = _days_ago(20)
    recorded_by = factory.SelfAttribute("engagement.owner")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    engagement = factory.SubFactory(EngagementFactory)
    held_on = _days_ago(10)
    facilitator = "Synthetic facilitator"
    how = ContactMethod.IN_PERSON
    recorded_by = factory.SelfAttribute("engagement.owner")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    session = factory.SubFactory(SessionFactory)
    text = "Synthetic words: nobody told me what was happening for weeks."
    shared_text = "Synthetic shared words: I wanted someone to tell me what happens next."
    recorded_by = factory.SelfAttribute("session.engagement.owner")


class AgreedResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreedResponse

    engagement = factory.SubFactory(EngagementFactory)
    text = "Synthetic response: a named worker will call every week until the case closes."
    agreed_on = _days_ago(5)
    recorded_by = factory.SelfAttribute("engagement.owner")


class YouSaidWeDidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouSaidWeDid

    engagement = factory.SubFactory(EngagementFactory)
    theme = factory.LazyAttribute(lambda o: VoiceThemeFactory(partnership=o.engagement.partnership))
    what_we_did = "Synthetic: the MASH now names a contact for each family."
    linked_on = _days_ago(1)
    linked_by = factory.SelfAttribute("engagement.owner")


class FamilyFeedbackFactory(factory.django.DjangoModelFactory):
    """Feedback about a review, received today, not yet acknowledged."""

    class Meta:
        model = FamilyFeedback

    partnership = factory.SubFactory(PartnershipFactory)
    received_on = factory.LazyFunction(timezone.localdate)
    from_kind = FeedbackFrom.PARENT_CARER
    from_description = "Parent of the child harmed"
    review = factory.LazyAttribute(lambda o: ReviewFactory(partnership=o.partnership))
    summary = "Synthetic: we were not told the review had started."
    owner = factory.LazyAttribute(lambda o: _worker(o.partnership))


def consented(engagement, *kinds, given_on=None):
    """A passed check a month ago and the given consents (take part first) for ``engagement``."""
    SafeguardingCheckFactory(engagement=engagement)
    given_on = given_on or timezone.localdate() - dt.timedelta(days=20)
    for kind in (ConsentKind.TAKE_PART, *kinds):
        ConsentFactory(engagement=engagement, kind=kind, given_on=given_on)
    return engagement
