"""Adding a person: in the adder's partnership, audited, and only someone they can see."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import SchoolFactory
from cairn.audit.models import AuditEvent
from cairn.people.models import Person
from cairn.people.services import person_create


def test_person_create_adds_the_person_to_the_adders_partnership_and_audits_it(make_user, school):
    mash = make_user(Role.MASH_PRACTITIONER)
    person = person_create(
        by=mash,
        given_name="  Ada ",
        family_name="Lovelace  Byron",
        date_of_birth=dt.date(2013, 12, 10),
        sex="F",
        school=school,
    )
    assert (person.given_name, person.family_name) == ("Ada", "Lovelace Byron")
    assert person.partnership_id == mash.partnership_id and person.school == school
    event = AuditEvent.objects.get(object_type="people.person", object_id=str(person.pk))
    assert event.action == "create" and event.actor == mash
    assert event.changes["given_name"] == [None, "Ada"]


def test_a_dsl_cannot_add_a_person_they_would_not_be_able_to_see(make_user, school):
    dsl = make_user(Role.DSL, agency=school)
    with pytest.raises(ValidationError):
        person_create(by=dsl, given_name="Ada", family_name="Lovelace")
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(object_type="people.person").exists()


def test_a_dsl_adds_a_pupil_on_their_schools_roll(make_user, school):
    dsl = make_user(Role.DSL, agency=school)
    person = person_create(by=dsl, given_name="Ada", family_name="Lovelace", school=school)
    assert person.school == school


def test_a_school_in_another_partnership_is_refused(make_user, other_partnership):
    mash = make_user(Role.MASH_PRACTITIONER)
    elsewhere = SchoolFactory(partnership=other_partnership)
    with pytest.raises(ValidationError):
        person_create(by=mash, given_name="Ada", family_name="Lovelace", school=elsewhere)
    assert not Person.objects.exists()


def test_adding_a_person_needs_the_capability(make_user):
    auditor = make_user(Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        person_create(by=auditor, given_name="Ada", family_name="Lovelace")
