"""Who sees which child's involvement. Visibility is decided per involvement, never per
incident: a DSL sees the children on their school's roll and what their school reported;
police see what was referred to police; the MASH sees everything in the partnership; anyone
can be excluded from a restricted involvement."""

from django.db.models import Q, QuerySet

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.models import Agency
from cairn.accounts.permissions import may, object_rule
from cairn.incidents.models import Decision, Incident, Involvement
from cairn.people.selectors import person_record_section

WHOLE_PARTNERSHIP_ROLES = (Role.MASH_PRACTITIONER, Role.MASH_MANAGER, Role.AUDITOR)


def involvement_scope(user) -> Q:
    if user.has_role(*WHOLE_PARTNERSHIP_ROLES):
        return Q()
    scope = Q(pk__in=[])
    if user.agency_id and user.has_role(Role.DSL, Role.AGENCY_PRACTITIONER):
        scope |= Q(incident__reporting_agency_id=user.agency_id)
    if user.agency_id and user.has_role(Role.DSL):
        scope |= Q(person__school_id=user.agency_id)
    if (
        user.agency
        and user.agency.kind == AgencyKind.POLICE
        and user.has_role(Role.AGENCY_PRACTITIONER)
    ):
        scope |= Q(incident__referred_to_police=True)
    return scope


def involvements_visible_to(user) -> QuerySet[Involvement]:
    if not may(user, "incidents.view_incident"):
        return Involvement.objects.none()
    return (
        Involvement.objects.filter(
            involvement_scope(user), incident__partnership_id=user.partnership_id
        )
        .exclude(restricted=True, excluded_users=user)
        .distinct()
    )


def incidents_visible_to(user) -> QuerySet[Incident]:
    """Incidents in which the user may see at least one child (or that their agency reported)."""
    if not may(user, "incidents.view_incident"):
        return Incident.objects.none()
    visible = involvements_visible_to(user).values("incident_id")
    reported = Q(reporting_agency_id=user.agency_id) if user.agency_id else Q(pk__in=[])
    return Incident.objects.filter(Q(pk__in=visible) | reported, partnership_id=user.partnership_id)


def involvements_of(*, incident, viewer) -> QuerySet[Involvement]:
    """The children of ``incident`` the viewer may see; the others are not even counted."""
    return (
        involvements_visible_to(viewer)
        .filter(incident=incident)
        .select_related("person", "person__school")
        .order_by("pk")
    )


@object_rule("incidents.view_incident")
def _may_view(user, obj) -> bool:
    if isinstance(obj, Incident):
        return incidents_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Involvement):
        return involvements_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Decision):
        return involvements_visible_to(user).filter(pk=obj.involvement_id).exists()
    return False


@object_rule("incidents.record_incident")
def _may_record(user, obj) -> bool:
    """Report for an agency: the MASH for any agency, everyone else for their own. Add to an
    incident, or record a child's views, only where the user may see it."""
    if isinstance(obj, Agency):
        return obj.pk == user.agency_id or user.has_role(Role.MASH_PRACTITIONER, Role.MASH_MANAGER)
    if isinstance(obj, Incident):
        return incidents_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Involvement):
        return involvements_visible_to(user).filter(pk=obj.pk).exists()
    return False


@object_rule("incidents.decide")
def _may_decide(user, involvement) -> bool:
    return involvements_visible_to(user).filter(pk=involvement.pk).exists()


@object_rule("incidents.sign_off")
def _may_sign_off(user, decision) -> bool:
    return decision.decided_by_id != user.pk and _may_view(user, decision)


def decision_clock(involvement, *, book=None, today=None):
    """Working time left for the MASH decision on this child (1 working day from receipt),
    or None when the MASH has not received a referral or the decision is made."""
    from cairn.clocks.selectors import clock_book

    if involvement.mash_received_at is None or involvement.mash_stage == "decided":
        return None
    book = book or clock_book(partnership=involvement.incident.partnership)
    return book.time_left(
        clock="referral_decision", start=involvement.mash_received_at, today=today
    )


def incident_for(*, viewer, pk) -> Incident | None:
    return (
        incidents_visible_to(viewer)
        .select_related("reporting_agency", "partnership")
        .prefetch_related("contexts")
        .filter(pk=pk)
        .first()
    )


@person_record_section
def _person_involvements(*, person, viewer) -> dict:
    """The incidents on a child's page: only the child's own involvements the viewer may see,
    each with the child's own role and MASH decisions."""
    involvements = (
        involvements_visible_to(viewer)
        .filter(person=person)
        .select_related("incident", "incident__reporting_agency")
        .prefetch_related("decisions")
        .order_by("-incident__reported_at")
    )
    return {"template": "incidents/_person_involvements.html", "involvements": involvements}
