"""Prevention plans: started from a context or from a pattern seen on a dashboard, tracked like
any plan."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.actionplans import services
from cairn.actionplans.models import PlanKind
from cairn.incidents.tests.factories import ContextFactory

pytestmark = pytest.mark.django_db


def test_a_prevention_plan_about_a_context_is_created_in_draft(officer, group, partnership):
    context = ContextFactory(partnership=partnership, kind="online", name="Snapwave group chats")
    plan = services.plan_create(
        by=officer, kind=PlanKind.PREVENTION, title="Snapwave: prevention",
        monitoring_body=group, context=context,
    )  # fmt: skip
    assert (plan.kind, plan.context, plan.status) == ("prevention", context, "draft")
    assert list(context.prevention_plans.all()) == [plan]


def test_a_prevention_plan_needs_a_context_or_a_pattern(officer, group):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            by=officer, kind=PlanKind.PREVENTION, title="Prevention", monitoring_body=group
        )
    assert refused.value.message_dict["context"] == [
        "Choose the context the prevention plan is about, or describe the pattern it answers"
    ]
    plan = services.plan_create(
        by=officer, kind=PlanKind.PREVENTION, title="Prevention", monitoring_body=group,
        pattern="Image sharing on one app doubled in a year.",
    )  # fmt: skip
    assert plan.pattern == "Image sharing on one app doubled in a year."


def test_another_partnerships_context_is_refused(officer, group, other_partnership):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            by=officer, kind=PlanKind.PREVENTION, title="P", monitoring_body=group,
            context=ContextFactory(partnership=other_partnership),
        )  # fmt: skip
    assert refused.value.message_dict["context"] == ["Choose a context from this partnership"]


def test_the_context_page_offers_to_start_a_prevention_plan(
    client, signed_in, officer, partnership
):
    context = ContextFactory(partnership=partnership, name="Riverside skate park")
    signed_in(client, officer)
    page = client.get(reverse("incidents:context_detail", args=[context.pk])).content.decode()
    assert "Start a prevention plan for this context" in page
    start = client.get(reverse("actionplans:new"), {"kind": "prevention", "context": context.pk})
    form = start.content.decode()
    assert f'<option value="{context.pk}" selected>' in form
    assert 'value="prevention" checked' in form
