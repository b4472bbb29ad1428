"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py)."""

from cairn.governance.tests.factories import (
    AgendaItemFactory,
    BodyDecisionFactory,
    BodyMemberFactory,
    GovernanceBodyFactory,
    MeetingFactory,
)


def records(world):
    p = world["partnership"]
    body = GovernanceBodyFactory(partnership=p)
    meeting = MeetingFactory(body=body)
    world |= {
        "body": body,
        "body_member": BodyMemberFactory(body=body),
        "meeting": meeting,
        "agenda_item": AgendaItemFactory(meeting=meeting),
        "body_decision": BodyDecisionFactory(body=body, recorded_by=world["subject"]),
    }


def url_kwargs(world):
    return {
        "governance:body_detail": {"pk": world["body"].pk},
        "governance:body_edit": {"pk": world["body"].pk},
        "governance:member_new": {"pk": world["body"].pk},
        "governance:member_edit": {"pk": world["body_member"].pk},
        "governance:meeting_new": {"pk": world["body"].pk},
        "governance:meeting_detail": {"pk": world["meeting"].pk},
        "governance:meeting_edit": {"pk": world["meeting"].pk},
        "governance:agenda_item_new": {"pk": world["meeting"].pk},
        "governance:agenda_item_move": {"pk": world["agenda_item"].pk},
        "governance:agenda_item_remove": {"pk": world["agenda_item"].pk},
        "governance:decision_new": {"pk": world["body"].pk},
        "governance:decision_edit": {"pk": world["body_decision"].pk},
    }
