"""A partnership's administrator sets and removes local timescales."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.choices import Role
from cairn.audit.models import AuditEvent
from cairn.clocks.choices import Unit
from cairn.clocks.models import LocalTimescale
from cairn.clocks.selectors import due_date
from cairn.clocks.services import local_timescale_remove, local_timescale_set

pytestmark = pytest.mark.django_db


def set_core_group(admin, partnership, amount=5):
    return local_timescale_set(
        by=admin,
        partnership=partnership,
        key="core_group_first",
        amount=amount,
        unit=Unit.WORKING_DAYS,
        reason="Agreed by the partnership executive (synthetic).",
    )


def test_an_administrator_sets_a_local_timescale(admin_user, partnership):
    set_core_group(admin_user, partnership)
    assert due_date(
        clock="core_group_first", start=date(2024, 1, 8), partnership=partnership
    ) == date(2024, 1, 15)


def test_setting_a_local_timescale_is_audited(admin_user, partnership):
    local = set_core_group(admin_user, partnership)
    event = AuditEvent.objects.get(object_type="clocks.localtimescale", object_id=str(local.pk))
    assert event.actor == admin_user
    assert event.partnership_id == partnership.pk


def test_setting_a_timescale_again_replaces_it(admin_user, partnership):
    set_core_group(admin_user, partnership, amount=5)
    set_core_group(admin_user, partnership, amount=8)
    assert list(LocalTimescale.objects.values_list("amount", flat=True)) == [8]


def test_a_confirmed_timescale_cannot_be_lengthened(admin_user, partnership):
    with pytest.raises(ValidationError, match="never longer"):
        local_timescale_set(
            by=admin_user,
            partnership=partnership,
            key="child_and_family_assessment",
            amount=50,
            unit=Unit.WORKING_DAYS,
        )
    assert not LocalTimescale.objects.exists()


def test_a_local_clock_needs_a_label_and_a_start(admin_user, partnership):
    with pytest.raises(ValidationError) as refused:
        local_timescale_set(
            by=admin_user, partnership=partnership, key="new_clock", amount=3, unit="working_days"
        )
    assert set(refused.value.message_dict) == {"label", "starts_from"}


def test_a_practitioner_may_not_set_timescales(make_user, partnership):
    practitioner = make_user(Role.MASH_PRACTITIONER)
    with pytest.raises(PermissionDenied):
        set_core_group(practitioner, partnership)


def test_an_administrator_may_not_set_another_partnerships_timescales(
    admin_user, other_partnership
):
    with pytest.raises(PermissionDenied):
        set_core_group(admin_user, other_partnership)


def test_removing_a_local_timescale_restores_the_national_one(admin_user, partnership):
    set_core_group(admin_user, partnership)
    local_timescale_remove(by=admin_user, partnership=partnership, key="core_group_first")
    assert due_date(
        clock="core_group_first", start=date(2024, 1, 8), partnership=partnership
    ) == date(2024, 1, 22)
