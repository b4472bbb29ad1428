"""Publication pages: drafting with a bad upload keeps what was typed, the redaction check page
is restricted and its viewing logged, a published version has no edit page, query counts."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.publishing import services
from cairn.publishing.choices import VersionStatus
from cairn.publishing.models import PublicationVersion
from cairn.publishing.tests.factories import MediaEnquiryFactory
from conftest import sign_in

from .conftest import CLEAN, publish


def edit_url(version):
    return reverse("publishing:version_edit", args=[version.pk])


def test_a_partnership_officer_starts_a_publication_and_is_taken_to_its_draft(
    client, officer, review
):
    sign_in(client, officer)
    response = client.post(
        reverse("publishing:new"),
        {"kind": "statement", "title": "Our statement", "review": str(review.pk)},
    )
    version = PublicationVersion.objects.get()
    assert response["Location"] == edit_url(version)
    assert version.publication.review == review


def test_an_upload_that_is_not_a_document_gives_a_clear_error_and_keeps_the_typed_text(
    client, officer, draft
):
    sign_in(client, officer)
    response = client.post(
        edit_url(draft),
        {
            "title": "Our response",
            "text": "Typed words to keep",
            "version": draft.version,
            "document": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_document"' in page
    assert "PDF" in page
    assert "Typed words to keep" in page
    draft.refresh_from_db()
    assert draft.text == CLEAN


def test_an_upload_over_the_size_limit_gives_a_clear_error(client, officer, draft, monkeypatch):
    monkeypatch.setattr("cairn.publishing.forms.MAX_BYTES", 10)
    monkeypatch.setattr("cairn.publishing.services.MAX_BYTES", 10)
    sign_in(client, officer)
    response = client.post(
        edit_url(draft),
        {
            "title": "Our response",
            "text": "Typed",
            "version": draft.version,
            "document": SimpleUploadedFile("big.txt", b"a" * 100, "text/plain"),
        },
    )
    page = response.content.decode()
    assert 'href="#id_document"' in page
    assert "larger than the" in page
    assert 'value="Typed"' in page or ">Typed</textarea>" in page


def test_a_published_version_has_no_edit_page(client, officer, lead, draft):
    published = publish(draft, officer=officer, lead=lead)
    sign_in(client, officer)
    response = client.post(
        edit_url(published), {"title": "Changed", "text": "Changed", "version": published.version}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.text == CLEAN


def test_the_redaction_check_shows_the_hit_highlighted_and_logs_the_viewing(client, officer, draft):
    version = services.version_edit(
        by=officer, version=draft, expected_version=draft.version, title="Our response",
        text="We met Jayden Vantreese at school.",
    )  # fmt: skip
    services.gate_scan(by=officer, version=version)
    sign_in(client, officer)
    response = client.get(reverse("publishing:gate", args=[version.pk]))
    assert "<mark>Jayden Vantreese</mark>" in response.content.decode()
    assert AuditEvent.objects.filter(
        action="view", object_type="publishing.publicationversion", object_id=str(version.pk)
    ).exists()


def test_the_lead_and_the_communications_team_may_not_see_the_redaction_check(
    client, lead, comms, draft
):
    for user in (lead, comms):
        sign_in(client, user)
        assert client.get(reverse("publishing:gate", args=[draft.pk])).status_code == 403


def test_justifying_a_hit_through_the_page(client, officer, draft):
    version = services.version_edit(
        by=officer, version=draft, expected_version=draft.version, title="Our response",
        text="The Vantreese Trust helped.",
    )  # fmt: skip
    hit = services.gate_scan(by=officer, version=version).hits.get()
    sign_in(client, officer)
    client.post(reverse("publishing:hit_justify", args=[hit.pk]), {"reason": "A charity"})
    hit.refresh_from_db()
    assert hit.justified_by == officer


def test_the_lead_approves_and_publishes_through_the_page(client, officer, lead, draft):
    submitted = services.version_submit(by=officer, version=draft)
    sign_in(client, lead)
    client.post(reverse("publishing:version_approve", args=[submitted.pk]), {"when": "now"})
    submitted.refresh_from_db()
    assert submitted.status == VersionStatus.PUBLISHED


def test_another_partnerships_publication_is_not_found(client, make_user, draft, other_partnership):
    from cairn.accounts.choices import Role
    from cairn.accounts.tests.factories import AgencyFactory, UserFactory

    intruder = UserFactory(
        agency=AgencyFactory(partnership=other_partnership), roles=[Role.PARTNERSHIP_OFFICER]
    )
    sign_in(client, intruder)
    for name in ("publishing:version_detail", "publishing:gate", "publishing:version_edit"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404


def test_the_publication_list_has_a_fixed_number_of_queries(
    client, officer, partnership, django_assert_max_num_queries
):
    for n in range(6):
        services.publication_create(
            by=officer, partnership=partnership, kind="statement", title=f"Statement {n}"
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("publishing:list"))
    assert response.content.decode().count("Statement ") >= 6


def test_the_media_list_shows_overdue_first_with_a_fixed_number_of_queries(
    client, comms, partnership, django_assert_max_num_queries
):
    import datetime as dt

    from django.utils import timezone

    MediaEnquiryFactory.create_batch(4, partnership=partnership, owner=comms)
    late = MediaEnquiryFactory(
        partnership=partnership,
        journalist="Late Reporter",
        received_at=timezone.now() - dt.timedelta(days=3),
        deadline=timezone.now() - dt.timedelta(days=1),
    )
    sign_in(client, comms)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("publishing:enquiry_list"))
    assert response.context["enquiries"][0] == late
    assert "Overdue" in response.content.decode()


def test_the_communications_team_logs_and_answers_an_enquiry(client, comms, partnership):
    sign_in(client, comms)
    client.post(
        reverse("publishing:enquiry_new"),
        {
            "outlet": "Marlshire Evening Post",
            "journalist": "Sam Ridley",
            "received_on_day": "2", "received_on_month": "3", "received_on_year": "2026",
            "received_time": "09:30",
            "deadline_on_day": "3", "deadline_on_month": "3", "deadline_on_year": "2026",
            "deadline_time": "16:00",
            "topic": "When will the report be published?",
            "owner": str(comms.pk),
        },
    )  # fmt: skip
    from cairn.publishing.models import MediaEnquiry

    enquiry = MediaEnquiry.objects.get()
    assert (enquiry.owner, enquiry.status) == (comms, "open")
    client.post(
        reverse("publishing:enquiry_respond", args=[enquiry.pk]),
        {
            "response": "Later this month.",
            "responded_on_day": "3", "responded_on_month": "3", "responded_on_year": "2026",
            "responded_time": "11:00", "version": enquiry.version,
        },
    )  # fmt: skip
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.response) == ("answered", "Later this month.")


def test_a_communications_officer_may_read_but_not_start_publications(client, comms):
    sign_in(client, comms)
    assert client.get(reverse("publishing:list")).status_code == 200
    assert client.get(reverse("publishing:new")).status_code == 403
