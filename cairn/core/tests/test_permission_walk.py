"""Walk every URL pattern as every role, as a stranger, and as another partnership's user.

No view is reachable without a decision from the permission layer: each view declares its
access rule, and the response each user gets matches what the permission layer answers.
"""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.permissions import view_decision
from cairn.accounts.tests.factories import AgencyFactory, UserFactory
from cairn.incidents.models import Decision
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory
from cairn.people.tests.factories import PersonFactory
from conftest import sign_in

# Apps added later describe their own records and URL arguments in ``tests/walk.py``:
# ``records(world)`` creates what the app's URLs need (adding to ``world``) and
# ``url_kwargs(world)`` maps each URL name with parameters to its arguments. A module may also
# name, in ``NOT_RECORDS``, URLs whose arguments pick no partnership's record (a dashboard by
# its slug): another partnership's user reaches those like anyone else with the capability.
WALK_APPS = [
    "governance",
    "reviews",
    "actionplans",
    "guidance",
    "publishing",
    "voice",
    "learning",
    "insights",
]


def _walk_modules():
    for app in WALK_APPS:
        try:
            yield importlib.import_module(f"cairn.{app}.tests.walk")
        except ModuleNotFoundError:
            continue


def all_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from all_patterns(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}", prefix + str(p.pattern), p.callback


@pytest.fixture
def world(partnership, la, school, other_partnership):
    """One record of each kind in the partnership, and an intruder from another partnership."""
    subject = UserFactory(agency=la, roles=[Role.ANALYST])
    person = PersonFactory(partnership=partnership, school=school)
    incident = IncidentFactory(partnership=partnership, reporting_agency=la)
    involvement = InvolvementFactory(incident=incident, person=person)
    decision = Decision.objects.create(
        involvement=involvement,
        outcome="nfa",
        reasons="Synthetic",
        decided_by=subject,
        decided_at=timezone.now(),
    )
    # strategy discussions, section 47, police, contexts (the context is the DSL's school's)
    from cairn.incidents.tests import factories as incident_factories

    section47 = incident_factories.Section47EnquiryFactory(involvement=involvement)
    section47.strategy_discussion.involvements.add(involvement)
    context = incident_factories.ContextFactory(
        partnership=partnership, kind="school", school=school
    )
    incident.contexts.add(context)
    context_assessment = incident_factories.ContextAssessmentFactory(context=context)
    context_plan = incident_factories.ContextSafetyPlanFactory(context=context)
    # each child's plans and HSB assessments; actions (owned by the LA, so a DSL may not update)
    plan = incident_factories.PlanFactory(involvement=involvement)
    hsb_assessment = incident_factories.HsbAssessmentFactory(involvement=involvement)
    action = incident_factories.ActionFactory(involvement=involvement)
    other_agency = AgencyFactory(partnership=other_partnership)
    intruder = UserFactory(agency=other_agency, roles=[r.value for r in Role])
    world = {
        "subject": subject,
        "person": person,
        "agency": la,
        "intruder": intruder,
        "incident": incident,
        "involvement": involvement,
        "decision": decision,
        "section47": section47,
        "context": context,
        "context_assessment": context_assessment,
        "context_plan": context_plan,
        "plan": plan,
        "hsb_assessment": hsb_assessment,
        "action": action,
        "partnership": partnership,
        "school": school,
    }
    for module in _walk_modules():
        module.records(world)
    return world


def kwargs_for(name, world):
    for module in _walk_modules():
        found = module.url_kwargs(world).get(name)
        if found is not None:
            return found
    return {
        "accounts:agency_edit": {"pk": world["agency"].pk},
        "accounts:user_detail": {"pk": world["subject"].pk},
        "accounts:user_edit": {"pk": world["subject"].pk},
        "accounts:user_unlock": {"pk": world["subject"].pk},
        "accounts:user_two_factor_reset": {"pk": world["subject"].pk},
        "audit:record": {"object_type": "accounts.user", "object_id": world["subject"].pk},
        "audit:user": {"pk": world["subject"].pk},
        "people:detail": {"pk": world["person"].pk},
        "incidents:detail": {"pk": world["incident"].pk},
        "incidents:triage": {"pk": world["involvement"].pk},
        "incidents:involvement_edit": {"pk": world["involvement"].pk},
        "incidents:chronology": {"person_pk": world["person"].pk},
        "incidents:decide": {"pk": world["involvement"].pk},
        "incidents:sign_off": {"pk": world["decision"].pk},
        "incidents:strategy_new": {"pk": world["incident"].pk},
        "incidents:strategy_detail": {"pk": world["section47"].strategy_discussion_id},
        "incidents:child_protection": {"pk": world["involvement"].pk},
        "incidents:police_edit": {"pk": world["involvement"].pk},
        "incidents:section47_edit": {"pk": world["section47"].pk},
        "incidents:context_detail": {"pk": world["context"].pk},
        "incidents:context_edit": {"pk": world["context"].pk},
        "incidents:context_assessment_new": {"pk": world["context"].pk},
        "incidents:context_assessment_edit": {"pk": world["context_assessment"].pk},
        "incidents:context_plan_new": {"pk": world["context"].pk},
        "incidents:context_plan_edit": {"pk": world["context_plan"].pk},
        "incidents:child_plans": {"pk": world["involvement"].pk},
        "incidents:plan_new": {"pk": world["involvement"].pk},
        "incidents:plan_detail": {"pk": world["plan"].pk},
        "incidents:plan_edit": {"pk": world["plan"].pk},
        "incidents:plan_review": {"pk": world["plan"].pk},
        "incidents:hsb_new": {"pk": world["involvement"].pk},
        "incidents:hsb_detail": {"pk": world["hsb_assessment"].pk},
        "incidents:action_new": {"pk": world["involvement"].pk},
        "incidents:incident_action_new": {"pk": world["incident"].pk},
        "incidents:action_detail": {"pk": world["action"].pk},
        "incidents:action_update": {"pk": world["action"].pk},
    }.get(name, {})


def url_of(name, world):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs_for(name, world))


def test_every_view_declares_an_access_rule():
    undeclared = [name for name, _, view in all_patterns() if not hasattr(view, "cairn_access")]
    assert undeclared == []


def test_every_url_with_parameters_is_covered_by_this_walk(db, world):
    for name, route, _ in all_patterns():
        if "<" in route:
            assert kwargs_for(name, world), f"add {name} to kwargs_for()"


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_gets_what_the_permission_layer_decides(client, world, school, role):
    agency = school if role == Role.DSL else world["agency"]
    user = UserFactory(agency=agency, roles=[role])
    sign_in(client, user)
    for name, _, view in all_patterns():
        response = client.get(url_of(name, world))
        if view_decision(view, user):
            assert response.status_code in (200, 302, 405), (name, role, response.status_code)
        else:
            assert response.status_code == 403, (name, role, response.status_code)


def test_signed_out_visitors_reach_only_public_pages(client, world):
    for name, _, view in all_patterns():
        response = client.get(url_of(name, world))
        if view.cairn_access == "public":
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith("/sign-in/"), name


def _not_records():
    return {name for module in _walk_modules() for name in getattr(module, "NOT_RECORDS", ())}


def test_another_partnerships_user_never_sees_this_partnerships_records(client, world):
    sign_in(client, world["intruder"])
    not_records = _not_records()
    for name, route, view in all_patterns():
        if "<" not in route or name in not_records or view.cairn_access == "public":
            continue
        url = url_of(name, world)
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        assert response.status_code == 404, (name, response.status_code)
