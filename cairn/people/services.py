"""Writes for people. Each runs in one transaction; the audit trail records it (signals)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.choices import AgencyKind
from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.people.choices import Sex
from cairn.people.models import Person
from cairn.people.selectors import people_visible_to


def _tidy(name: str) -> str:
    return " ".join(name.split())


def person_create(
    *,
    by,
    given_name: str,
    family_name: str,
    date_of_birth: date | None = None,
    sex: str = Sex.UNKNOWN,
    school: Agency | None = None,
) -> Person:
    """Add a person to ``by``'s partnership. Search first (``matching.find_candidates``): this
    does not check for duplicates. ``by`` must be able to see the person afterwards, so a DSL
    adds pupils on their own school's roll."""
    ensure(by, "people.create_person")
    if not _tidy(given_name) or not _tidy(family_name):
        raise ValidationError("Enter a first name and a last name")
    if school is not None and (
        school.partnership_id != by.partnership_id or school.kind != AgencyKind.SCHOOL
    ):
        raise ValidationError({"school": "Choose a school in your partnership"})
    with transaction.atomic(), acting_as(by):
        person = Person.objects.create(
            partnership_id=by.partnership_id,
            given_name=_tidy(given_name),
            family_name=_tidy(family_name),
            date_of_birth=date_of_birth,
            sex=sex,
            school=school,
            is_synthetic=by.partnership.is_demo,  # nobody real belongs in a demo partnership
        )
        if not people_visible_to(by).filter(pk=person.pk).exists():
            raise ValidationError({"school": "Choose your school: you can only add your pupils"})
    return person
