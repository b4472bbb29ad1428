"""The context map and the peer network: who may see them, what they link, and that a child the
viewer may not see is never drawn."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.audit.models import AuditEvent
from cairn.guidance.tests.test_checks import at
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.tests.factories import ContextFactory, IncidentFactory, InvolvementFactory
from cairn.insights.dashboards import Filters
from cairn.insights.networks import context_map, peer_network
from cairn.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = Filters(reported_from=D(2019, 1, 1), reported_to=D(2019, 12, 31))
QUERY_2019 = {
    "reported_from_day": "1", "reported_from_month": "1", "reported_from_year": "2019",
    "reported_to_day": "31", "reported_to_month": "12", "reported_to_year": "2019",
}  # fmt: skip


@pytest.fixture
def cluster(partnership, la):
    """Three children in two incidents at one school, and a lone incident elsewhere."""
    school = ContextFactory(partnership=partnership, kind="school", name="Kingsmere Academy")
    park = ContextFactory(partnership=partnership, kind="neighbourhood", name="Riverside park")
    amy, ben, cal = (PersonFactory(partnership=partnership) for _ in range(3))
    first = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 3, 1))
    )
    second = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 5, 1))
    )
    lone = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 6, 1))
    )
    first.contexts.add(school)
    second.contexts.add(school)
    lone.contexts.add(park)
    InvolvementFactory(incident=first, person=amy, role=InvolvementRole.HARMED)
    InvolvementFactory(incident=first, person=ben, role=InvolvementRole.HARMED_OTHERS)
    InvolvementFactory(incident=second, person=ben, role=InvolvementRole.HARMED_OTHERS)
    InvolvementFactory(incident=second, person=cal, role=InvolvementRole.HARMED)
    InvolvementFactory(incident=lone, role=InvolvementRole.HARMED)
    return {"school": school, "park": park, "amy": amy, "ben": ben, "cal": cal}


def test_the_map_sizes_each_context_by_its_incidents(make_user, cluster):
    bands, svg = context_map(viewer=make_user(Role.MASH_MANAGER), filters=YEAR)
    counts = {s.context.name: s.incidents for b in bands for s in b.spots}
    assert counts == {"Kingsmere Academy": 2, "Riverside park": 1}
    assert reverse("incidents:context_detail", args=[cluster["school"].pk]) in svg


def test_children_linked_through_incidents_and_a_context_form_one_group(make_user, cluster):
    groups, svg, _too_large = peer_network(viewer=make_user(Role.MASH_MANAGER), filters=YEAR)
    assert len(groups) == 1
    group = groups[0]
    assert {n.label for n in group.children} == {
        f"{p.given_name} {p.family_name}" for p in (cluster["amy"], cluster["ben"], cluster["cal"])
    }
    assert [n.label for n in group.contexts] == ["Kingsmere Academy"]
    assert group.incidents == 2
    ben = next(n for n in group.children if n.key == f"p{cluster['ben'].pk}")
    assert ben.roles_text == "allegedly harmed others" and len(ben.incidents) == 2
    assert reverse("people:detail", args=[cluster["ben"].pk]) in svg


def test_the_same_data_draws_the_same_picture(make_user, cluster):
    viewer = make_user(Role.MASH_MANAGER)
    assert (
        peer_network(viewer=viewer, filters=YEAR)[1] == peer_network(viewer=viewer, filters=YEAR)[1]
    )


def test_a_restricted_child_is_not_drawn_for_an_excluded_user(make_user, cluster):
    viewer = make_user(Role.MASH_MANAGER)
    involvement = cluster["ben"].involvements.first()
    involvement.restricted = True
    involvement.save()
    involvement.excluded_users.add(viewer)
    groups, svg, _too_large = peer_network(viewer=viewer, filters=YEAR)
    drawn = {n.key for g in groups for n in g.nodes}
    assert f"p{cluster['ben'].pk}" in drawn  # still seen through his second incident
    involvement2 = cluster["ben"].involvements.exclude(pk=involvement.pk).get()
    involvement2.restricted = True
    involvement2.save()
    involvement2.excluded_users.add(viewer)
    groups, svg, _too_large = peer_network(viewer=viewer, filters=YEAR)
    assert f"p{cluster['ben'].pk}" not in {n.key for g in groups for n in g.nodes}
    assert cluster["ben"].family_name not in svg


def test_the_page_is_for_case_level_roles_and_each_look_is_logged(
    client, signed_in, make_user, cluster
):
    signed_in(client, make_user(Role.ANALYST))
    assert client.get(reverse("insights:networks")).status_code == 403
    manager = make_user(Role.MASH_MANAGER)
    signed_in(client, manager)
    page = client.get(reverse("insights:networks"), QUERY_2019).content.decode()
    assert "Kingsmere Academy" in page and "Group" in page
    logged = AuditEvent.objects.filter(object_type="insights.peer_network", actor=manager).get()
    assert f"p{cluster['ben'].pk}" in logged.changes["children"]


def test_a_group_too_large_to_draw_is_left_out_and_smaller_ones_are_still_drawn(
    make_user, cluster, partnership, la, monkeypatch
):
    from cairn.insights import networks

    platform = ContextFactory(partnership=partnership, kind="online", name="Year 8 group chat")
    for _ in range(2):
        shared = IncidentFactory(
            partnership=partnership, reporting_agency=la, reported_at=at(D(2019, 9, 1))
        )
        shared.contexts.add(platform)
        for _ in range(2):
            InvolvementFactory(incident=shared, role=InvolvementRole.HARMED)
    monkeypatch.setattr(networks, "MAX_NODES", 4)  # the platform's group has 5: 4 children
    groups, svg, too_large = peer_network(viewer=make_user(Role.MASH_MANAGER), filters=YEAR)
    assert too_large == [(4, 1)]
    assert [g.number for g in groups] == [1]
    assert [n.label for n in groups[0].contexts] == ["Kingsmere Academy"]


def test_the_page_says_a_group_was_too_large_to_draw(
    client, signed_in, make_user, cluster, monkeypatch
):
    from cairn.insights import networks

    monkeypatch.setattr(networks, "MAX_NODES", 3)  # the school's group has 4: 3 children
    signed_in(client, make_user(Role.MASH_MANAGER))
    page = client.get(reverse("insights:networks"), QUERY_2019).content.decode()
    assert "1 group too large to draw is left out" in page
    assert "the largest links 3 children and 1 context." in page
    assert "No group of three or more" not in page
