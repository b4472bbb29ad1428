"""Recording an incident: every child with their own role; bad input refused clearly."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.audit.models import AuditEvent
from cairn.incidents import services
from cairn.incidents.choices import AbuseForm, InvolvementRole, MashStage, ReferralSource
from cairn.incidents.services import ChildInIncident
from cairn.people.tests.factories import PersonFactory


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


@pytest.fixture
def record(mash, la, partnership):
    def record(**overrides):
        fields = dict(
            by=mash, reported_at=timezone.now(), forms=[AbuseForm.SEXUAL_VIOLENCE],
            sexual_violence_kinds=["sexual_assault"], narrative="Synthetic account.",
            reporting_agency=la, referral_source=ReferralSource.SCHOOLS,
            children=[
                ChildInIncident(PersonFactory(partnership=partnership), InvolvementRole.HARMED),
                ChildInIncident(PersonFactory(partnership=partnership), InvolvementRole.HARMED_OTHERS),
            ],
        )  # fmt: skip
        return services.incident_record(**(fields | overrides))

    return record


def test_an_incident_is_recorded_with_each_child_in_their_own_role(record):
    incident = record()
    roles = sorted(incident.involvements.values_list("role", flat=True))
    assert roles == sorted([InvolvementRole.HARMED, InvolvementRole.HARMED_OTHERS])
    assert (
        AuditEvent.objects.filter(object_type="incidents.involvement", action="create").count() == 2
    )


def test_each_child_referred_to_the_mash_starts_their_own_decision_clock(record):
    incident = record()
    for involvement in incident.involvements.all():
        assert involvement.mash_received_at == incident.reported_at
        assert involvement.mash_stage == MashStage.CONTACT


def test_an_incident_without_any_child_is_refused(record):
    with pytest.raises(ValidationError, match="Add at least one child"):
        record(children=[])


def test_an_incident_needs_a_form_of_abuse(record):
    with pytest.raises(ValidationError, match="at least one form"):
        record(forms=[], sexual_violence_kinds=[])


def test_sexual_violence_kinds_only_with_sexual_violence(record):
    with pytest.raises(ValidationError, match="Only sexual violence"):
        record(forms=[AbuseForm.BULLYING])


def test_a_report_dated_in_the_future_is_refused(record):
    with pytest.raises(ValidationError, match="today or in the past"):
        record(reported_at=timezone.now() + dt.timedelta(days=2))


def test_an_incident_before_a_childs_birth_is_refused(record, partnership):
    baby = PersonFactory(partnership=partnership, date_of_birth=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="before .* date of birth"):
        record(
            occurred_on=dt.date(2019, 6, 1),
            children=[ChildInIncident(baby, InvolvementRole.WITNESS)],
        )


def test_the_same_child_twice_is_refused(record, partnership):
    child = PersonFactory(partnership=partnership)
    with pytest.raises(ValidationError, match="added twice"):
        record(children=[ChildInIncident(child, "harmed"), ChildInIncident(child, "witness")])


def test_a_child_from_another_partnership_is_refused(record, other_partnership):
    stranger = PersonFactory(partnership=other_partnership)
    with pytest.raises(ValidationError, match="another partnership"):
        record(children=[ChildInIncident(stranger, InvolvementRole.HARMED)])


def test_a_report_dated_before_a_childs_birth_is_refused(record, partnership):
    baby = PersonFactory(partnership=partnership, date_of_birth=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="reported is before .* date of birth"):
        record(
            reported_at=dt.datetime(2019, 12, 31, 12, 0, tzinfo=dt.UTC),
            children=[ChildInIncident(baby, InvolvementRole.WITNESS)],
        )


def test_an_incident_that_happened_after_it_was_reported_is_refused(record):
    with pytest.raises(ValidationError, match="cannot have happened after it was reported"):
        record(
            reported_at=timezone.now() - dt.timedelta(days=3),
            occurred_on=timezone.localdate() - dt.timedelta(days=1),
        )


def test_a_dsl_records_for_their_own_school_but_not_for_another_agency(
    record, make_user, school, la
):
    dsl = make_user(Role.DSL, agency=school)
    with pytest.raises(PermissionDenied):
        record(by=dsl, reporting_agency=la)
    assert record(by=dsl, reporting_agency=school).reporting_agency == school
