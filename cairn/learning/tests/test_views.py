"""Briefing and library pages: what each user gets, and the number of queries per page."""

import pytest
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.learning import services
from cairn.learning.models import Briefing, Receipt
from cairn.learning.tests.factories import BriefingFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _send(briefing, by):
    return services.briefing_send(by=by, briefing=briefing, expected_version=briefing.version)


def test_the_officer_writes_a_draft_through_the_form(client, signed_in, officer, schools):
    signed_in(client, officer)
    response = client.post(
        reverse("learning:briefing_new"),
        {
            "kind": "seven_minute",
            "title": "Child T",
            "summary": "Listen.",
            "body": "Ask every child.",
            "agencies": [schools[0].pk],
            "roles": ["dsl"],
            "remind_after_days": "10",
            "follow_up_weeks": "6",
            "follow_up_question": "What has changed?",
        },
    )
    briefing = Briefing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:briefing_detail", args=[briefing.pk])
    assert list(briefing.agencies.all()) == [schools[0]]


def test_a_refused_form_shows_the_error_and_keeps_what_was_typed(client, signed_in, officer):
    signed_in(client, officer)
    response = client.post(
        reverse("learning:briefing_new"),
        {"kind": "seven_minute", "title": "Kept", "summary": "", "body": "B",
         "remind_after_days": "10", "follow_up_weeks": "0", "follow_up_question": "Q"},
    )  # fmt: skip
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a short summary" in content
    assert 'value="Kept"' in content
    assert not Briefing.objects.exists()


def test_the_officer_sends_a_briefing_after_checking_it(client, signed_in, officer, draft, dsls):
    signed_in(client, officer)
    url = reverse("learning:briefing_send", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "2 people" in page
    client.post(url, {"version": draft.version})
    draft.refresh_from_db()
    assert draft.is_sent
    assert Receipt.objects.filter(briefing=draft).count() == 2


def test_the_edit_page_of_a_sent_briefing_sends_the_officer_back(
    client, signed_in, officer, draft, dsls
):
    _send(draft, officer)
    signed_in(client, officer)
    response = client.get(reverse("learning:briefing_edit", args=[draft.pk]))
    assert response["Location"] == reverse("learning:briefing_detail", args=[draft.pk])


def test_opening_the_briefing_page_does_not_acknowledge_it(client, signed_in, officer, draft, dsls):
    _send(draft, officer)
    signed_in(client, dsls[0])
    page = client.get(reverse("learning:briefing", args=[draft.pk])).content.decode()
    receipt = Receipt.objects.get(recipient=dsls[0])
    assert "I have read this briefing" in page
    assert receipt.first_opened_at is not None
    assert receipt.read_at is None


def test_the_acknowledge_button_records_reading(client, signed_in, officer, draft, dsls):
    _send(draft, officer)
    signed_in(client, dsls[0])
    client.post(reverse("learning:acknowledge", args=[draft.pk]))
    assert Receipt.objects.get(recipient=dsls[0]).read_at is not None


def test_briefing_html_in_the_body_is_escaped(
    client, signed_in, officer, partnership, schools, dsls
):
    briefing = BriefingFactory(
        partnership=partnership, agencies=schools, body="<script>alert(1)</script> **Ask**"
    )
    _send(briefing, officer)
    signed_in(client, dsls[0])
    page = client.get(reverse("learning:briefing", args=[briefing.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>Ask</strong>" in page


def test_the_reach_csv_is_disclosure_controlled(client, signed_in, officer, draft, dsls):
    _send(draft, officer)
    signed_in(client, officer)
    response = client.get(reverse("learning:briefing_reach_csv", args=[draft.pk]))
    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0] == "Agency,Sent,Read,Read (%),Followed up,Followed up (%),Not yet read"
    assert lines[1].endswith(",c,c,c,c,c,c")


def test_your_briefings_page_has_a_fixed_number_of_queries(
    client, signed_in, officer, partnership, schools, dsls, django_assert_max_num_queries
):
    for _ in range(5):
        _send(BriefingFactory(partnership=partnership, agencies=schools), officer)
    signed_in(client, dsls[0])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:my_briefings"))
    assert response.content.decode().count("Not yet read") == 5


def test_the_briefing_list_has_a_fixed_number_of_queries(
    client, signed_in, officer, partnership, schools, dsls, django_assert_max_num_queries
):
    for _ in range(5):
        _send(BriefingFactory(partnership=partnership, agencies=schools), officer)
    signed_in(client, officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:briefing_list"))
    assert "5 briefings" in response.content.decode()


def test_the_briefing_detail_with_reach_has_a_fixed_number_of_queries(
    client, signed_in, officer, draft, dsls, django_assert_max_num_queries
):
    _send(draft, officer)
    signed_in(client, officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("learning:briefing_detail", args=[draft.pk]))
    assert "Reach and acknowledgement by agency" in response.content.decode()


def test_the_library_filters_by_theme_with_a_fixed_number_of_queries(
    client, signed_in, dsls, django_assert_max_num_queries
):
    for n in range(6):
        ResourceFactory(title=f"HSB tool {n}")
    ResourceFactory(title="Context toolkit", themes=["contextual_safeguarding"])
    signed_in(client, dsls[0])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("learning:library"), {"theme": "contextual_safeguarding"})
    page = response.content.decode()
    assert "Context toolkit" in page
    assert "HSB tool" not in page


def test_a_dsl_cannot_open_the_briefing_management_pages(client, signed_in, dsls):
    signed_in(client, dsls[0])
    assert client.get(reverse("learning:briefing_list")).status_code == 403


def test_the_officer_adds_a_local_resource(client, signed_in, make_user):
    officer = make_user(Role.PARTNERSHIP_OFFICER)
    signed_in(client, officer)
    client.post(
        reverse("learning:resource_new"),
        {"title": "Local HSB pathway", "publisher": "Testshire SCP", "summary": "Who to call.",
         "themes": ["harmful_sexual_behaviour"], "topics": ["hsb_assessment"], "url": ""},
    )  # fmt: skip
    page = client.get(reverse("learning:library")).content.decode()
    assert "Local HSB pathway" in page
    assert "(local resource)" in page


def test_the_edit_form_starts_from_the_drafts_choices(client, signed_in, officer, draft, schools):
    signed_in(client, officer)
    page = client.get(reverse("learning:briefing_edit", args=[draft.pk])).content.decode()
    for school in schools:
        assert f'value="{school.pk}" checked' in page
    assert 'value="dsl" checked' in page


def test_the_practice_links_tag_lists_the_resources_for_a_page(rf, dsls):
    from django.template import Context, Template

    ResourceFactory(title="Traffic light tool", url="https://www.example.org/tlt")
    request = rf.get("/")
    request.user = dsls[0]
    html = Template('{% load learning %}{% practice_links "hsb_assessment" %}').render(
        Context({"request": request})
    )
    assert '<a class="govuk-link" href="https://www.example.org/tlt"' in html
    assert "Traffic light tool" in html


def test_recording_an_incident_shows_the_practice_guidance_for_recording(
    client, signed_in, make_user
):
    ResourceFactory(title="Multi-agency child-on-child guidance", topics=["incident"])
    ResourceFactory(title="Traffic light tool", topics=["hsb_assessment"])
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    page = client.get(reverse("incidents:new")).content.decode()
    assert "Multi-agency child-on-child guidance" in page
    assert "Traffic light tool" not in page
