"""Who may see which person. The object rule and the queryset filter share one scope."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency
from cairn.accounts.permissions import may, object_rule
from cairn.people.models import Person

WHOLE_PARTNERSHIP_ROLES = (Role.MASH_PRACTITIONER, Role.MASH_MANAGER, Role.AUDITOR)


def person_scope(user) -> Q:
    """People this user may see within their partnership (later apps widen it by involvement)."""
    if user.has_role(*WHOLE_PARTNERSHIP_ROLES):
        return Q()
    if user.has_role(Role.DSL) and user.agency_id:
        return Q(school_id=user.agency_id)  # pupils on the school's roll
    return Q(pk__in=[])


def people_visible_to(user) -> QuerySet[Person]:
    if not may(user, "people.search_people"):
        return Person.objects.none()
    return Person.objects.filter(person_scope(user), partnership_id=user.partnership_id)


@object_rule("people.view_person")
def _may_view_person(user, person) -> bool:
    return Person.objects.filter(person_scope(user), pk=person.pk).exists()


def partnership_schools(user) -> QuerySet[Agency]:
    """The schools and colleges of the user's partnership that are still open."""
    return Agency.objects.filter(
        partnership_id=user.partnership_id, kind=AgencyKind.SCHOOL, is_active=True
    )


def schools_for_new_people(user) -> QuerySet[Agency]:
    """Schools a person this user adds may be on the roll of, so that the user can see them:
    any for whole-partnership roles, only their own for a DSL."""
    schools = partnership_schools(user)
    if user.has_role(*WHOLE_PARTNERSHIP_ROLES):
        return schools
    return schools.filter(pk=user.agency_id)


# Parts of a person's page that belong to the apps above (the incidents a child is in). Those
# apps register a function here; ``people`` never imports them.
RecordSection = Callable[..., dict | None]
_record_sections: list[RecordSection] = []


def person_record_section(fn: RecordSection) -> RecordSection:
    """Register ``fn(*, person, viewer)``: it returns ``{"template": ..., **context}`` for a
    part of the person's page, filtered by what the viewer may see, or None to show nothing."""
    _record_sections.append(fn)
    return fn


def record_sections_for(*, person, viewer) -> list[dict]:
    return [s for fn in _record_sections if (s := fn(person=person, viewer=viewer)) is not None]
