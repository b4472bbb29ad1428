"""Reads: a recipient's briefings, who may read what, reach by agency under disclosure control."""

import pytest
from django.utils import timezone

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import SchoolFactory, UserFactory
from cairn.learning import selectors, services
from cairn.learning.models import Receipt
from cairn.learning.tests.factories import BriefingFactory, ReceiptFactory

pytestmark = pytest.mark.django_db


def _send(briefing, by):
    return services.briefing_send(by=by, briefing=briefing, expected_version=briefing.version)


def test_a_recipient_sees_unread_briefings_first(officer, partnership, schools, dsls):
    first = _send(BriefingFactory(partnership=partnership, agencies=schools), officer)
    second = _send(BriefingFactory(partnership=partnership, agencies=schools), officer)
    services.receipt_acknowledge(
        by=dsls[0], receipt=Receipt.objects.get(briefing=second, recipient=dsls[0])
    )
    assert [r.briefing for r in selectors.my_briefings(viewer=dsls[0])] == [first, second]


def test_a_draft_is_not_in_anyones_briefings(draft, dsls):
    assert list(selectors.my_briefings(viewer=dsls[0])) == []


def test_anyone_in_the_partnership_may_read_a_sent_briefing(officer, draft, dsls, make_user):
    _send(draft, officer)
    nurse = make_user(Role.AGENCY_PRACTITIONER)
    assert selectors.briefing_to_read(viewer=nurse, pk=draft.pk) == draft


def test_a_draft_is_read_only_by_those_who_manage_briefings(officer, draft, dsls):
    assert selectors.briefing_to_read(viewer=dsls[0], pk=draft.pk) is None
    assert selectors.briefing_to_read(viewer=officer, pk=draft.pk) == draft


def test_another_partnerships_user_never_reads_a_briefing(officer, draft, dsls):
    _send(draft, officer)
    stranger = UserFactory(roles=[Role.DSL])
    assert selectors.briefing_to_read(viewer=stranger, pk=draft.pk) is None


def _receipts(briefing, agency, *, not_read=0, read=0, followed_up=0):
    now = timezone.now()
    for _ in range(not_read):
        ReceiptFactory(briefing=briefing, agency=agency)
    for _ in range(read):
        ReceiptFactory(briefing=briefing, agency=agency, read_at=now)
    for _ in range(followed_up):
        ReceiptFactory(briefing=briefing, agency=agency, read_at=now, answered_at=now)


def test_reach_by_agency_shows_sent_read_and_followed_up_with_percentages(partnership):
    briefing = BriefingFactory(partnership=partnership)
    big = SchoolFactory(partnership=partnership, name="Big Academy")
    _receipts(briefing, big, not_read=10, read=20, followed_up=10)
    reach = selectors.reach_for(briefing=briefing)
    row = reach.rows[0]
    assert (row.agency, row.sent.shown, row.read.shown, row.followed_up.shown) == (
        "Big Academy",
        "40",
        "30",
        "10",
    )
    assert (row.read_percent, row.followed_up_percent) == ("75.0", "25.0")


def test_small_reach_counts_are_suppressed_and_cannot_be_worked_out(partnership):
    briefing = BriefingFactory(partnership=partnership)
    a = SchoolFactory(partnership=partnership, name="A School")
    b = SchoolFactory(partnership=partnership, name="B School")
    _receipts(briefing, a, not_read=10, read=12, followed_up=2)
    _receipts(briefing, b, not_read=9, read=11, followed_up=8)
    reach = selectors.reach_for(briefing=briefing)
    row_a = reach.rows[0]
    assert row_a.followed_up.shown == "c"
    assert row_a.read.shown == "c"  # 14 = 12 + 2 would give the 2 away
    assert row_a.followed_up_percent == "c"
    shown = [c.shown for r in reach.rows for c in (r.not_read, r.read_only, r.followed_up)]
    assert shown.count("c") >= 2  # secondary suppression: the column total gives nothing away


def test_the_reach_csv_rows_hold_only_published_figures(partnership):
    briefing = BriefingFactory(partnership=partnership)
    school = SchoolFactory(partnership=partnership, name="One School")
    _receipts(briefing, school, not_read=1, read=2)
    lines = selectors.reach_for(briefing=briefing).csv_rows()
    assert lines[0][:3] == ["Agency", "Sent", "Read"]
    assert lines[1] == ["One School", "c", "c", "c", "c", "c", "c"]


def test_the_practice_links_for_a_topic_are_the_resources_tagged_with_it(dsls):
    from cairn.learning.tests.factories import ResourceFactory

    brook = ResourceFactory(title="Traffic light tool", topics=["hsb_assessment"])
    ResourceFactory(title="Context toolkit", topics=["context"])
    ResourceFactory(title="Retired tool", topics=["hsb_assessment"], is_active=False)
    assert selectors.practice_links(viewer=dsls[0], topic="hsb_assessment") == [brook]


def test_practice_links_refuse_an_unknown_topic(dsls):
    with pytest.raises(ValueError, match="Unknown practice library topic 'hsb'"):
        selectors.practice_links(viewer=dsls[0], topic="hsb")


def test_a_partnerships_local_resources_are_not_seen_by_another(dsls, officer):
    local = services.resource_add(
        by=officer,
        partnership=officer.partnership,
        title="Local HSB pathway",
        publisher="Testshire SCP",
        summary="Who to call.",
        themes=["harmful_sexual_behaviour"],
        topics=["hsb_assessment"],
    )
    stranger = UserFactory(roles=[Role.DSL])
    assert list(selectors.library_for(viewer=dsls[0])) == [local]
    assert list(selectors.library_for(viewer=stranger)) == []
