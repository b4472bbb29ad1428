"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py).

A sent briefing (which anyone in the partnership may read), a draft (for the pages that only
apply before sending) and one of the partnership's own practice resources."""

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import UserFactory
from cairn.learning import services
from cairn.learning.models import Resource
from cairn.learning.tests.factories import BriefingFactory


def records(world):
    partnership, school = world["partnership"], world["school"]
    officer = UserFactory(agency=world["agency"], roles=[Role.PARTNERSHIP_OFFICER])
    UserFactory(agency=school, roles=[Role.DSL])
    sent = BriefingFactory(partnership=partnership, agencies=[school], created_by=officer)
    world["briefing"] = services.briefing_send(by=officer, briefing=sent, expected_version=1)
    world["draft_briefing"] = BriefingFactory(
        partnership=partnership, agencies=[school], created_by=officer
    )
    world["practice_resource"] = Resource.objects.create(
        partnership=partnership,
        key="local-pathway",
        title="Local pathway",
        publisher="The partnership",
        summary="Who to call.",
        themes=["multi_agency"],
    )


def url_kwargs(world):
    sent = {"pk": world["briefing"].pk}
    draft = {"pk": world["draft_briefing"].pk}
    return {
        "learning:briefing": sent,
        "learning:acknowledge": sent,
        "learning:follow_up": sent,
        "learning:briefing_detail": sent,
        "learning:briefing_edit": draft,
        "learning:briefing_send": draft,
        "learning:briefing_correct": sent,
        "learning:briefing_reach_csv": sent,
        "learning:resource_edit": {"pk": world["practice_resource"].pk},
    }
