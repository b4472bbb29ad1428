"""Publication services: drafting, submitting, approving, publishing, amending, scheduling,
advance copies; each rule and each refusal with its message."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.publishing import services
from cairn.publishing.choices import VersionSource, VersionStatus
from cairn.publishing.models import PublicationVersion, VersionDocument
from cairn.publishing.tasks import publish_due

from .conftest import CLEAN, publish


def messages_of(error):
    return " ".join(error.value.messages)


def test_starting_a_publication_makes_an_empty_first_draft(draft):
    assert draft.number == 1
    assert draft.status == VersionStatus.DRAFT
    assert draft.publication.slug == "our-response"


def test_a_second_publication_with_the_same_title_gets_its_own_address(officer, partnership):
    first = services.publication_create(
        by=officer, partnership=partnership, kind="statement", title="Our response"
    )
    second = services.publication_create(
        by=officer, partnership=partnership, kind="statement", title="Our response"
    )
    assert (first.slug, second.slug) == ("our-response", "our-response-2")


def test_a_publication_needs_a_title_and_a_kind(officer, partnership):
    with pytest.raises(ValidationError) as error:
        services.publication_create(by=officer, partnership=partnership, kind="poem", title=" ")
    assert error.value.message_dict == {
        "kind": ["Choose what kind of publication it is"],
        "title": ["Enter the title"],
    }


def test_only_those_who_manage_publications_may_start_one(partnership, comms):
    with pytest.raises(PermissionDenied):
        services.publication_create(
            by=comms, partnership=partnership, kind="statement", title="Ours"
        )


def test_a_review_of_another_partnership_is_refused(officer, partnership, other_partnership):
    from cairn.reviews.tests.factories import ReviewFactory

    review = ReviewFactory(partnership=other_partnership)
    with pytest.raises(ValidationError) as error:
        services.publication_create(
            by=officer, partnership=partnership, kind="statement", title="Ours", review=review
        )
    assert error.value.message_dict == {"review": ["Choose a review of this partnership"]}


def test_an_empty_draft_cannot_be_sent_for_approval(officer, partnership):
    publication = services.publication_create(
        by=officer, partnership=partnership, kind="statement", title="Ours"
    )
    with pytest.raises(ValidationError) as error:
        services.version_submit(by=officer, version=publication.versions.get())
    assert error.value.message_dict == {
        "text": ["Enter the text of the publication, or upload a PDF or Word document"]
    }


def test_sending_for_approval_checks_the_text(draft, officer):
    submitted = services.version_submit(by=officer, version=draft)
    assert submitted.status == VersionStatus.SUBMITTED
    assert submitted.scans.count() == 1


def test_the_author_cannot_approve_their_own_version(draft, make_user, partnership):
    author_lead = make_user(Role.PARTNERSHIP_LEAD, Role.PARTNERSHIP_OFFICER)
    publication = services.publication_create(
        by=author_lead, partnership=partnership, kind="statement", title="Mine"
    )
    version = publication.versions.get()
    version = services.version_edit(
        by=author_lead, version=version, expected_version=version.version, title="Mine",
        text=CLEAN,
    )  # fmt: skip
    submitted = services.version_submit(by=author_lead, version=version)
    with pytest.raises(ValidationError) as error:
        services.version_approve(by=author_lead, version=submitted)
    assert messages_of(error) == "You wrote or sent this version: someone else must approve it"


def test_a_partnership_officer_cannot_approve(draft, officer):
    submitted = services.version_submit(by=officer, version=draft)
    with pytest.raises(PermissionDenied):
        services.version_approve(by=officer, version=submitted)


def test_a_draft_not_sent_for_approval_cannot_be_approved(draft, lead):
    with pytest.raises(ValidationError) as error:
        services.version_approve(by=lead, version=draft)
    assert messages_of(error) == "Only a version waiting for approval can be approved"


def test_approving_without_a_date_publishes_now(draft, officer, lead):
    published = publish(draft, officer=officer, lead=lead)
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_at is not None
    assert published.approved_by == lead


def test_the_lead_can_return_a_version_with_a_reason(draft, officer, lead):
    submitted = services.version_submit(by=officer, version=draft)
    returned = services.version_return(by=lead, version=submitted, reason="Shorten it")
    assert returned.status == VersionStatus.DRAFT
    assert returned.returned_reason == "Shorten it"


def test_returning_needs_a_reason(draft, officer, lead):
    submitted = services.version_submit(by=officer, version=draft)
    with pytest.raises(ValidationError) as error:
        services.version_return(by=lead, version=submitted, reason="")
    assert error.value.message_dict == {"reason": ["Enter what needs to change"]}


def test_a_version_waiting_for_approval_cannot_be_edited(draft, officer):
    submitted = services.version_submit(by=officer, version=draft)
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            by=officer, version=submitted, expected_version=submitted.version, title="x", text="y"
        )
    assert "waiting for approval or publication" in messages_of(error)


# Published versions never change ------------------------------------------------------------


def test_a_published_version_cannot_be_edited(draft, officer, lead):
    published = publish(draft, officer=officer, lead=lead)
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            by=officer, version=published, expected_version=published.version, title="x",
            text="Changed",
        )  # fmt: skip
    assert messages_of(error) == services.PUBLISHED_NEVER_CHANGES
    published.refresh_from_db()
    assert published.text == CLEAN


def test_a_published_version_cannot_be_returned_or_rescanned(draft, officer, lead):
    published = publish(draft, officer=officer, lead=lead)
    with pytest.raises(ValidationError):
        services.version_return(by=lead, version=published, reason="x")
    with pytest.raises(ValidationError):
        services.gate_scan(by=officer, version=published)


# Amending ------------------------------------------------------------------------------------


def test_an_amendment_is_a_new_version_from_the_published_text(draft, officer, lead):
    publish(draft, officer=officer, lead=lead)
    amendment = services.publication_amend(by=officer, publication=draft.publication)
    assert (amendment.number, amendment.status, amendment.text) == (2, "draft", CLEAN)


def test_an_amendment_needs_a_public_note(draft, officer, lead):
    publish(draft, officer=officer, lead=lead)
    amendment = services.publication_amend(by=officer, publication=draft.publication)
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            by=officer, version=amendment, expected_version=amendment.version,
            title="Our response", text=CLEAN + "\n\nSee the guidance.",
        )  # fmt: skip
    assert list(error.value.message_dict) == ["amendment_note"]


def test_an_amendment_published_leaves_the_first_version_as_it_was(draft, officer, lead):
    first = publish(draft, officer=officer, lead=lead)
    amendment = services.publication_amend(by=officer, publication=draft.publication)
    amendment = services.version_edit(
        by=officer, version=amendment, expected_version=amendment.version, title="Our response",
        text=CLEAN + "\n\nRead the multi-agency guidance.",
        amendment_note="Amended on 22 February 2022 to include a link to the multi-agency guidance",
    )  # fmt: skip
    second = publish(amendment, officer=officer, lead=lead)
    first.refresh_from_db()
    assert first.text == CLEAN
    assert second.status == VersionStatus.PUBLISHED
    assert second.amendment_note.startswith("Amended on 22 February 2022")


def test_a_second_amendment_cannot_start_while_one_is_in_progress(draft, officer, lead):
    publish(draft, officer=officer, lead=lead)
    services.publication_amend(by=officer, publication=draft.publication)
    with pytest.raises(ValidationError) as error:
        services.publication_amend(by=officer, publication=draft.publication)
    assert messages_of(error) == (
        "There is already a version in progress: finish or publish it before amending"
    )


def test_an_unpublished_publication_cannot_be_amended(draft, officer):
    with pytest.raises(ValidationError):
        services.publication_amend(by=officer, publication=draft.publication)


# Uploads -------------------------------------------------------------------------------------


def test_an_uploaded_document_gives_the_text_and_is_kept_with_it(draft, officer):
    data = b"Text from the uploaded statement."
    saved = services.version_edit(
        by=officer, version=draft, expected_version=draft.version, title="Our response",
        text="", document=("statement.txt", data),
    )  # fmt: skip
    assert saved.text == "Text from the uploaded statement."
    assert saved.source == VersionSource.UPLOADED
    assert bytes(VersionDocument.objects.get(version=saved).data) == data


def test_an_upload_that_is_not_a_pdf_or_word_document_is_refused(draft, officer):
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            by=officer, version=draft, expected_version=draft.version, title="Our response",
            text="", document=("photo.jpg", b"\xff\xd8\xff\xe0 not a document"),
        )  # fmt: skip
    assert list(error.value.message_dict) == ["document"]
    assert "PDF" in error.value.message_dict["document"][0]


def test_an_upload_over_the_size_limit_is_refused(draft, officer):
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            by=officer, version=draft, expected_version=draft.version, title="Our response",
            text="", document=("big.txt", b"a" * 2048), max_bytes=1024,
        )  # fmt: skip
    assert list(error.value.message_dict) == ["document"]


def test_typing_over_an_uploaded_text_lets_the_document_go(draft, officer):
    saved = services.version_edit(
        by=officer, version=draft, expected_version=draft.version, title="Our response",
        text="", document=("statement.txt", b"Uploaded words."),
    )  # fmt: skip
    typed = services.version_edit(
        by=officer, version=saved, expected_version=saved.version, title="Our response",
        text="Typed words.",
    )  # fmt: skip
    assert typed.source == VersionSource.TYPED
    assert not VersionDocument.objects.filter(version=typed).exists()


# Scheduled publication -----------------------------------------------------------------------


def test_a_scheduled_version_waits_then_publish_due_publishes_it(draft, officer, lead):
    when = timezone.now() + dt.timedelta(days=2)
    approved = publish(draft, officer=officer, lead=lead, publish_at=when)
    assert approved.status == VersionStatus.APPROVED
    assert services.publish_due()["published"] == []
    with time_machine.travel(when + dt.timedelta(minutes=1)):
        done = services.publish_due()
    assert [v.pk for v in done["published"]] == [approved.pk]
    approved.refresh_from_db()
    assert approved.status == VersionStatus.PUBLISHED


def test_a_publication_date_in_the_past_is_refused(draft, officer, lead):
    submitted = services.version_submit(by=officer, version=draft)
    with pytest.raises(ValidationError) as error:
        services.version_approve(
            by=lead, version=submitted, publish_at=timezone.now() - dt.timedelta(hours=1)
        )
    assert error.value.message_dict == {
        "publish_at": ["The publication date must be in the future"]
    }


def test_the_command_and_the_task_publish_what_is_due(draft, officer, lead, capsys):
    when = timezone.now() + dt.timedelta(hours=1)
    approved = publish(draft, officer=officer, lead=lead, publish_at=when)
    with time_machine.travel(when + dt.timedelta(minutes=1)):
        call_command("publish_due")
        assert publish_due.call() == {"published": [], "blocked": []}
    assert "Published 1" in capsys.readouterr().out
    assert PublicationVersion.objects.get(pk=approved.pk).status == VersionStatus.PUBLISHED


# Advance copies ------------------------------------------------------------------------------


def test_an_advance_copy_is_logged_against_the_deadline(draft, officer):
    from cairn.publishing.selectors import advance_copy_deadline

    publication = draft.publication
    publication.kind, publication.planned_on = "review_report", dt.date(2025, 1, 9)
    copy = services.advance_copy_log(
        by=officer, version=draft, sent_to="The national panel", sent_on=dt.date(2024, 12, 20)
    )
    deadline = advance_copy_deadline(publication, today=dt.date(2024, 12, 20))
    assert deadline.due == dt.date(2024, 12, 30)
    assert copy.sent_on <= deadline.due


def test_an_advance_copy_needs_who_and_a_past_date(draft, officer):
    with pytest.raises(ValidationError) as error:
        services.advance_copy_log(
            by=officer, version=draft, sent_to="", sent_on=timezone.localdate() + dt.timedelta(1)
        )
    assert error.value.message_dict == {
        "sent_to": ["Enter who the copy was sent to"],
        "sent_on": ["The date the copy was sent must be today or in the past"],
    }
