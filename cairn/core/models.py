"""Building blocks shared by every domain app."""

from django.db import models


class Versioned(models.Model):
    """A record edited by people: a version number guards against silent overwrites.

    Services update through ``cairn.core.services.update_versioned``, which refuses an edit
    made against an older version than the one stored.
    """

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
