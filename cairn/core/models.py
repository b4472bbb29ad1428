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


class OutboxMessage(models.Model):
    """An e-mail that must go once: written first, sent by ``cairn.core.outbox``, marked sent.

    Each concrete outbox adds what the message is about and a unique constraint that says what
    "once" means for it.
    """

    recipient = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class VocabularyTerm(Versioned):
    """A term of a partnership's controlled, editable vocabulary (``cairn.core.vocabulary``):
    each partnership starts from a file in cairn/data. Concrete vocabularies add
    ``partnership`` and a unique constraint on partnership and name."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name
