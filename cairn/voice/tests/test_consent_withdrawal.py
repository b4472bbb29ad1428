"""Withdrawn consent to share hides the young person's words everywhere they were shared, from
then on: on recommendations, plan actions and the engagement, through every selector and page.
The words stay in the database, the theme and what was done still show, and the audit trail
keeps every step, the withdrawal included."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cairn.actionplans.tests.factories import PlanActionFactory
from cairn.audit.chain import verify_chain
from cairn.audit.models import AuditEvent
from cairn.reviews.tests.factories import RecommendationFactory, ReviewFactory
from cairn.voice import selectors, services
from cairn.voice.forms import YouSaidWeDidForm
from cairn.voice.models import ConsentKind, Contribution
from cairn.voice.tests.factories import (
    ContributionFactory,
    EngagementFactory,
    SessionFactory,
    VoiceThemeFactory,
    consented,
)
from conftest import sign_in

WORDS = "Synthetic shared words: I wanted someone to tell me what happens next."
SECRET = "Synthetic words: nobody told me what was happening for weeks."


@pytest.fixture
def theme(partnership):
    return VoiceThemeFactory(partnership=partnership, name="Being kept informed")


@pytest.fixture
def engagement(partnership, worker):
    e = EngagementFactory(partnership=partnership, owner=worker)
    return consented(e, ConsentKind.BE_RECORDED, ConsentKind.SHARE_VIEWS)


@pytest.fixture
def contribution(engagement, theme):
    c = ContributionFactory(session=SessionFactory(engagement=engagement), shared_text=WORDS)
    c.themes.add(theme)
    return c


@pytest.fixture
def recommendation(partnership):
    return RecommendationFactory(review=ReviewFactory(partnership=partnership))


@pytest.fixture
def on_recommendation(officer, engagement, contribution, theme, recommendation):
    return services.you_said_we_did_link(
        by=officer,
        engagement=engagement,
        theme=theme,
        contribution=contribution,
        recommendation=recommendation,
        what_we_did="The MASH now names one contact for each family.",
        linked_on=timezone.localdate(),
    )


@pytest.fixture
def on_action(officer, engagement, contribution, theme, partnership):
    action = PlanActionFactory(
        plan__partnership=partnership, plan__monitoring_body__partnership=partnership
    )
    services.you_said_we_did_link(
        by=officer,
        engagement=engagement,
        theme=theme,
        contribution=contribution,
        action=action,
        what_we_did="Families get a weekly call.",
        linked_on=timezone.localdate(),
    )
    return action


def _withdraw(worker, engagement):
    consent = engagement.consents.get(kind=ConsentKind.SHARE_VIEWS, withdrawn_on__isnull=True)
    return services.consent_withdraw(
        by=worker, consent=consent, withdrawn_on=timezone.localdate(), withdrawal_note="By phone"
    )


def _render_tag(user, **target):
    request = RequestFactory().get("/")
    request.user = user
    names = " ".join(f"{k}={k}" for k in target)
    template = Template("{% load voice %}{% you_said_we_did " + names + " %}")
    return template.render(Context({"request": request, **target}))


def test_shared_words_show_on_the_recommendation_while_consent_is_in_force(
    officer, on_recommendation, recommendation
):
    (link,) = selectors.you_said_we_did_for(viewer=officer, recommendation=recommendation)
    assert link.shared_words == WORDS


def test_withdrawing_consent_hides_the_words_on_the_recommendation_but_keeps_the_theme(
    officer, worker, engagement, on_recommendation, recommendation
):
    _withdraw(worker, engagement)
    (link,) = selectors.you_said_we_did_for(viewer=officer, recommendation=recommendation)
    assert link.shared_words == ""
    assert link.theme.name == "Being kept informed"
    assert link.what_we_did == "The MASH now names one contact for each family."


def test_withdrawing_consent_hides_the_words_on_a_plan_action(
    officer, worker, engagement, on_action
):
    assert selectors.you_said_we_did_for(viewer=officer, action=on_action).get().shared_words
    _withdraw(worker, engagement)
    (link,) = selectors.you_said_we_did_for(viewer=officer, action=on_action)
    assert (link.shared_words, link.theme.name) == ("", "Being kept informed")


def test_withdrawing_consent_hides_the_words_on_the_engagements_evidence(
    officer, worker, engagement, on_recommendation
):
    _withdraw(worker, engagement)
    (link,) = selectors.evidence_of(viewer=officer, engagement=engagement)
    assert link.shared_words == ""


def test_the_snippet_for_recommendation_pages_shows_then_hides_the_words(
    make_user, worker, engagement, on_recommendation, recommendation
):
    member = make_user("review_group_member")
    assert WORDS in _render_tag(member, recommendation=recommendation)
    _withdraw(worker, engagement)
    page = _render_tag(member, recommendation=recommendation)
    assert WORDS not in page
    assert "Being kept informed" in page
    assert "The MASH now names one contact for each family." in page


def test_the_snippet_for_action_pages_hides_the_words_after_withdrawal(
    officer, worker, engagement, on_action
):
    _withdraw(worker, engagement)
    page = _render_tag(officer, action=on_action)
    assert WORDS not in page
    assert "Being kept informed" in page


def test_the_words_stay_in_the_database_after_withdrawal(
    worker, engagement, contribution, on_recommendation
):
    _withdraw(worker, engagement)
    contribution.refresh_from_db()
    assert (contribution.shared_text, contribution.text) == (WORDS, SECRET)


def test_the_audit_trail_shows_the_withdrawal_and_stays_intact(
    worker, engagement, contribution, on_recommendation
):
    before = AuditEvent.objects.count()
    consent = _withdraw(worker, engagement)
    event = AuditEvent.objects.filter(object_type="voice.consent", object_id=str(consent.pk))
    withdrawal = event.order_by("-seq").first()
    assert withdrawal.action == "update"
    assert withdrawal.actor == worker
    assert withdrawal.changes["withdrawn_on"] == [None, timezone.localdate().isoformat()]
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.filter(
        object_type="voice.contribution", object_id=str(contribution.pk), action="create"
    ).exists()
    assert verify_chain(AuditEvent.objects.order_by("seq")).ok


def test_their_words_cannot_be_attached_after_withdrawal(
    officer, worker, engagement, contribution, theme, recommendation
):
    _withdraw(worker, engagement)
    with pytest.raises(ValidationError) as e:
        services.you_said_we_did_link(
            by=officer,
            engagement=engagement,
            theme=theme,
            contribution=contribution,
            recommendation=recommendation,
            what_we_did="Done",
            linked_on=timezone.localdate(),
        )
    assert e.value.message_dict["contribution"][0].startswith(
        "Their words can be attached only while their consent to share is in force"
    )


def test_the_evidence_form_offers_no_words_after_withdrawal(
    officer, worker, engagement, contribution
):
    form = YouSaidWeDidForm(engagement=engagement, viewer=officer)
    assert list(form.fields["contribution"].queryset) == [contribution]
    _withdraw(worker, engagement)
    form = YouSaidWeDidForm(engagement=engagement, viewer=officer)
    assert list(form.fields["contribution"].queryset) == []


def test_withdrawing_consent_for_one_young_person_leaves_anothers_words_shown(
    officer, worker, partnership, engagement, on_recommendation, recommendation, theme
):
    other = consented(
        EngagementFactory(partnership=partnership, owner=worker),
        ConsentKind.BE_RECORDED,
        ConsentKind.SHARE_VIEWS,
    )
    theirs = ContributionFactory(
        session=SessionFactory(engagement=other), shared_text="Other words"
    )
    services.you_said_we_did_link(
        by=officer,
        engagement=other,
        theme=theme,
        contribution=theirs,
        recommendation=recommendation,
        what_we_did="Done",
        linked_on=timezone.localdate(),
    )
    _withdraw(worker, engagement)
    shown = {
        link.engagement_id: link.shared_words
        for link in selectors.you_said_we_did_for(viewer=officer, recommendation=recommendation)
    }
    assert shown == {engagement.pk: "", other.pk: "Other words"}


def test_nobody_outside_the_engagement_team_reads_the_raw_words_on_evidence(
    client, officer, on_recommendation, engagement
):
    sign_in(client, officer)
    page = client.get(reverse("voice:detail", args=[engagement.pk])).content.decode()
    assert SECRET not in page
    assert Contribution.objects.filter(text=SECRET).exists()


PAGES = {  # the page, and what stays on it once the words are hidden
    "engagement": (
        lambda f: reverse("voice:detail", args=[f("engagement").pk]),
        "Being kept informed",
    ),
    "recommendation": (
        lambda f: reverse("reviews:recommendation_detail", args=[f("recommendation").pk]),
        "The MASH now names one contact for each family.",
    ),
    "action": (
        lambda f: reverse("actionplans:action_detail", args=[f("on_action").pk]),
        "Families get a weekly call.",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_shows_their_words_until_consent_is_withdrawn(
    request, client, officer, worker, engagement, on_recommendation, page
):
    url_of, kept = PAGES[page]
    url = url_of(request.getfixturevalue)
    sign_in(client, officer)
    assert WORDS in client.get(url).content.decode()
    _withdraw(worker, engagement)
    shown = client.get(url).content.decode()
    assert WORDS not in shown
    assert kept in shown


def _pack_of(action):
    from django.contrib.contenttypes.models import ContentType

    from cairn.actionplans.packs import meeting_pack_html
    from cairn.governance.models import AgendaItem, AgendaItemKind
    from cairn.governance.tests.factories import MeetingFactory

    action.proposed_for_closure = True
    action.save()
    meeting = MeetingFactory(body=action.plan.monitoring_body, held_on=timezone.localdate())
    AgendaItem.objects.create(
        meeting=meeting,
        title="Actions proposed for closure",
        kind=AgendaItemKind.CLOSURE_PROPOSAL,
        subject_type=ContentType.objects.get_for_model(action.plan),
        subject_id=action.plan.pk,
    )
    return meeting_pack_html(meeting=meeting)


def test_the_meeting_pack_shows_their_words_beside_an_action_proposed_for_closure(
    on_action,
):
    pack = _pack_of(on_action)
    assert "You said, we did" in pack
    assert WORDS in pack
    assert "Families get a weekly call." in pack


def test_the_meeting_pack_hides_their_words_after_withdrawal(worker, engagement, on_action):
    _withdraw(worker, engagement)
    pack = _pack_of(on_action)
    assert WORDS not in pack
    assert "Being kept informed" in pack
    assert "Families get a weekly call." in pack
