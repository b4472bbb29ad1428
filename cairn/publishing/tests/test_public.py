"""The public site, signed out: only published versions, the amendment history with earlier
versions readable, escaped text, and a valid Atom feed."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from cairn.publishing import services

from .conftest import CLEAN, publish

ATOM = "{http://www.w3.org/2005/Atom}"
NOTE = "Amended on 22 February 2022 to include a link to the multi-agency guidance"


def amend(publication, *, officer, lead, text, note=NOTE):
    version = services.publication_amend(by=officer, publication=publication)
    version = services.version_edit(
        by=officer, version=version, expected_version=version.version, title=version.title,
        text=text, amendment_note=note,
    )  # fmt: skip
    return publish(version, officer=officer, lead=lead)


def test_a_draft_never_appears_on_the_public_site(client, draft):
    assert draft.title not in client.get(reverse("public:list")).content.decode()
    slug = draft.publication.slug
    assert client.get(reverse("public:detail", args=[slug])).status_code == 404
    assert client.get(reverse("public:version", args=[slug, 1])).status_code == 404


def test_a_version_waiting_for_approval_never_appears(client, draft, officer):
    services.version_submit(by=officer, version=draft)
    assert client.get(reverse("public:detail", args=[draft.publication.slug])).status_code == 404


def test_the_public_page_shows_the_current_text_and_the_amendment_history(
    client, draft, officer, lead
):
    publish(draft, officer=officer, lead=lead)
    amend(draft.publication, officer=officer, lead=lead, text=CLEAN + "\n\nNew paragraph.")
    page = client.get(reverse("public:detail", args=[draft.publication.slug])).content.decode()
    assert "New paragraph." in page
    assert NOTE in page
    assert reverse("public:version", args=[draft.publication.slug, 1]) in page


def test_an_earlier_version_is_readable_as_it_was(client, draft, officer, lead):
    publish(draft, officer=officer, lead=lead)
    amend(draft.publication, officer=officer, lead=lead, text="Replaced entirely.")
    page = client.get(reverse("public:version", args=[draft.publication.slug, 1])).content.decode()
    assert "We accept every recommendation" in page
    assert "It has been replaced" in page


def test_an_amendment_in_progress_does_not_show(client, draft, officer, lead):
    publish(draft, officer=officer, lead=lead)
    version = services.publication_amend(by=officer, publication=draft.publication)
    services.version_edit(
        by=officer, version=version, expected_version=version.version, title=version.title,
        text="Secret draft words", amendment_note="Not yet",
    )  # fmt: skip
    page = client.get(reverse("public:detail", args=[draft.publication.slug])).content.decode()
    assert "Secret draft words" not in page


def test_the_text_is_escaped_never_run_as_html(client, draft, officer, lead):
    version = services.version_edit(
        by=officer, version=draft, expected_version=draft.version,
        title="<b>Title</b>", text='<script>alert("x")</script>\n\nA & B',
    )  # fmt: skip
    publish(version, officer=officer, lead=lead)
    page = client.get(reverse("public:detail", args=[draft.publication.slug])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
    assert "A &amp; B" in page


def test_the_atom_feed_is_xml_with_an_entry_per_publication_and_amendment(
    client, draft, officer, lead
):
    publish(draft, officer=officer, lead=lead)
    amend(draft.publication, officer=officer, lead=lead, text="Now <with> & marks")
    response = client.get(reverse("public:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Our response (amended)",
        "Our response",
    ]
    assert entries[0].find(f"{ATOM}summary").text == NOTE
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/versions/2/")


def test_the_feed_has_no_drafts(client, draft):
    root = ET.fromstring(client.get(reverse("public:feed")).content)
    assert root.findall(f"{ATOM}entry") == []


def test_the_public_list_has_a_fixed_number_of_queries(
    client, officer, lead, partnership, django_assert_max_num_queries
):
    for n in range(5):
        publication = services.publication_create(
            by=officer, partnership=partnership, kind="statement", title=f"Statement {n}"
        )
        version = publication.versions.get()
        version = services.version_edit(
            by=officer, version=version, expected_version=version.version, title=f"Statement {n}",
            text=CLEAN,
        )  # fmt: skip
        publish(version, officer=officer, lead=lead)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("public:list"))
    assert response.content.decode().count('<h2 class="govuk-heading-m') == 5
