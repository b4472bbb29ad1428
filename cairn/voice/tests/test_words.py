"""What a young person said is for the engagement team only: a partnership officer never sees
it on any page, an engagement worker does, and each read is logged."""

import pytest
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.voice.models import ConsentKind
from cairn.voice.tests.factories import (
    ContributionFactory,
    EngagementFactory,
    FamilyFeedbackFactory,
    SessionFactory,
    VoiceThemeFactory,
    consented,
)
from cairn.voice.tests.walk import url_kwargs
from conftest import sign_in

SECRET = "Synthetic secret: the teacher laughed when I told her."


@pytest.fixture
def engagement(partnership, worker):
    e = consented(
        EngagementFactory(partnership=partnership, owner=worker),
        ConsentKind.BE_RECORDED,
        ConsentKind.SHARE_VIEWS,
    )
    ContributionFactory(session=SessionFactory(engagement=e), text=SECRET)
    return e


def _voice_pages(engagement):
    """Every voice page, for this engagement where it takes one."""
    world = {
        "engagement": engagement,
        "consent": engagement.consents.first(),
        "voice_session": engagement.sessions.first(),
        "voice_theme": VoiceThemeFactory(partnership=engagement.partnership),
        "family_feedback": FamilyFeedbackFactory(partnership=engagement.partnership),
    }
    with_args = [reverse(name, kwargs=kw) for name, kw in url_kwargs(world).items()]
    return with_args + [
        reverse(f"voice:{name}")
        for name in ("list", "new", "theme_list", "theme_new", "feedback_list", "feedback_new")
    ]


def test_an_engagement_worker_reads_what_they_said(client, worker, engagement):
    sign_in(client, worker)
    page = client.get(reverse("voice:words", args=[engagement.pk])).content.decode()
    assert SECRET in page


def test_each_read_of_what_they_said_is_logged(client, worker, engagement):
    contribution = engagement.sessions.get().contributions.get()
    sign_in(client, worker)
    client.get(reverse("voice:words", args=[engagement.pk]))
    client.get(reverse("voice:words", args=[engagement.pk]))
    views = AuditEvent.objects.filter(
        action="view", object_type="voice.contribution", object_id=str(contribution.pk)
    )
    assert views.count() == 2
    assert {e.actor_id for e in views} == {worker.pk}


def test_a_partnership_officer_is_refused_the_page_of_what_they_said(client, officer, engagement):
    sign_in(client, officer)
    assert client.get(reverse("voice:words", args=[engagement.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="view", object_type="voice.contribution").exists()


def test_a_partnership_officer_never_sees_what_they_said_on_any_page(client, officer, engagement):
    sign_in(client, officer)
    for url in _voice_pages(engagement):
        response = client.get(url)
        assert SECRET not in response.content.decode(), url


def test_a_partnership_lead_never_sees_what_they_said_on_any_page(client, lead, engagement):
    sign_in(client, lead)
    for url in _voice_pages(engagement):
        assert SECRET not in client.get(url).content.decode(), url


def test_the_engagement_page_does_not_show_the_words_even_to_the_engagement_team(
    client, worker, engagement
):
    sign_in(client, worker)
    page = client.get(reverse("voice:detail", args=[engagement.pk])).content.decode()
    assert SECRET not in page
    assert "Read what they said" in page


def test_recording_what_they_said_from_the_page(client, worker, engagement, partnership):
    session = engagement.sessions.get()
    sign_in(client, worker)
    response = client.post(
        reverse("voice:contribution_new", args=[session.pk]),
        {"text": "Synthetic: I want to feel safe in the corridor.", "shared_text": ""},
    )
    assert response.status_code == 302
    assert session.contributions.count() == 2
