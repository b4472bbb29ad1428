"""A published version never changes: the services refuse it (test_services) and the database
refuses it too, whatever code tries."""

import pytest
from django.db import transaction
from django.db.utils import DatabaseError

from cairn.publishing.models import PublicationVersion, VersionDocument

from .conftest import publish


@pytest.fixture
def published(draft, officer, lead):
    return publish(draft, officer=officer, lead=lead)


def test_the_database_refuses_to_change_a_published_text(published):
    refused = pytest.raises(DatabaseError, match="A published version never changes")
    with refused, transaction.atomic():
        PublicationVersion.objects.filter(pk=published.pk).update(text="Rewritten")
    published.refresh_from_db()
    assert "Rewritten" not in published.text


def test_the_database_refuses_to_change_a_publication_date(published):
    with pytest.raises(DatabaseError), transaction.atomic():
        PublicationVersion.objects.filter(pk=published.pk).update(published_at=None, status="draft")


def test_the_database_refuses_to_save_a_published_version_through_the_model(published):
    published.title = "Another title"
    with pytest.raises(DatabaseError), transaction.atomic():
        published.save()


def test_the_database_refuses_to_delete_a_published_version(published):
    with pytest.raises(DatabaseError), transaction.atomic():
        PublicationVersion.objects.filter(pk=published.pk).delete()


def test_the_document_of_a_published_version_cannot_be_replaced(draft, officer, lead):
    from cairn.publishing import services

    uploaded = services.version_edit(
        by=officer, version=draft, expected_version=draft.version, title="Our response",
        text="", document=("statement.txt", b"Words from the file."),
    )  # fmt: skip
    publish(uploaded, officer=officer, lead=lead)
    with pytest.raises(DatabaseError), transaction.atomic():
        VersionDocument.objects.filter(version=uploaded).update(data=b"other")


def test_a_draft_can_still_be_changed_in_the_database(draft):
    PublicationVersion.objects.filter(pk=draft.pk).update(text="Still a draft")
    draft.refresh_from_db()
    assert draft.text == "Still a draft"
