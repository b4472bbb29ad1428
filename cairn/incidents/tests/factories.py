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


# Strategy discussions, section 47, police and contexts (cairn.incidents.models.strategy).
import datetime as dt  # noqa: E402

from cairn.accounts.tests.factories import UserFactory  # noqa: E402
from cairn.incidents.choices import ContextKind  # noqa: E402
from cairn.incidents.models import (  # noqa: E402
    Context,
    ContextAssessment,
    ContextSafetyPlan,
    PoliceInvestigation,
    Section47Enquiry,
    StrategyDiscussion,
)
from cairn.incidents.models.strategy import PoliceRole, StrategyOutcome  # noqa: E402


class StrategyDiscussionFactory(factory.django.DjangoModelFactory):
    """A strategy discussion; add the children with ``discussion.involvements.add(...)``."""

    class Meta:
        model = StrategyDiscussion

    incident = factory.SubFactory(IncidentFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    outcome = StrategyOutcome.SECTION_47
    chaired_by = factory.LazyAttribute(lambda o: UserFactory(agency=o.incident.reporting_agency))
    recorded_by = factory.SelfAttribute("chaired_by")


class Section47EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section47Enquiry

    involvement = factory.SubFactory(InvolvementFactory)
    strategy_discussion = factory.LazyAttribute(
        lambda o: StrategyDiscussionFactory(incident=o.involvement.incident)
    )
    started_on = factory.SelfAttribute("strategy_discussion.held_on")


class PoliceInvestigationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceInvestigation

    involvement = factory.SubFactory(InvolvementFactory)
    crime_reference = factory.Sequence(lambda n: f"CR/{n:05d}/26")
    offence_code = "086/02"
    police_role = PoliceRole.VICTIM


class ContextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Context

    partnership = factory.SubFactory(PartnershipFactory)
    kind = ContextKind.NEIGHBOURHOOD
    name = factory.Sequence(lambda n: f"Synthetic place {n}")
    area = "Testtown"


class ContextAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextAssessment

    context = factory.SubFactory(ContextFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    summary = "A synthetic context assessment."
    owner_agency = factory.SubFactory(
        AgencyFactory, partnership=factory.SelfAttribute("..context.partnership")
    )
    review_on = factory.LazyAttribute(lambda o: o.assessed_on + dt.timedelta(days=90))
    recorded_by = factory.LazyAttribute(lambda o: UserFactory(agency=o.owner_agency))


class ContextSafetyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextSafetyPlan

    context = factory.SubFactory(ContextFactory)
    measures = "Synthetic measures."
    owner_agency = factory.SubFactory(
        AgencyFactory, partnership=factory.SelfAttribute("..context.partnership")
    )
    review_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    recorded_by = factory.LazyAttribute(lambda o: UserFactory(agency=o.owner_agency))


# Each child's plans and HSB assessments; actions (cairn.incidents.models.plans and .actions).
from cairn.incidents.models import Action, HsbAssessment, Plan  # noqa: E402
from cairn.incidents.models.plans import HackettCategory, HsbTool, PlanKind  # noqa: E402


class PlanFactory(factory.django.DjangoModelFactory):
    """A safety plan owned by the agency that reported the incident."""

    class Meta:
        model = Plan

    involvement = factory.SubFactory(InvolvementFactory)
    kind = PlanKind.SAFETY
    summary = "A synthetic safety plan."
    owner_agency = factory.SelfAttribute("involvement.incident.reporting_agency")
    owner_user = factory.LazyAttribute(lambda o: UserFactory(agency=o.owner_agency))
    agreed_on = factory.LazyFunction(timezone.localdate)
    next_review_on = factory.LazyAttribute(lambda o: o.agreed_on + dt.timedelta(days=28))
    recorded_by = factory.SelfAttribute("owner_user")


class HsbAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HsbAssessment

    involvement = factory.SubFactory(InvolvementFactory)
    tool = HsbTool.HACKETT
    hackett_category = HackettCategory.PROBLEMATIC
    assessed_on = factory.LazyFunction(timezone.localdate)
    assessor = factory.LazyAttribute(
        lambda o: UserFactory(agency=o.involvement.incident.reporting_agency)
    )


class ActionFactory(factory.django.DjangoModelFactory):
    """An open action about a child, owned by the agency that reported the incident."""

    class Meta:
        model = Action

    involvement = factory.SubFactory(InvolvementFactory)
    incident = factory.SelfAttribute("involvement.incident")
    partnership = factory.SelfAttribute("incident.partnership")
    description = "A synthetic action."
    owner_agency = factory.SelfAttribute("incident.reporting_agency")
    owner_user = factory.LazyAttribute(lambda o: UserFactory(agency=o.owner_agency))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    recorded_by = factory.SelfAttribute("owner_user")
