"""The synthetic demo partnership: deterministic, complete, clearly synthetic."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency, Partnership, User
from cairn.audit.chain import verify_chain
from cairn.audit.models import AuditEvent
from cairn.demo import build_demo
from cairn.demo.historic import COHORT_BORN
from cairn.people.models import Person


class Rollback(Exception):
    pass


def names_built_with(seed):
    try:
        with transaction.atomic():
            build_demo(seed=seed, scale=0.05)
            names = list(
                Person.objects.order_by("pk").values_list(
                    "given_name", "family_name", "date_of_birth"
                )
            )
            raise Rollback
    except Rollback:
        return names


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_people():
    assert names_built_with(5) == names_built_with(5)


@pytest.mark.django_db
def test_a_different_seed_builds_different_people():
    assert names_built_with(5) != names_built_with(6)


@pytest.mark.django_db
def test_the_demo_has_the_three_statutory_partners_schools_and_every_role():
    build_demo(seed=1, scale=0.1)
    marlshire = Partnership.objects.get(short_name="Marlshire SCP")
    statutory = set(
        Agency.objects.filter(partnership=marlshire, is_statutory_partner=True).values_list(
            "kind", flat=True
        )
    )
    assert statutory == {AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.HEALTH}
    assert Agency.objects.filter(partnership=marlshire, kind=AgencyKind.SCHOOL).count() == 4
    roles = {
        r
        for roles in User.objects.filter(agency__partnership=marlshire).values_list(
            "roles", flat=True
        )
        for r in roles
    }
    assert roles == set(Role.values)
    # The people step's children; the historic step adds young people born before them.
    children = Person.objects.filter(partnership=marlshire, date_of_birth__gt=COHORT_BORN[1])
    assert children.count() == 200
    assert not Person.objects.filter(is_synthetic=False).exists()


@pytest.mark.django_db
def test_demo_children_go_to_schools_in_their_own_partnership():
    build_demo(seed=2, scale=0.05)
    assert (
        not Person.objects.exclude(school__isnull=True)
        .exclude(school__partnership_id=F("partnership_id"))
        .exists()
    )


@pytest.mark.django_db
def test_the_audit_chain_is_intact_after_seeding():
    build_demo(seed=1, scale=0.05)
    assert verify_chain(AuditEvent.objects.order_by("seq")).ok


@pytest.mark.django_db
def test_seeding_twice_is_refused_with_a_clear_message():
    call_command("seed", "--demo", "--scale", "0.02")
    with pytest.raises(CommandError, match="already exists"):
        call_command("seed", "--demo", "--scale", "0.02")


@pytest.mark.django_db
def test_the_demo_has_incidents_with_repeat_children_late_decisions_and_a_waiting_queue():
    from django.db.models import Count

    from cairn.incidents.models import Decision, Incident, Involvement
    from cairn.incidents.selectors.mash import mash_queue

    ctx = build_demo(seed=1, scale=0.2)
    current = Incident.objects.filter(partnership=ctx.partnership, reported_at__year__gte=2023)
    assert current.count() == 60
    assert (
        Involvement.objects.values("person").annotate(n=Count("incident")).filter(n__gte=2).exists()
    )
    mash = User.objects.get(email="mash.practitioner@marlshire.example")
    assert len(mash_queue(mash)) >= 4
    late = [
        d
        for d in Decision.objects.select_related("involvement")
        if d.decided_at.date() > _due(ctx, d)
    ]
    assert late, "some decisions should be late"
    assert verify_chain(AuditEvent.objects.order_by("seq")).ok


def _due(ctx, decision):
    from cairn.clocks.selectors import due_date

    return due_date(
        clock="referral_decision",
        start=decision.involvement.mash_received_at,
        partnership=ctx.partnership,
    )
