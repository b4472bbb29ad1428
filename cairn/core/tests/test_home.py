"""The home page: the parts of Cairn a user's roles open, with their work, and nothing else."""

import pytest
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.learning import services as learning_services
from cairn.learning.tests.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def test_a_dsl_sees_their_unread_briefings_but_not_listening_or_publications(
    client, signed_in, make_user, school, partnership, la
):
    dsl = make_user(Role.DSL, agency=school)
    officer = make_user(Role.PARTNERSHIP_OFFICER)
    briefing = BriefingFactory(partnership=partnership, agencies=[school], created_by=officer)
    learning_services.briefing_send(by=officer, briefing=briefing, expected_version=1)
    signed_in(client, dsl)
    html = client.get(reverse("core:home")).content.decode()
    assert "Learning briefings" in html
    assert "Briefings you have not yet read" in html
    assert "Listening to young people" not in html
    assert reverse("publishing:list") not in html


def test_the_engagement_worker_and_partnership_lead_find_listening_and_publications(
    client, signed_in, make_user
):
    signed_in(client, make_user(Role.ENGAGEMENT_WORKER))
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("voice:list") in html
    client.logout()
    signed_in(client, make_user(Role.PARTNERSHIP_LEAD))
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("publishing:list") in html
    assert reverse("public:list") in html
