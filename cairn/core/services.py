"""Shared write helpers: optimistic concurrency for edits made by people."""

from django.db import transaction
from django.db.models import F

from cairn.audit.context import acting_as


class EditConflict(Exception):
    """Someone else saved the record after this edit began."""

    def __init__(self, obj):
        super().__init__(
            f"{obj._meta.verbose_name.capitalize()} was changed by someone else while you were "
            "editing it. Your changes have not been saved: check the current details and "
            "make your changes again."
        )
        self.obj = obj


def update_versioned(*, obj, expected_version: int, changes: dict, by):
    """Apply ``changes`` to ``obj`` only if it is still at ``expected_version``.

    Raises EditConflict otherwise; the caller keeps the user's input and shows the error.
    """
    model = type(obj)
    with transaction.atomic(), acting_as(by):
        current = model.objects.select_for_update().get(pk=obj.pk)
        if current.version != expected_version:
            raise EditConflict(current)
        for field, value in changes.items():
            setattr(current, field, value)
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
    return current
