"""Reading the audit trail: only administrators of the same partnership."""

from django.db.models import QuerySet

from cairn.accounts.permissions import ensure
from cairn.audit.models import AuditEvent


def trail_visible_to(viewer) -> QuerySet[AuditEvent]:
    ensure(viewer, "audit.view_trail")
    return AuditEvent.objects.filter(partnership_id=viewer.partnership_id).select_related(None)


def trail_for_record(*, viewer, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return trail_visible_to(viewer).filter(object_type=object_type, object_id=str(object_id))


def trail_for_user(*, viewer, user) -> QuerySet[AuditEvent]:
    ensure(viewer, "audit.view_trail", user.agency)
    return trail_visible_to(viewer).filter(actor=user)
